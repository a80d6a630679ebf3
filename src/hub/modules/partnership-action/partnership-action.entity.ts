import { Collection } from '@mikro-orm/core';
import { Entity, Enum, Index, ManyToMany, Property } from '@mikro-orm/decorators/legacy';
import { Directive, Field, ObjectType, registerEnumType } from 'type-graphql';
import { LocalDateScalar } from '../../common/scalars.js';
import { ClassifiedRecord, type ClassifiedProps } from '../../common/classified.entity.js';
import { Agency } from '../agency/agency.entity.js';
import { Port } from '../port/port.entity.js';

export enum PartnershipStatus {
  PLANNED = 'PLANNED',
  IN_PROGRESS = 'IN_PROGRESS',
  COMPLETED = 'COMPLETED',
  CANCELLED = 'CANCELLED',
}
registerEnumType(PartnershipStatus, { name: 'PartnershipStatus' });

/** Partners and ports are set on the collections; the coordinator is the originAgency. */
export interface PartnershipActionProps extends ClassifiedProps {
  title: string;
  description: string;
  status?: PartnershipStatus;
  commitments?: string[];
  startsOn?: string | null;
}

@ObjectType({ description: 'A public-private action against criminal infiltration or corruption in ports.' })
@Directive('@key(fields: "id")')
@Entity({ tableName: 'partnership_action' })
@Index({ properties: ['createdAt', 'id'] })
export class PartnershipAction extends ClassifiedRecord {
  @Field()
  @Property({ length: 200 })
  title!: string;

  @Field()
  @Property({ length: 2000 })
  description!: string;

  @Field(() => PartnershipStatus)
  @Enum({ items: () => PartnershipStatus, index: true, default: PartnershipStatus.PLANNED })
  status: PartnershipStatus = PartnershipStatus.PLANNED;

  @Field(() => [String], { description: 'What each partner committed to.' })
  @Property({ type: 'string[]', columnType: 'text[]' })
  commitments: string[] = [];

  @Field(() => LocalDateScalar, { nullable: true, description: 'Start date (YYYY-MM-DD).' })
  @Property({ type: 'string', columnType: 'date', nullable: true })
  startsOn?: string | null;

  @ManyToMany({ entity: () => Agency, pivotTable: 'partnership_action_partner' })
  partners = new Collection<Agency>(this);

  @ManyToMany({ entity: () => Port, pivotTable: 'partnership_action_port' })
  ports = new Collection<Port>(this);

  constructor(props: PartnershipActionProps) {
    super(props);
    this.title = props.title;
    this.description = props.description;
    if (props.status !== undefined) this.status = props.status;
    if (props.commitments !== undefined) this.commitments = props.commitments;
    this.startsOn = props.startsOn;
  }
}
