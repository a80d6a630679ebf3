// `npm start`: the supervisor. It reads the configuration, starts the embedded PostgreSQL (unless DATABASE_URL is
// set), runs the preparation step (migrations, demo data, keys) in a process of its own, then starts the core
// subgraph and the demo member subgraph as separate processes, and the gateway once they listen. A part that
// crashes is restarted with backoff while the others keep serving (src/supervisor/). SIGINT/SIGTERM stop the
// gateway, then the subgraphs, then PostgreSQL. It loads neither the ORM nor GraphQL, so it stays small.
import { ConfigError, loadConfig, type Config } from './config.js';
import { startEmbeddedPostgres, type EmbeddedDatabase } from './db/embedded-postgres.js';
import { configureLogging, logger } from './observability/logger.js';
import { reasonOf, StartError } from './supervisor/part.js';
import { assertPortsFree, lockDataDir } from './supervisor/preflight.js';
import { restartDelay, STABLE_AFTER_MS, Supervisor } from './supervisor/supervisor.js';

function refuse(reason: string): never {
  process.stderr.write(`Port Alliance Hub did not start: ${reason}\n`);
  process.exit(1);
}

let config: Config;
try {
  config = loadConfig();
} catch (error) {
  refuse(error instanceof ConfigError ? `configuration error: ${error.message}` : reasonOf(error));
}
const log = configureLogging({ level: config.logLevel, process: 'supervisor' });
const pgLog = log.child({ component: 'postgres' });

const supervisor = new Supervisor({ heapMb: config.childMaxHeapMb, logger: log });
/** Undone in reverse order on shutdown: the data folder's lock, then PostgreSQL. */
const cleanups: (() => Promise<void>)[] = [];
let shuttingDown = false;
let startup: Promise<void> = Promise.resolve();

async function shutdown(why: string, code: number): Promise<void> {
  if (shuttingDown) {
    log.warn(`${why} again: killing the parts without waiting`);
    await supervisor.stop(true);
    return;
  }
  shuttingDown = true;
  log.info({ reason: why }, `${why}: stopping (gateway, then subgraphs, then PostgreSQL)`);
  await supervisor.stop();
  // A step still in flight (PostgreSQL starting) ends first, so that what it started is stopped too.
  await startup.catch(() => undefined);
  for (const cleanup of cleanups.reverse()) await cleanup().catch((error: unknown) => log.error({ err: error }, 'stop failed'));
  log.info('stopped');
  process.exit(code);
}

process.on('SIGINT', () => void shutdown('SIGINT', 0));
process.on('SIGTERM', () => void shutdown('SIGTERM', 0));
process.on('SIGHUP', () => void shutdown('SIGHUP', 0));
process.on('uncaughtException', (error) => {
  log.fatal({ err: error }, 'supervisor: uncaught error');
  void shutdown('uncaught error', 1);
});

/** The embedded PostgreSQL, started again with backoff if it dies while the hub runs: its owner's and runtime role's URLs. */
async function embeddedPostgres(): Promise<{ appUrl: string; ownerUrl: string }> {
  let current: EmbeddedDatabase;
  let failures = 0;
  const start = async () => {
    current = await startEmbeddedPostgres({ dataDir: config.dataDir, port: config.embeddedPgPort, log: (line) => pgLog.info(line), warn: (line) => pgLog.warn(line) });
    const startedAt = Date.now();
    log.info({ child: 'postgres', childPid: current.pid }, `embedded PostgreSQL ready (pid ${current.pid}, port ${config.embeddedPgPort})`);
    void current.exited.then(() => {
      if (shuttingDown) return;
      if (Date.now() - startedAt >= STABLE_AFTER_MS) failures = 0;
      const delay = restartDelay(failures++);
      log.error({ child: 'postgres', childPid: current.pid, restartInMs: delay }, `the embedded PostgreSQL (pid ${current.pid}) stopped unexpectedly; restarting in ${delay} ms`);
      const retry = () => {
        if (shuttingDown) return;
        start().catch((error: unknown) => {
          const next = restartDelay(failures++);
          log.error({ child: 'postgres', restartInMs: next }, `the embedded PostgreSQL did not start again: ${reasonOf(error)}; retrying in ${next} ms`);
          setTimeout(retry, next);
        });
      };
      setTimeout(retry, delay);
    });
  };
  await start();
  cleanups.push(() => current.stop());
  return { appUrl: current!.appUrl, ownerUrl: current!.ownerUrl };
}

startup = (async () => {
  cleanups.push(await lockDataDir(config.dataDir));
  await assertPortsFree([
    { setting: 'PORT', port: config.port, host: config.host, what: 'gateway' },
    { setting: 'CORE_PORT', port: config.corePort, host: config.subgraphHost, what: 'core subgraph' },
    ...(config.demoMemberSubgraph ? [{ setting: 'DEMO_MEMBER_PORT', port: config.demoMemberPort, host: config.subgraphHost, what: 'demo member subgraph' }] : []),
  ]);
  // EMBEDDED_PG_PORT is checked by startEmbeddedPostgres, after it has stopped a PostgreSQL left by an earlier start.
  // The core and the gateway connect as the runtime role (DATABASE_URL); only the preparation step gets the schema
  // owner's URL (MIGRATION_DATABASE_URL), for the migrations.
  const embedded = config.databaseUrl ? undefined : await embeddedPostgres();
  if (shuttingDown) return;
  const databaseUrl = config.databaseUrl ?? embedded!.appUrl;
  const migrationDatabaseUrl = config.migrationDatabaseUrl ?? embedded?.ownerUrl;

  // What the parts need, through their environment (config.ts reads it there as it does here).
  const environment = { ...process.env };
  delete environment.MIGRATION_DATABASE_URL;
  supervisor.env = {
    ...environment,
    DATABASE_URL: databaseUrl,
    DATA_DIR: config.dataDir,
    PORT: String(config.port),
    CORE_PORT: String(config.corePort),
    CORE_URL: config.coreUrl,
    DEMO_MEMBER_PORT: String(config.demoMemberPort),
  };
  await supervisor.runTask('prepare', migrationDatabaseUrl ? { MIGRATION_DATABASE_URL: migrationDatabaseUrl } : {});
  await Promise.all([supervisor.start('core'), config.demoMemberSubgraph ? supervisor.start('member') : undefined]);
  const url = await supervisor.start('gateway');
  log.info({ url }, `Port Alliance Hub ready at ${url}`);
  if (config.devIssuer) log.info('Development tokens: npm run token -- --role ANALYST --agency FR-DGDDI');
})();

startup.catch(async (error: unknown) => {
  if (shuttingDown) return;
  const reason = reasonOf(error);
  log.fatal({ err: error instanceof StartError ? undefined : error }, `start failed: ${reason}`);
  process.stderr.write(`Port Alliance Hub did not start: ${reason}\n`);
  await shutdown('start failed', 1);
});
