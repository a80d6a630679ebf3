import { Max, MaxLength, Min, MinLength, ValidateBy } from 'class-validator';
import { Field, Float, ID, InputType } from 'type-graphql';
import { IdempotencyKeyField } from '../../common/idempotency.js';
import { CountryCodeScalar, LocalDateScalar, UnLocodeScalar } from '../../common/scalars.js';
import { NotInFuture, VersionField } from '../../common/validation.js';

@InputType({ description: 'Filters for the port list; all given filters must match.' })
export class PortFilter {
  @Field(() => CountryCodeScalar, { nullable: true })
  country?: string | null;

  @Field(() => String, { nullable: true, description: 'Case-insensitive part of the name or UN/LOCODE.' })
  @MinLength(2)
  @MaxLength(100)
  search?: string | null;

  @Field(() => Boolean, { nullable: true, description: 'true: alliance members only; false: non-members only.' })
  member?: boolean | null;

  @Field(() => Boolean, { nullable: true, description: 'true: overseas ports only; false: mainland only.' })
  overseas?: boolean | null;
}

/** IANA time zones this Node knows (used to check a port's time zone). */
const TIME_ZONES = new Set(Intl.supportedValuesOf('timeZone'));
export function IanaTimeZone() {
  return ValidateBy({
    name: 'ianaTimeZone',
    validator: { validate: (v: unknown) => v == null || (typeof v === 'string' && TIME_ZONES.has(v)), defaultMessage: () => 'timezone must be an IANA time zone such as Europe/Brussels' },
  });
}

/** Fields an administrator sets on a port, shared by creation and update. */
@InputType() // never emitted itself: only its subclasses are used in the schema
class PortFields {
  @Field(() => String, { nullable: true })
  @MinLength(2)
  @MaxLength(120)
  name?: string | null;

  @Field(() => String, { nullable: true })
  @MaxLength(120)
  city?: string | null;

  @Field(() => String, { nullable: true })
  @MaxLength(120)
  province?: string | null;

  @Field(() => Float, { nullable: true })
  @Min(-90)
  @Max(90)
  latitude?: number | null;

  @Field(() => Float, { nullable: true })
  @Min(-180)
  @Max(180)
  longitude?: number | null;

  @Field(() => String, { nullable: true })
  @IanaTimeZone()
  timezone?: string | null;

  @Field(() => Boolean, { nullable: true })
  overseas?: boolean | null;

  @Field(() => LocalDateScalar, { nullable: true, description: 'Alliance member since; null: not a member.' })
  @NotInFuture()
  memberSince?: string | null;
}

@InputType({ description: 'A new port. Its country is the UN/LOCODE prefix.' })
export class CreatePortInput extends PortFields {
  @Field(() => UnLocodeScalar)
  unlocode!: string;

  @Field(() => String)
  @MinLength(2)
  @MaxLength(120)
  override name!: string;

  @IdempotencyKeyField('port')
  idempotencyKey?: string | null;
}

@InputType({ description: 'Changes to a port; omitted fields stay, null clears optional ones.' })
export class UpdatePortInput extends PortFields {
  @Field(() => ID)
  id!: string;

  @VersionField()
  version!: number;
}
