import { randomUUID } from 'node:crypto';
import { Entity, Enum, Index, ManyToOne, PrimaryKey, Property } from '@mikro-orm/decorators/legacy';
import { Field, ID, ObjectType, registerEnumType } from 'type-graphql';
import { Role } from '../../common/enums.js'; // registered as a GraphQL enum there
import { Agency } from '../agency/index.js';

export enum AuditKind {
  READ = 'READ',
  WRITE = 'WRITE',
}
registerEnumType(AuditKind, { name: 'AuditKind' });

export enum AuditOutcome {
  ALLOWED = 'ALLOWED',
  DENIED = 'DENIED',
  FAILED = 'FAILED',
}
registerEnumType(AuditOutcome, {
  name: 'AuditOutcome',
  valuesConfig: {
    ALLOWED: { description: 'The read was served / the change was made.' },
    DENIED: { description: 'The policy refused it (FORBIDDEN, UNAUTHENTICATED).' },
    FAILED: { description: 'The change was refused for another reason (bad input, conflict, not found, error).' },
  },
});

@ObjectType({ description: 'A natural key a change names, e.g. reference DEMO-2024-0042 with the acting agency.' })
export class AuditKey {
  @Field({ description: 'The input field: reference, codeName, subject, code, unlocode; agencyId for the acting agency they are unique within.' })
  name!: string;

  @Field()
  value!: string;
}

/**
 * One line of the append-only audit trail: a request's reads of AMBER-or-above data, or one change.
 * Rows are only ever inserted (audit.writer.ts); a database trigger refuses UPDATE and DELETE.
 */
@ObjectType({ description: 'An entry of the append-only audit trail.' })
@Entity({ tableName: 'audit_event' })
@Index({ properties: ['at', 'id'] })
export class AuditEvent {
  @Field(() => ID)
  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  @Field(() => Date)
  @Property({ type: 'datetime', columnType: 'timestamptz' })
  at: Date = new Date();

  @Field(() => AuditKind)
  @Enum({ items: () => AuditKind })
  kind!: AuditKind;

  @Field(() => String, { nullable: true, description: 'Issuer-qualified subject of the viewer; null when anonymous.' })
  @Property({ length: 400, nullable: true, index: true })
  viewerSubject?: string | null;

  @Field(() => String, { nullable: true })
  @Property({ length: 200, nullable: true })
  viewerName?: string | null;

  // An agency with audit entries cannot be deleted: the trail must keep saying who it was.
  @ManyToOne({ entity: () => Agency, nullable: true, index: true, deleteRule: 'restrict' })
  agency?: Agency | null;

  @Field(() => [Role])
  @Enum({ items: () => Role, array: true })
  roles: Role[] = [];

  @Field(() => String, { nullable: true, description: 'The GraphQL operation name the client gave.' })
  @Property({ length: 200, nullable: true })
  operationName?: string | null;

  @Field(() => [String], { description: 'Ids of the records read or changed.' })
  @Property({ type: 'string[]', columnType: 'text[]' })
  recordIds: string[] = [];

  @Field(() => [String], { description: 'Type.field names read, or the mutation field for a change.' })
  @Property({ type: 'string[]', columnType: 'text[]' })
  fields: string[] = [];

  @Field(() => AuditOutcome)
  @Enum({ items: () => AuditOutcome })
  outcome!: AuditOutcome;

  @Field(() => String, { nullable: true, description: 'Error code of a refused or failed change.' })
  @Property({ length: 100, nullable: true })
  detail?: string | null;

  /**
   * The natural keys a change names, by input field (`keysOf` in audit.trail.ts); `{}` for reads, null on rows written
   * before the column existed. Served as a list (audit.resolver.ts).
   */
  @Property({ type: 'json', columnType: 'jsonb', nullable: true, defaultRaw: `'{}'` })
  keys?: Record<string, string> | null;
}
