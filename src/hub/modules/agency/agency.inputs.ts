import { MaxLength, MinLength } from 'class-validator';
import { Field, InputType } from 'type-graphql';
import { CountryCodeScalar } from '../../common/scalars.js';
import { AgencyKind } from './agency.entity.js';

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
