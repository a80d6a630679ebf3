import { randomUUID } from 'node:crypto';
import { PrimaryKey, Property } from '@mikro-orm/decorators/legacy';
import { Field, ID, Int, ObjectType } from 'type-graphql';

/** Every table: UUID key, timestamps, and a version column for optimistic locking. */
@ObjectType()
export abstract class BaseRecord {
  @Field(() => ID)
  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  @Field(() => Date)
  @Property({ type: 'datetime', columnType: 'timestamptz' })
  createdAt: Date = new Date();

  @Field(() => Date)
  @Property({ type: 'datetime', columnType: 'timestamptz', onUpdate: () => new Date() })
  updatedAt: Date = new Date();

  @Field(() => Int, {
    description: 'Optimistic lock. Send it back with an update; if someone changed the record since, the update is refused with CONFLICT.',
  })
  @Property({ version: true })
  version!: number;
}
