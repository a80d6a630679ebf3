// Cursor connections with keyset pagination: stable order (sort keys + id), opaque cursors, `first` capped.
import type { EntityManager, FilterQuery } from '@mikro-orm/postgresql';
import { ArgsType, Directive, Field, Int, ObjectType, type ClassType } from 'type-graphql';
import { isUuid } from '../../ids.js';
import { badInput } from './errors.js';
import { columnOf, executeRaw, quoteIdentifier } from './sql.js';

export const DEFAULT_PAGE_SIZE = 20;
export const MAX_PAGE_SIZE = 100;

@ArgsType()
export class PageArgs {
  @Field(() => Int, { nullable: true, description: `Page size, 1 to ${MAX_PAGE_SIZE} (default ${DEFAULT_PAGE_SIZE}).` })
  first?: number | null;

  @Field(() => String, { nullable: true, description: 'The endCursor of the previous page.' })
  after?: string | null;
}

@ObjectType({ description: 'Relay-style page information.' })
@Directive('@shareable') // member-state subgraphs define it too
export class PageInfo {
  @Field()
  hasNextPage!: boolean;

  @Field({ description: 'Always false: pages are read forwards from the first one.' })
  hasPreviousPage!: boolean;

  @Field(() => String, { nullable: true })
  startCursor!: string | null;

  @Field(() => String, { nullable: true })
  endCursor!: string | null;
}

export interface ConnectionShape<T> {
  edges: { cursor: string; node: T }[];
  pageInfo: PageInfo;
  /** Counted only when the client selects it: a thenable that runs its query on first `then`. */
  totalCount: PromiseLike<number>;
}

const TOTAL_COUNT = 'Number of records matching the filter that the viewer may see, across all pages.';

/**
 * Builds the `XConnection` and `XEdge` object types for a node type; `totalCountNote` adds to totalCount's
 * description (e.g. how the count is published).
 */
export function connectionType<T extends object>(node: ClassType<T>, name = node.name, totalCountNote?: string) {
  @ObjectType(`${name}Edge`)
  class Edge {
    @Field()
    cursor!: string;

    @Field(() => node)
    node!: T;
  }

  @ObjectType(`${name}Connection`, { description: `A page of ${name} records.` })
  class Connection implements Omit<ConnectionShape<T>, 'totalCount'> {
    @Field(() => [Edge])
    edges!: Edge[];

    @Field(() => PageInfo)
    pageInfo!: PageInfo;

    @Field(() => Int, { description: totalCountNote ? `${TOTAL_COUNT} ${totalCountNote}` : TOTAL_COUNT })
    totalCount!: number;
  }
  return Connection;
}

export type Direction = 'asc' | 'desc';
/** Sort keys (entity properties); `id` is always appended as the tie-breaker, in the last key's direction. */
export type SortKeys<T> = [keyof T & string, Direction][];

export interface PageRequest {
  limit: number;
  after?: unknown[];
}

/** `first`, or the default; out of range is BAD_USER_INPUT naming it. */
export function pageSize(args: PageArgs): number {
  const first = args.first ?? DEFAULT_PAGE_SIZE;
  if (!Number.isInteger(first) || first < 1 || first > MAX_PAGE_SIZE) {
    throw badInput({ field: 'first', message: `must be between 1 and ${MAX_PAGE_SIZE}` });
  }
  return first;
}

/** Validates `first`/`after`; a bad value is BAD_USER_INPUT naming the argument. */
export function pageRequest<T extends object>(em: EntityManager, entity: ClassType<T>, args: PageArgs, keys: SortKeys<T>): PageRequest {
  const first = pageSize(args);
  if (args.after == null) return { limit: first };
  return { limit: first, after: decodeCursor(args.after, sortValueChecks(em, entity, keys)) };
}

export function encodeCursor(values: unknown[]): string {
  return Buffer.from(JSON.stringify(values)).toString('base64url');
}

export type ValueCheck = (value: unknown) => boolean;
const ISO_DATE = /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2}))?$/;
const DECIMAL = /^-?\d{1,20}(\.\d{1,10})?$/;

/**
 * What each cursor value must look like, from the sort keys' column types: a forged or stale cursor is refused
 * here, as bad input, instead of reaching SQL (where a wrong type would be an internal error).
 */
function sortValueChecks<T extends object>(em: EntityManager, entity: ClassType<T>, keys: SortKeys<T>): ValueCheck[] {
  const properties = em.getMetadata().get(entity as never).properties as Record<string, { runtimeType?: string; columnTypes?: string[] }>;
  return [...keys.map(([key]) => key), 'id'].map((key): ValueCheck => {
    const prop = properties[key];
    const column = prop?.columnTypes?.[0] ?? '';
    if (key === 'id' || column === 'uuid') return (v) => typeof v === 'string' && isUuid(v);
    if (prop?.runtimeType === 'Date' || /^(date|timestamp)/.test(column)) return (v) => typeof v === 'string' && ISO_DATE.test(v) && !Number.isNaN(Date.parse(v));
    if (/^(numeric|decimal)/.test(column)) return (v) => typeof v === 'string' && DECIMAL.test(v);
    if (prop?.runtimeType === 'number') return (v) => typeof v === 'number' && Number.isFinite(v) && Math.abs(v) <= 2 ** 31;
    if (prop?.runtimeType === 'boolean') return (v) => typeof v === 'boolean';
    return (v) => typeof v === 'string' && v.length <= 1000;
  });
}

/** The values of a cursor this API made, each passing its check; anything else is BAD_USER_INPUT on `after`. */
export function decodeCursor(cursor: string, checks: ValueCheck[]): unknown[] {
  try {
    const values: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (Array.isArray(values) && values.length === checks.length && values.every((v, i) => checks[i]!(v))) return values;
  } catch {
    // fall through to the error below
  }
  throw badInput({ field: 'after', message: 'is not a cursor returned by this list' });
}

function withId<T>(keys: SortKeys<T>): [string, Direction][] {
  const last = keys.at(-1)?.[1] ?? 'asc';
  return [...keys, ['id', last]];
}

export function orderBy<T>(keys: SortKeys<T>): Record<string, Direction>[] {
  return withId(keys).map(([k, d]) => ({ [k]: d }));
}

export function cursorOf<T extends object>(row: T, keys: SortKeys<T>): string {
  return encodeCursor(withId(keys).map(([k]) => {
    const v = (row as Record<string, unknown>)[k];
    return v instanceof Date ? v.toISOString() : (v ?? null);
  }));
}

/**
 * Rows strictly after the cursor in the given order: (a > x) or (a = x and b > y) or ...
 * Null sort values are not supported: sort keys are non-null columns.
 */
export function afterCondition<T>(keys: SortKeys<T>, values: unknown[]): FilterQuery<T> {
  const all = withId(keys);
  const branches = all.map(([key, dir], i) => {
    const branch: Record<string, unknown> = {};
    for (let j = 0; j < i; j++) branch[all[j]![0]] = values[j];
    branch[key] = { [dir === 'asc' ? '$gt' : '$lt']: values[i] };
    return branch;
  });
  return { $or: branches } as FilterQuery<T>;
}

export function toConnection<T extends object>(
  rows: T[],
  limit: number,
  keys: SortKeys<T>,
  totalCount: () => Promise<number>,
): ConnectionShape<T> {
  const page = rows.slice(0, limit);
  const edges = page.map((node) => ({ cursor: cursorOf(node, keys), node }));
  return {
    edges,
    pageInfo: {
      hasNextPage: rows.length > limit,
      hasPreviousPage: false,
      startCursor: edges[0]?.cursor ?? null,
      endCursor: edges.at(-1)?.cursor ?? null,
    },
    totalCount: lazy(totalCount),
  };
}

/** A promise-like that starts its work only when awaited (graphql-js awaits only selected fields). */
export function lazy<T>(start: () => Promise<T>): PromiseLike<T> {
  let promise: Promise<T> | undefined;
  return {
    then: (onFulfilled, onRejected) => (promise ??= start()).then(onFulfilled, onRejected),
  };
}

/**
 * What a list's totalCount is, as an aggregate over the list's rows (`x`) given the SQL of their id, when it is not
 * `count(*)`: e.g. a count published under disclosure control (common/disclosure.ts).
 */
export type CountSql = (id: string) => string;

/** A list's totalCount: an aggregate over its rows (CountSql), or one its module makes without them (a rollup). */
export type TotalCount = CountSql | { total(): Promise<number> };

/** The totalCount of the rows `where` selects: `count(*)`, or what `countSql` makes of them. */
async function countRows<T extends object>(em: EntityManager, entity: ClassType<T>, where: FilterQuery<T>, countSql?: CountSql): Promise<number> {
  if (!countSql) return em.count(entity, where as never);
  const inner = em.createQueryBuilder(entity, 't').select('t.*').where(where as never).toQuery();
  const id = `x.${quoteIdentifier(columnOf(em, entity, 'id'))}`;
  const [row] = await executeRaw<{ n: number }[]>(em, `select ${countSql(id)} as "n" from (${inner.sql}) x`, [...inner.params]);
  return Number(row!.n);
}

/**
 * A root list: one query for the page (limit + 1 to know if there is more), one for the count if asked (`count`:
 * see TotalCount; `count(*)` when absent).
 */
export async function findPage<T extends object>(
  em: EntityManager,
  entity: ClassType<T>,
  where: FilterQuery<T>,
  keys: SortKeys<T>,
  args: PageArgs,
  count?: TotalCount,
): Promise<ConnectionShape<T>> {
  const { limit, after } = pageRequest(em, entity, args, keys);
  const condition = after ? ({ $and: [where, afterCondition(keys, after)] } as FilterQuery<T>) : where;
  const rows = await em.find(entity, condition as never, { orderBy: orderBy(keys) as never, limit: limit + 1 });
  const total = count && typeof count !== 'function' ? () => count.total() : () => countRows(em, entity, where, count);
  return toConnection(rows, limit, keys, total);
}
