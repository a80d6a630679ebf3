import DataLoader from 'dataloader';
import { isUuid } from '../../ids.js';
import { notFound } from './errors.js';
import { executeRaw, pivotOf, quoteIdentifier } from './sql.js';
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

/**
 * The ids a many-to-many collection holds, per holder, in one query per batch of holders (in the collection's order
 * when it has one): for bounded lists whose items are then loaded by a viewer-scoped byKeyLoader, so a hidden item
 * is simply absent.
 */
export function pivotIdsLoader(em: EntityManager, entity: { name: string }, property: string): DataLoader<string, string[]> {
  const pivot = pivotOf(em, entity, property);
  const [table, parent, child] = [pivot.table, pivot.parentColumn, pivot.childColumn].map(quoteIdentifier);
  const order = pivot.orderColumn ? quoteIdentifier(pivot.orderColumn) : child;
  return new DataLoader(async (ids) => {
    const wanted = ids.filter(isUuid);
    const rows = wanted.length
      ? await executeRaw<{ parent: string; child: string }[]>(em, `select ${parent} as "parent", ${child} as "child" from ${table} where ${parent} in (${wanted.map(() => '?').join(', ')}) order by ${parent}, ${order}`, [...wanted])
      : [];
    const byParent = new Map<string, string[]>();
    for (const row of rows) byParent.set(String(row.parent), [...(byParent.get(String(row.parent)) ?? []), String(row.child)]);
    return ids.map((id) => byParent.get(id) ?? []);
  });
}
