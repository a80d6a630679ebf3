// The gateway's part of the audit trail. It knows every field a request asked for, whichever subgraph serves it,
// so it writes the reads the core cannot see (DOMAIN.md: every read of AMBER-or-above fields is audited):
// - ALLOWED: fields marked @sensitivity(audience: LAW_ENFORCEMENT) that a subgraph other than the core serves
//   (a member state's national alerts, follow-ups…). The core audits the fields it serves itself
//   (hub/modules/audit/audit.reads.ts); a field only the core serves is left to it, so nothing is audited twice.
// - DENIED: every LAW_ENFORCEMENT field the gateway withheld from the viewer (policy.ts), the core's included: the
//   subgraph is never asked, so only the gateway knows the read was refused.
// ALLIANCE (TLP:GREEN audience) fields are not audited, as in the core. The records are the objects the fields were
// read on: the gateway asks for their `id` under a reserved alias and takes it out of the answer again. Rows go to
// the same `audit_event` table, through the same statement as the core's (src/audit-log/).
import { GraphQLError, Kind, parse, visit, type ConstArgumentNode, type ConstDirectiveNode, type FieldNode } from 'graphql';
import type pg from 'pg';
import { AuditBatcher } from '../audit-log/audit-batch.js';
import type { AuditedReads } from '../audit-log/audited-reads.js';
import { auditInsertSql, auditRowsJson, type AuditLogRow } from '../audit-log/audit-log.js';
import { databaseError } from '../http.js';
import type { Viewer } from '../auth/viewer.js';
import type { Logger } from '../observability/logger.js';

/** Response keys the gateway adds to a selection set to learn which records its audited fields were read on. */
export const AUDIT_MARKER = '__audit_';

/** The audited fields of one selection set, and how its records are named in the answer. */
export interface AuditGroup {
  /** `id`: the alias carries the record's id; `__typename`: the type has no id, only the read is known. */
  by: 'id' | '__typename';
  allowed: string[];
  denied: string[];
}

const argument = (args: readonly ConstArgumentNode[] | undefined, name: string) => args?.find((a) => a.name.value === name)?.value;

/**
 * `Type.field` coordinates served by no subgraph but `subgraph` (its `join__Graph` value named by `@join__graph`):
 * the field's own `@join__field(graph:)` (external ones aside), else every graph that declares its type.
 */
export function servedOnlyBy(supergraphSdl: string, subgraph: string): Set<string> {
  const document = parse(supergraphSdl);
  let graph: string | undefined;
  visit(document, {
    EnumValueDefinition(value) {
      const mark = value.directives?.find((d) => d.name.value === 'join__graph');
      const name = argument(mark?.arguments, 'name');
      if (name?.kind === Kind.STRING && name.value === subgraph) graph = value.name.value;
    },
  });
  const only = new Set<string>();
  if (!graph) return only;
  const graphsOf = (directives: readonly ConstDirectiveNode[] | undefined, directive: string) => {
    const graphs = new Set<string>();
    for (const d of directives ?? []) {
      if (d.name.value !== directive) continue;
      const external = argument(d.arguments, 'external');
      const named = argument(d.arguments, 'graph');
      if (named?.kind === Kind.ENUM && !(external?.kind === Kind.BOOLEAN && external.value)) graphs.add(named.value);
    }
    return graphs;
  };
  for (const definition of document.definitions) {
    if (definition.kind !== Kind.OBJECT_TYPE_DEFINITION && definition.kind !== Kind.OBJECT_TYPE_EXTENSION) continue;
    const typeGraphs = graphsOf(definition.directives, 'join__type');
    for (const field of definition.fields ?? []) {
      const own = graphsOf(field.directives, 'join__field');
      const graphs = own.size ? own : typeGraphs;
      if (graphs.size === 1 && graphs.has(graph)) only.add(`${definition.name.value}.${field.name.value}`);
    }
  }
  return only;
}

/** The aliased field that names a selection set's record in the answer. */
export function auditField(index: number, by: AuditGroup['by']): FieldNode {
  return { kind: Kind.FIELD, alias: { kind: Kind.NAME, value: AUDIT_MARKER + index }, name: { kind: Kind.NAME, value: by } };
}

/** One object of the answer on which `group`'s fields were read (policy.ts takes the markers out); `value`: its id, or its type name. */
export function noteGroupRead(reads: AuditedReads, group: AuditGroup, value: unknown): void {
  const recordId = group.by === 'id' ? value : undefined;
  reads.note('ALLOWED', group.allowed, recordId);
  reads.note('DENIED', group.denied, recordId);
}

/** Writes a request's rows; throws when they could not be written (the answer is then withheld). */
export type GatewayAuditWriter = (viewer: Viewer, rows: AuditLogRow[], operationName: string | null) => Promise<void>;

/**
 * The gateway's writer: the shared INSERT on its own pool, concurrent requests' rows in one statement (group
 * commit, each request waiting for its rows' commit); rows that cannot be stored go to the process log.
 */
export function gatewayAuditWriter(pool: pg.Pool, logger: Logger): GatewayAuditWriter {
  const batcher = new AuditBatcher((json) => pool.query(auditInsertSql('$1'), [json]));
  return async (viewer, rows, operationName) => {
    if (!rows.length) return;
    try {
      await batcher.write(auditRowsJson(viewer, rows, operationName), rows.length);
    } catch (error) {
      logger.error({ err: error, auditRows: rows, viewer: viewer.subject, operationName }, 'gateway audit trail not written to the database');
      throw error;
    }
  };
}

/** The answer to a request whose audit rows could not be written: its data withheld, as the core does. */
export function unauditedAnswer(mutation: boolean): GraphQLError {
  const { message, extensions } = databaseError('DATABASE_UNAVAILABLE', mutation ? 'UNKNOWN' : undefined);
  return new GraphQLError(message, { extensions });
}

/** Aliases a client may not use: the gateway's own markers. */
export function isReservedAlias(alias: string, markers: readonly string[]): boolean {
  return markers.some((marker) => alias.startsWith(marker));
}
