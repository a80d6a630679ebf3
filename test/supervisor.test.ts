// `npm start` as operators meet it: the compiled supervisor (dist/src/main.js, built by `npm test` before jest)
// with its own embedded PostgreSQL in a temporary DATA_DIR. A killed core comes back while the gateway keeps
// answering core-free queries; a `kill -9` of the whole process tree (PostgreSQL left running) is followed by a
// start that comes up; a start that cannot succeed says why and exits non-zero; a crashed PostgreSQL is started again
// and the hub serves again without a restart of its parts.
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { freePort } from './support/ports.js';

const MAIN = path.resolve('dist/src/main.js');

interface Hub {
  process: ChildProcess;
  /** stdout and stderr so far (the supervisor's and its parts' JSON log lines). */
  output(): string;
  exited: Promise<number | null>;
}

interface Ports {
  PORT: number;
  CORE_PORT: number;
  DEMO_MEMBER_PORT: number;
  EMBEDDED_PG_PORT: number;
}

const hubs: Hub[] = [];
const pidsToReap = new Set<number>();
const dataDirs: string[] = [];


async function freePorts(): Promise<Ports> {
  return { PORT: await freePort(), CORE_PORT: await freePort(), DEMO_MEMBER_PORT: await freePort(), EMBEDDED_PG_PORT: await freePort() };
}

function startHub(dataDir: string, ports: Ports, settings: NodeJS.ProcessEnv = {}): Hub {
  const env: NodeJS.ProcessEnv = { ...process.env, NODE_ENV: 'development', LOG_LEVEL: 'info', DATA_DIR: dataDir, DEMO_SEIZURES: '200', ...settings };
  delete env.DATABASE_URL;
  for (const [name, port] of Object.entries(ports)) env[name] = String(port);
  const child = spawn(process.execPath, [MAIN], { env, stdio: ['ignore', 'pipe', 'pipe'] });
  pidsToReap.add(child.pid!);
  let output = '';
  child.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
  child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
  const hub: Hub = {
    process: child,
    output: () => output,
    exited: new Promise((resolve) => child.once('exit', (code) => resolve(code))),
  };
  hubs.push(hub);
  return hub;
}

type LogLine = { process?: string; child?: string; childPid?: number; msg?: string };

function logLines(hub: Hub): LogLine[] {
  return hub.output().split('\n').flatMap((line) => {
    try {
      return [JSON.parse(line) as LogLine];
    } catch {
      return [];
    }
  });
}

/** The pid of the part's process that last said it was ready (from the supervisor's log line). */
function readyPid(hub: Hub, part: string): number | undefined {
  const lines = logLines(hub).filter((l) => l.process === 'supervisor' && l.child === part && l.msg?.startsWith(`${part} ready`));
  const pid = lines.at(-1)?.childPid;
  if (pid) pidsToReap.add(pid);
  return pid;
}

/** Every pid the supervisor logged starting (parts, tasks, PostgreSQL). */
function startedPids(hub: Hub): number[] {
  return logLines(hub).filter((l) => l.process === 'supervisor' && l.childPid).map((l) => l.childPid!);
}

async function waitFor<T>(what: string, hub: Hub, check: () => Promise<T | undefined> | T | undefined, ms = 45_000): Promise<T> {
  const until = Date.now() + ms;
  while (Date.now() < until) {
    const value = await check();
    if (value !== undefined) return value;
    if (hub.process.exitCode !== null) throw new Error(`${what}: the hub exited (${hub.process.exitCode}):\n${hub.output().slice(-3000)}`);
    await sleep(200);
  }
  throw new Error(`${what}: not within ${ms} ms. Output:\n${hub.output().slice(-3000)}`);
}

type Reply = { data?: Record<string, unknown> | null; errors?: { message: string; extensions?: { code?: string } }[] };

async function query(ports: Ports, document: string): Promise<Reply | undefined> {
  try {
    const res = await fetch(`http://127.0.0.1:${ports.PORT}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: document }),
      signal: AbortSignal.timeout(5000),
    });
    return (await res.json()) as Reply;
  } catch {
    return undefined;
  }
}

const CORE_QUERY = '{ ports(first: 2) { edges { node { unlocode } } } }';
const CORE_FREE_QUERY = '{ nationalUnit { name ports } }';
const answered = (reply: Reply | undefined) => (reply?.data && !reply.errors ? reply : undefined);

async function ready(hub: Hub, ports: Ports): Promise<void> {
  await waitFor('gateway /readyz 200', hub, async () => {
    const res = await fetch(`http://127.0.0.1:${ports.PORT}/readyz`).catch(() => undefined);
    return res?.status === 200 ? true : undefined;
  });
  await waitFor('a core query answers', hub, async () => answered(await query(ports, CORE_QUERY)));
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch {
    return false;
  }
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.charAt(stat.lastIndexOf(')') + 2) !== 'Z';
  } catch {
    return process.platform !== 'linux';
  }
}

function kill9(pid: number): void {
  try {
    process.kill(pid, 'SIGKILL');
  } catch {
    // already gone
  }
}

async function gone(pids: number[], ms = 10_000): Promise<boolean> {
  for (const until = Date.now() + ms; Date.now() < until; await sleep(100)) if (pids.every((p) => !alive(p))) return true;
  return false;
}

function postmasterPid(dataDir: string): number | undefined {
  const file = path.join(dataDir, 'pg', 'postmaster.pid');
  if (!existsSync(file)) return undefined;
  const pid = Number(readFileSync(file, 'utf8').split('\n')[0]);
  return Number.isInteger(pid) && pid > 0 ? pid : undefined;
}

let dataDir: string;
let ports: Ports;
let hub: Hub;

beforeAll(async () => {
  if (!existsSync(MAIN)) throw new Error(`${MAIN} is missing: run \`npm run build\` first (\`npm test\` does)`);
  dataDir = await mkdtemp(path.join(os.tmpdir(), 'hub-supervisor-'));
  dataDirs.push(dataDir);
  ports = await freePorts();
});

afterAll(async () => {
  // Whatever happened: stop every supervisor started here, then anything of theirs still alive, then PostgreSQL.
  for (const h of hubs) if (h.process.exitCode === null && h.process.signalCode === null) h.process.kill('SIGTERM');
  const patience = new AbortController();
  await Promise.race([Promise.all(hubs.map((h) => h.exited)), sleep(20_000, undefined, { signal: patience.signal }).catch(() => undefined)]);
  patience.abort();
  for (const h of hubs) for (const pid of startedPids(h)) pidsToReap.add(pid);
  for (const pid of pidsToReap) if (alive(pid)) kill9(pid);
  for (const dir of dataDirs) {
    const pid = postmasterPid(dir);
    if (pid && alive(pid)) {
      process.kill(pid, 'SIGINT');
      if (!(await gone([pid]))) kill9(pid);
    }
  }
  await Promise.all(dataDirs.map((dir) => rm(dir, { recursive: true, force: true })));
}, 60_000);

test('npm start brings up PostgreSQL, the core, the member subgraph and the gateway as separate processes', async () => {
  hub = startHub(dataDir, ports);
  await ready(hub, ports);
  expect(answered(await query(ports, CORE_FREE_QUERY))?.data).toEqual({
    nationalUnit: { name: 'DEMO National Port Control Unit', ports: ['BEANR', 'DEHAM', 'ESALG', 'FRLEH', 'NLRTM'] },
  });
  const pids = ['core', 'member', 'gateway'].map((part) => readyPid(hub, part));
  expect(pids.every((pid) => pid && alive(pid))).toBe(true);
  expect(new Set([...pids, hub.process.pid]).size).toBe(4);
});

test('a killed core is restarted while the gateway keeps answering core-free queries', async () => {
  const oldCore = readyPid(hub, 'core')!;
  kill9(oldCore);
  const coreFree: (Reply | undefined)[] = [];
  const newCore = await waitFor('the core back with a new pid', hub, async () => {
    coreFree.push(await query(ports, CORE_FREE_QUERY));
    const pid = readyPid(hub, 'core');
    return pid !== oldCore && answered(await query(ports, CORE_QUERY)) ? pid : undefined;
  }, 20_000);
  expect(newCore).not.toBe(oldCore);
  expect(alive(newCore!)).toBe(true);
  // Every core-free query asked meanwhile was answered in full, from the member subgraph alone.
  expect(coreFree.length).toBeGreaterThan(0);
  expect(coreFree.filter((reply) => !answered(reply))).toEqual([]);
  // The supervisor logged the exit with the signal, and the restart.
  expect(logLines(hub).some((l) => l.child === 'core' && l.childPid === oldCore && /exited with signal SIGKILL; restarting in \d+ ms/.test(l.msg ?? ''))).toBe(true);
});

test('after kill -9 of the supervisor and its parts (PostgreSQL left running), a new start comes up', async () => {
  const tree = [hub.process.pid!, ...['core', 'member', 'gateway'].map((part) => readyPid(hub, part)!)];
  const postgres = postmasterPid(dataDir)!;
  for (const pid of tree) kill9(pid);
  expect(await gone(tree)).toBe(true);
  expect(alive(postgres)).toBe(true); // the stale server a crashed machine process tree leaves behind

  hub = startHub(dataDir, ports);
  await ready(hub, ports);
  expect(answered(await query(ports, CORE_FREE_QUERY))).toBeDefined();
  expect(hub.output()).toContain(`a PostgreSQL (pid ${postgres}) left running by an earlier start`);
  expect(alive(postgres)).toBe(false);
  expect(postmasterPid(dataDir)).not.toBe(postgres);
});

test('SIGTERM stops the gateway, then the subgraphs, then PostgreSQL, and exits 0', async () => {
  const parts = ['core', 'member', 'gateway'].map((part) => readyPid(hub, part)!);
  const postgres = postmasterPid(dataDir)!;
  hub.process.kill('SIGTERM');
  expect(await hub.exited).toBe(0);
  expect(await gone([...parts, postgres])).toBe(true);
  const exits = logLines(hub).filter((l) => l.process === 'supervisor' && / exited \(exit code 0\)$/.test(l.msg ?? '')).map((l) => l.child);
  expect(exits[0]).toBe('gateway');
  expect(exits.slice(1).sort()).toEqual(['core', 'member']);
});

test('a start that cannot succeed (PORT taken) exits 1 naming the port and the setting, never "undefined"', async () => {
  const holder = net.createServer();
  await new Promise<void>((resolve) => holder.listen(0, '127.0.0.1', resolve));
  try {
    const taken = (holder.address() as net.AddressInfo).port;
    const otherDir = await mkdtemp(path.join(os.tmpdir(), 'hub-supervisor-'));
    dataDirs.push(otherDir);
    const failing = startHub(otherDir, { ...(await freePorts()), PORT: taken });
    expect(await failing.exited).toBe(1);
    const stderr = failing.output().split('\n').filter((line) => line.startsWith('Port Alliance Hub did not start'));
    expect(stderr).toEqual([`Port Alliance Hub did not start: PORT ${taken} (gateway) is already in use on 127.0.0.1: stop what listens there or set PORT to a free port`]);
    expect(failing.output()).not.toMatch(/\bundefined\b/);

    // The same for the embedded PostgreSQL's port, found only once the data folder is checked for a stale server.
    const pgFailing = startHub(otherDir, { ...(await freePorts()), EMBEDDED_PG_PORT: taken });
    expect(await pgFailing.exited).toBe(1);
    expect(pgFailing.output()).toContain(`Port Alliance Hub did not start: EMBEDDED_PG_PORT ${taken} is already in use on 127.0.0.1`);
    expect(pgFailing.output()).not.toMatch(/\bundefined\b/);
  } finally {
    holder.close();
  }
});

test('the supervisor restarts a crashed embedded PostgreSQL and the hub becomes ready again without a restart of its parts', async () => {
  // A hub of its own, whose core refuses a query at once while PostgreSQL does not answer (DB_RETRY_MS=0) rather
  // than waiting for its return: every query meeting the outage then says so, however quickly PostgreSQL is back.
  const ownDir = await mkdtemp(path.join(os.tmpdir(), 'hub-supervisor-'));
  dataDirs.push(ownDir);
  const ownPorts = await freePorts();
  const own = startHub(ownDir, ownPorts, { DB_RETRY_MS: '0' });
  await ready(own, ownPorts);
  const parts = ['core', 'member', 'gateway'].map((part) => readyPid(own, part)!);
  expect(parts.every((pid) => pid && alive(pid))).toBe(true);
  const postgres = postmasterPid(ownDir)!;
  expect(postgres && alive(postgres)).toBe(true);
  const linesBefore = logLines(own).length;
  const since = () => logLines(own).slice(linesBefore);

  // A crash of the whole server: the postmaster and its backends (its own process group) at once. The supervisor
  // starts it again no sooner than its restart delay (500 ms), so the queries sent from now on meet the outage.
  process.kill(-postgres, 'SIGKILL');
  const replies: (Reply | undefined)[] = [];
  let querying = true;
  const queries = (async () => {
    while (querying) {
      replies.push(await query(ownPorts, CORE_QUERY));
      await sleep(200);
    }
  })();
  const readyz = async (port: number): Promise<number | undefined> => {
    try {
      const res = await fetch(`http://127.0.0.1:${port}/readyz`, { signal: AbortSignal.timeout(3000) });
      await res.body?.cancel();
      return res.status;
    } catch {
      return undefined;
    }
  };
  const seen = { gateway: [] as (number | undefined)[], core: [] as (number | undefined)[] };
  let newPostgres: number | undefined;
  try {
    // Readiness, every 100 ms, until a new PostgreSQL is up, the core and the gateway say ready and a query answers.
    for (const until = Date.now() + 30_000; ; await sleep(100)) {
      const [gateway, core] = await Promise.all([readyz(ownPorts.PORT), readyz(ownPorts.CORE_PORT)]);
      seen.gateway.push(gateway);
      seen.core.push(core);
      newPostgres ??= since().find((l) => l.process === 'supervisor' && l.child === 'postgres' && l.msg?.startsWith('embedded PostgreSQL ready') && l.childPid !== postgres)?.childPid;
      if (newPostgres && gateway === 200 && core === 200 && answered(await query(ownPorts, CORE_QUERY))) break;
      if (own.process.exitCode !== null) throw new Error(`the hub exited (${own.process.exitCode}):\n${own.output().slice(-3000)}`);
      if (Date.now() > until) {
        const last = (list: (number | undefined)[]) => list.slice(-5).join(',');
        throw new Error(`not ready again within 30 s (new PostgreSQL: ${newPostgres ?? 'none'}; last /readyz: gateway ${last(seen.gateway)}, core ${last(seen.core)}). Output:\n${own.output().slice(-3000)}`);
      }
    }
  } finally {
    querying = false;
    await queries;
  }

  // The supervisor noticed the death and started PostgreSQL again, on the same cluster.
  expect(since().some((l) => l.process === 'supervisor' && l.child === 'postgres' && l.childPid === postgres && /stopped unexpectedly; restarting in \d+ ms/.test(l.msg ?? ''))).toBe(true);
  expect(newPostgres).not.toBe(postgres);
  expect(alive(newPostgres!)).toBe(true);
  expect(postmasterPid(ownDir)).toBe(newPostgres);
  // Nothing else was restarted: the same core, member subgraph and gateway serve, and none of them exited.
  expect(since().filter((l) => l.process === 'supervisor' && ['core', 'member', 'gateway'].includes(l.child ?? '') && /exited|restarting/.test(l.msg ?? '')).map((l) => l.msg)).toEqual([]);
  expect(['core', 'member', 'gateway'].map((part) => readyPid(own, part))).toEqual(parts);
  expect(parts.every((pid) => alive(pid))).toBe(true);
  // The outage was seen: by the core's readiness (it asks PostgreSQL afresh once a query met the outage), and by
  // the queries, each refused with the outage's code, or answered; the gateway itself answered every one.
  expect([...seen.core, ...seen.gateway]).toContain(503);
  expect(replies.map((reply) => reply ?? 'the gateway did not answer')).not.toContain('the gateway did not answer');
  const errors = replies.filter((reply) => !answered(reply)).flatMap((reply) => reply?.errors ?? [{ message: 'neither data nor errors' }]);
  expect(errors.length).toBeGreaterThan(0);
  expect(errors.filter((e) => e.extensions?.code !== 'DATABASE_UNAVAILABLE')).toEqual([]);
  expect(answered(await query(ownPorts, CORE_FREE_QUERY))).toBeDefined();

  // The PostgreSQL started again is the one stopped on shutdown.
  own.process.kill('SIGTERM');
  expect(await own.exited).toBe(0);
  expect(await gone([...parts, newPostgres!])).toBe(true);
});
