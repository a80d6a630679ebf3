import { MaxLength, MinLength } from 'class-validator';
import { Field, InputType } from 'type-graphql';
import { CountryCodeScalar } from '../../common/scalars.js';

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
