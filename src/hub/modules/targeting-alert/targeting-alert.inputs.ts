import { ArrayMaxSize, ArrayMinSize, ArrayUnique, IsOptional, IsUUID, Matches, MaxLength } from 'class-validator';
import { Field, ID, InputType } from 'type-graphql';
import { Tlp } from '../../common/enums.js';
import { IdempotencyKeyField } from '../../common/idempotency.js';
import { ContainerNumberScalar, ImoNumberScalar, UnLocodeScalar } from '../../common/scalars.js';
import { ControlOutcome, ControlResult, NotControlledReason, TargetingAlertStatus } from './targeting-alert.entity.js';
import { VersionField } from '../../common/validation.js';

const MAX_FILTER_VALUES = 50;
export const MAX_TRANSSHIPMENT_PORTS = 6;
export const MAX_ALERT_INDICATORS = 20;
export const MAX_ADDRESSED_AGENCIES = 30;

@InputType({ description: 'Filters for targeting alert lists; all given filters must match, a list matches any of its values.' })
export class TargetingAlertFilter {
  @Field(() => [UnLocodeScalar], { nullable: true, description: 'The route (loading, transshipment or discharge) includes any of these ports.' })
  @IsOptional()
  @ArrayMaxSize(MAX_FILTER_VALUES)
  ports?: string[] | null;

  @Field(() => [TargetingAlertStatus], { nullable: true, description: 'Any of these statuses, as the alerts show them now.' })
  @IsOptional()
  @ArrayMaxSize(MAX_FILTER_VALUES)
  statuses?: TargetingAlertStatus[] | null;

  @Field(() => [String], { nullable: true, description: 'Cites any of these risk indicators (codes; indicators you may not see match nothing).' })
  @IsOptional()
  @ArrayMaxSize(MAX_FILTER_VALUES)
  @MaxLength(73, { each: true })
  riskIndicators?: string[] | null;

  @Field(() => Date, { nullable: true, description: 'Raised at or after this instant.' })
  from?: Date | null;

  @Field(() => Date, { nullable: true, description: 'Raised before this instant.' })
  to?: Date | null;

  @Field(() => Boolean, { nullable: true, description: 'Only the alerts addressed to your agency.' })
  addressedToMe?: boolean | null;
}

const referencePattern = /^[A-Za-z0-9][A-Za-z0-9 ./_-]*$/;

@InputType({ description: 'A container-targeting alert raised by your agency.' })
export class RaiseTargetingAlertInput {
  @Field(() => ContainerNumberScalar, { description: 'ISO 6346 container number; the check digit is verified.' })
  containerNumber!: string;

  @Field(() => ImoNumberScalar, { nullable: true, description: 'IMO number of the vessel; the check digit is verified.' })
  vesselImo?: string | null;

  @Field(() => String, { nullable: true, description: 'Voyage number, at most 20 characters.' })
  @IsOptional()
  @MaxLength(20)
  @Matches(referencePattern, { message: 'voyage may contain only letters, digits, spaces and . / _ -' })
  voyage?: string | null;

  @Field(() => String, { nullable: true, description: 'Bill of lading reference, at most 35 characters.' })
  @IsOptional()
  @MaxLength(35)
  @Matches(referencePattern, { message: 'billOfLading may contain only letters, digits, spaces and . / _ -' })
  billOfLading?: string | null;

  @Field(() => UnLocodeScalar)
  portOfLoading!: string;

  @Field(() => [UnLocodeScalar], { defaultValue: [], description: `Transshipment ports in route order, at most ${MAX_TRANSSHIPMENT_PORTS}, each once.` })
  @ArrayMaxSize(MAX_TRANSSHIPMENT_PORTS)
  @ArrayUnique({ message: 'transshipmentPorts must not name a port twice' })
  transshipmentPorts!: string[];

  @Field(() => UnLocodeScalar)
  portOfDischarge!: string;

  @Field(() => Date, { description: 'When the container is expected at its port of discharge (ISO 8601 date and time).' })
  expectedArrival!: Date;

  @Field(() => [String], { description: `Codes of the risk indicators that fired (1 to ${MAX_ALERT_INDICATORS}), from the catalogue.` })
  @ArrayMinSize(1)
  @ArrayMaxSize(MAX_ALERT_INDICATORS)
  @ArrayUnique({ message: 'riskIndicators must not name an indicator twice' })
  @MaxLength(73, { each: true })
  riskIndicators!: string[];

  @Field(() => String, { nullable: true, description: 'Free text, at most 10000 characters.' })
  @IsOptional()
  @MaxLength(10000)
  narrative?: string | null;

  @Field(() => Tlp, { defaultValue: Tlp.AMBER, description: 'TLP label: AMBER unless given; never CLEAR; RED keeps it to your agency and the addressed agencies.' })
  tlp!: Tlp;

  @Field(() => [ID], { nullable: true, description: 'Customs or police agencies to warn; by default those serving the transshipment ports and the port of discharge (your own agency aside).' })
  @IsOptional()
  @ArrayMinSize(1)
  @ArrayMaxSize(MAX_ADDRESSED_AGENCIES)
  @ArrayUnique({ message: 'addressedAgencies must not name an agency twice' })
  @IsUUID('all', { each: true, message: 'each addressed agency must be an agency id (UUID)' })
  addressedAgencies?: string[] | null;

  @IdempotencyKeyField('targeting alert')
  idempotencyKey?: string | null;
}

@InputType({ description: 'Your agency, addressed by the alert, takes it on.' })
export class AcknowledgeTargetingAlertInput {
  @Field(() => ID)
  @IsUUID('all', { message: 'id must be an id returned by the hub' })
  id!: string;

  @VersionField()
  version!: number;
}

@InputType({ description: 'The control outcome of an alert your agency acknowledged; closes the alert.' })
export class RecordControlOutcomeInput {
  @Field(() => ID)
  @IsUUID('all', { message: 'id must be an id returned by the hub' })
  id!: string;

  @VersionField()
  version!: number;

  @Field(() => ControlOutcome)
  outcome!: ControlOutcome;

  @Field(() => ControlResult, { nullable: true, description: 'Required when CONTROLLED.' })
  result?: ControlResult | null;

  @Field(() => ID, { nullable: true, description: 'The seizure report, required when the result is SEIZURE (a seizure you may see).' })
  @IsOptional()
  @IsUUID('all', { message: 'seizureId must be an id returned by the hub' })
  seizureId?: string | null;

  @Field(() => NotControlledReason, { nullable: true, description: 'Required when NOT_CONTROLLED.' })
  reason?: NotControlledReason | null;

  @Field(() => Date, { nullable: true, description: 'When the container was controlled: now unless given; not in the future, not before the alert.' })
  controlledAt?: Date | null;

  @Field(() => String, { nullable: true, description: 'Free text, at most 5000 characters.' })
  @IsOptional()
  @MaxLength(5000)
  remarks?: string | null;
}
