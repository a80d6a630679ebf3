// Shared steps of every write: one transaction, an optimistic-lock check on the version the client read.
import { LockMode, type EntityManager, type FilterQuery } from '@mikro-orm/postgresql';
import type { ClassType } from 'type-graphql';
import type { HubContext } from '../context.js';
import { GraphQLError } from 'graphql';
import { notFound, staleVersion } from './errors.js';
import { isUuid } from '../../ids.js';
import type { BaseRecord } from './base.entity.js';

/** Runs `work` in one transaction on the request's EntityManager: everything is written, or nothing. */
export function inTransaction<T>(ctx: HubContext, work: (em: EntityManager) => Promise<T>): Promise<T> {
  return ctx.em.transactional(work);
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
    throw new GraphQLError(`Only the agency that created this ${what} may change it`, { extensions: { code: 'FORBIDDEN' } });
  }
}
