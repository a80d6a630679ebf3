import { ArrayMaxSize, IsUUID } from 'class-validator';
import { Field, ID, InputType } from 'type-graphql';
import { ClassifiedRecordType, Tlp } from '../../common/enums.js';
import { IdempotencyKeyField } from '../../common/idempotency.js';
import { VersionField } from '../../common/validation.js';

/** Agencies one release may name. */
export const MAX_RELEASED_AGENCIES = 50;

@InputType({ description: 'Widens who sees one of your agency\'s AMBER+STRICT or RED records: name more agencies, lower its label, or both. Nothing already released is ever taken back.' })
export class ReleaseRecordInput {
  @Field(() => ClassifiedRecordType, { description: 'The type of the record.' })
  recordType!: ClassifiedRecordType;

  @Field(() => ID)
  @IsUUID('all', { message: 'must be a record id (UUID)' })
  id!: string;

  @VersionField('The version of the record you read; a stale one is refused with CONFLICT.')
  version!: number;

  @Field(() => [ID], { defaultValue: [], description: `Agencies that may now see the record, whatever its label (up to ${MAX_RELEASED_AGENCIES}); one that already sees it is left as it is.` })
  @ArrayMaxSize(MAX_RELEASED_AGENCIES)
  @IsUUID('all', { each: true, message: 'each id must be an agency id (UUID)' })
  addAgencyIds!: string[];

  @Field(() => Tlp, { nullable: true, description: 'A lower label for the record: AMBER+STRICT, AMBER or GREEN, below its current one. CLEAR (the public) is not a release.' })
  lowerTlpTo?: Tlp | null;

  @IdempotencyKeyField('release')
  idempotencyKey?: string | null;
}
