// Shared steps of every write: one transaction that holds the change, its audit row and its idempotency key
// (all three or none), retried when a database fault provably hit before the commit, and an optimistic-lock check
// on the version the client read.
import { LockMode, type EntityManager, type FilterQuery } from '@mikro-orm/postgresql';
import type { ClassType } from 'type-graphql';
import type { HubContext } from '../context.js';
import { DATABASE_UNAVAILABLE, DatabaseUnavailableError, databaseFault } from '../../db/availability.js';
import { metrics } from '../../observability/metrics.js';
import { insertAuditRows } from '../modules/audit/audit.writer.js';
import { forbidden, notFound, staleVersion } from './errors.js';
import { claimFor, claimKey, findClaim, recordResult, replay, type Claim, type Idempotency } from './idempotency.js';
import { isUuid } from '../../ids.js';
import type { BaseRecord } from './base.entity.js';

/** Attempts of a transaction that met a database outage before its commit (the connection's own retries aside). */
const ATTEMPTS = 2;

/** The key was claimed by an earlier (or concurrent, now committed) request: answer as it was answered. */
class KeyTaken extends Error {}

/** A key the client sent, not yet used: inTransaction claims it with the change. */
export interface KeyToClaim<T> {
  claim: Claim;
  idempotency: Idempotency<T>;
}

/**
 * A change the client may retry: answered from its idempotency key when the key was used before (before any of
 * the change's own checks, which would now refuse it), otherwise `change` runs with the key to claim.
 */
export async function idempotent<T>(ctx: HubContext, idempotency: Idempotency<T>, change: (key: KeyToClaim<T> | undefined) => Promise<T>): Promise<T> {
  const claim = claimFor(ctx, idempotency);
  if (!claim) return change(undefined);
  const earlier = await findClaim(ctx.em, claim);
  if (earlier) return replay(ctx, claim, earlier, idempotency);
  try {
    return await change({ claim, idempotency });
  } catch (error) {
    // A concurrent duplicate that committed meanwhile makes this one's own checks fail (e.g. "reference taken"):
    // it is a retry all the same, and gets the first answer.
    const meanwhile = await findClaim(ctx.em, claim).catch(() => null);
    if (meanwhile) return replay(ctx, claim, meanwhile, idempotency);
    throw error;
  }
}

/**
 * Runs `work` in one transaction on the request's EntityManager: the change, the audit row of the mutation in
 * progress and, with `key` (from idempotent()), the client's key are written together or not at all.
 *
 * When the database fails before the commit was asked for, nothing was written (PostgreSQL rolls back a
 * transaction whose connection is gone) and the whole transaction runs again once; the error then says
 * NOT_APPLIED. When it fails during the commit, the outcome is UNKNOWN: never retried here (the change may be
 * there), the client retries with its idempotency key.
 */
export async function inTransaction<T extends object>(ctx: HubContext, work: (em: EntityManager) => Promise<T>, key?: KeyToClaim<T>): Promise<T> {
  const claim = key?.claim;
  for (let attempt = 1; ; attempt++) {
    let committing = false;
    try {
      const result = await ctx.em.transactional(async (em) => {
        if (claim && !(await claimKey(em, claim))) throw new KeyTaken();
        const done = await work(em);
        if (claim) await recordResult(em, claim, (done as { id?: string }).id);
        const row = ctx.audit.changeRow(done);
        if (row) await insertAuditRows(em, ctx.audit, [row], ctx.audit.operationName);
        committing = true;
        return done;
      });
      ctx.audit.changeCommitted();
      return result;
    } catch (error) {
      if (error instanceof KeyTaken && key) return replay(ctx, key.claim, (await findClaim(ctx.em, key.claim))!, key.idempotency);
      if (databaseFault(error) !== DATABASE_UNAVAILABLE) throw error;
      if (committing) throw new DatabaseUnavailableError('UNKNOWN', { cause: error });
      if (attempt >= ATTEMPTS || ctx.signal?.aborted) throw new DatabaseUnavailableError('NOT_APPLIED', { cause: error });
      metrics.dbRetries.inc({ kind: 'transaction' });
    }
  }
}

/**
 * Loads a record for update inside a transaction: NOT_FOUND if the viewer may not see it, then `authorize` (e.g.
 * requireOwnAgency: FORBIDDEN before anything else is said about the record), then the version check: a
 * different version than the client read is CONFLICT. The flush that follows checks the version in its UPDATE
 * too, so a concurrent change between this read and the write is refused as well.
 */
export async function loadForUpdate<T extends BaseRecord>(
  em: EntityManager,
  entity: ClassType<T>,
  id: string,
  expectedVersion: number,
  /** The rows the viewer may see: anything else is NOT_FOUND, exactly as for a read. */
  scope: FilterQuery<T> = {} as FilterQuery<T>,
  authorize: (record: T) => void | Promise<void> = () => undefined,
): Promise<T> {
  const record = isUuid(id) ? ((await em.findOne(entity, { $and: [scope, { id }] } as never)) as T | null) : null;
  if (!record) throw notFound(entity.name, id);
  await authorize(record);
  if (record.version !== expectedVersion) throw staleVersion(entity.name, id);
  await em.lock(record, LockMode.OPTIMISTIC, expectedVersion);
  return record;
}

/**
 * Only the originating agency changes its records. The viewer already may see the record (a record they may
 * not see is NOT_FOUND before this), so FORBIDDEN reveals nothing new.
 */
export function requireOwnAgency(ctx: HubContext, record: { originAgency: { id: string } }, what: string): void {
  if (record.originAgency.id !== ctx.viewer.agencyId) {
    throw forbidden(`Only the agency that created this ${what} may change it`);
  }
}

/**
 * The partial update of a correct/update mutation: sets each field that is given, leaves a field that is undefined
 * as it is (null is a value: it clears an optional field). The compiler checks each value against the field's type,
 * so null cannot reach a required field.
 */
export function setGiven<T extends object>(record: T, changes: { [K in keyof T]?: T[K] }): void {
  for (const field of Object.keys(changes) as (keyof T)[]) {
    const value = changes[field];
    if (value !== undefined) record[field] = value;
  }
}
