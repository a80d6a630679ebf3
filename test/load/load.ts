// `npm run load`: starts a hub of its own (as `npm start` does, on a fresh data folder and free loopback ports),
// sends it a mix of anonymous, partner, officer and analyst traffic (20 connections, 60 s; partners send persisted
// operations by id, from a manifest of the mix it installs), and reports errors
// (target: 0 besides 429s), p50/p99 per viewer and the resident memory of each hub process (target: < 400 MB).
// Not a timed test: it prints tables, writes bench-results/load.json and exits 0 when the targets are met, else 1.
//
// LOAD_CONNECTIONS (20), LOAD_DURATION seconds (60), LOAD_SEIZURES (3000 demo seizures), LOAD_SEED,
// LOAD_HOST (127.0.0.1; loopback only), LOAD_START_TIMEOUT seconds (180). Other variables (rate limits, timeouts…)
// reach the hub unchanged.
import { existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';
import { devSigner } from '../../src/auth/dev-issuer.js';
import type { Role } from '../../src/auth/viewer.js';
import { EXAMPLE_PERSISTED_DOCUMENTS, loadConfig } from '../../src/config.js';
import { startHub, tail, type RunningHub } from './hub.js';
import { MemorySampler } from './memory.js';
import { loadManifest, pickRequest, Random, requestBody, TOKEN_CHECK, VIEWER_CLAIMS, VIEWERS, type ViewerName } from './operations.js';
import { Recorder, type Bucket } from './recorder.js';
import { renderMarkdown, RSS_LIMIT_BYTES, type LoadResult } from './report.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
const RESULTS_DIR = path.join(ROOT, 'bench-results');
const SETTLE_MS = 3000;
const AFTER_MS = 5000;
const TIMEOUT_SECONDS = 10;
/** Subjects per signed-in viewer kind: 20 connections are several people, not one (per-subject rate limits). */
const SUBJECTS = 5;

function setting(name: string, fallback: number, min: number, max: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < min || value > max) throw new Error(`${name} must be an integer between ${min} and ${max}, got "${raw}"`);
  return value;
}

/** The load never leaves the machine. */
function assertLoopback(host: string): void {
  const bare = host.replace(/^\[|\]$/g, '');
  const loopback = (net.isIPv4(bare) && bare.startsWith('127.')) || bare === '::1';
  if (!loopback) throw new Error(`refusing to send load to ${host}: only a loopback address (127.0.0.0/8 or ::1) is allowed`);
}

const interactive = Boolean(process.stdout.isTTY) && !process.env.CI;
const say = (line: string) => console.log(line);

const abort = new AbortController();
let hub: RunningHub | undefined;
let instance: autocannon.Instance | undefined;
let firstSignalAt = 0;
function onSignal(signal: NodeJS.Signals): void {
  // npm forwards the terminal's Ctrl-C as well: a repeat within 2 s is the same request.
  if (firstSignalAt && Date.now() - firstSignalAt > 2000) {
    // Second request: do not wait any longer.
    for (const proc of hub?.tree.all() ?? []) {
      try {
        process.kill(proc.pid, 'SIGKILL');
      } catch {
        // gone
      }
    }
    if (hub) rmSync(hub.dataDir, { recursive: true, force: true });
    process.exit(130);
  }
  if (firstSignalAt) return;
  firstSignalAt = Date.now();
  if (interactive) process.stdout.write('\r\x1b[2K');
  say(`${signal}: stopping the load and the hub (again to kill at once)…`);
  abort.abort();
  instance?.stop();
}
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) process.on(signal, onSignal);

async function mintTokens(dataDir: string, audience: string): Promise<Record<Exclude<ViewerName, 'anonymous'>, string[]>> {
  if (!existsSync(path.join(dataDir, 'dev-issuer.jwk.json'))) {
    throw new Error(`the hub has not created its development issuer key (${dataDir}/dev-issuer.jwk.json): is it running with NODE_ENV=production?`);
  }
  const signer = await devSigner(dataDir);
  const tokens = {} as Record<Exclude<ViewerName, 'anonymous'>, string[]>;
  for (const [viewer, claims] of Object.entries(VIEWER_CLAIMS) as [Exclude<ViewerName, 'anonymous'>, (typeof VIEWER_CLAIMS)['partner']][]) {
    tokens[viewer] = await Promise.all(Array.from({ length: SUBJECTS }, (_, i) =>
      signer.sign({ subject: `load-${viewer}-${i + 1}`, name: `Load test ${viewer} ${i + 1}`, agency: claims.agency, roles: [claims.role as Role] }, { audience, expiresIn: '2h' })));
  }
  return tokens;
}

/** One request per signed-in viewer before the load, so that a refused token stops the run with a clear reason. */
async function checkTokens(url: string, tokens: Record<string, string[]>): Promise<void> {
  for (const [viewer, list] of Object.entries(tokens)) {
    const res = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${list[0]}` },
      body: requestBody(viewer as ViewerName, TOKEN_CHECK),
      signal: AbortSignal.timeout(10_000),
    });
    if (res.status !== 200) throw new Error(`the hub refused the ${viewer}'s token: HTTP ${res.status} ${(await res.text()).slice(0, 300)}`);
  }
}

function runLoad(options: { url: string; connections: number; durationSeconds: number; tokens: Record<string, string[]>; random: Random; recorder: Recorder }): Promise<autocannon.Result> {
  const { recorder, random, tokens } = options;
  return new Promise((resolve, reject) => {
    instance = autocannon({
      url: options.url,
      connections: options.connections,
      duration: options.durationSeconds,
      timeout: TIMEOUT_SECONDS,
      headers: { 'content-type': 'application/json' },
      requests: [{
        method: 'POST',
        path: new URL(options.url).pathname,
        // Called right before each request is written; the connection's context carries the request's id to
        // onResponse (one request at a time per connection).
        setupRequest: (request, context) => {
          const { viewer, operation, variables } = pickRequest(random);
          (context as { id?: number }).id = recorder.started(viewer, operation);
          const token = viewer === 'anonymous' ? undefined : random.pick(tokens[viewer]!);
          return {
            ...request,
            headers: { ...request.headers, ...(token ? { authorization: `Bearer ${token}` } : {}) },
            body: requestBody(viewer, operation.query, variables),
          };
        },
        onResponse: (status, body, context) => {
          const { id } = context as { id?: number };
          if (id !== undefined) recorder.answered(id, status, body);
        },
      }],
    }, (error: unknown, result: autocannon.Result) => (error ? reject(error) : resolve(result)));
  });
}

function startProgress(recorder: Recorder, durationSeconds: number): () => void {
  if (!interactive) return () => undefined;
  const started = performance.now();
  const timer = setInterval(() => {
    const elapsed = (performance.now() - started) / 1000;
    const left = Math.max(0, durationSeconds - elapsed) + AFTER_MS / 1000;
    const { total } = recorder;
    process.stdout.write(`\r\x1b[2K  ${elapsed.toFixed(0)} s / ${durationSeconds} s · ${total.requests.toLocaleString('en-US')} requests · ${(total.requests / elapsed).toFixed(0)} req/s · ${total.rateLimited} × 429 · ${total.errors} errors · about ${left.toFixed(0)} s left`);
  }, 1000);
  return () => {
    clearInterval(timer);
    process.stdout.write('\r\x1b[2K');
  };
}

async function main(): Promise<number> {
  const connections = setting('LOAD_CONNECTIONS', 20, 1, 1000);
  const durationSeconds = setting('LOAD_DURATION', 60, 1, 3600);
  const seizures = setting('LOAD_SEIZURES', 3000, 0, 100000);
  const seed = setting('LOAD_SEED', 20240124, 0, 2 ** 31 - 1);
  const startTimeoutMs = setting('LOAD_START_TIMEOUT', 180, 5, 3600) * 1000;
  const host = process.env.LOAD_HOST || '127.0.0.1';
  assertLoopback(host);
  // The audience users' tokens must carry (HUB_AUDIENCE reaches the hub too).
  const audience = loadConfig({ HUB_AUDIENCE: process.env.HUB_AUDIENCE }).audience;
  if (!existsSync(path.join(ROOT, 'dist/src/main.js'))) throw new Error('dist/src/main.js is missing: run `npm run build` first (or `npm run load`)');
  mkdirSync(RESULTS_DIR, { recursive: true });
  const logFile = path.join(RESULTS_DIR, 'load-hub.log');
  // Partners send persisted operations only: the hub gets the load's manifest beside the example client's.
  const manifestFile = path.join(RESULTS_DIR, 'load-persisted-documents.json');
  writeFileSync(manifestFile, JSON.stringify(loadManifest(), null, 2));
  const installed = process.env.PERSISTED_DOCUMENTS || EXAMPLE_PERSISTED_DOCUMENTS;
  process.env.PERSISTED_DOCUMENTS = [...(installed === 'none' ? [] : [installed]), manifestFile].join(',');

  say(`Starting a hub of its own (node dist/src/main.js, fresh data folder, ${seizures} demo seizures); its log: ${path.relative(process.cwd(), logFile)}`);
  const spawnedAt = performance.now();
  hub = await startHub({ root: ROOT, host, seizures, startTimeoutMs, logFile, signal: abort.signal });
  const readyAfterSeconds = (performance.now() - spawnedAt) / 1000;
  assertLoopback(new URL(hub.url).hostname);
  const sampler = new MemorySampler(hub.tree);
  try {
    await sampler.sample();
    sampler.start(500);
    const processes = await hub.tree.discover();
    say(`Hub ready at ${hub.url} after ${readyAfterSeconds.toFixed(1)} s: ${processes.filter((p) => !p.label.startsWith('postgres:')).map((p) => `${p.label} (pid ${p.pid})`).join(', ')} and ${processes.filter((p) => p.label.startsWith('postgres:')).length} PostgreSQL workers`);

    const tokens = await mintTokens(hub.dataDir, audience);
    await checkTokens(hub.url, tokens);
    await sleep(SETTLE_MS, undefined, { signal: abort.signal }).catch(() => undefined);

    const recorder = new Recorder(VIEWERS);
    let result: autocannon.Result | undefined;
    let seconds = 0;
    const startedAt = new Date().toISOString();
    if (!abort.signal.aborted) {
      say(`Load: ${connections} connections for ${durationSeconds} s, viewers anonymous / partner / officer / analyst in equal shares${interactive ? '' : ' (no progress line: not a terminal or CI is set)'}`);
      await sampler.setPhase('load');
      const loadStarted = performance.now();
      const stopProgress = startProgress(recorder, durationSeconds);
      try {
        result = await runLoad({ url: hub.url, connections, durationSeconds, tokens, random: new Random(seed), recorder });
      } finally {
        stopProgress();
      }
      seconds = (performance.now() - loadStarted) / 1000;
      instance = undefined;
      recorder.settle(TIMEOUT_SECONDS * 1000);
      await sampler.setPhase('after');
      if (!abort.signal.aborted) say(`Load done (${recorder.total.requests.toLocaleString('en-US')} answers in ${seconds.toFixed(1)} s); memory after ${AFTER_MS / 1000} s idle…`);
      await sleep(AFTER_MS, undefined, { signal: abort.signal }).catch(() => undefined);
      await sampler.sample();
    }
    await sampler.stop();
    if (!result) throw new Error('interrupted before the load started');

    const hubExited = hub.hasExited();
    const exited = sampler.exitedDuringRun().map((p) => ({ pid: p.pid, label: p.label }));
    if (hubExited && !exited.some((p) => p.pid === hub!.pid)) exited.push({ pid: hub.pid, label: 'hub' });
    const memory = sampler.rows();
    const worst = memory.rows.reduce<number | null>((max, row) => Math.max(max ?? 0, row.peak ?? 0, row.after ?? 0), null);
    const unattributed = Math.max(0, result.errors - recorder.unanswered);
    const errorsTotal = recorder.total.errors + unattributed;
    const summaries = (map: Map<string, Bucket>) => Object.fromEntries([...map].map(([k, b]) => [k, b.summary(seconds)]));
    const statusCodes = Object.fromEntries(Object.entries(result.statusCodeStats ?? {}).map(([code, v]) => [code, (v as { count: number }).count]));
    const report: LoadResult = {
      startedAt,
      settings: { connections, durationSeconds, seizures, timeoutSeconds: TIMEOUT_SECONDS, seed, host },
      hub: { url: hub.url, readyAfterSeconds, processes: hub.tree.all().map((p) => ({ pid: p.pid, label: p.label, command: p.argv.join(' ') })) },
      seconds,
      viewers: summaries(recorder.viewers),
      operations: summaries(recorder.operations),
      total: recorder.total.summary(seconds),
      errors: Object.fromEntries(recorder.errors),
      unattributedConnectionErrors: unattributed,
      inFlightAtStop: recorder.inFlightAtStop,
      autocannon: { requests: result.requests.total, errors: result.errors, timeouts: result.timeouts, non2xx: result.non2xx, statusCodes },
      memory: { samples: sampler.samples, ...memory },
      exitedProcesses: exited,
      targets: {
        errors: { target: 0, actual: errorsTotal, met: errorsTotal === 0 },
        peakRss: { targetBytes: RSS_LIMIT_BYTES, worstBytes: worst, met: worst !== null && worst < RSS_LIMIT_BYTES },
        noExits: { actual: exited.length, met: exited.length === 0 },
      },
      met: false,
      interrupted: abort.signal.aborted,
    };
    report.met = report.targets.errors.met && report.targets.peakRss.met && report.targets.noExits.met && !report.interrupted;
    say('');
    say(renderMarkdown(report));
    const jsonFile = path.join(RESULTS_DIR, 'load.json');
    writeFileSync(jsonFile, `${JSON.stringify(report, null, 2)}\n`);
    say(`\nResults: ${path.relative(process.cwd(), jsonFile)}; hub log: ${path.relative(process.cwd(), logFile)}`);
    if (hubExited) say(`The hub exited during the run; its last log lines:\n${tail(logFile, 20)}`);
    return report.interrupted ? 130 : report.met ? 0 : 1;
  } finally {
    await sampler.stop();
  }
}

let code = 1;
try {
  code = await main();
} catch (error) {
  if (interactive) process.stdout.write('\r\x1b[2K');
  console.error(`load: ${(error as Error).message}`);
  code = abort.signal.aborted ? 130 : 1;
} finally {
  if (hub) {
    say('Stopping the hub…');
    for (const note of await hub.stop()) say(`  ${note}`);
  }
}
process.exit(code);
