import DataLoader from 'dataloader';
import { isUuid } from '../../ids.js';
import { notFound } from './errors.js';
import type { EntityManager, FilterQuery } from '@mikro-orm/postgresql';
import type { ClassType } from 'type-graphql';

/** Loads rows by a unique property (id by default) in one `in (...)` query per batch; missing keys give null. */
export function byKeyLoader<T extends object, K extends keyof T & string = 'id' & keyof T & string>(
  em: EntityManager,
  entity: ClassType<T>,
  key: K = 'id' as K,
  /** Rows outside the scope (e.g. not visible to the viewer) load as null, as if they did not exist. */
  scope: FilterQuery<T> = {} as FilterQuery<T>,
): DataLoader<string, T | null> {
  return new DataLoader(async (keys) => {
    // A malformed id cannot name a row; keep it away from PostgreSQL's uuid parser (it would be a 500).
    const wanted = key === 'id' ? keys.filter(isUuid) : keys;
    const rows = wanted.length ? await em.find(entity, { $and: [scope, { [key]: { $in: [...wanted] } }] } as never) : [];
    const byKey = new Map(rows.map((row) => [String(row[key]), row]));
    return keys.map((k) => byKey.get(k) ?? null);
  });
}

/** The row a query names by key, or NOT_FOUND (also for rows the viewer may not see: existence is not leaked). */
export async function loadOrNotFound<T>(loader: DataLoader<string, T | null>, key: string, type: string): Promise<T> {
  const row = await loader.load(key);
  if (!row) throw notFound(type, key);
  return row;
}
