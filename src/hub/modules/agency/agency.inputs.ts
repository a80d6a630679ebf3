import { ArrayMaxSize, ArrayUnique, IsUrl, Matches, MaxLength, MinLength } from 'class-validator';
import { Field, ID, InputType } from 'type-graphql';
import { IdempotencyKeyField } from '../../common/idempotency.js';
import { CountryCodeScalar, UnLocodeScalar } from '../../common/scalars.js';
import { AgencyKind } from './agency.entity.js';
import { VersionField } from '../../common/validation.js';

@InputType({ description: 'Filters for the agency list; all given filters must match.' })
export class AgencyFilter {
  @Field(() => CountryCodeScalar, { nullable: true })
  country?: string | null;

  @Field(() => [AgencyKind], { nullable: true, description: 'Any of these kinds.' })
  kinds?: AgencyKind[] | null;

  @Field(() => String, { nullable: true, description: 'Case-insensitive part of the name or code.' })
  @MinLength(2)
  @MaxLength(100)
  search?: string | null;
}

/** Fields an administrator sets on an agency, shared by creation and update. */
@InputType() // never emitted itself: only its subclasses are used in the schema
class AgencyFields {
  @Field(() => String, { nullable: true })
  @MinLength(2)
  @MaxLength(200)
  name?: string | null;

  @Field(() => AgencyKind, { nullable: true })
  kind?: AgencyKind | null;

  @Field(() => CountryCodeScalar, { nullable: true, description: 'Null only for EU bodies.' })
  country?: string | null;

  @Field(() => String, { nullable: true })
  @IsUrl({ protocols: ['https'], require_protocol: true }, { message: 'website must be an https:// address' })
  @MaxLength(300)
  website?: string | null;

  @Field(() => [UnLocodeScalar], { nullable: true, description: 'Ports the agency serves (replaces the list).' })
  @ArrayMaxSize(200)
  @ArrayUnique()
  ports?: string[] | null;
}

@InputType({ description: 'A new member agency.' })
export class CreateAgencyInput extends AgencyFields {
  @Field(() => String, { description: 'Stable code: country or EU prefix, then a short name, e.g. FR-DGDDI.' })
  @Matches(/^[A-Z]{2,4}(-[A-Z0-9]+)+$/, { message: 'code must look like FR-DGDDI (capitals, digits, dashes)' })
  @MaxLength(32)
  code!: string;

  @Field(() => String)
  @MinLength(2)
  @MaxLength(200)
  override name!: string;

  @Field(() => AgencyKind)
  override kind!: AgencyKind;

  @IdempotencyKeyField('agency')
  idempotencyKey?: string | null;
}

@InputType({ description: 'Changes to an agency; omitted fields stay, null clears optional ones.' })
export class UpdateAgencyInput extends AgencyFields {
  @Field(() => ID)
  id!: string;

  @VersionField()
  version!: number;
}
