// Shared by the benchmarks: a throw-away embedded PostgreSQL with demo data, HTTP timing and a results table.
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import type { MikroORM } from '@mikro-orm/postgresql';
import { loadConfig } from '../../src/config.js';
import { DatabaseAvailability } from '../../src/db/availability.js';
import { migrate, openDatabase } from '../../src/db/database.js';
import { loadDemoData } from '../../src/db/demo-data/index.js';
import { startEmbeddedPostgres } from '../../src/db/embedded-postgres.js';
import { REPOSITORY_ROOT } from '../support/repository.js';

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

/** Every table `compare` printed in this process, for the benchmark's JSON (`saveComparisons`). */
export const comparisons: { title: string; iterations: number; target: number | null; variants: { name: string; p50: number; p90: number; p99: number; p50Ratio: number; p99Ratio: number }[] }[] = [];

/** Writes the tables `compare` printed to `bench-results/<name>.json`. */
export async function saveComparisons(name: string): Promise<void> {
  const file = path.join(REPOSITORY_ROOT, 'bench-results', `${name}.json`);
  await mkdir(path.dirname(file), { recursive: true });
  await writeFile(file, `${JSON.stringify({ at: new Date().toISOString(), comparisons }, null, 2)}\n`);
  console.log(`\nResults: ${path.relative(process.cwd(), file)}`);
}

/**
 * Runs the variants interleaved (A, B, A, B…) so that both see the same machine state; prints a table, with the
 * p50 ratio's target (`targetP50Ratio`, for every variant after the first) beside it.
 */
export async function compare(title: string, variants: Variant[], iterations: number, warmup = 30, targetP50Ratio?: number): Promise<Map<string, number[]>> {
  for (let i = 0; i < warmup; i++) for (const v of variants) await v.run();
  const samples = new Map(variants.map((v) => [v.name, [] as number[]]));
  for (let i = 0; i < iterations; i++) {
    const order = i % 2 === 0 ? variants : [...variants].reverse();
    for (const v of order) samples.get(v.name)!.push(await v.run());
  }
  const base = [...samples.get(variants[0]!.name)!].sort((a, b) => a - b);
  console.log(`\n${title} (${iterations} requests each, interleaved, after ${warmup} warm-up rounds)`);
  console.log(`| variant | p50 ms | p90 ms | p99 ms | p50 ratio | p99 ratio |${targetP50Ratio ? ' target |' : ''}`);
  console.log(`|---|---:|---:|---:|---:|---:|${targetP50Ratio ? '---|' : ''}`);
  const rows: (typeof comparisons)[number]['variants'] = [];
  variants.forEach((v, i) => {
    const sorted = [...samples.get(v.name)!].sort((a, b) => a - b);
    const [p50, p90, p99] = [50, 90, 99].map((p) => percentile(sorted, p)) as [number, number, number];
    const p50Ratio = p50 / percentile(base, 50);
    const p99Ratio = p99 / percentile(base, 99);
    rows.push({ name: v.name, p50, p90, p99, p50Ratio, p99Ratio });
    const target = targetP50Ratio ? (i === 0 ? ' |' : ` p50 ≤ ${targetP50Ratio}×: ${p50Ratio <= targetP50Ratio ? 'met' : 'NOT met'} |`) : '';
    console.log(`| ${v.name} | ${[p50, p90, p99].map((x) => x.toFixed(2)).join(' | ')} | ${p50Ratio.toFixed(2)}× | ${p99Ratio.toFixed(2)}× |${target}`);
  });
  comparisons.push({ title, iterations, target: targetP50Ratio ?? null, variants: rows });
  return samples;
}

/**
 * The same variants under `concurrency` requests at once (closed loop: each of `concurrency` workers sends its next
 * request when the last is answered), in `rounds` rounds of `perWorker` requests per worker, the variants' order
 * alternating each round; prints p50/p90 and requests/s with ratios to the first variant.
 */
export async function compareConcurrent(title: string, variants: Variant[], options: { concurrency: number; rounds: number; perWorker: number }): Promise<void> {
  const samples = new Map(variants.map((v) => [v.name, { latencies: [] as number[], requests: 0, ms: 0 }]));
  const round = async (v: Variant) => {
    const s = samples.get(v.name)!;
    const started = performance.now();
    await Promise.all(Array.from({ length: options.concurrency }, async () => {
      for (let i = 0; i < options.perWorker; i++) s.latencies.push(await v.run());
    }));
    s.ms += performance.now() - started;
    s.requests += options.concurrency * options.perWorker;
  };
  for (const v of variants) await round(v); // warm-up round, then cleared
  for (const s of samples.values()) Object.assign(s, { latencies: [], requests: 0, ms: 0 });
  for (let r = 0; r < options.rounds; r++) for (const v of r % 2 === 0 ? variants : [...variants].reverse()) await round(v);
  const base = samples.get(variants[0]!.name)!;
  const baseSorted = [...base.latencies].sort((a, b) => a - b);
  console.log(`\n${title} (${options.concurrency} at once, ${options.rounds} rounds × ${options.concurrency * options.perWorker} requests each, interleaved)`);
  console.log('| variant | req/s | p50 ms | p90 ms | p99 ms | p50 ratio | req/s ratio |');
  console.log('|---|---:|---:|---:|---:|---:|---:|');
  for (const v of variants) {
    const s = samples.get(v.name)!;
    const sorted = [...s.latencies].sort((a, b) => a - b);
    const perSecond = (s.requests * 1000) / s.ms;
    console.log(`| ${v.name} | ${perSecond.toFixed(0)} | ${[50, 90, 99].map((p) => percentile(sorted, p).toFixed(2)).join(' | ')} | ${(percentile(sorted, 50) / percentile(baseSorted, 50)).toFixed(2)}× | ${(perSecond / ((base.requests * 1000) / base.ms)).toFixed(2)}× |`);
  }
}
