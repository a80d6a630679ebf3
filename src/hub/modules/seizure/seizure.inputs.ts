import { ArrayMaxSize, ArrayUnique, IsOptional, IsUUID, Length, Matches, MaxLength } from 'class-validator';
import { Field, ID, InputType } from 'type-graphql';
import { HandlingCode, Tlp } from '../../common/enums.js';
import { IdempotencyKeyField } from '../../common/idempotency.js';
import { ContainerNumberScalar, CountryCodeScalar, DecimalScalar, LocalDateScalar, UnLocodeScalar } from '../../common/scalars.js';
import { NotInFuture, PositiveDecimal, VersionField } from '../../common/validation.js';
import { Concealment, DetectionMethod, DrugType, QuantityUnit } from './seizure.entity.js';

const MAX_FILTER_VALUES = 50;

@InputType({ description: 'Filters for seizure lists; all given filters must match, a list matches any of its values.' })
export class SeizureFilter {
  @Field(() => [UnLocodeScalar], { nullable: true, description: 'Seized in any of these ports.' })
  @IsOptional()
  @ArrayMaxSize(MAX_FILTER_VALUES)
  ports?: string[] | null;

  @Field(() => CountryCodeScalar, { nullable: true, description: "Country of the seizure's port." })
  country?: string | null;

  @Field(() => [ID], { nullable: true, description: 'Reported by any of these agencies.' })
  @IsOptional()
  @ArrayMaxSize(MAX_FILTER_VALUES)
  @IsUUID('all', { each: true, message: 'each agency id must be an id returned by the hub' })
  agencyIds?: string[] | null;

  @Field(() => [DrugType], { nullable: true })
  @IsOptional()
  @ArrayMaxSize(MAX_FILTER_VALUES)
  drugTypes?: DrugType[] | null;

  @Field(() => LocalDateScalar, { nullable: true, description: 'Seized on or after this date.' })
  seizedFrom?: string | null;

  @Field(() => LocalDateScalar, { nullable: true, description: 'Seized on or before this date.' })
  seizedTo?: string | null;

  @Field(() => [Concealment], { nullable: true })
  @IsOptional()
  @ArrayMaxSize(MAX_FILTER_VALUES)
  concealments?: Concealment[] | null;

  @Field(() => [Tlp], { nullable: true })
  @IsOptional()
  @ArrayMaxSize(MAX_FILTER_VALUES)
  tlps?: Tlp[] | null;

  @Field(() => ContainerNumberScalar, { nullable: true })
  containerNumber?: string | null;

  @Field(() => Boolean, { nullable: true, description: 'Include withdrawn seizures (default false).' })
  includeWithdrawn?: boolean | null;
}

const MAX_TRANSIT_PORTS = 8;
const MAX_RISK_INDICATORS = 20;

/** The details a report may leave out; in a correction, null clears them. */
@InputType()  // shared fields only; not referenced, so not emitted in the schema
abstract class SeizureDetailsInput {
  @Field(() => Concealment, { nullable: true })
  concealment?: Concealment | null;

  @Field(() => ContainerNumberScalar, { nullable: true, description: 'ISO 6346 container number; the check digit is verified.' })
  containerNumber?: string | null;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @MaxLength(120)
  vesselName?: string | null;

  @Field(() => UnLocodeScalar, { nullable: true })
  originPort?: string | null;

  @Field(() => [UnLocodeScalar], { nullable: true, description: `Transit ports in route order, at most ${MAX_TRANSIT_PORTS}, each once.` })
  @IsOptional()
  @ArrayMaxSize(MAX_TRANSIT_PORTS)
  @ArrayUnique({ message: 'transitPorts must not name a port twice' })
  transitPorts?: string[] | null;

  @Field(() => UnLocodeScalar, { nullable: true })
  destinationPort?: string | null;

  @Field(() => [String], { nullable: true, description: `At most ${MAX_RISK_INDICATORS}, each at most 100 characters.` })
  @IsOptional()
  @ArrayMaxSize(MAX_RISK_INDICATORS)
  @MaxLength(100, { each: true })
  riskIndicators?: string[] | null;

  @Field(() => HandlingCode, { nullable: true })
  handlingCode?: HandlingCode | null;
}

const referencePattern = /^[A-Za-z0-9_-]+$/;
const referenceMessage = 'may contain only letters, digits, "-" and "_"';

@InputType({ description: 'A new seizure report; the reporting agency is the signed-in member’s.' })
export class RecordSeizureInput extends SeizureDetailsInput {
  @Field({ description: "The reporting agency's reference (letters, digits, - and _; at most 40), unique among its reports." })
  @MaxLength(40)
  @Matches(referencePattern, { message: `reference ${referenceMessage}` })
  reference!: string;

  @Field(() => LocalDateScalar)
  @NotInFuture()
  seizedOn!: string;

  @Field(() => UnLocodeScalar, { description: 'Port of the seizure.' })
  port!: string;

  @Field(() => DrugType)
  drugType!: DrugType;

  @Field(() => DecimalScalar, { description: 'Exact quantity in `unit`, written as a string, greater than zero.' })
  @PositiveDecimal()
  quantity!: string;

  @Field(() => QuantityUnit)
  unit!: QuantityUnit;

  @Field(() => DetectionMethod)
  detectionMethod!: DetectionMethod;

  @Field(() => Tlp)
  tlp!: Tlp;

  @IdempotencyKeyField('seizure')
  idempotencyKey?: string | null;
}

@InputType({ description: 'Changes to a seizure: only the given fields change; null clears an optional one.' })
export class CorrectSeizureInput extends SeizureDetailsInput {
  @Field(() => ID)
  @IsUUID('all', { message: 'id must be an id returned by the hub' })
  id!: string;

  @VersionField()
  version!: number;

  // Required on the record: may be left out here, but not cleared (the service refuses null).
  @Field(() => String, { nullable: true })
  @IsOptional()
  @MaxLength(40)
  @Matches(referencePattern, { message: `reference ${referenceMessage}` })
  reference?: string | null;

  @Field(() => LocalDateScalar, { nullable: true })
  @NotInFuture()
  seizedOn?: string | null;

  @Field(() => UnLocodeScalar, { nullable: true })
  port?: string | null;

  @Field(() => DrugType, { nullable: true })
  drugType?: DrugType | null;

  @Field(() => DecimalScalar, { nullable: true })
  @PositiveDecimal()
  quantity?: string | null;

  @Field(() => QuantityUnit, { nullable: true })
  unit?: QuantityUnit | null;

  @Field(() => DetectionMethod, { nullable: true })
  detectionMethod?: DetectionMethod | null;

  @Field(() => Tlp, { nullable: true, description: 'A new label: never above the one a release (releaseRecord) lowered the record to (README, "Releasing a record").' })
  tlp?: Tlp | null;
}

@InputType({ description: 'Withdraws a seizure report; it stays readable but leaves lists unless asked for.' })
export class WithdrawSeizureInput {
  @Field(() => ID)
  @IsUUID('all', { message: 'id must be an id returned by the hub' })
  id!: string;

  @VersionField()
  version!: number;

  @Field({ description: 'Why the report is withdrawn (3 to 500 characters).' })
  @Length(3, 500)
  reason!: string;
}
