// Throughput at 20 connections (issue 12, point 3). `npm run bench:throughput`: one PostgreSQL with demo data, one
// core, the demo member subgraph, the hub gateway and two Hive Gateways (request de-duplication off, and on), each
// its own OS process from dist/ in production mode, all running at once. Two queries as an analyst:
//   core-only:       seizures(first: 20) { totalCount edges { node { reference drugType quantity port { unlocode name } } } }
//   cross-subgraph:  the same plus Seizure.nationalFollowUp and Port.nationalTargeting (the member subgraph)
// Targets, driven one after the other on BENCH_CONNECTIONS (20) keep-alive connections, in BENCH_ROUNDS (3) rounds
// of BENCH_SECONDS (5) each, the order rotated every round so that all see the same machine (2 s warm-up each
// first): hub gateway → core; Hive Gateway → core (dedup off / on); the core directly with a gateway-signed token
// (core-only query; the token the gateway would send, re-signed each phase). Prints req/s, p50, p95 per target and
// the two targets of the issue: hub/Hive req/s ≥ 1.5, hub p50 / core-direct p50 ≤ 1.3 (pooled, and the spread of
// the per-round ratios); writes bench-results/throughput.json. Any error aborts the run.
// BENCH_BASELINE=<checkout with a build> also runs that build's core and gateway (same database and member
// subgraph), as targets hub-baseline and core-baseline, interleaved with the rest: before and after in one run.
// BENCH_ONLY=hub,core (target keys) and BENCH_QUERIES=CoreOnly,CrossSubgraph limit the targets and queries; BENCH_CPU_PROF=<dir> runs the core, member and hub gateway
// under `node --cpu-prof` (profiles written there when they stop; summarise with test/bench/cpu-profile-top.js).
import 'reflect-metadata';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import pg from 'pg';
import { Role, type Viewer } from '../../src/auth/viewer.js';
import { DEMO_MEMBER_SUBGRAPH_NAME } from '../../src/member-subgraph/index.js';
import { residentBytes } from '../load/processes.js';
import type { Operation } from '../load/operations.js';
import { percentile, Recorder } from '../load/recorder.js';
import { startHiveGateway } from '../support/hive-gateway.js';
import { startPart, type PartProcess } from '../support/part-process.js';
import { freePorts } from '../support/ports.js';
import { REPOSITORY_ROOT } from '../support/repository.js';
import { AUDIENCE, cpuMs, drive, postgresPids, hivePid, IDP, interactive, progress, run, runBenchmark, saveResults, setting, sharedConfiguration, startDatabase, tempDir } from './runner.js';

const RESULTS = path.join(REPOSITORY_ROOT, 'bench-results/throughput.json');
const WARMUP_SECONDS = 2;
const TIMEOUT_SECONDS = 10;
const seconds = setting('BENCH_SECONDS', 5);
const rounds = setting('BENCH_ROUNDS', 3);
const connections = setting('BENCH_CONNECTIONS', 20);
const seizures = setting('BENCH_SEIZURES', 3000);
const only = process.env.BENCH_ONLY ? new Set(process.env.BENCH_ONLY.split(',').map((s) => s.trim())) : undefined;
const queries = process.env.BENCH_QUERIES ? new Set(process.env.BENCH_QUERIES.split(',').map((s) => s.trim())) : undefined;
/** Another build of the hub (a checkout with its own dist/, e.g. the last commit) run beside this one: before/after in one run. */
const baselineRoot = process.env.BENCH_BASELINE ? path.resolve(process.env.BENCH_BASELINE) : undefined;
const cpuProfileDir = process.env.BENCH_CPU_PROF ? path.resolve(process.env.BENCH_CPU_PROF) : undefined;

const CORE_ONLY: Operation = {
  name: 'CoreOnly',
  query: 'query CoreOnly { seizures(first: 20) { totalCount edges { node { reference drugType quantity port { unlocode name } } } } }',
  variables: () => ({}), forbiddenFor: [],
};
const CROSS: Operation = {
  name: 'CrossSubgraph',
  query: 'query CrossSubgraph { seizures(first: 20) { totalCount edges { node { reference drugType quantity nationalFollowUp { status } port { unlocode name nationalTargeting { hits } } } } } }',
  variables: () => ({}), forbiddenFor: [],
};

type TargetKey = 'hub' | 'hive' | 'hive-dedup' | 'core' | 'hub-baseline' | 'core-baseline';
const TARGET_NAMES: Record<TargetKey, string> = {
  hub: 'hub gateway → core (+ member)',
  'hub-baseline': 'baseline build: hub gateway → core (+ member)',
  'core-baseline': 'baseline build: core directly',
  hive: 'Hive Gateway, dedup off',
  'hive-dedup': 'Hive Gateway, dedup on',
  core: 'core directly (gateway-signed token)',
};

interface Sample { recorder: Recorder; seconds: number; cpu: Map<string, number> }
interface Row { query: string; target: TargetKey; name: string; requests: number; seconds: number; perSecond: number; p50: number; p95: number; p99: number; errors: number; rounds: { perSecond: number; p50: number }[]; cpuPerRequest: Record<string, number> }

const profiled = (env: Record<string, string>) => (cpuProfileDir ? { ...env, NODE_OPTIONS: `--cpu-prof --cpu-prof-dir=${cpuProfileDir}` } : env);

async function main(): Promise<void> {
  const began = performance.now();
  console.log(`Throughput benchmark: ${connections} connections, ${rounds} rounds of ${seconds} s per target and query (after ${WARMUP_SECONDS} s warm-up), ${seizures} demo seizures, ${os.availableParallelism()} CPUs${interactive ? '' : ' (no progress line: not a terminal or CI is set)'}`);
  const database = await startDatabase(seizures);
  console.log(`PostgreSQL ready with demo data after ${((performance.now() - began) / 1000).toFixed(1)} s`);

  const [corePort, memberPort, gatewayPort] = await freePorts('127.0.0.1', 3);
  const coreUrl = `http://127.0.0.1:${corePort}`;
  const memberUrl = `http://127.0.0.1:${memberPort}`;
  const gatewayUrl = `http://127.0.0.1:${gatewayPort}`;
  const shared = await sharedConfiguration([{ name: DEMO_MEMBER_SUBGRAPH_NAME, url: `${memberUrl}/graphql` }]);
  const routerSecret = `bench-router-${Math.random().toString(36).slice(2)}-secret`;
  const common = { NODE_ENV: 'production', DATABASE_URL: database.appUrl, TRUSTED_ISSUERS_FILE: shared.issuersFile, HUB_AUDIENCE: AUDIENCE, ROUTER_SECRET: routerSecret };
  const parts: { label: string; part: PartProcess }[] = [];
  const keep = (label: string, part: PartProcess) => {
    parts.push({ label, part });
    run.cleanups.push(part.stop);
    return part;
  };
  keep('core', await startPart('core', profiled({ ...common, CORE_PORT: String(corePort), SUBGRAPH_HOST: '127.0.0.1', GATEWAY_JWKS: shared.jwks, DATA_DIR: await tempDir('hub-bench-tp-data-') }), `${coreUrl}/readyz`));
  // Behind Hive Gateway, the member subgraph asks the alliance graph (here the hub gateway) for the user's agency.
  keep('member', await startPart('member', profiled({
    ...common, DEMO_MEMBER_PORT: String(memberPort), SUBGRAPH_HOST: '127.0.0.1', GATEWAY_JWKS: shared.jwks, ALLIANCE_GRAPHQL_URL: `${gatewayUrl}/graphql`,
    DATA_DIR: await tempDir('hub-bench-tp-data-'),
  }), `${memberUrl}/healthz`));
  keep('gateway', await startPart('gateway', profiled({
    ...common, HOST: '127.0.0.1', PORT: String(gatewayPort), CORE_URL: `${coreUrl}/graphql`, GATEWAY_SIGNING_KEY: shared.signingKey,
    SUBGRAPHS_FILE: shared.subgraphsFile, DATA_DIR: await tempDir('hub-bench-tp-data-'),
    RATE_LIMIT_PER_SUBJECT: '10000000', RATE_LIMIT_PER_AGENCY: '10000000',
  }), `${gatewayUrl}/readyz`));
  const urls: Partial<Record<TargetKey, string>> = { hub: `${gatewayUrl}/graphql`, core: `${coreUrl}/graphql` };
  if (baselineRoot) {
    const [baseCorePort, baseGatewayPort] = await freePorts('127.0.0.1', 2);
    const baseCore = `http://127.0.0.1:${baseCorePort}`;
    const baseGateway = `http://127.0.0.1:${baseGatewayPort}`;
    keep('baseline core', await startPart('core', profiled({ ...common, CORE_PORT: String(baseCorePort), SUBGRAPH_HOST: '127.0.0.1', GATEWAY_JWKS: shared.jwks, DATA_DIR: await tempDir('hub-bench-tp-data-') }), `${baseCore}/readyz`, 30_000, baselineRoot));
    keep('baseline gateway', await startPart('gateway', profiled({
      ...common, HOST: '127.0.0.1', PORT: String(baseGatewayPort), CORE_URL: `${baseCore}/graphql`, GATEWAY_SIGNING_KEY: shared.signingKey,
      SUBGRAPHS_FILE: shared.subgraphsFile, DATA_DIR: await tempDir('hub-bench-tp-data-'),
      RATE_LIMIT_PER_SUBJECT: '10000000', RATE_LIMIT_PER_AGENCY: '10000000',
    }), `${baseGateway}/readyz`, 30_000, baselineRoot));
    urls['hub-baseline'] = `${baseGateway}/graphql`;
    urls['core-baseline'] = `${baseCore}/graphql`;
  }
  const pids = parts.map(({ label, part }) => ({ label, pid: part.process.pid! }));
  for (const [key, dedup] of [['hive', false], ['hive-dedup', true]] as const) {
    if (only && !only.has(key)) continue;
    const hive = await startHiveGateway({ coreUrl: `${coreUrl}/graphql`, memberUrl: `${memberUrl}/graphql`, routerSecret, env: profiled({ NODE_ENV: 'production', ...(dedup ? { DEDUPLICATE_REQUESTS: 'true' } : {}) }) });
    run.cleanups.push(hive.stop);
    pids.push({ label: TARGET_NAMES[key], pid: await hivePid(pids.map((p) => p.pid)) });
    urls[key] = hive.url;
  }
  console.log(`Ready after ${((performance.now() - began) / 1000).toFixed(1)} s: ${pids.map((p) => `${p.label} pid ${p.pid}`).join(', ')}`);

  // The viewer the gateway names in its token to the core: the analyst's subject and agency.
  const client = new pg.Client({ connectionString: database.appUrl });
  await client.connect();
  const agency = (await client.query<{ id: string; kind: string }>(`select id, kind from agency where code = 'FR-DGDDI'`)).rows[0]!;
  await client.end();
  const viewer = { subject: `${IDP}#bench-analyst`, name: null, agencyId: agency.id, agencyKind: agency.kind, roles: new Set([Role.ANALYST]) } as Viewer;
  const userToken = await shared.idp.sign({ subject: 'bench-analyst', agency: 'FR-DGDDI', roles: [Role.ANALYST] }, { audience: AUDIENCE, expiresIn: '2h' });
  const gatewayToken = { value: await shared.signer.sign(viewer, 'core') };
  const headersOf = (target: TargetKey) => () => ({ authorization: `Bearer ${target.startsWith('core') ? gatewayToken.value : userToken}` });

  const plan: { query: Operation; target: TargetKey }[] = [];
  for (const query of [CORE_ONLY, CROSS].filter((q) => !queries || queries.has(q.name))) {
    for (const target of ['hub', 'hive', 'hive-dedup', 'core', 'hub-baseline', 'core-baseline'] as TargetKey[]) {
      if (!urls[target] || (only && !only.has(target)) || (target.startsWith('core') && query === CROSS)) continue;
      plan.push({ query, target });
    }
  }
  const samples = new Map(plan.map((p) => [`${p.query.name}/${p.target}`, [] as Sample[]]));
  const phases = plan.length * (rounds + 1);
  let phase = 0;
  const phaseStartedAt = { at: performance.now() };
  let current = '';
  let currentRecorder: Recorder | undefined;
  const stopProgress = progress(() => {
    const left = (phases - phase) * seconds;
    const done = currentRecorder?.total.requests ?? 0;
    const elapsed = (performance.now() - phaseStartedAt.at) / 1000;
    return `${current} · ${done.toLocaleString('en-US')} requests · ${(done / Math.max(0.001, elapsed)).toFixed(0)} req/s · phase ${phase + 1}/${phases} · about ${left.toFixed(0)} s left`;
  });
  // CPU time used per request by each process (and PostgreSQL's, all its processes together): unlike req/s, it does
  // not depend much on what else the machine is running. A process that ended during the phase is left out (a pooled
  // connection closed), one that started is counted from 0.
  const cpuGroups = async () => [...pids.map((p) => ({ label: p.label, pids: [p.pid] })), { label: 'PostgreSQL', pids: await postgresPids() }];
  const cpuOf = async (groups: { label: string; pids: number[] }[]) => new Map(await Promise.all(groups.flatMap((g) => g.pids.map(async (pid) => [pid, { label: g.label, ms: await cpuMs(pid) }] as const))));
  const cpuDelta = (before: Awaited<ReturnType<typeof cpuOf>>, after: Awaited<ReturnType<typeof cpuOf>>) => {
    const used = new Map<string, number>();
    for (const [pid, { label, ms }] of after) {
      if (ms === undefined) continue;
      const was = before.get(pid)?.ms;
      used.set(label, (used.get(label) ?? 0) + ms - (was ?? 0));
    }
    return used;
  };
  const measure = async (label: string, item: (typeof plan)[number], duration: number): Promise<Sample> => {
    if (run.aborted) throw new Error('interrupted');
    gatewayToken.value = await shared.signer.sign(viewer, 'core'); // gateway tokens live 60 s
    const recorder = new Recorder(['analyst']);
    current = label;
    currentRecorder = recorder;
    phaseStartedAt.at = performance.now();
    const before = await cpuOf(await cpuGroups());
    const started = performance.now();
    await drive(label, { url: urls[item.target]!, headers: headersOf(item.target), operation: item.query, connections, duration, timeoutSeconds: TIMEOUT_SECONDS }, recorder);
    const measured = (performance.now() - started) / 1000;
    recorder.settle(TIMEOUT_SECONDS * 1000);
    phase++;
    const after = await cpuOf(await cpuGroups());
    return { recorder, seconds: measured, cpu: cpuDelta(before, after) };
  };
  try {
    for (const item of plan) await measure(`${item.query.name} → ${item.target}, warm-up`, item, WARMUP_SECONDS);
    for (let round = 0; round < rounds; round++) {
      // Rotated each round: no target is always first (or always after the same one).
      const order = plan.map((_, i) => plan[(i + round) % plan.length]!);
      for (const item of round % 2 ? order.reverse() : order) {
        samples.get(`${item.query.name}/${item.target}`)!.push(await measure(`round ${round + 1}/${rounds}: ${item.query.name} → ${item.target}`, item, seconds));
      }
    }
  } catch (error) {
    stopProgress();
    for (const { label, part } of parts) if (part.output().trim()) console.error(`--- ${label} printed:\n${part.output().trim().slice(-3000)}`);
    throw error;
  }
  stopProgress();
  const gone = (await Promise.all(pids.map(async (p) => ((await residentBytes(p.pid)) === undefined ? p.label : null)))).filter(Boolean);
  if (gone.length) throw new Error(`${gone.join(', ')} exited during the run`);

  const rows: Row[] = plan.map((item) => {
    const list = samples.get(`${item.query.name}/${item.target}`)!;
    const latencies = Float64Array.from(list.flatMap((s) => [...s.recorder.total.latencies])).sort();
    const requests = list.reduce((n, s) => n + s.recorder.total.requests, 0);
    const total = list.reduce((n, s) => n + s.seconds, 0);
    return {
      query: item.query.name, target: item.target, name: TARGET_NAMES[item.target], requests, seconds: total, perSecond: requests / total,
      p50: percentile(latencies, 50)!, p95: percentile(latencies, 95)!, p99: percentile(latencies, 99)!,
      errors: list.reduce((n, s) => n + s.recorder.total.errors, 0),
      cpuPerRequest: Object.fromEntries([...new Set(list.flatMap((s) => [...s.cpu.keys()]))].map((k) => [k, list.reduce((n, s) => n + (s.cpu.get(k) ?? 0), 0) / requests]).filter(([, v]) => (v as number) >= 0.05)),
      rounds: list.map((s) => ({ perSecond: s.recorder.total.requests / s.seconds, p50: percentile(Float64Array.from(s.recorder.total.latencies).sort(), 50)! })),
    };
  });
  const ratios: { query: string; what: string; value: number; spread: [number, number]; target: string; met: boolean }[] = [];
  const row = (query: string, target: TargetKey) => rows.find((r) => r.query === query && r.target === target);
  const spread = (a: Row, b: Row, f: (x: { perSecond: number; p50: number }) => number): [number, number] => {
    const values = a.rounds.map((r, i) => f(r) / f(b.rounds[i]!));
    return [Math.min(...values), Math.max(...values)];
  };
  for (const query of [CORE_ONLY.name, CROSS.name]) {
    const hub = row(query, 'hub');
    if (!hub) continue;
    for (const hiveKey of ['hive', 'hive-dedup'] as const) {
      const hive = row(query, hiveKey);
      if (hive) {
        const value = hub.perSecond / hive.perSecond;
        ratios.push({ query, what: `hub req/s ÷ ${TARGET_NAMES[hiveKey]} req/s`, value, spread: spread(hub, hive, (r) => r.perSecond), target: hiveKey === 'hive' ? '≥ 1.50' : '(reported)', met: hiveKey === 'hive' ? value >= 1.5 : true });
      }
    }
    const core = row(query, 'core');
    if (core) {
      const value = hub.p50 / core.p50;
      ratios.push({ query, what: 'hub p50 ÷ core-direct p50', value, spread: spread(hub, core, (r) => r.p50), target: '≤ 1.30', met: value <= 1.3 });
    }
    const baseHub = row(query, 'hub-baseline');
    if (baseHub) {
      for (const hiveKey of ['hive', 'hive-dedup'] as const) {
        const hive = row(query, hiveKey);
        if (hive) ratios.push({ query, what: `baseline hub req/s ÷ ${TARGET_NAMES[hiveKey]} req/s`, value: baseHub.perSecond / hive.perSecond, spread: spread(baseHub, hive, (r) => r.perSecond), target: '(baseline)', met: true });
      }
      const baseCore = row(query, 'core-baseline');
      if (baseCore) ratios.push({ query, what: 'baseline hub p50 ÷ baseline core-direct p50', value: baseHub.p50 / baseCore.p50, spread: spread(baseHub, baseCore, (r) => r.p50), target: '(baseline)', met: true });
      ratios.push({ query, what: 'hub req/s ÷ baseline hub req/s', value: hub.perSecond / baseHub.perSecond, spread: spread(hub, baseHub, (r) => r.perSecond), target: '(change)', met: true });
    }
  }

  console.log(`\nThroughput: ${connections} connections, ${rounds} rounds × ${seconds} s per target, interleaved (${os.availableParallelism()} CPUs)`);
  console.log('| query | target | req/s | p50 ms | p95 ms | p99 ms | errors | req/s per round | CPU ms per request (processes ≥ 0.05) |');
  console.log('|---|---|---:|---:|---:|---:|---:|---|---|');
  for (const r of rows) {
    const cpu = Object.entries(r.cpuPerRequest).map(([k, v]) => `${k.replace(/, dedup (off|on)$/, '')} ${v.toFixed(2)}`).join(', ');
    const total = Object.values(r.cpuPerRequest).reduce((a, b) => a + b, 0);
    console.log(`| ${r.query} | ${r.name} | ${r.perSecond.toFixed(0)} | ${r.p50.toFixed(1)} | ${r.p95.toFixed(1)} | ${r.p99.toFixed(1)} | ${r.errors} | ${r.rounds.map((x) => x.perSecond.toFixed(0)).join(' / ')} | ${cpu} · total ${total.toFixed(2)} |`);
  }
  console.log('\n| query | ratio | value | per-round spread | target | met |');
  console.log('|---|---|---:|---|---|---|');
  for (const q of ratios) console.log(`| ${q.query} | ${q.what} | ${q.value.toFixed(2)}× | ${q.spread[0].toFixed(2)}–${q.spread[1].toFixed(2)}× | ${q.target} | ${q.target.startsWith('(') ? '' : q.met ? 'yes' : 'no'} |`);
  saveResults(RESULTS, began, {
    settings: { connections, warmupSeconds: WARMUP_SECONDS, seconds, rounds, seizures, cpus: os.availableParallelism(), queries: { [CORE_ONLY.name]: CORE_ONLY.query, [CROSS.name]: CROSS.query }, cpuProfileDir: cpuProfileDir ?? null },
    targets: rows, ratios,
  });
}

await runBenchmark('bench:throughput', main);
