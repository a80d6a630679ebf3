// The member subgraphs administrators register through the core (Mutation.registerSubgraph and co., table
// member_subgraph), read by the gateway with plain SQL as the runtime role (SELECT only): the gateway runs without
// the core's code. Every gateway instance on the same PostgreSQL polls the same table, so all serve a change within
// one poll interval.
import type pg from 'pg';
import type { SubgraphEntry } from './subgraph-entry.js';

/** PostgreSQL's undefined_table: the migration that creates the table has not run on this database. */
const UNDEFINED_TABLE = '42P01';

interface Row {
  name: string;
  url: string;
  public: boolean;
  headers: { name: string; fromEnv: string }[] | null;
  timeout_ms: number | null;
}

export class DatabaseRegistry {
  constructor(private readonly pool: pg.Pool) {}

  /**
   * A cheap summary of the table that changes whenever a registration does (each write bumps its version and
   * updated_at): polled, so that the registrations themselves are read only when something changed.
   */
  async fingerprint(): Promise<string> {
    try {
      const { rows } = await this.pool.query<{ f: string }>(
        `select count(*) || ':' || coalesce(sum("version"), 0) || ':' || coalesce(max("updated_at")::text, '') as f from "member_subgraph"`,
      );
      return rows[0]!.f;
    } catch (error) {
      if ((error as { code?: string }).code === UNDEFINED_TABLE) return 'no table';
      throw error;
    }
  }

  /** The registrations in force (not retired), by name. */
  async entries(): Promise<SubgraphEntry[]> {
    let rows: Row[];
    try {
      ({ rows } = await this.pool.query<Row>(
        `select "name", "url", "public", "headers", "timeout_ms" from "member_subgraph" where "retired_at" is null order by "name"`,
      ));
    } catch (error) {
      if ((error as { code?: string }).code === UNDEFINED_TABLE) return [];
      throw error;
    }
    return rows.map((row) => ({
      name: row.name,
      url: row.url,
      ...(row.public ? { public: true } : {}),
      ...(row.headers?.length ? { headers: row.headers.map((h) => ({ name: h.name, fromEnv: h.fromEnv })) } : {}),
      ...(row.timeout_ms != null ? { timeoutMs: row.timeout_ms } : {}),
    }));
  }
}
