import { Entity, Enum, Index, ManyToOne, Property } from '@mikro-orm/decorators/legacy';
import { Directive, Field, Int, ObjectType, registerEnumType } from 'type-graphql';
import { ClassifiedRecord, type ClassifiedProps } from '../../common/classified.entity.js';
import { EuroAmountScalar } from '../../common/scalars.js';
import { Agency } from '../agency/agency.entity.js';
import { Port } from '../port/port.entity.js';

export enum EquipmentType {
  SCANNER = 'SCANNER',
  DETECTION_DOGS = 'DETECTION_DOGS',
  BOAT = 'BOAT',
  VEHICLE = 'VEHICLE',
  DRONE = 'DRONE',
  ENDOSCOPE = 'ENDOSCOPE',
  DRUG_TEST_KITS = 'DRUG_TEST_KITS',
  IT_SYSTEM = 'IT_SYSTEM',
  OTHER = 'OTHER',
}
registerEnumType(EquipmentType, { name: 'EquipmentType' });

/** The funder is the originAgency. */
export interface EquipmentFundingProps extends ClassifiedProps {
  year: number;
  amountEur: string;
  equipmentType: EquipmentType;
  description: string;
  beneficiary: Agency;
  port?: Port | null;
}

@ObjectType({ description: 'A funding line for equipment paid from confiscated drug proceeds. The funder is the originating agency.' })
@Directive('@key(fields: "id")')
@Entity({ tableName: 'equipment_funding' })
@Index({ properties: ['year', 'id'] })
export class EquipmentFunding extends ClassifiedRecord {
  @Field(() => Int)
  @Property()
  year!: number;

  @Field(() => EuroAmountScalar, { description: 'Amount in EUR, exact to the cent.' })
  @Property({ type: 'decimal', precision: 14, scale: 2 })
  amountEur!: string;

  @Field(() => EquipmentType)
  @Enum({ items: () => EquipmentType, index: true })
  equipmentType!: EquipmentType;

  @Field()
  @Property({ length: 500 })
  description!: string;

  @ManyToOne({ entity: () => Agency, index: true })
  beneficiary!: Agency;

  @ManyToOne({ entity: () => Port, nullable: true, index: true })
  port?: Port | null;

  constructor(props: EquipmentFundingProps) {
    super(props);
    this.year = props.year;
    this.amountEur = props.amountEur;
    this.equipmentType = props.equipmentType;
    this.description = props.description;
    this.beneficiary = props.beneficiary;
    this.port = props.port;
  }
}
