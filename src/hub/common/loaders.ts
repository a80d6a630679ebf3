import DataLoader from 'dataloader';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { ClassType } from 'type-graphql';

/** Loads rows by a unique property (id by default) in one `in (...)` query per batch; missing keys give null. */
export function byKeyLoader<T extends object, K extends keyof T & string = 'id' & keyof T & string>(
  em: EntityManager,
  entity: ClassType<T>,
  key: K = 'id' as K,
): DataLoader<string, T | null> {
  return new DataLoader(async (keys) => {
    const rows = await em.find(entity, { [key]: { $in: [...keys] } } as never);
    const byKey = new Map(rows.map((row) => [String(row[key]), row]));
    return keys.map((k) => byKey.get(k) ?? null);
  });
}

/** Same, for a list of keys: keeps order, drops missing ones. */
export async function loadMany<T>(loader: DataLoader<string, T | null>, keys: readonly string[]): Promise<T[]> {
  const rows = await loader.loadMany(keys);
  return rows.filter((r): r is T => r !== null && !(r instanceof Error));
}
