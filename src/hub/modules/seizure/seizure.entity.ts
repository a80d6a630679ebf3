import { Collection } from '@mikro-orm/core';
import { Entity, Enum, Index, ManyToMany, ManyToOne, Property, Unique } from '@mikro-orm/decorators/legacy';
import { Directive, Field, ObjectType, registerEnumType } from 'type-graphql';
import { ClassifiedRecord, type ClassifiedProps } from '../../common/classified.entity.js';
import { HandlingCode } from '../../common/enums.js';
import { ContainerNumberScalar, DecimalScalar, LocalDateScalar } from '../../common/scalars.js';
import { Investigation } from '../investigation/investigation.entity.js';
import { Port } from '../port/port.entity.js';

/** Drug types as reported to the EU drugs agency. */
export enum DrugType {
  COCAINE = 'COCAINE',
  CANNABIS_RESIN = 'CANNABIS_RESIN',
  HERBAL_CANNABIS = 'HERBAL_CANNABIS',
  HEROIN = 'HEROIN',
  MDMA = 'MDMA',
  AMPHETAMINE = 'AMPHETAMINE',
  METHAMPHETAMINE = 'METHAMPHETAMINE',
  NEW_PSYCHOACTIVE_SUBSTANCES = 'NEW_PSYCHOACTIVE_SUBSTANCES',
  PRECURSORS = 'PRECURSORS',
}
registerEnumType(DrugType, { name: 'DrugType' });

export enum QuantityUnit {
  KG = 'KG',
  TABLETS = 'TABLETS',
  DOSES = 'DOSES',
  LITRES = 'LITRES',
  UNITS = 'UNITS',
}
registerEnumType(QuantityUnit, { name: 'QuantityUnit' });

export enum Concealment {
  RIP_ON_RIP_OFF = 'RIP_ON_RIP_OFF',
  HIDDEN_IN_CARGO = 'HIDDEN_IN_CARGO',
  CONTAINER_STRUCTURE = 'CONTAINER_STRUCTURE',
  REEFER_UNIT = 'REEFER_UNIT',
  VESSEL_HULL_OR_SEA_CHEST = 'VESSEL_HULL_OR_SEA_CHEST',
  PIN_CODE_FRAUD = 'PIN_CODE_FRAUD',
  EXTRACTION_TEAM = 'EXTRACTION_TEAM',
  INSIDER_HELP = 'INSIDER_HELP',
}
registerEnumType(Concealment, { name: 'Concealment', description: 'Concealment method / modus operandi.' });

export enum DetectionMethod {
  RISK_ANALYSIS = 'RISK_ANALYSIS',
  SCANNER = 'SCANNER',
  DETECTION_DOG = 'DETECTION_DOG',
  INTELLIGENCE = 'INTELLIGENCE',
  RANDOM_CONTROL = 'RANDOM_CONTROL',
}
registerEnumType(DetectionMethod, { name: 'DetectionMethod' });

/** The transit ports and the investigations are set on their collections. */
export interface SeizureProps extends ClassifiedProps {
  reference: string;
  seizedOn: string;
  port: Port;
  drugType: DrugType;
  quantity: string;
  unit: QuantityUnit;
  detectionMethod: DetectionMethod;
  concealment?: Concealment | null;
  containerNumber?: string | null;
  vesselName?: string | null;
  originPort?: Port | null;
  destinationPort?: Port | null;
  riskIndicators?: string[];
  handlingCode?: HandlingCode | null;
  withdrawnAt?: Date | null;
  withdrawalReason?: string | null;
}

@ObjectType({ description: 'A drug seizure reported to the alliance.' })
@Directive('@key(fields: "id")')
@Entity({ tableName: 'seizure' })
// Pages in list order (seizedOn desc, id desc): of all seizures, of a port's, of an agency's, each one index range.
@Index({ properties: ['port', 'seizedOn', 'id'] })
@Index({ properties: ['originAgency', 'seizedOn', 'id'] })
@Index({ properties: ['seizedOn', 'id'] })
@Index({ properties: ['drugType', 'seizedOn'] })
// A reference is the reporting agency's own: unique per agency, so a reference another agency holds (in a report the
// viewer may not see) never makes a difference to an answer (README, "Unique keys and links").
@Unique({ properties: ['originAgency', 'reference'] })
export class Seizure extends ClassifiedRecord {
  @Field({ description: 'Reference given by the reporting agency, unique among its reports; demo data uses DEMO- references.' })
  @Property({ length: 40 })
  reference!: string;

  @Field(() => LocalDateScalar, { description: 'Date of the seizure (YYYY-MM-DD).' })
  @Property({ type: 'string', columnType: 'date' })
  seizedOn!: string;

  @ManyToOne({ entity: () => Port })
  port!: Port;

  @Field(() => DrugType)
  @Enum({ items: () => DrugType })
  drugType!: DrugType;

  @Field(() => DecimalScalar, { description: 'Exact decimal quantity, in `unit`.' })
  @Property({ type: 'decimal', precision: 14, scale: 3 })
  quantity!: string;

  @Field(() => QuantityUnit)
  @Enum({ items: () => QuantityUnit })
  unit!: QuantityUnit;

  @Field(() => DetectionMethod)
  @Enum({ items: () => DetectionMethod })
  detectionMethod!: DetectionMethod;

  // Operational details below: law-enforcement audience only, whatever the label.
  @Field(() => Concealment, { nullable: true })
  @Enum({ items: () => Concealment, nullable: true, index: true })
  concealment?: Concealment | null;

  @Field(() => ContainerNumberScalar, { nullable: true, description: 'ISO 6346 container number.' })
  @Property({ length: 11, nullable: true, index: true })
  containerNumber?: string | null;

  @Field(() => String, { nullable: true })
  @Property({ length: 120, nullable: true })
  vesselName?: string | null;

  @ManyToOne({ entity: () => Port, nullable: true, index: true })
  originPort?: Port | null;

  @ManyToMany({ entity: () => Port, pivotTable: 'seizure_transit_port', fixedOrder: true, fixedOrderColumn: 'position' })
  transitPorts = new Collection<Port>(this);

  @ManyToOne({ entity: () => Port, nullable: true, index: true })
  destinationPort?: Port | null;

  @Field(() => [String], { nullable: true, description: 'Risk indicators that flagged the consignment (law enforcement only).' })
  @Property({ type: 'string[]', columnType: 'text[]' })
  riskIndicators: string[] = [];

  // A seizure may serve several investigations: linking one adds it, never takes the seizure from another.
  @ManyToMany({ entity: () => Investigation, pivotTable: 'seizure_investigation' })
  investigations = new Collection<Investigation>(this);

  // Exposed as ClassifiedRecord.handlingCode: the reporter's choice wins over the code the label implies.
  @Enum({ items: () => HandlingCode, nullable: true })
  handlingCode?: HandlingCode | null;

  protected override providerHandlingCode(): HandlingCode | null {
    return this.handlingCode ?? null;
  }

  @Field(() => Date, { nullable: true, description: 'Set when the reporting agency withdrew the report; withdrawn seizures are left out of lists unless asked for.' })
  @Property({ type: 'datetime', columnType: 'timestamptz', nullable: true })
  withdrawnAt?: Date | null;

  @Field(() => String, { nullable: true })
  @Property({ length: 500, nullable: true })
  withdrawalReason?: string | null;

  constructor(props: SeizureProps) {
    super(props);
    this.reference = props.reference;
    this.seizedOn = props.seizedOn;
    this.port = props.port;
    this.drugType = props.drugType;
    this.quantity = props.quantity;
    this.unit = props.unit;
    this.detectionMethod = props.detectionMethod;
    this.concealment = props.concealment;
    this.containerNumber = props.containerNumber;
    this.vesselName = props.vesselName;
    this.originPort = props.originPort;
    this.destinationPort = props.destinationPort;
    if (props.riskIndicators !== undefined) this.riskIndicators = props.riskIndicators;
    this.handlingCode = props.handlingCode;
    this.withdrawnAt = props.withdrawnAt;
    this.withdrawalReason = props.withdrawalReason;
  }
}
