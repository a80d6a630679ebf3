import { MaxLength } from 'class-validator';
import { Field, ID, InputType } from 'type-graphql';

@InputType({ description: 'Filters for the audit trail; all given filters must match.' })
export class AuditFilter {
  @Field(() => String, { nullable: true, description: 'Issuer-qualified subject of the viewer.' })
  @MaxLength(400)
  viewerSubject?: string | null;

  @Field(() => ID, { nullable: true })
  agencyId?: string | null;

  @Field(() => ID, { nullable: true, description: 'Entries that read or changed this record.' })
  recordId?: string | null;

  @Field(() => Date, { nullable: true, description: 'From this instant (inclusive).' })
  from?: Date | null;

  @Field(() => Date, { nullable: true, description: 'Until this instant (exclusive).' })
  to?: Date | null;
}
