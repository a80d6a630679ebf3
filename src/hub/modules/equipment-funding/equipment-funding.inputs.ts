import { IsOptional, IsUUID, Length, Min, ValidateBy } from 'class-validator';
import { Field, ID, InputType, Int } from 'type-graphql';
import { Tlp } from '../../common/enums.js';
import { IdempotencyKeyField } from '../../common/idempotency.js';
import { CountryCodeScalar, EuroAmountScalar, UnLocodeScalar } from '../../common/scalars.js';
import { PositiveDecimal } from '../../common/validation.js';
import { EquipmentType } from './equipment-funding.entity.js';

export const FIRST_FUNDING_YEAR = 2000;

/** Funding lines may be entered for next year's budget, no further: checked at validation time, not at start. */
function NotAfterNextYear() {
  return ValidateBy({
    name: 'notAfterNextYear',
    validator: {
      validate: (value: unknown) => typeof value !== 'number' || value <= new Date().getUTCFullYear() + 1,
      defaultMessage: () => `must not be after ${new Date().getUTCFullYear() + 1}`,
    },
  });
}

@InputType({ description: 'A range of years, both ends included; either end may be left open.' })
export class YearRange {
  @Field(() => Int, { nullable: true })
  from?: number | null;

  @Field(() => Int, { nullable: true })
  to?: number | null;
}

@InputType({ description: 'Filters for the funding line list; all given filters must match.' })
export class EquipmentFundingFilter {
  @Field(() => YearRange, { nullable: true })
  years?: YearRange | null;

  @Field(() => [EquipmentType], { nullable: true, description: 'Any of these equipment types.' })
  equipmentTypes?: EquipmentType[] | null;

  @Field(() => [ID], { nullable: true, description: 'Any of these beneficiary agencies.' })
  @IsOptional()
  @IsUUID('all', { each: true, message: 'each id must be an agency id (UUID)' })
  beneficiaryAgencyIds?: string[] | null;

  @Field(() => [ID], { nullable: true, description: 'Any of these funding agencies.' })
  @IsOptional()
  @IsUUID('all', { each: true, message: 'each id must be an agency id (UUID)' })
  funderAgencyIds?: string[] | null;

  @Field(() => [UnLocodeScalar], { nullable: true, description: 'Equipment for any of these ports.' })
  ports?: string[] | null;

  @Field(() => CountryCodeScalar, { nullable: true, description: 'Country of the beneficiary agency.' })
  country?: string | null;
}

@InputType({ description: 'A funding line paid by your agency.' })
export class AddFundingLineInput {
  @Field(() => Int, { description: `Budget year, ${FIRST_FUNDING_YEAR} to next year.` })
  @Min(FIRST_FUNDING_YEAR)
  @NotAfterNextYear()
  year!: number;

  @Field(() => EuroAmountScalar, { description: 'Amount in EUR, greater than zero, at most 2 decimal places, e.g. "250000.00".' })
  @PositiveDecimal()
  amountEur!: string;

  @Field(() => EquipmentType)
  equipmentType!: EquipmentType;

  @Field()
  @Length(3, 500)
  description!: string;

  @Field(() => ID)
  @IsUUID('all', { message: 'must be an agency id (UUID)' })
  beneficiaryAgencyId!: string;

  @Field(() => UnLocodeScalar, { nullable: true, description: 'Port where the equipment is used, if it is for one port.' })
  port?: string | null;

  @Field(() => Tlp, { description: 'TLP label: who may see the funding line.' })
  tlp!: Tlp;

  @IdempotencyKeyField('funding line')
  idempotencyKey?: string | null;
}
