import { ArrayMaxSize, ArrayMinSize, IsOptional, IsUUID, Length, Matches, MaxLength, MinLength, ValidateNested } from 'class-validator';
import { Field, ID, InputType, ObjectType } from 'type-graphql';
import { Tlp } from '../../common/enums.js';
import { IdempotencyKeyField } from '../../common/idempotency.js';
import { LanguageCode, VersionField } from '../../common/validation.js';

export const MAX_LANGUAGES = 24;

@ObjectType({ description: 'A text in one language.' })
export class LocalizedText {
  @Field({ description: 'ISO 639-1 language code, e.g. en.' })
  language!: string;

  @Field()
  text!: string;
}

@InputType({ description: 'A text in one language.' })
export class LocalizedTextInput {
  @Field({ description: 'ISO 639-1 language code, e.g. en.' })
  @LanguageCode()
  language!: string;

  @Field({ description: '1 to 2000 characters.' })
  @Length(1, 2000)
  text!: string;
}

@InputType({ description: 'Filters for the risk indicator catalogue.' })
export class RiskIndicatorFilter {
  @Field(() => [ID], { nullable: true, description: 'Owned by any of these agencies.' })
  @IsOptional()
  @ArrayMaxSize(50)
  @IsUUID('all', { each: true, message: 'each agency id must be an id returned by the hub' })
  ownerAgencyIds?: string[] | null;

  @Field(() => String, { nullable: true, description: 'Case-insensitive part of the code.' })
  @IsOptional()
  @MinLength(2)
  @MaxLength(73)
  search?: string | null;
}

@InputType({ description: "A risk indicator of your agency's, added to the shared catalogue." })
export class CreateRiskIndicatorInput {
  @Field({ description: 'Local code (capitals, digits, _ and -; 2 to 40): the catalogue code is `<your agency code>/<local code>`.' })
  @Matches(/^[A-Z0-9][A-Z0-9_-]{1,39}$/, { message: 'code must be 2 to 40 capitals, digits, _ or -, e.g. REEFER-SEAL' })
  code!: string;

  @Field(() => [LocalizedTextInput], { description: `Description in 1 to ${MAX_LANGUAGES} languages, each language once.` })
  @ArrayMinSize(1)
  @ArrayMaxSize(MAX_LANGUAGES)
  @ValidateNested({ each: true })
  descriptions!: LocalizedTextInput[];

  @Field(() => Tlp, { defaultValue: Tlp.AMBER, description: 'TLP label: AMBER unless given; never CLEAR.' })
  tlp!: Tlp;

  @IdempotencyKeyField('risk indicator')
  idempotencyKey?: string | null;
}

@InputType({ description: "Changes to one of your agency's risk indicators; only the given fields change. The code never changes." })
export class UpdateRiskIndicatorInput {
  @Field(() => ID)
  @IsUUID('all', { message: 'id must be an id returned by the hub' })
  id!: string;

  @VersionField()
  version!: number;

  @Field(() => [LocalizedTextInput], { nullable: true, description: 'Replaces every description.' })
  @IsOptional()
  @ArrayMinSize(1)
  @ArrayMaxSize(MAX_LANGUAGES)
  @ValidateNested({ each: true })
  descriptions?: LocalizedTextInput[] | null;

  @Field(() => Tlp, { nullable: true })
  tlp?: Tlp | null;
}
