import { ArrayMaxSize, ArrayMinSize, IsOptional, IsUUID, Length, MaxLength, Min, MinLength } from 'class-validator';
import { Field, ID, InputType, Int } from 'type-graphql';
import { Tlp } from '../../common/enums.js';
import { IdempotencyKeyField } from '../../common/idempotency.js';
import { LocalDateScalar } from '../../common/scalars.js';
import { NotInFuture, VersionField } from '../../common/validation.js';
import { InvestigationStatus } from './investigation.entity.js';

@InputType({ description: 'Filters for the investigation list; all given filters must match.' })
export class InvestigationFilter {
  @Field(() => [InvestigationStatus], { nullable: true, description: 'Any of these statuses.' })
  statuses?: InvestigationStatus[] | null;

  @Field(() => [ID], { nullable: true, description: 'Led by any of these agencies.' })
  @IsOptional()
  @IsUUID('all', { each: true, message: 'each id must be an agency id (UUID)' })
  leadAgencyIds?: string[] | null;

  @Field(() => [ID], { nullable: true, description: 'Any of these agencies takes part (the lead always does).' })
  @IsOptional()
  @IsUUID('all', { each: true, message: 'each id must be an agency id (UUID)' })
  participantAgencyIds?: string[] | null;

  @Field(() => LocalDateScalar, { nullable: true, description: 'Opened on or after this date.' })
  openedFrom?: string | null;

  @Field(() => LocalDateScalar, { nullable: true, description: 'Opened on or before this date.' })
  openedTo?: string | null;

  @Field(() => String, { nullable: true, description: 'Case-insensitive part of the code name.' })
  @IsOptional()
  @MinLength(2)
  @MaxLength(80)
  search?: string | null;
}

@InputType({ description: 'A new coordinated investigation, led by your agency.' })
export class OpenInvestigationInput {
  @Field({ description: 'Code name, 3 to 80 characters, unique among the investigations your agency leads.' })
  @Length(3, 80)
  codeName!: string;

  @Field(() => LocalDateScalar, { description: 'Date (YYYY-MM-DD) the investigation was opened; not in the future.' })
  @NotInFuture()
  openedOn!: string;

  @Field(() => [ID], { defaultValue: [], description: 'Other participating agencies (up to 50); your agency, the lead, always takes part.' })
  @ArrayMaxSize(50)
  @IsUUID('all', { each: true, message: 'each id must be an agency id (UUID)' })
  participantAgencyIds!: string[];

  @Field(() => String, { nullable: true })
  @IsOptional()
  @MaxLength(20000)
  criminalGroupNotes?: string | null;

  @Field(() => Tlp, { defaultValue: Tlp.RED, description: 'TLP label; TLP:RED (participants only) unless given.' })
  tlp!: Tlp;

  @IdempotencyKeyField('investigation')
  idempotencyKey?: string | null;
}

@InputType({ description: 'Seizures to link to an investigation (added to the investigations each one is linked to; its other links stay).' })
export class LinkSeizuresInput {
  @Field(() => ID)
  @IsUUID('all', { message: 'must be an investigation id (UUID)' })
  investigationId!: string;

  @Field(() => Int, { description: 'The version of the investigation you read.' })
  @Min(1)
  investigationVersion!: number;

  @Field(() => [ID], { description: '1 to 100 seizure ids.' })
  @ArrayMinSize(1)
  @ArrayMaxSize(100)
  @IsUUID('all', { each: true, message: 'each id must be a seizure id (UUID)' })
  seizureIds!: string[];
}

@InputType()
export class UpdateInvestigationStatusInput {
  @Field(() => ID)
  @IsUUID('all', { message: 'must be an investigation id (UUID)' })
  id!: string;

  @VersionField()
  version!: number;

  @Field(() => InvestigationStatus)
  status!: InvestigationStatus;
}

