import type { EntityManager } from '@mikro-orm/postgresql';

/** Escapes LIKE wildcards so user text matches literally. */
export function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}

/** A double-quoted SQL identifier. */
export function quoteIdentifier(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}

/** The column of an entity property, from the ORM's metadata, so hand-written SQL follows the entities. */
export function columnOf(em: EntityManager, entity: { name: string }, property: string): string {
  const prop = (em.getMetadata().get(entity as never).properties as Record<string, { fieldNames?: string[] }>)[property];
  if (!prop?.fieldNames?.[0]) throw new Error(`No column for ${entity.name}.${property}`);
  return prop.fieldNames[0];
}

const requestSignals = new WeakMap<EntityManager, AbortSignal>();

/**
 * The request's EntityManager: its queries are cancelled on the server (`cancel query`) when the request's signal
 * aborts (deadline passed, client gone), and none starts after that.
 */
export function requestEntityManager(em: EntityManager, signal?: AbortSignal): EntityManager {
  if (!signal) return em.fork();
  const fork = em.fork({ signal, inflightQueryAbortStrategy: 'cancel query' });
  requestSignals.set(fork, signal);
  return fork;
}

/** Hand-written SQL, under the same cancellation as the request's EntityManager. */
export function executeRaw<T extends object>(em: EntityManager, sql: string, params: unknown[]): Promise<T> {
  const signal = requestSignals.get(em);
  const abort = signal ? ({ signal, inflightQueryAbortStrategy: 'cancel query' } as never) : undefined;
  return em.getConnection().execute<T>(sql, params, 'all', em.getTransactionContext(), abort);
}
