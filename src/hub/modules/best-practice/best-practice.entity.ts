import { Collection } from '@mikro-orm/core';
import { Entity, Enum, Index, ManyToMany, Property } from '@mikro-orm/decorators/legacy';
import { Directive, Field, Int, ObjectType, registerEnumType } from 'type-graphql';
import { ClassifiedRecord, type ClassifiedProps } from '../../common/classified.entity.js';
import { Port } from '../port/port.entity.js';
import { searchConfigSql } from './best-practice.languages.js';

export enum BestPracticeCategory {
  RISK_ASSESSMENT = 'RISK_ASSESSMENT',
  TARGETED_CONTROLS = 'TARGETED_CONTROLS',
  COORDINATED_INVESTIGATION = 'COORDINATED_INVESTIGATION',
  ANTI_CORRUPTION = 'ANTI_CORRUPTION',
  PUBLIC_PRIVATE_PARTNERSHIP = 'PUBLIC_PRIVATE_PARTNERSHIP',
  EQUIPMENT = 'EQUIPMENT',
  TRAINING = 'TRAINING',
}
registerEnumType(BestPracticeCategory, { name: 'BestPracticeCategory' });

/**
 * A practice's words as PostgreSQL reads them in its own language (best-practice.languages.ts), title weighted
 * above summary above body. Two vectors, because not every viewer who sees a practice may read its body: the head
 * (title and summary) is what everyone who sees the row may read; the full one adds the body.
 */
function searchVector(columns: Record<string, string>, withBody: boolean): string {
  const config = searchConfigSql(columns.language!);
  const weighted = (column: string, weight: string) => `setweight(to_tsvector(${config}, ${column}), '${weight}')`;
  const parts = [weighted(columns.title!, 'A'), weighted(columns.summary!, 'B'), ...(withBody ? [weighted(columns.body!, 'D')] : [])];
  return `(${parts.join(' || ')}) stored`;
}

/** The adopting ports are set on the collection. */
export interface BestPracticeProps extends ClassifiedProps {
  title: string;
  summary: string;
  body: string;
  category: BestPracticeCategory;
  language: string;
  publishedAt?: Date;
  revision?: number;
}

@ObjectType({ description: 'A practice shared between ports and agencies.' })
@Directive('@key(fields: "id")')
@Entity({ tableName: 'best_practice' })
@Index({ properties: ['publishedAt', 'id'] })
@Index({ properties: ['searchHead'], type: 'gin' })
@Index({ properties: ['searchFull'], type: 'gin' })
export class BestPractice extends ClassifiedRecord {
  @Field()
  @Property({ length: 200 })
  title!: string;

  @Field()
  @Property({ length: 1000 })
  summary!: string;

  @Field(() => String, { nullable: true, description: 'The full text, for alliance members (null with FORBIDDEN for anyone else).' })
  @Property({ type: 'text' })
  body!: string;

  @Field(() => BestPracticeCategory)
  @Enum({ items: () => BestPracticeCategory, index: true })
  category!: BestPracticeCategory;

  @Field({ description: 'ISO 639-1 language code of the text.' })
  @Property({ length: 2, index: true })
  language!: string;

  @Field(() => Date)
  @Property({ type: 'datetime', columnType: 'timestamptz' })
  publishedAt: Date = new Date();

  @Field(() => Int, { description: 'Number of revisions since publication (1 = as first published).' })
  @Property({ default: 1 })
  revision: number = 1;

  // Search vectors (best-practice.search.ts): written by PostgreSQL, never loaded with the row (lazy), never in the
  // schema (no @Field).
  @Property({ type: 'tsvector', lazy: true, hidden: true, generated: (columns) => searchVector(columns as Record<string, string>, false) })
  searchHead?: string;

  @Property({ type: 'tsvector', lazy: true, hidden: true, generated: (columns) => searchVector(columns as Record<string, string>, true) })
  searchFull?: string;

  @ManyToMany({ entity: () => Port, pivotTable: 'best_practice_adoption' })
  adoptingPorts = new Collection<Port>(this);

  constructor(props: BestPracticeProps) {
    super(props);
    this.title = props.title;
    this.summary = props.summary;
    this.body = props.body;
    this.category = props.category;
    this.language = props.language;
    if (props.publishedAt !== undefined) this.publishedAt = props.publishedAt;
    if (props.revision !== undefined) this.revision = props.revision;
  }
}
