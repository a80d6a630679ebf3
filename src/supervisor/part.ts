// What every process of the hub does around its own work (src/run/*.ts): read the configuration, name itself in
// the logs, tell the supervisor when it listens (IPC "ready") or why it could not start (IPC "failed"), stop
// cleanly on SIGINT/SIGTERM, and end by itself when the supervisor goes away (IPC 'disconnect'), so a `kill -9`
// of the supervisor leaves no process holding a port. Run on their own (`npm run start:core`), there is no IPC:
// the same code logs the reason and exits 1.
import { ConfigError, loadConfig, type Config } from '../config.js';
import { configureLogging, logger } from '../observability/logger.js';

export type PartName = 'prepare' | 'core' | 'member' | 'gateway';

/** Messages from a part to the supervisor. */
export type PartMessage = { type: 'ready'; url?: string } | { type: 'done' } | { type: 'failed'; reason: string };

export interface RunningPart {
  url: string;
  stop(): Promise<void>;
}

/** A start refused for a reason the operator can act on: its message is the whole story (no stack needed). */
export class StartError extends Error {}

/** How long a part may take to stop before it exits anyway. */
const STOP_DEADLINE_MS = 10_000;

const supervised = () => typeof process.send === 'function' && process.connected;

function send(message: PartMessage): Promise<void> {
  return new Promise((resolve) => {
    if (!supervised()) return resolve();
    process.send!(message, undefined, {}, () => resolve());
  });
}

export function reasonOf(error: unknown): string {
  if (error instanceof Error) return error.message || error.name;
  return error === undefined ? 'failed without saying why' : String(error);
}

/** The message for a port that cannot be listened on, naming the setting that changes it. */
export function portProblem(error: NodeJS.ErrnoException & { port?: number; address?: string }, setting: string): string | null {
  if (error.code === 'EADDRINUSE') return `${setting} ${error.port ?? '?'} is already in use on ${error.address ?? 'this host'}: stop what listens there or set ${setting} to a free port`;
  if (error.code === 'EACCES' && error.syscall === 'listen') return `${setting} ${error.port ?? '?'} may not be listened on by this user (ports below 1024 need privileges): set ${setting} to a port above 1023`;
  if (error.code === 'EADDRNOTAVAIL') return `${error.address ?? 'the address'} is not an address of this host: check the interface setting of ${setting}`;
  return null;
}

/** The environment setting a missing DATABASE_URL is explained with. */
export function requireDatabaseUrl(config: Config, what: string): string {
  if (config.databaseUrl) return config.databaseUrl;
  throw new StartError(`DATABASE_URL is not set: the ${what} run on its own uses an existing PostgreSQL (postgresql://user:pass@host:5432/db). \`npm start\` starts an embedded one and passes it.`);
}

async function fail(name: PartName, reason: string, error?: unknown): Promise<never> {
  logger.fatal({ err: error instanceof StartError || error === undefined ? undefined : error }, `${name} did not start: ${reason}`);
  if (!supervised()) process.stderr.write(`${name} did not start: ${reason}\n`);
  await send({ type: 'failed', reason });
  process.exit(1);
}

/** The configuration, or null after reporting why it cannot be read (the process then exits 1). */
function readConfig(name: PartName): Config | null {
  try {
    const config = loadConfig();
    configureLogging({ level: config.logLevel, process: name });
    return config;
  } catch (error) {
    const reason = error instanceof ConfigError ? `configuration error: ${error.message}` : reasonOf(error);
    process.stderr.write(`${name} did not start: ${reason}\n`);
    void send({ type: 'failed', reason }).then(() => process.exit(1));
    return null;
  }
}

/** Runs a server part: start, report ready, serve until a signal or the supervisor's departure, stop. */
export function runPart(name: PartName, options: { portSetting: string }, start: (config: Config) => Promise<RunningPart>): void {
  let running: RunningPart | undefined;
  let starting = true;
  let stopping = false;

  const shutdown = async (why: string, code = 0) => {
    if (stopping) return;
    stopping = true;
    logger.info({ reason: why }, `${name} stopping`);
    setTimeout(() => {
      logger.warn(`${name} did not stop within ${STOP_DEADLINE_MS / 1000} s: exiting anyway`);
      process.exit(code);
    }, STOP_DEADLINE_MS).unref();
    if (running) {
      try {
        await running.stop();
      } catch (error) {
        logger.error({ err: error }, `${name}: stop failed`);
      }
    }
    logger.info(`${name} stopped`);
    process.exit(code);
  };
  process.on('SIGINT', () => void shutdown('SIGINT'));
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
  if (supervised()) process.on('disconnect', () => void shutdown('the supervisor is gone'));

  // A listen error is emitted on the server, not thrown at the caller: it arrives here.
  process.on('uncaughtException', (error: NodeJS.ErrnoException) => {
    const problem = portProblem(error, options.portSetting);
    if (starting) void fail(name, problem ?? reasonOf(error), problem ? undefined : error);
    else {
      logger.fatal({ err: error }, `${name}: uncaught error, exiting${supervised() ? ' (the supervisor restarts it)' : ''}`);
      process.exit(1);
    }
  });

  void (async () => {
    const config = readConfig(name);
    if (!config) return;
    try {
      running = await start(config);
    } catch (error) {
      const problem = portProblem(error as NodeJS.ErrnoException, options.portSetting);
      return fail(name, problem ?? reasonOf(error), problem ? undefined : error);
    }
    starting = false;
    logger.info({ url: running.url }, `${name} ready at ${running.url}`);
    await send({ type: 'ready', url: running.url });
  })();
}

/** Runs a one-shot task (migrations, demo data): exit 0 when done, 1 with a reason when not. */
export function runTask(name: PartName, work: (config: Config) => Promise<void>): void {
  process.on('uncaughtException', (error) => void fail(name, reasonOf(error), error));
  if (supervised()) process.on('disconnect', () => process.exit(1));
  void (async () => {
    const config = readConfig(name);
    if (!config) return;
    try {
      await work(config);
    } catch (error) {
      return fail(name, reasonOf(error), error);
    }
    await send({ type: 'done' });
    process.exit(0);
  })();
}
