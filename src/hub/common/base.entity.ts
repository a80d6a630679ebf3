import { randomUUID } from 'node:crypto';
import type { Opt } from '@mikro-orm/core';
import { PrimaryKey, Property } from '@mikro-orm/decorators/legacy';
import { Field, ID, Int, ObjectType } from 'type-graphql';

/**
 * What a new record may be given instead of what is generated: demo data and tests date their records, and
 * tests may fix an id.
 */
export interface RecordProps {
  id?: string;
  createdAt?: Date;
  updatedAt?: Date;
}

/**
 * Every table: UUID key, timestamps, and a version column for optimistic locking.
 *
 * Each entity's constructor takes its required fields, so the compiler checks that a new record has them.
 * MikroORM never calls these constructors for rows it loads (it hydrates a bare prototype; forceEntityConstructor
 * is off), and calling one without arguments throws: so MikroORM cannot infer a column default from a field
 * initialiser, and a column that needs one says it in its decorator (`default:`).
 */
@ObjectType()
export abstract class BaseRecord {
  @Field(() => ID)
  @PrimaryKey({ type: 'uuid' })
  id: Opt<string> = randomUUID();

  @Field(() => Date)
  @Property({ type: 'datetime', columnType: 'timestamptz' })
  createdAt: Opt<Date> = new Date();

  @Field(() => Date)
  @Property({ type: 'datetime', columnType: 'timestamptz', onUpdate: () => new Date() })
  updatedAt: Opt<Date> = new Date();

  @Field(() => Int, {
    description: 'Optimistic lock. Send it back with an update; if someone changed the record since, the update is refused with CONFLICT.',
  })
  // Opt<>: generated on insert, so em.create() does not ask for it. Types are explicit because Opt<T>
  // hides the design type from reflection.
  @Property({ type: 'integer', version: true })
  version!: Opt<number>;

  constructor(props: RecordProps = {}) {
    if (props.id !== undefined) this.id = props.id;
    if (props.createdAt !== undefined) this.createdAt = props.createdAt;
    if (props.updatedAt !== undefined) this.updatedAt = props.updatedAt;
  }
}
