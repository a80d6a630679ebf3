import { randomUUID } from 'node:crypto';
import type { Opt } from '@mikro-orm/core';
import { PrimaryKey, Property } from '@mikro-orm/decorators/legacy';
import { Field, ID, Int, ObjectType } from 'type-graphql';

/** Every table: UUID key, timestamps, and a version column for optimistic locking. */
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
}
