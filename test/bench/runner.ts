// What the process benchmarks share (`npm run bench:scale`, `npm run bench:throughput`): the run's cleanups and
// temporary folders, Ctrl-C handling, a PostgreSQL with the demo data for parts run as processes, the identity
// provider and gateway keys every part trusts, Hive Gateway's pid, driving one query with autocannon and the
// progress line on a terminal.
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import autocannon from 'autocannon';
import { newPrivateJwk, signerFrom } from '../../src/auth/dev-issuer.js';
import { gatewaySignerFrom } from '../../src/auth/gateway-token.js';
import { migrate, openDatabase } from '../../src/db/database.js';
import { loadDemoData } from '../../src/db/demo-data/index.js';
import { startEmbeddedPostgres, type EmbeddedDatabase } from '../../src/db/embedded-postgres.js';
import type { Operation } from '../load/operations.js';
import type { Recorder } from '../load/recorder.js';

export const IDP = 'urn:bench:scale-idp';
export const AUDIENCE = 'port-alliance-hub';

/** A positive integer from the environment. */
export const setting = (name: string, fallback: number) => {
  const value = Number(process.env[name] || fallback);
  if (!Number.isInteger(value) || value < 1) throw new Error(`${name} must be a positive integer, got "${process.env[name]}"`);
  return value;
};

export const interactive = Boolean(process.stdout.isTTY) && !process.env.CI;

/** What the run started and must undo, whatever happens; the autocannon instance running, if any. */
export const run = {
  cleanups: [] as (() => Promise<unknown>)[],
  tempDirs: [] as string[],
  instance: undefined as autocannon.Instance | undefined,
  aborted: false,
};
let firstSignalAt = 0;

function onSignal(signal: NodeJS.Signals): void {
  // npm forwards the terminal's Ctrl-C too: a repeat within 2 s is the same request; a later one kills at once
  // (the 'exit' handlers of the parts and of PostgreSQL then kill them).
  if (firstSignalAt && Date.now() - firstSignalAt > 2000) {
    for (const dir of run.tempDirs) rmSync(dir, { recursive: true, force: true });
    process.exit(130);
  }
  if (firstSignalAt) return;
  firstSignalAt = Date.now();
  run.aborted = true;
  if (interactive) process.stdout.write('\r\x1b[2K');
  console.log(`${signal}: stopping (again to kill at once)…`);
  run.instance?.stop();
}

/** Stops the run on Ctrl-C, SIGTERM, SIGHUP (call once, at the start). */
export function handleSignals(): void {
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) process.on(signal, onSignal);
}

export async function tempDir(prefix: string): Promise<string> {
  const dir = await mkdtemp(path.join(os.tmpdir(), prefix));
  run.tempDirs.push(dir);
  return dir;
}

/** The owner migrates and loads the demo data; the parts connect as the runtime role (production refuses the owner). */
export async function startDatabase(seizures: number): Promise<EmbeddedDatabase> {
  const dataDir = await tempDir('hub-bench-scale-pg-');
  const pg = await startEmbeddedPostgres({ dataDir, port: 56000 + Math.floor(Math.random() * 3000) });
  run.cleanups.push(() => pg.stop());
  const db = await openDatabase({ databaseUrl: pg.appUrl, migrationDatabaseUrl: pg.ownerUrl, dataDir, embeddedPgPort: 0, debugSql: false }, { role: 'owner' });
  try {
    await migrate(db.orm, { runtimeUrl: pg.appUrl });
    await loadDemoData(db.orm, { seed: 20240124, seizures });
  } finally {
    await db.close();
  }
  return pg;
}

/** Configuration every instance shares, as in test/scale-out.test.ts: the gateways' key, its public half, the identity provider. */
export async function sharedConfiguration(subgraphs: unknown[] = []) {
  const config = await tempDir('hub-bench-scale-config-');
  const signingKey = await newPrivateJwk('bench-scale-gateway');
  const idp = await signerFrom(IDP, await newPrivateJwk('bench-scale-idp'));
  await writeFile(path.join(config, 'idp.jwks.json'), JSON.stringify(idp.issuer.jwks));
  await writeFile(path.join(config, 'issuers.json'), JSON.stringify([{ issuer: IDP, jwksFile: 'idp.jwks.json' }]));
  await writeFile(path.join(config, 'subgraphs.json'), JSON.stringify(subgraphs));
  const signer = await gatewaySignerFrom(signingKey);
  return {
    idp, signer,
    issuersFile: path.join(config, 'issuers.json'), subgraphsFile: path.join(config, 'subgraphs.json'),
    signingKey: JSON.stringify(signingKey), jwks: JSON.stringify(signer.jwks),
  };
}

/** Hive Gateway's pid: the child of this process running its CLI (startHiveGateway does not expose it); `except`: those already known. */
export async function hivePid(except: readonly number[] = []): Promise<number> {
  for (const pid of (await readdir('/proc')).filter((n) => /^\d+$/.test(n))) {
    const stat = await readFile(`/proc/${pid}/stat`, 'utf8').catch(() => '');
    const cmdline = await readFile(`/proc/${pid}/cmdline`, 'utf8').catch(() => '');
    if (Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]) === process.pid && cmdline.includes('@graphql-hive/gateway') && !except.includes(Number(pid))) return Number(pid);
  }
  throw new Error('Hive Gateway process not found');
}

export interface DriveOptions {
  url: string;
  headers: () => Record<string, string>;
  operation: Operation;
  connections: number;
  duration: number;
  timeoutSeconds: number;
}

/** Drives the query for `duration` s; the first error (GraphQL, HTTP or connection) stops it and is thrown. */
export async function drive(phase: string, options: DriveOptions, recorder: Recorder): Promise<void> {
  let failure: string | undefined;
  const started = performance.now();
  const result = await new Promise<autocannon.Result>((resolve, reject) => {
    run.instance = autocannon({
      url: options.url, connections: options.connections, duration: options.duration, timeout: options.timeoutSeconds,
      headers: { 'content-type': 'application/json', ...options.headers() },
      requests: [{
        method: 'POST', path: new URL(options.url).pathname, body: JSON.stringify({ query: options.operation.query }),
        setupRequest: (request, context) => {
          (context as { id?: number }).id = recorder.started('analyst', options.operation);
          return request;
        },
        onResponse: (status, body, context) => {
          recorder.answered((context as { id: number }).id, status, body);
          if (recorder.total.errors && !failure) {
            failure = [...recorder.errors].map(([code, e]) => `${code}: ${e.sample.message}`).join('; ');
            run.instance?.stop();
          }
        },
      }],
    }, (error: unknown, r: autocannon.Result) => (error ? reject(error) : resolve(r)));
  });
  run.instance = undefined;
  const when = `${phase}, after ${((performance.now() - started) / 1000).toFixed(1)} s and ${recorder.total.requests} answers`;
  if (failure) throw new Error(`a request failed (${when}), run aborted: ${failure}`);
  if (result.errors || result.timeouts) throw new Error(`run aborted (${when}): ${result.errors} connection errors, ${result.timeouts} timeouts`);
}

/** One line, rewritten every second, on a terminal only. */
export function progress(status: () => string): () => void {
  if (!interactive) return () => undefined;
  const timer = setInterval(() => process.stdout.write(`\r\x1b[2K  ${status()}`), 1000);
  return () => {
    clearInterval(timer);
    process.stdout.write('\r\x1b[2K');
  };
}

/** CPU time (user + system, ms) a process has used so far, from /proc; undefined once it is gone. */
export async function cpuMs(pid: number): Promise<number | undefined> {
  const stat = await readFile(`/proc/${pid}/stat`, 'utf8').catch(() => undefined);
  if (!stat) return undefined;
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return ((Number(fields[11]) + Number(fields[12])) * 1000) / CLOCK_TICKS;
}
const CLOCK_TICKS = 100; // sysconf(_SC_CLK_TCK) on Linux

/** The PostgreSQL processes this run started: its postmaster (a child of this process) and the backends under it. */
export async function postgresPids(): Promise<number[]> {
  const all: { pid: number; ppid: number; comm: string }[] = [];
  for (const name of (await readdir('/proc')).filter((n) => /^\d+$/.test(n))) {
    const stat = await readFile(`/proc/${name}/stat`, 'utf8').catch(() => '');
    if (!stat) continue;
    all.push({ pid: Number(name), comm: stat.slice(stat.indexOf('(') + 1, stat.lastIndexOf(')')), ppid: Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]) });
  }
  const masters = all.filter((p) => p.ppid === process.pid && p.comm.startsWith('postgres')).map((p) => p.pid);
  return [...masters, ...all.filter((p) => masters.includes(p.ppid)).map((p) => p.pid)];
}

/** Writes a benchmark's results as JSON and says where, with how long the run took. */
export function saveResults(file: string, began: number, results: Record<string, unknown>): void {
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, `${JSON.stringify({ startedAt: new Date(Date.now() - (performance.now() - began)).toISOString(), ...results }, null, 2)}\n`);
  console.log(`\nResults: ${path.relative(process.cwd(), file)} (run took ${((performance.now() - began) / 1000).toFixed(0)} s)`);
}

/** Runs a benchmark's `main`, then every cleanup and temporary folder whatever happened; exits 0, 1, or 130 on Ctrl-C. */
export async function runBenchmark(name: string, main: () => Promise<void>): Promise<never> {
  handleSignals();
  let code = 0;
  try {
    await main();
  } catch (error) {
    if (interactive) process.stdout.write('\r\x1b[2K');
    console.error(`${name}: ${(error as Error).message}`);
    code = run.aborted ? 130 : 1;
  } finally {
    for (const cleanup of run.cleanups.reverse()) await cleanup().catch((e: Error) => console.error(`cleanup: ${e.message}`));
    for (const dir of run.tempDirs) await rm(dir, { recursive: true, force: true });
  }
  process.exit(code);
}
