// Shared by the benchmarks: a throw-away embedded PostgreSQL with demo data, HTTP timing and a results table.
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import type { MikroORM } from '@mikro-orm/postgresql';
import { loadConfig } from '../../src/config.js';
import { DatabaseAvailability } from '../../src/db/availability.js';
import { migrate, openDatabase } from '../../src/db/database.js';
import { loadDemoData } from '../../src/db/demo-data/index.js';
import { startEmbeddedPostgres } from '../../src/db/embedded-postgres.js';

/** A served database, as the core has it: its pool guarded by `database`. */
export async function benchDatabase(seizures = 3000): Promise<{ orm: MikroORM; database: DatabaseAvailability; close(): Promise<void> }> {
  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'hub-bench-pg-'));
  const pg = await startEmbeddedPostgres({ dataDir, port: 56000 + Math.floor(Math.random() * 3000) });
  const database = new DatabaseAvailability(loadConfig({}).database);
  const db = await openDatabase({ databaseUrl: pg.url, dataDir, embeddedPgPort: 0, debugSql: false }, { availability: database });
  await migrate(db.orm);
  await loadDemoData(db.orm, { seed: 20240124, seizures });
  return {
    orm: db.orm,
    database,
    async close() {
      database.close();
      await db.close();
      await pg.stop();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}

/** Sends one GraphQL request and returns its latency in ms; fails loudly on any GraphQL error. */
export async function timedRequest(url: string, body: string, headers: Record<string, string>): Promise<number> {
  const started = performance.now();
  const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body });
  const json = (await res.json()) as { errors?: unknown[] };
  const elapsed = performance.now() - started;
  if (json.errors?.length) throw new Error(`benchmark request failed: ${JSON.stringify(json.errors).slice(0, 500)}`);
  return elapsed;
}

export function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

export interface Variant {
  name: string;
  run: () => Promise<number>;
}

/** Runs the variants interleaved (A, B, A, B…) so that both see the same machine state; prints a table. */
export async function compare(title: string, variants: Variant[], iterations: number, warmup = 30): Promise<Map<string, number[]>> {
  for (let i = 0; i < warmup; i++) for (const v of variants) await v.run();
  const samples = new Map(variants.map((v) => [v.name, [] as number[]]));
  for (let i = 0; i < iterations; i++) {
    const order = i % 2 === 0 ? variants : [...variants].reverse();
    for (const v of order) samples.get(v.name)!.push(await v.run());
  }
  const base = [...samples.get(variants[0]!.name)!].sort((a, b) => a - b);
  console.log(`\n${title} (${iterations} requests each, interleaved, after ${warmup} warm-up rounds)`);
  console.log('| variant | p50 ms | p90 ms | p99 ms | p50 ratio | p99 ratio |');
  console.log('|---|---:|---:|---:|---:|---:|');
  for (const v of variants) {
    const sorted = [...samples.get(v.name)!].sort((a, b) => a - b);
    const cells = [50, 90, 99].map((p) => percentile(sorted, p).toFixed(2));
    const ratio50 = (percentile(sorted, 50) / percentile(base, 50)).toFixed(2);
    const ratio99 = (percentile(sorted, 99) / percentile(base, 99)).toFixed(2);
    console.log(`| ${v.name} | ${cells.join(' | ')} | ${ratio50}× | ${ratio99}× |`);
  }
  return samples;
}
