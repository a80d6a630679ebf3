// Writing many rows with flat memory: rows go to PostgreSQL in chunks, each chunk as ONE JSON parameter of one
// multi-row INSERT (json_populate_recordset), so no chunk stays in memory once written and nothing passes through
// the ORM's unit of work or identity map. Columns and tables come from the entities' metadata (common/sql.ts), so
// the statements follow the entities. Runs on the caller's transaction.
import type { EntityManager } from '@mikro-orm/postgresql';
import { columnOf, pivotOf, quoteIdentifier, tableOf } from '../../hub/common/sql.js';

export interface ChunkWriter<T> {
  add(row: T): Promise<void>;
  /** Writes what is left; returns how many rows were written in all. */
  end(): Promise<number>;
}

/** An INSERT of rows of `entity` given as objects keyed by property name (`properties`), `chunkSize` rows at a time. */
export function entityWriter<T extends object>(
  em: EntityManager,
  entity: { name: string },
  properties: readonly (keyof T & string)[],
  chunkSize: number,
  afterChunk?: (rows: readonly T[]) => Promise<void>,
): ChunkWriter<T> {
  const table = quoteIdentifier(tableOf(em, entity));
  const columns = properties.map((p) => columnOf(em, entity, p));
  const list = columns.map(quoteIdentifier).join(', ');
  const sql = `insert into ${table} (${list}) select ${list} from json_populate_recordset(null::${table}, ?::json)`;
  const json = (rows: readonly T[]) =>
    JSON.stringify(rows.map((row) => Object.fromEntries(properties.map((p, i) => [columns[i]!, (row as Record<string, unknown>)[p] ?? null]))));
  return chunked(chunkSize, async (rows) => {
    await em.execute(sql, [json(rows)]);
    await afterChunk?.(rows);
  });
}

/** An INSERT into the pivot of a many-to-many `entity.property`, as [holder id, item id] pairs, in the given order. */
export function pivotWriter(em: EntityManager, entity: { name: string }, property: string, chunkSize: number): ChunkWriter<readonly [string, string]> {
  const pivot = pivotOf(em, entity, property);
  // ORDER BY the pairs' position: a fixed-order pivot (transit ports) numbers its rows in insertion order.
  const sql =
    `insert into ${quoteIdentifier(pivot.table)} (${quoteIdentifier(pivot.parentColumn)}, ${quoteIdentifier(pivot.childColumn)}) ` +
    `select (e->>0)::uuid, (e->>1)::uuid from json_array_elements(?::json) with ordinality as x(e, n) order by n`;
  return chunked(chunkSize, async (pairs) => {
    await em.execute(sql, [JSON.stringify(pairs)]);
  });
}

function chunked<T>(chunkSize: number, write: (rows: T[]) => Promise<void>): ChunkWriter<T> {
  if (!Number.isInteger(chunkSize) || chunkSize < 1) throw new Error(`chunk size must be a positive integer: ${chunkSize}`);
  let chunk: T[] = [];
  let written = 0;
  const flush = async () => {
    if (!chunk.length) return;
    const rows = chunk;
    chunk = [];
    await write(rows);
    written += rows.length;
  };
  return {
    async add(row) {
      chunk.push(row);
      if (chunk.length >= chunkSize) await flush();
    },
    async end() {
      await flush();
      return written;
    },
  };
}
