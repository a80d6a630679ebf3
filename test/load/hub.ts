// Starts the hub as a new user would (`node dist/src/main.js`, what `npm start` runs after building) on a fresh
// data folder and free loopback ports, waits for /readyz, and stops it and everything it started.
import { spawn, type ChildProcess } from 'node:child_process';
import { closeSync, openSync, readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { isAlive, ProcessTree, type HubProcess } from './processes.js';
import { freePorts } from '../support/ports.js';

export interface HubOptions {
  /** Repository root: the working directory of the hub (schema/subgraphs.json is read from there). */
  root: string;
  host: string;
  seizures: number;
  startTimeoutMs: number;
  /** The hub's stdout and stderr go to this file. */
  logFile: string;
  signal: AbortSignal;
}

export interface RunningHub {
  pid: number;
  dataDir: string;
  url: string;
  readyUrl: string;
  ports: { gateway: number; core: number; member: number; postgres: number };
  tree: ProcessTree;
  /** Resolves when the spawned process has exited. */
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  hasExited(): boolean;
  stop(): Promise<string[]>;
}



export function tail(file: string, lines: number): string {
  try {
    return readFileSync(file, 'utf8').trimEnd().split('\n').slice(-lines).join('\n');
  } catch {
    return '(no log)';
  }
}

export async function startHub(options: HubOptions): Promise<RunningHub> {
  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'hub-load-'));
  const [gateway, core, member, postgres] = await freePorts(options.host, 4) as [number, number, number, number];
  const env: NodeJS.ProcessEnv = { ...process.env };
  // A fresh hub with the development issuer and the demo data, whatever the caller's shell holds.
  for (const name of ['DATABASE_URL', 'TRUSTED_ISSUERS_FILE', 'DEMO_DATA', 'DEMO_MEMBER_SUBGRAPH']) delete env[name];
  Object.assign(env, {
    NODE_ENV: 'development',
    HOST: options.host,
    PORT: String(gateway),
    CORE_PORT: String(core),
    DEMO_MEMBER_PORT: String(member),
    EMBEDDED_PG_PORT: String(postgres),
    DATA_DIR: dataDir,
    DEMO_SEIZURES: String(options.seizures),
  });
  const log = openSync(options.logFile, 'w');
  let child: ChildProcess;
  try {
    // Its own process group: a Ctrl-C reaches this script only, which then stops the load first and the hub after.
    child = spawn(process.execPath, ['dist/src/main.js'], { cwd: options.root, env, stdio: ['ignore', log, log], detached: true });
  } finally {
    closeSync(log);
  }
  const pid = child.pid;
  if (pid === undefined) {
    await rm(dataDir, { recursive: true, force: true });
    throw new Error(`could not start the hub (${process.execPath} dist/src/main.js)`);
  }
  let exitedFlag = false;
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => {
    child.once('exit', (code, signal) => {
      exitedFlag = true;
      resolve({ code, signal });
    });
  });
  const tree = new ProcessTree(pid, dataDir);
  let stopping: Promise<string[]> | undefined;
  const urlHost = options.host.includes(':') ? `[${options.host}]` : options.host;
  const hub: RunningHub = {
    pid, dataDir, tree, exited,
    url: `http://${urlHost}:${gateway}/graphql`,
    readyUrl: `http://${urlHost}:${gateway}/readyz`,
    ports: { gateway, core, member, postgres },
    hasExited: () => exitedFlag,
    stop: () => (stopping ??= stopHub(hub, child)),
  };

  try {
    await waitReady(hub, options);
  } catch (error) {
    await hub.stop();
    throw error;
  }
  return hub;
}

async function waitReady(hub: RunningHub, options: HubOptions): Promise<void> {
  const deadline = Date.now() + options.startTimeoutMs;
  let last = 'no answer yet';
  while (Date.now() < deadline) {
    if (options.signal.aborted) throw new Error('interrupted while the hub was starting');
    if (hub.hasExited()) {
      const { code, signal } = await hub.exited;
      throw new Error(`the hub exited before it was ready (${signal ?? `exit code ${code}`}); its last log lines:\n${tail(options.logFile, 30)}`);
    }
    try {
      const res = await fetch(hub.readyUrl, { signal: AbortSignal.timeout(2000) });
      if (res.status === 200) return;
      last = `HTTP ${res.status}: ${(await res.text()).slice(0, 300)}`;
    } catch (error) {
      last = (error as Error).message;
    }
    await sleep(250);
  }
  throw new Error(`the hub was not ready after ${options.startTimeoutMs / 1000} s (GET ${hub.readyUrl}: ${last}); its last log lines:\n${tail(options.logFile, 30)}`);
}

async function waitGone(procs: HubProcess[], ms: number): Promise<HubProcess[]> {
  const deadline = Date.now() + ms;
  let alive = procs;
  for (;;) {
    alive = (await Promise.all(alive.map(async (p) => ((await isAlive(p)) ? p : undefined)))).filter((p): p is HubProcess => p !== undefined);
    if (alive.length === 0 || Date.now() >= deadline) return alive;
    await sleep(100);
  }
}

function kill(pid: number, signal: NodeJS.Signals): void {
  try {
    process.kill(pid, signal);
  } catch {
    // already gone
  }
}

/** SIGTERM, wait up to 15 s, SIGKILL; then the same for any process of the tree still alive; then the data folder. */
async function stopHub(hub: RunningHub, child: ChildProcess): Promise<string[]> {
  const notes: string[] = [];
  await hub.tree.discover().catch(() => []);
  if (!hub.hasExited()) {
    child.kill('SIGTERM');
    const stopped = await Promise.race([hub.exited.then(() => true), sleep(15_000).then(() => false)]);
    if (!stopped) {
      notes.push(`the hub (pid ${hub.pid}) did not stop within 15 s of SIGTERM: killed`);
      child.kill('SIGKILL');
      await hub.exited;
    }
  }
  // Whatever it started and left behind (a child process, the embedded PostgreSQL): these were found while it ran.
  const leftovers = await waitGone(hub.tree.all().filter((p) => p.pid !== hub.pid), 2000);
  if (leftovers.length) {
    notes.push(`left running after the hub stopped: ${leftovers.map((p) => `${p.label} (pid ${p.pid})`).join(', ')}; sent SIGTERM`);
    for (const p of leftovers) kill(p.pid, 'SIGTERM');
    const stubborn = await waitGone(leftovers, 5000);
    if (stubborn.length) {
      notes.push(`killed: ${stubborn.map((p) => `${p.label} (pid ${p.pid})`).join(', ')}`);
      for (const p of stubborn) kill(p.pid, 'SIGKILL');
      await waitGone(stubborn, 2000);
    }
  }
  await rm(hub.dataDir, { recursive: true, force: true });
  return notes;
}
