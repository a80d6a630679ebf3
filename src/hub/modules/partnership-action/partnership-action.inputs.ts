import { ArrayMaxSize, ArrayMinSize, IsOptional, IsUUID, Length } from 'class-validator';
import { Field, ID, InputType } from 'type-graphql';
import { Tlp } from '../../common/enums.js';
import { IdempotencyKeyField } from '../../common/idempotency.js';
import { LocalDateScalar, UnLocodeScalar } from '../../common/scalars.js';
import { PartnershipStatus } from './partnership-action.entity.js';

@InputType({ description: 'Filters for the partnership action list; all given filters must match.' })
export class PartnershipActionFilter {
  @Field(() => [PartnershipStatus], { nullable: true, description: 'Any of these statuses.' })
  statuses?: PartnershipStatus[] | null;

  @Field(() => [ID], { nullable: true, description: 'Any of these agencies is a partner.' })
  @IsOptional()
  @IsUUID('all', { each: true, message: 'each id must be an agency id (UUID)' })
  partnerAgencyIds?: string[] | null;

  @Field(() => [UnLocodeScalar], { nullable: true, description: 'The action covers any of these ports.' })
  ports?: string[] | null;

  @Field(() => [Tlp], { nullable: true, description: 'Any of these TLP labels.' })
  tlps?: Tlp[] | null;
}

@InputType({ description: 'A new public-private partnership action, coordinated by your agency.' })
export class CreatePartnershipActionInput {
  @Field()
  @Length(3, 200)
  title!: string;

  @Field()
  @Length(10, 2000)
  description!: string;

  @Field(() => PartnershipStatus, { defaultValue: PartnershipStatus.PLANNED })
  status!: PartnershipStatus;

  @Field(() => [String], { defaultValue: [], description: 'What the partners commit to: up to 30 items of 3 to 500 characters.' })
  @ArrayMaxSize(30)
  @Length(3, 500, { each: true, message: 'each commitment must be 3 to 500 characters long' })
  commitments!: string[];

  @Field(() => LocalDateScalar, { nullable: true, description: 'Start date (YYYY-MM-DD).' })
  startsOn?: string | null;

  @Field(() => [ID], { description: '1 to 50 partner agencies: at least one private operator and one public agency.' })
  @ArrayMinSize(1)
  @ArrayMaxSize(50)
  @IsUUID('all', { each: true, message: 'each id must be an agency id (UUID)' })
  partnerAgencyIds!: string[];

  @Field(() => [UnLocodeScalar], { defaultValue: [], description: 'Ports the action covers (up to 50).' })
  @ArrayMaxSize(50)
  ports!: string[];

  @Field(() => Tlp, { description: 'TLP label: who may see the action.' })
  tlp!: Tlp;

  @IdempotencyKeyField('partnership action')
  idempotencyKey?: string | null;
}
