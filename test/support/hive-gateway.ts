// Hive Gateway (another federation router, issue 11) as a child process for a test file, with the committed
// configuration (deploy/hive-gateway/gateway.config.ts) and the committed supergraph, the subgraph URLs and
// ROUTER_SECRET from the environment as in production. Quiet (warnings and errors only, kept for failure messages).
// It serves the persisted documents of PERSISTED_DOCUMENTS (default: the example partner client's manifest) and of a
// manifest the test writes (`documents`), as the alliance installs a partner front-end's.
import { spawn } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { EXAMPLE_PERSISTED_DOCUMENTS } from '../../src/config.js';
import { PersistedDocumentStore } from '../../src/gateway/persisted-documents.js';
import { freePort } from './ports.js';
import { REPOSITORY_ROOT } from './repository.js';

const ROOT = REPOSITORY_ROOT;
const BIN = path.join(ROOT, 'node_modules/@graphql-hive/gateway/dist/bin.js');
const CONFIG = path.join(ROOT, 'deploy/hive-gateway/gateway.config.ts');
const OUTPUT_KEPT = 20_000;

export interface HiveGatewayOptions {
  /** The core subgraph's URL (CORE_URL). */
  coreUrl: string;
  /** The demo member subgraph's URL (DEMO_MEMBER_URL). */
  memberUrl: string;
  /** ROUTER_SECRET (unset: no `router-authorization` header is sent). */
  routerSecret?: string;
  /**
   * Documents the test's partners send by id: written to a manifest installed beside the example client's (unless
   * `env` sets PERSISTED_DOCUMENTS).
   */
  documents?: string[];
  /** Other settings of the configuration (e.g. DEDUPLICATE_REQUESTS, PERSISTED_DOCUMENTS_ONLY, SUBGRAPH_<NAME>_URL). */
  env?: Record<string, string>;
  /** How long to wait for /readiness (default 30 s). */
  startTimeoutMs?: number;
}

export interface HiveGateway {
  /** Its GraphQL endpoint. */
  url: string;
  /** Its output so far (warnings and errors). */
  output(): string;
  stop(): Promise<void>;
}

export async function startHiveGateway(options: HiveGatewayOptions): Promise<HiveGateway> {
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  let manifestDir: string | undefined;
  let manifests: Record<string, string> = {};
  if (options.documents?.length) {
    manifestDir = await mkdtemp(path.join(os.tmpdir(), 'hive-manifest-'));
    const store = new PersistedDocumentStore();
    const file = path.join(manifestDir, 'persisted-documents.json');
    await writeFile(file, JSON.stringify(Object.fromEntries(options.documents.map((text) => [store.add(text).id, text]))));
    manifests = { PERSISTED_DOCUMENTS: `${EXAMPLE_PERSISTED_DOCUMENTS},${file}` };
  }
  // A clean environment: nothing of the test run's (PORT, HOST, SUBGRAPH_*_URL…) leaks into the router's settings.
  const env: NodeJS.ProcessEnv = {
    PATH: process.env.PATH, HOME: process.env.HOME, TMPDIR: process.env.TMPDIR,
    NODE_ENV: 'test', HOST: '127.0.0.1', PORT: String(port), LOG_LEVEL: 'warn', NO_COLOR: '1',
    CORE_URL: options.coreUrl, DEMO_MEMBER_URL: options.memberUrl,
    ...(options.routerSecret !== undefined ? { ROUTER_SECRET: options.routerSecret } : {}),
    ...manifests,
    ...options.env,
  };
  // The same Node as the tests (the pinned Node 24 under npm scripts), no TTY.
  const child = spawn(process.execPath, [BIN, 'supergraph', '--config-path', CONFIG], { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  const keep = (chunk: Buffer | string) => {
    output = (output + chunk.toString()).slice(-OUTPUT_KEPT);
  };
  child.stdout!.on('data', keep);
  child.stderr!.on('data', keep);
  let spawnError: Error | undefined;
  child.on('error', (error) => {
    spawnError = error;
    keep(`spawn error: ${error.message}\n`);
  });
  const gone = () => spawnError !== undefined || child.exitCode !== null || child.signalCode !== null;
  const exited = new Promise<void>((resolve) => child.once('close', () => resolve()));
  // Never left running if the test process ends without afterAll (a crash, a timeout).
  const killOnExit = () => child.kill('SIGKILL');
  process.once('exit', killOnExit);

  const stop = async () => {
    process.off('exit', killOnExit);
    if (!gone()) {
      child.kill('SIGTERM');
      const killer = setTimeout(() => child.kill('SIGKILL'), 3000);
      await exited;
      clearTimeout(killer);
    }
    if (manifestDir) await rm(manifestDir, { recursive: true, force: true });
  };

  try {
    await waitUntilReady(gone, `${base}/readiness`, options.startTimeoutMs ?? 30_000);
  } catch (error) {
    await stop();
    throw new Error(`Hive Gateway did not start: ${(error as Error).message}\n${output}`);
  }
  return { url: `${base}/graphql`, output: () => output, stop };
}

async function waitUntilReady(gone: () => boolean, readinessUrl: string, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (gone()) throw new Error('it exited');
    try {
      const res = await fetch(readinessUrl, { signal: AbortSignal.timeout(1000) });
      await res.body?.cancel();
      if (res.ok) return;
    } catch {
      // not listening yet
    }
    await sleep(100);
  }
  throw new Error(`no answer from ${readinessUrl} within ${timeoutMs} ms`);
}
