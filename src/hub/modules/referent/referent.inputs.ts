import {
  ArrayMaxSize,
  ArrayMinSize,
  ArrayUnique,
  IsEmail,
  IsOptional,
  IsUUID,
  Matches,
  MaxLength,
  MinLength,
} from 'class-validator';
import { Field, ID, InputType } from 'type-graphql';
import { IdempotencyKeyField } from '../../common/idempotency.js';
import { CountryCodeScalar, LocalDateScalar, UnLocodeScalar } from '../../common/scalars.js';
import { LanguageCode, NotInFuture, allOf, VersionField } from '../../common/validation.js';
import { Expertise } from './referent.entity.js';

/** E.164: a plus, a country code that does not start with 0, 7 to 15 digits in all. */
const E164 = /^\+[1-9]\d{6,14}$/;


/** The rules of each field, shared by registration and update (where every field is optional). */
const rules = {
  fullName: () => allOf(MinLength(2), MaxLength(200)),
  ports: () => allOf(ArrayMinSize(1), ArrayMaxSize(50), ArrayUnique()),
  expertise: () => allOf(ArrayMinSize(1), ArrayMaxSize(10), ArrayUnique()),
  languages: () => allOf(ArrayMinSize(1), ArrayMaxSize(10), ArrayUnique(), LanguageCode(true)),
  email: () => allOf(IsOptional(), IsEmail(), MaxLength(254)),
  phone: () => allOf(IsOptional(), Matches(E164, { message: 'phone must be an E.164 number such as +32470000000' })),
  activeSince: () => NotInFuture(),
};

@InputType({ description: 'Filters for the referent list; all given filters must match.' })
export class ReferentFilter {
  @Field(() => [UnLocodeScalar], { nullable: true, description: 'Referents covering any of these ports.' })
  @IsOptional()
  @ArrayMaxSize(100)
  ports?: string[] | null;

  @Field(() => CountryCodeScalar, { nullable: true, description: "Country of the referent's agency." })
  country?: string | null;

  @Field(() => [ID], { nullable: true, description: 'Referents of any of these agencies.' })
  @IsOptional()
  @ArrayMaxSize(100)
  @IsUUID('all', { each: true })
  agencyIds?: string[] | null;

  @Field(() => [Expertise], { nullable: true, description: 'Referents with any of these fields of expertise.' })
  expertise?: Expertise[] | null;

  @Field(() => [String], { nullable: true, description: 'Referents working in any of these ISO 639-1 languages.' })
  @IsOptional()
  @ArrayMaxSize(20)
  @LanguageCode(true)
  languages?: string[] | null;

  @Field(() => String, { nullable: true, description: 'Case-insensitive part of the full name.' })
  @IsOptional()
  @MinLength(2)
  @MaxLength(100)
  search?: string | null;
}

@InputType({ description: 'A new member of the port customs referents network, in the acting agency.' })
export class RegisterReferentInput {
  @Field()
  @rules.fullName()
  fullName!: string;

  @Field(() => String, {
    nullable: true,
    description: "The person's identity as the hub sees it in tokens (`<issuer>#<sub>`), so they can edit their own profile; one profile per person in an agency.",
  })
  @MaxLength(200)
  subject?: string | null;

  @Field(() => [UnLocodeScalar], { description: 'UN/LOCODEs of the ports covered (1 to 50).' })
  @rules.ports()
  ports!: string[];

  @Field(() => [Expertise], { description: '1 to 10 fields of expertise.' })
  @rules.expertise()
  expertise!: Expertise[];

  @Field(() => [String], { description: '1 to 10 ISO 639-1 language codes, e.g. ["fr", "en"].' })
  @rules.languages()
  languages!: string[];

  @Field(() => String, { nullable: true })
  @rules.email()
  email?: string | null;

  @Field(() => String, { nullable: true, description: 'E.164 phone number, e.g. +32470000000.' })
  @rules.phone()
  phone?: string | null;

  @Field(() => LocalDateScalar, { description: 'Date (YYYY-MM-DD) the referent joined the network; not in the future.' })
  @rules.activeSince()
  activeSince!: string;

  @IdempotencyKeyField('referent')
  idempotencyKey?: string | null;
}

@InputType({ description: 'Changes to a referent. Omitted (or null) fields stay as they are, except email and phone, which null clears.' })
export class UpdateReferentInput {
  @Field(() => ID)
  @IsUUID('all')
  id!: string;

  @VersionField()
  version!: number;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @rules.fullName()
  fullName?: string | null;

  @Field(() => [UnLocodeScalar], { nullable: true, description: 'Replaces the ports covered (1 to 50).' })
  @IsOptional()
  @rules.ports()
  ports?: string[] | null;

  @Field(() => [Expertise], { nullable: true, description: 'Replaces the fields of expertise (1 to 10).' })
  @IsOptional()
  @rules.expertise()
  expertise?: Expertise[] | null;

  @Field(() => [String], { nullable: true, description: 'Replaces the languages (1 to 10).' })
  @IsOptional()
  @rules.languages()
  languages?: string[] | null;

  @Field(() => String, { nullable: true })
  @rules.email()
  email?: string | null;

  @Field(() => String, { nullable: true, description: 'E.164 phone number, e.g. +32470000000.' })
  @rules.phone()
  phone?: string | null;

  @Field(() => LocalDateScalar, { nullable: true })
  @IsOptional()
  @rules.activeSince()
  activeSince?: string | null;
}
