import { ArrayMaxSize, IsOptional, IsUUID, Matches, MaxLength, MinLength } from 'class-validator';
import { Field, ID, InputType } from 'type-graphql';
import { Tlp } from '../../common/enums.js';
import { IdempotencyKeyField } from '../../common/idempotency.js';
import { UnLocodeScalar } from '../../common/scalars.js';
import { LanguageCode, allOf, VersionField } from '../../common/validation.js';
import { BestPracticeCategory } from './best-practice.entity.js';

@InputType({ description: 'Filters for the best-practice list; all given filters must match.' })
export class BestPracticeFilter {
  @Field(() => [BestPracticeCategory], { nullable: true, description: 'Any of these categories.' })
  categories?: BestPracticeCategory[] | null;

  @Field(() => [String], { nullable: true, description: 'Written in any of these ISO 639-1 languages.' })
  @IsOptional()
  @ArrayMaxSize(20)
  @LanguageCode(true)
  languages?: string[] | null;

  @Field(() => UnLocodeScalar, { nullable: true, description: 'Adopted by this port.' })
  port?: string | null;

  @Field(() => [ID], { nullable: true, description: 'Written by any of these agencies.' })
  @IsOptional()
  @ArrayMaxSize(100)
  @IsUUID('all', { each: true })
  authorAgencyIds?: string[] | null;

  @Field(() => [Tlp], { nullable: true, description: 'Labelled with any of these TLP labels.' })
  tlps?: Tlp[] | null;

  @Field(() => String, {
    nullable: true,
    description: 'Words to find in the title, summary or body (the body only for viewers who may read it), each practice read in its own language, so that other forms of a word match ("conteneur frigorifique" finds "conteneurs frigorifiques"). Web-search syntax: "quoted phrase", `or`, `-excluded`. 2 to 100 characters, with at least one letter or digit and no control character. The root list `bestPractices` is then ranked by relevance (title above summary above body); nested lists keep their order. Words a language ignores (stop words such as "the", "le", "der") match nothing in that language.',
  })
  @IsOptional()
  @MinLength(2)
  @MaxLength(100)
  // A word to look for, and no control character (PostgreSQL refuses NUL in text).
  @Matches(/^(?=.*[\p{L}\p{N}])\P{Cc}*$/su, { message: 'must contain a letter or a digit, and no control character' })
  search?: string | null;
}


/** The rules of each field, shared by publication and revision (where every field is optional). */
const rules = {
  title: () => allOf(MinLength(3), MaxLength(200)),
  summary: () => allOf(MinLength(10), MaxLength(1000)),
  body: () => allOf(MinLength(10), MaxLength(50000)),
  language: () => LanguageCode(),
};

@InputType({ description: 'A best practice to publish; its author is the acting agency.' })
export class PublishBestPracticeInput {
  @Field({ description: '3 to 200 characters.' })
  @rules.title()
  title!: string;

  @Field({ description: '10 to 1000 characters.' })
  @rules.summary()
  summary!: string;

  @Field({ description: '10 to 50000 characters.' })
  @rules.body()
  body!: string;

  @Field(() => BestPracticeCategory)
  category!: BestPracticeCategory;

  @Field({ description: 'ISO 639-1 language code of the text, e.g. "fr".' })
  @rules.language()
  language!: string;

  @Field(() => Tlp, { description: 'Who may read it.' })
  tlp!: Tlp;

  @IdempotencyKeyField('best practice')
  idempotencyKey?: string | null;
}

@InputType({ description: 'A revision of a best practice. Omitted (or null) fields stay as they are.' })
export class ReviseBestPracticeInput {
  @Field(() => ID)
  @IsUUID('all')
  id!: string;

  @VersionField()
  version!: number;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @rules.title()
  title?: string | null;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @rules.summary()
  summary?: string | null;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @rules.body()
  body?: string | null;

  @Field(() => BestPracticeCategory, { nullable: true })
  category?: BestPracticeCategory | null;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @rules.language()
  language?: string | null;

  @Field(() => Tlp, { nullable: true, description: 'A new label: never above the one a release (releaseRecord) lowered the record to (README, "Releasing a record").' })
  tlp?: Tlp | null;
}

@InputType({ description: 'A port adopting a best practice.' })
export class AdoptBestPracticeInput {
  @Field(() => ID, { description: 'The best practice.' })
  @IsUUID('all')
  id!: string;

  @Field(() => UnLocodeScalar, { description: 'UN/LOCODE of the adopting port.' })
  port!: string;
}
