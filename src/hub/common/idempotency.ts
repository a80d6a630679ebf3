// Idempotency keys: a client that retries a change after a timeout (or an UNKNOWN outcome) sends the same key, and
// gets the first answer instead of a second change. A key is the client's own (per signed-in subject, so no one
// learns anything about another's keys), is claimed in the same transaction as the change it guards, and is
// remembered for a day.
import { createHash } from 'node:crypto';
import type { EntityManager } from '@mikro-orm/postgresql';
import { IsOptional, Matches } from 'class-validator';
import { GraphQLError } from 'graphql';
import { Field } from 'type-graphql';
import type { HubContext } from '../context.js';
import { badInput } from './errors.js';
import { executeRaw, quoteIdentifier } from './sql.js';

/** What a client may use as a key: a UUID is typical. */
export const IDEMPOTENCY_KEY_PATTERN = /^[A-Za-z0-9_.:-]{8,200}$/;
export const IDEMPOTENCY_KEY_MESSAGE = 'must be 8 to 200 letters, digits, or . _ : - (a UUID will do)';
const KEPT_HOURS = 24;
/** No entity describes this table (migrations/Migration20261130060000_idempotency_keys.ts; skipped by the schema diff): its name is kept here, once. */
const TABLE = quoteIdentifier('idempotency_key');

/**
 * The optional `idempotencyKey` field of a create input: the GraphQL field, optional, and checked against
 * IDEMPOTENCY_KEY_PATTERN (BAD_USER_INPUT on `input.idempotencyKey`). `record` names what the mutation creates.
 * The mutation passes the key to idempotent() and must not copy it into its entity.
 */
export function IdempotencyKeyField(record: string): PropertyDecorator {
  const decorators: PropertyDecorator[] = [
    Field(() => String, {
      nullable: true,
      description: `Makes a retry safe: a second request with the same key (yours, for a day) returns the ${record} the first one created instead of creating another. Same as the Idempotency-Key header; a key already used for a different request is refused with IDEMPOTENCY_KEY_REUSED.`,
    }),
    IsOptional(),
    Matches(IDEMPOTENCY_KEY_PATTERN, { message: `idempotencyKey ${IDEMPOTENCY_KEY_MESSAGE}` }),
  ];
  return (target, propertyKey) => decorators.forEach((decorate) => decorate(target, propertyKey));
}

/** How a mutation takes part: its name, the key from its input (the Idempotency-Key header otherwise), and how to answer a retry. */
export interface Idempotency<T> {
  operation: string;
  key?: string | null;
  /** The mutation's input; a retry must send the same (the key itself aside). */
  input: object;
  /** The record the first request returned, as the viewer may see it now. */
  replay(id: string): Promise<T>;
}

export interface Claim {
  subject: string;
  key: string;
  operation: string;
  hash: string;
}

interface ClaimRow {
  operation: string;
  request_hash: string;
  result_id: string | null;
}

/** Key order, the key itself, and null versus left out (the same for a new record) do not change the hash. */
function canonical(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(canonical);
  if (value && typeof value === 'object' && !(value instanceof Date)) {
    return Object.fromEntries(Object.entries(value).filter(([k, v]) => k !== 'idempotencyKey' && v != null).sort(([a], [b]) => a.localeCompare(b)).map(([k, v]) => [k, canonical(v)]));
  }
  return value;
}

/** The claim a mutation would make, or null when the client sent no key. */
export function claimFor(ctx: HubContext, idempotency: Idempotency<unknown>): Claim | null {
  const fromInput = idempotency.key;
  const key = fromInput ?? ctx.idempotencyKey;
  if (key == null) return null;
  if (!IDEMPOTENCY_KEY_PATTERN.test(key)) {
    throw badInput({ field: fromInput != null ? 'input.idempotencyKey' : 'Idempotency-Key', message: IDEMPOTENCY_KEY_MESSAGE });
  }
  if (!ctx.viewer.subject) return null; // anonymous viewers change nothing (the shield refuses them first)
  const hash = createHash('sha256').update(JSON.stringify(canonical(idempotency.input))).digest('hex');
  return { subject: ctx.viewer.subject, key, operation: idempotency.operation, hash };
}

export async function findClaim(em: EntityManager, claim: Claim): Promise<ClaimRow | null> {
  const rows = await executeRaw<ClaimRow[]>(em,
    `select "operation", "request_hash", "result_id" from ${TABLE} where "viewer_subject" = ? and "key" = ? and "created_at" > now() - interval '${KEPT_HOURS} hours'`,
    [claim.subject, claim.key]);
  return rows[0] ?? null;
}

/**
 * Claims the key inside the change's transaction; false when it is taken. A concurrent request with the same key
 * waits here on the key's row until the first commits (then false) or rolls back (then it claims it itself).
 */
export async function claimKey(em: EntityManager, claim: Claim): Promise<boolean> {
  // The subject's expired keys go first, so that the table holds one day of keys per subject.
  await executeRaw(em, `delete from ${TABLE} where "viewer_subject" = ? and "created_at" <= now() - interval '${KEPT_HOURS} hours'`, [claim.subject]);
  const rows = await executeRaw<unknown[]>(em,
    `insert into ${TABLE} ("viewer_subject", "key", "operation", "request_hash") values (?, ?, ?, ?) on conflict do nothing returning 1 as claimed`,
    [claim.subject, claim.key, claim.operation, claim.hash]);
  return rows.length === 1;
}

export async function recordResult(em: EntityManager, claim: Claim, resultId: string | undefined): Promise<void> {
  await executeRaw(em, `update ${TABLE} set "result_id" = ? where "viewer_subject" = ? and "key" = ?`, [resultId ?? null, claim.subject, claim.key]);
}

/** The answer to a retry: the first result, or a refusal when the key was used for something else. */
export async function replay<T>(ctx: HubContext, claim: Claim, row: ClaimRow, idempotency: Idempotency<T>): Promise<T> {
  if (row.operation !== claim.operation || row.request_hash !== claim.hash) {
    throw new GraphQLError(`This idempotency key was already used for a different request (${row.operation === claim.operation ? 'other input' : row.operation}); use a new key for a new change`, {
      extensions: { code: 'IDEMPOTENCY_KEY_REUSED', field: idempotency.key != null ? 'input.idempotencyKey' : 'Idempotency-Key' },
    });
  }
  if (!row.result_id) throw new GraphQLError('The first request with this idempotency key returned nothing to repeat', { extensions: { code: 'CONFLICT' } });
  ctx.audit.changeReplayed();
  return idempotency.replay(row.result_id);
}
