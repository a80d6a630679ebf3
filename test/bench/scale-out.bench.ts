// Does scaling out pay? `npm run bench:scale`: one PostgreSQL with demo data, then three topologies one after the
// other (each part its own OS process from dist/, in production mode, configured as in test/scale-out.test.ts):
//   a. hub gateway → core;  b. load balancer → 2 hub gateways → load balancer → 2 cores;
//   c. Hive Gateway → load balancer → 2 cores (users' tokens forwarded, ROUTER_SECRET).
// Each gets the same analyst query on 20 keep-alive connections (autocannon, as `npm run load`): 2 s warm-up, then
// BENCH_SECONDS (10) measured. Prints a table with ratios to (a) and writes bench-results/scale-out.json.
// Any error (GraphQL, HTTP, connection) aborts the run. BENCH_CONNECTIONS (20), BENCH_SEIZURES (3000).
import 'reflect-metadata';
import { spawn, type ChildProcess } from 'node:child_process';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';
import { Role } from '../../src/auth/viewer.js';
import { residentBytes } from '../load/processes.js';
import type { Operation } from '../load/operations.js';
import { percentile, Recorder } from '../load/recorder.js';
import { startHiveGateway } from '../support/hive-gateway.js';
import { startPart } from '../support/part-process.js';
import { freePorts } from '../support/ports.js';
import { REPOSITORY_ROOT } from '../support/repository.js';
import { AUDIENCE, drive, hivePid, interactive, progress, run, runBenchmark, saveResults, setting, sharedConfiguration, startDatabase, tempDir } from './runner.js';

const ROOT = REPOSITORY_ROOT;
const RESULTS = path.join(ROOT, 'bench-results/scale-out.json');
const WARMUP_SECONDS = 2;
const TIMEOUT_SECONDS = 10;

const seconds = setting('BENCH_SECONDS', 10);
const connections = setting('BENCH_CONNECTIONS', 20);
const seizures = setting('BENCH_SEIZURES', 3000);

const OPERATION: Operation = {
  name: 'AnalystSeizures',
  query: 'query AnalystSeizures { seizures(first: 20) { totalCount edges { node { reference drugType quantity port { unlocode name } } } } }',
  variables: () => ({}),
  forbiddenFor: [],
};

interface Running {
  /** Label and pid of each process of the topology (for RSS), and what it printed (warnings and errors). */
  processes: { label: string; pid: number; output?: () => string }[];
  url: string;
  stop(): Promise<void>;
}

/** The round-robin balancer of the tests in a process of its own, so it does not share the load generator's thread. */
async function startBalancer(label: string, upstreams: string[]): Promise<Running> {
  const module = pathToFileURL(path.join(ROOT, 'dist/test/support/load-balancer.js')).href;
  const child: ChildProcess = spawn(process.execPath, ['--input-type=module', '-e',
    `const { startLoadBalancer } = await import(${JSON.stringify(module)}); process.send((await startLoadBalancer(JSON.parse(process.argv[1]))).url);`,
    JSON.stringify(upstreams)], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  const killOnExit = () => child.kill('SIGKILL');
  process.once('exit', killOnExit);
  const url = await new Promise<string>((resolve, reject) => {
    child.once('message', (m) => resolve(String(m)));
    child.once('exit', (code) => reject(new Error(`the ${label} exited (${code}) before listening`)));
  });
  child.disconnect();
  return {
    processes: [{ label, pid: child.pid! }], url,
    async stop() {
      process.off('exit', killOnExit);
      if (child.exitCode !== null || child.signalCode !== null) return;
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      await exited;
    },
  };
}

const order = (label: string) => ['core', 'core LB', 'gateway', 'gateway LB', 'Hive'].findLastIndex((kind) => label.startsWith(kind));

/** Stops what was started so far in reverse order, even when a later start failed. */
async function assemble(build: (add: <T extends Running>(part: T) => T) => Promise<string>): Promise<Running> {
  const parts: Running[] = [];
  const stop = async () => {
    for (const part of parts.reverse()) await part.stop().catch((e: Error) => console.error(`stop: ${e.message}`));
  };
  try {
    const url = await build((part) => (parts.push(part), part));
    return { processes: parts.flatMap((p) => p.processes).sort((a, b) => order(a.label) - order(b.label) || a.label.localeCompare(b.label)), url, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}

interface Shared {
  databaseUrl: string;
  issuersFile: string;
  subgraphsFile: string;
  signingKey: string;
  jwks: string;
}

function topologies(shared: Shared) {
  const common = { NODE_ENV: 'production', DATABASE_URL: shared.databaseUrl, TRUSTED_ISSUERS_FILE: shared.issuersFile, HUB_AUDIENCE: AUDIENCE };
  const routerSecret = `bench-router-${Math.random().toString(36).slice(2)}-secret`;
  const cores = async (add: <T extends Running>(p: T) => T, count: number, extra: Record<string, string> = {}) => {
    const ports = await freePorts('127.0.0.1', count);
    // Started together; added as each is ready (stopped even if another fails), but listed in order.
    await Promise.all(ports.map(async (port, i) => {
      const part = await startPart('core', {
        ...common, ...extra, CORE_PORT: String(port), SUBGRAPH_HOST: '127.0.0.1', GATEWAY_JWKS: shared.jwks, DATA_DIR: await tempDir('hub-bench-scale-data-'),
      }, `http://127.0.0.1:${port}/readyz`);
      add({ processes: [{ label: `core${count > 1 ? ` ${i + 1}` : ''}`, pid: part.process.pid!, output: part.output }], url: '', stop: part.stop });
    }));
    return ports.map((port) => `http://127.0.0.1:${port}`);
  };
  const gateways = async (add: <T extends Running>(p: T) => T, count: number, coreUrl: string) => {
    const ports = await freePorts('127.0.0.1', count);
    await Promise.all(ports.map(async (port, i) => {
      const part = await startPart('gateway', {
        ...common, HOST: '127.0.0.1', PORT: String(port), CORE_URL: `${coreUrl}/graphql`, GATEWAY_SIGNING_KEY: shared.signingKey,
        SUBGRAPHS_FILE: shared.subgraphsFile, DATA_DIR: await tempDir('hub-bench-scale-data-'),
        // Counted in PostgreSQL as usual, but never refused: one analyst at hundreds of requests/s is the benchmark.
        RATE_LIMIT_PER_SUBJECT: '10000000', RATE_LIMIT_PER_AGENCY: '10000000',
      }, `http://127.0.0.1:${port}/readyz`);
      add({ processes: [{ label: `gateway${count > 1 ? ` ${i + 1}` : ''}`, pid: part.process.pid!, output: part.output }], url: '', stop: part.stop });
    }));
    return ports.map((port) => `http://127.0.0.1:${port}`);
  };
  return [
    { key: 'a', name: 'a. hub gateway → core', start: () => assemble(async (add) => `${(await gateways(add, 1, (await cores(add, 1))[0]!))[0]}/graphql`) },
    { key: 'b', name: 'b. LB → 2 hub gateways → LB → 2 cores', start: () => assemble(async (add) => {
      const coreLb = add(await startBalancer('core LB', await cores(add, 2)));
      return `${add(await startBalancer('gateway LB', await gateways(add, 2, coreLb.url))).url}/graphql`;
    }) },
    { key: 'c', name: 'c. Hive Gateway → LB → 2 cores', start: () => assemble(async (add) => {
      const coreLb = add(await startBalancer('core LB', await cores(add, 2, { ROUTER_SECRET: routerSecret })));
      // The member subgraph is in the supergraph but this query never reaches it: a closed port will do.
      const hive = await startHiveGateway({ coreUrl: `${coreLb.url}/graphql`, memberUrl: 'http://127.0.0.1:9/graphql', routerSecret, env: { NODE_ENV: 'production' } });
      add({ processes: [{ label: 'Hive Gateway', pid: await hivePid(), output: hive.output }], url: hive.url, stop: hive.stop });
      return hive.url;
    }) },
  ];
}

interface Row {
  key: string;
  name: string;
  requests: number;
  seconds: number;
  perSecond: number;
  p50: number;
  p95: number;
  p99: number;
  errors: number;
  rss: { process: string; pid: number; bytes: number | null }[];
  ratios?: { perSecond: number; p50: number; p95: number; p99: number };
}

const MB = (bytes: number | null) => (bytes === null ? '–' : (bytes / 1024 / 1024).toFixed(0));
const x = (n: number) => `${n.toFixed(2)}×`;

function table(rows: Row[]): string {
  const out = [
    '| topology | req/s | p50 ms | p95 ms | p99 ms | errors | req/s vs a | p50 vs a | p95 vs a | p99 vs a | RSS MB at the end |',
    '|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|',
  ];
  for (const r of rows) {
    const q = r.ratios!;
    out.push(`| ${r.name} | ${r.perSecond.toFixed(0)} | ${r.p50.toFixed(1)} | ${r.p95.toFixed(1)} | ${r.p99.toFixed(1)} | ${r.errors} | ${x(q.perSecond)} | ${x(q.p50)} | ${x(q.p95)} | ${x(q.p99)} | ${r.rss.map((p) => `${p.process} ${MB(p.bytes)}`).join(', ')} |`);
  }
  return out.join('\n');
}

async function main(): Promise<void> {
  const began = performance.now();
  console.log(`Scale-out benchmark: ${connections} connections, ${WARMUP_SECONDS} s warm-up + ${seconds} s per topology, ${seizures} demo seizures${interactive ? '' : ' (no progress line: not a terminal or CI is set)'}`);
  const pg = await startDatabase(seizures);
  console.log(`PostgreSQL ready with demo data after ${((performance.now() - began) / 1000).toFixed(1)} s`);

  // Shared by every instance, as in test/scale-out.test.ts: the gateways' key, its public half, the identity provider.
  const { idp, issuersFile, subgraphsFile, signingKey, jwks } = await sharedConfiguration();
  const shared: Shared = { databaseUrl: pg.appUrl, issuersFile, subgraphsFile, signingKey, jwks };
  const token = await idp.sign({ subject: 'bench-analyst', agency: 'FR-DGDDI', roles: [Role.ANALYST] }, { audience: AUDIENCE, expiresIn: '2h' });

  const list = topologies(shared);
  const rows: Row[] = [];
  let startupSeconds = 5;
  for (const [index, topology] of list.entries()) {
    if (run.aborted) throw new Error('interrupted');
    const startedAt = performance.now();
    const running = await topology.start();
    run.cleanups.push(running.stop);
    startupSeconds = (performance.now() - startedAt) / 1000;
    try {
      console.log(`${topology.name}: ready in ${startupSeconds.toFixed(1)} s (${running.processes.map((p) => `${p.label} pid ${p.pid}`).join(', ')})`);
      const warm = new Recorder(['analyst']);
      const recorder = new Recorder(['analyst']);
      const phaseStart = performance.now();
      const stopProgress = progress(() => {
        const elapsed = (performance.now() - phaseStart) / 1000;
        const measuring = elapsed > WARMUP_SECONDS;
        const done = recorder.total.requests;
        const left = Math.max(0, WARMUP_SECONDS + seconds - elapsed) + (list.length - index - 1) * (startupSeconds + WARMUP_SECONDS + seconds);
        return `${topology.key}: ${measuring ? `${(elapsed - WARMUP_SECONDS).toFixed(0)} s / ${seconds} s · ${done.toLocaleString('en-US')} requests · ${(done / Math.max(0.001, elapsed - WARMUP_SECONDS)).toFixed(0)} req/s` : 'warm-up'} · about ${left.toFixed(0)} s left`;
      });
      let measured = 0;
      try {
        const target = { url: running.url, headers: () => ({ authorization: `Bearer ${token}` }), operation: OPERATION, connections, timeoutSeconds: TIMEOUT_SECONDS };
        await drive(`${topology.key}, warm-up`, { ...target, duration: WARMUP_SECONDS }, warm);
        if (run.aborted) throw new Error('interrupted');
        const measureStart = performance.now();
        await drive(`${topology.key}, measured`, { ...target, duration: seconds }, recorder);
        measured = (performance.now() - measureStart) / 1000;
      } catch (error) {
        stopProgress();
        for (const p of running.processes) if (p.output?.().trim()) console.error(`--- ${p.label} (pid ${p.pid}) printed:\n${p.output().trim().slice(-3000)}`);
        throw error;
      }
      stopProgress();
      if (run.aborted) throw new Error('interrupted');
      // The balancers hide a dead upstream (they retry refused connections): every process must still be there.
      const gone = (await Promise.all(running.processes.map(async (p) => ((await residentBytes(p.pid)) === undefined ? p.label : null)))).filter(Boolean);
      if (gone.length) throw new Error(`${gone.join(', ')} exited during the run`);
      recorder.settle(TIMEOUT_SECONDS * 1000);
      const sorted = Float64Array.from(recorder.total.latencies).sort();
      rows.push({
        key: topology.key, name: topology.name, requests: recorder.total.requests, seconds: measured,
        perSecond: recorder.total.requests / measured,
        p50: percentile(sorted, 50)!, p95: percentile(sorted, 95)!, p99: percentile(sorted, 99)!,
        errors: recorder.total.errors,
        rss: await Promise.all(running.processes.map(async (p) => ({ process: p.label, pid: p.pid, bytes: (await residentBytes(p.pid)) ?? null }))),
      });
    } finally {
      // Stopped before the next starts: they would compete for the same CPUs.
      run.cleanups.splice(run.cleanups.indexOf(running.stop), 1);
      await running.stop();
    }
  }
  const base = rows[0]!;
  for (const r of rows) r.ratios = { perSecond: r.perSecond / base.perSecond, p50: r.p50 / base.p50, p95: r.p95 / base.p95, p99: r.p99 / base.p99 };

  console.log(`\nScale-out: ${OPERATION.name} as an analyst, ${connections} connections, ${seconds} s each after ${WARMUP_SECONDS} s warm-up (${os.availableParallelism()} CPUs; ratios: this topology / topology a)`);
  console.log(table(rows));
  saveResults(RESULTS, began, {
    settings: { connections, warmupSeconds: WARMUP_SECONDS, seconds, seizures, cpus: os.availableParallelism(), query: OPERATION.query },
    topologies: rows,
  });
}

await runBenchmark('bench:scale', main);
