import { ReferenceKind, type EntityManager, type EntityProperty } from '@mikro-orm/postgresql';

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

/**
 * The columns the ORM loads for an entity by default: its own scalars and foreign keys, not its lazy columns (e.g.
 * search vectors), so hand-written selects fetch what `em.find` would.
 */
export function loadedColumns(em: EntityManager, entity: { name: string }): string[] {
  const meta = em.getMetadata().get(entity as never);
  return (meta.props as EntityProperty[])
    .filter((p) => p.persist !== false && !p.lazy && !p.formula && (p.kind === ReferenceKind.SCALAR || p.kind === ReferenceKind.MANY_TO_ONE || (p.kind === ReferenceKind.ONE_TO_ONE && p.owner)))
    .flatMap((p) => p.fieldNames ?? []);
}

/** The table of an entity, from the ORM's metadata. */
export function tableOf(em: EntityManager, entity: { name: string }): string {
  return em.getMetadata().get(entity as never).tableName;
}

/** A many-to-many property's pivot table and columns, as the ORM's metadata describes them. */
export interface Pivot {
  table: string;
  /** The pivot's column pointing at the entity that declares the property (the collection's holder). */
  parentColumn: string;
  /** The pivot's column pointing at the entities the collection holds. */
  childColumn: string;
  /** The pivot's column keeping the collection's order, when the collection has a fixed order. */
  orderColumn?: string;
}

/**
 * The pivot of `entity.property`, a many-to-many on the owning side (the pivot's description) or on the inverse
 * side (`mappedBy`: the owning side's pivot with its two columns swapped), so hand-written SQL follows the entities.
 */
export function pivotOf(em: EntityManager, entity: { name: string }, property: string): Pivot {
  const properties = em.getMetadata().get(entity as never).properties as Record<string, EntityProperty>;
  const prop = properties[property];
  if (prop?.kind !== ReferenceKind.MANY_TO_MANY) throw new Error(`${entity.name}.${property} is not a many-to-many property`);
  const owning = prop.owner ? prop : (prop.targetMeta?.properties as Record<string, EntityProperty> | undefined)?.[prop.mappedBy];
  if (!owning?.pivotTable) throw new Error(`No pivot table for ${entity.name}.${property}`);
  // On the owning side, joinColumns point at the property's holder and inverseJoinColumns at its items.
  const [parent, child] = prop.owner ? [owning.joinColumns, owning.inverseJoinColumns] : [owning.inverseJoinColumns, owning.joinColumns];
  if (parent?.length !== 1 || child?.length !== 1) throw new Error(`${entity.name}.${property}: only single-column keys are supported`);
  return { table: owning.pivotTable, parentColumn: parent[0]!, childColumn: child[0]!, orderColumn: owning.fixedOrder ? owning.fixedOrderColumn : undefined };
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
