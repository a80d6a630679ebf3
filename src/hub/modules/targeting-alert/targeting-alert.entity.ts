import { Collection } from '@mikro-orm/core';
import { Entity, Enum, Index, ManyToMany, ManyToOne, Property } from '@mikro-orm/decorators/legacy';
import { Directive, Field, ObjectType, registerEnumType } from 'type-graphql';
import { ClassifiedRecord, type ClassifiedProps } from '../../common/classified.entity.js';
import { ContainerNumberScalar, ImoNumberScalar } from '../../common/scalars.js';
import { Agency, AgencyKind } from '../agency/agency.entity.js';
import { Port } from '../port/port.entity.js';
import { RiskIndicator } from '../risk-indicator/risk-indicator.entity.js';
import { Seizure } from '../seizure/seizure.entity.js';

/** What the alert's status shows: the stored state, or EXPIRED (computed: targeting-alert.status.ts). */
export enum TargetingAlertStatus {
  OPEN = 'OPEN',
  ACKNOWLEDGED = 'ACKNOWLEDGED',
  CLOSED = 'CLOSED',
  EXPIRED = 'EXPIRED',
}
registerEnumType(TargetingAlertStatus, {
  name: 'TargetingAlertStatus',
  description: 'OPEN → ACKNOWLEDGED → CLOSED; an alert not closed is EXPIRED once the expected arrival is past by the configured delay.',
  valuesConfig: {
    OPEN: { description: 'Raised; no addressed agency has acknowledged it yet.' },
    ACKNOWLEDGED: { description: 'An addressed agency took it on; its control outcome is awaited.' },
    CLOSED: { description: 'The acknowledging agency recorded the control outcome.' },
    EXPIRED: { description: 'Not closed TARGETING_ALERT_EXPIRY_HOURS after the expected arrival: the loop is over.' },
  },
});

/** What is stored: EXPIRED is never stored, it depends on the time of reading. */
export type TargetingAlertState = TargetingAlertStatus.OPEN | TargetingAlertStatus.ACKNOWLEDGED | TargetingAlertStatus.CLOSED;
export const STORED_STATES = [TargetingAlertStatus.OPEN, TargetingAlertStatus.ACKNOWLEDGED, TargetingAlertStatus.CLOSED] as const;

/** The agencies that control containers: they raise alerts, and are the ones alerts may be addressed to. */
export const CONTROLLING_KINDS: readonly AgencyKind[] = [AgencyKind.CUSTOMS, AgencyKind.POLICE];

export enum ControlOutcome {
  CONTROLLED = 'CONTROLLED',
  NOT_CONTROLLED = 'NOT_CONTROLLED',
}
registerEnumType(ControlOutcome, { name: 'ControlOutcome' });

export enum ControlResult {
  NO_FINDING = 'NO_FINDING',
  DISCREPANCY = 'DISCREPANCY',
  SEIZURE = 'SEIZURE',
}
registerEnumType(ControlResult, { name: 'ControlResult', description: 'What a control found; SEIZURE links the seizure report.' });

export enum NotControlledReason {
  ALREADY_DEPARTED = 'ALREADY_DEPARTED',
  NOT_ARRIVED = 'NOT_ARRIVED',
  INSUFFICIENT_GROUNDS = 'INSUFFICIENT_GROUNDS',
  CAPACITY = 'CAPACITY',
}
registerEnumType(NotControlledReason, { name: 'NotControlledReason' });

/** Route ports, risk indicators and addressed agencies are set on their collections. */
export interface TargetingAlertProps extends ClassifiedProps {
  containerNumber: string;
  vesselImo?: string | null;
  voyage?: string | null;
  billOfLading?: string | null;
  portOfLoading: Port;
  portOfDischarge: Port;
  expectedArrival: Date;
  narrative?: string | null;
}

@ObjectType({ description: "A container-targeting alert of the referents' network: raised by one agency, addressed to the agencies of the ports the container will reach." })
@Directive('@key(fields: "id")')
@Entity({ tableName: 'targeting_alert' })
// Lists are latest raised first: all alerts, or an agency's.
@Index({ properties: ['createdAt', 'id'] })
@Index({ properties: ['originAgency', 'createdAt', 'id'] })
export class TargetingAlert extends ClassifiedRecord {
  @Field(() => ContainerNumberScalar, { description: 'ISO 6346 container number.' })
  @Property({ length: 11, index: true })
  containerNumber!: string;

  @Field(() => ImoNumberScalar, { nullable: true, description: 'IMO number of the vessel carrying the container.' })
  @Property({ length: 7, nullable: true })
  vesselImo?: string | null;

  @Field(() => String, { nullable: true })
  @Property({ length: 20, nullable: true })
  voyage?: string | null;

  @Field(() => String, { nullable: true, description: 'Bill of lading reference.' })
  @Property({ length: 35, nullable: true })
  billOfLading?: string | null;

  @ManyToOne({ entity: () => Port, index: true })
  portOfLoading!: Port;

  @ManyToMany({ entity: () => Port, pivotTable: 'targeting_alert_transshipment_port', fixedOrder: true, fixedOrderColumn: 'position' })
  transshipmentPorts = new Collection<Port>(this);

  @ManyToOne({ entity: () => Port, index: true })
  portOfDischarge!: Port;

  /**
   * Every port of the route (loading, transshipment, discharge), kept with the alert for the lists that select by
   * port (Port.targetingAlerts, filter.ports): one pivot to read instead of three places.
   */
  @ManyToMany({ entity: () => Port, pivotTable: 'targeting_alert_route_port' })
  routePorts = new Collection<Port>(this);

  @Field(() => Date, { description: 'When the container is expected at its port of discharge.' })
  @Property({ type: 'datetime', columnType: 'timestamptz' })
  expectedArrival!: Date;

  @ManyToMany({ entity: () => RiskIndicator, pivotTable: 'targeting_alert_risk_indicator' })
  riskIndicators = new Collection<RiskIndicator>(this);

  @Field(() => String, { nullable: true, description: 'Free text of the raising referent.' })
  @Property({ type: 'text', nullable: true })
  narrative?: string | null;

  // Named on the record: RED alerts show to them (and the raising agency) only.
  @ManyToMany({ entity: () => Agency, pivotTable: 'targeting_alert_addressee' })
  addressedAgencies = new Collection<Agency>(this);

  /** The stored part of the status (GraphQL `status` adds EXPIRED). */
  @Enum({ items: () => STORED_STATES, default: TargetingAlertStatus.OPEN, index: true })
  state: TargetingAlertState = TargetingAlertStatus.OPEN;

  @Field(() => Date, { nullable: true })
  @Property({ type: 'datetime', columnType: 'timestamptz', nullable: true })
  acknowledgedAt?: Date | null;

  @ManyToOne({ entity: () => Agency, nullable: true })
  acknowledgingAgency?: Agency | null;

  @Field(() => ControlOutcome, { nullable: true })
  @Enum({ items: () => ControlOutcome, nullable: true })
  controlOutcome?: ControlOutcome | null;

  @Field(() => ControlResult, { nullable: true, description: 'When CONTROLLED.' })
  @Enum({ items: () => ControlResult, nullable: true })
  controlResult?: ControlResult | null;

  @Field(() => NotControlledReason, { nullable: true, description: 'When NOT_CONTROLLED.' })
  @Enum({ items: () => NotControlledReason, nullable: true })
  notControlledReason?: NotControlledReason | null;

  @Field(() => Date, { nullable: true, description: 'When the container was controlled, or the outcome recorded if it was not.' })
  @Property({ type: 'datetime', columnType: 'timestamptz', nullable: true })
  controlledAt?: Date | null;

  @Field(() => String, { nullable: true })
  @Property({ type: 'text', nullable: true })
  outcomeRemarks?: string | null;

  // A seizure may come of several alerts (no unique key: a clash would tell of an alert the viewer may not see).
  @ManyToOne({ entity: () => Seizure, nullable: true, index: true })
  seizure?: Seizure | null;

  constructor(props: TargetingAlertProps) {
    super(props);
    this.containerNumber = props.containerNumber;
    this.vesselImo = props.vesselImo;
    this.voyage = props.voyage;
    this.billOfLading = props.billOfLading;
    this.portOfLoading = props.portOfLoading;
    this.portOfDischarge = props.portOfDischarge;
    this.expectedArrival = props.expectedArrival;
    this.narrative = props.narrative;
  }
}
