// The database as the core sees it: up or down, and whether a failure means "PostgreSQL is unreachable"
// (DATABASE_UNAVAILABLE) or "every pooled connection is busy" (DATABASE_BUSY). It owns what the pool does about
// faults:
// - getting a connection is retried for a short while when PostgreSQL refuses or drops it (nothing had started on
//   that connection, so this is safe for reads and writes alike);
// - once an outage has outlasted that retry window, requests fail at once instead of each waiting for it;
// - while down, a probe on a fresh connection runs every half second and reopens the pool as soon as it answers
//   (a restarted PostgreSQL, or a standby promoted behind DATABASE_URL, is used again within a second);
// - readiness asks the same probe, cached for a moment so that frequent health checks cost one `select 1`.
import { setTimeout as sleep } from 'node:timers/promises';
import pg from 'pg';
import type { WriteOutcome } from '../http.js';
import { metrics } from '../observability/metrics.js';

export interface DatabaseSettings {
  /** Connections in the pool. */
  poolMax: number;
  /** How long a request waits for a free connection before DATABASE_BUSY. */
  poolWaitMs: number;
  /** How long getting a connection is retried after PostgreSQL refused or dropped it. */
  retryMs: number;
  /** Server-side backstop for a statement the request's own cancellation missed. */
  statementTimeoutMs: number;
  /** How long a readiness answer is reused. */
  checkCacheMs: number;
}

/** Codes of the errors below; they survive MikroORM's DriverException, which copies own properties. */
export const DATABASE_UNAVAILABLE = 'DATABASE_UNAVAILABLE';
export const DATABASE_BUSY = 'DATABASE_BUSY';

export type { WriteOutcome };

export class DatabaseUnavailableError extends Error {
  readonly code = DATABASE_UNAVAILABLE;
  constructor(readonly writeOutcome?: WriteOutcome, options?: { cause?: unknown }) {
    super('The database is unavailable', options);
    this.name = 'DatabaseUnavailableError';
  }
}

export class DatabaseBusyError extends Error {
  readonly code = DATABASE_BUSY;
  constructor(readonly writeOutcome?: WriteOutcome) {
    super('Every database connection is busy');
    this.name = 'DatabaseBusyError';
  }
}

// Node's socket errors, and PostgreSQL's connection-exception (08xxx), shutdown (57P01-57P03) and
// too-many-connections (53300) states.
const CONNECTION_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'EPIPE', 'ETIMEDOUT', 'ENOTFOUND', 'EHOSTUNREACH', 'ENETUNREACH',
  'EAI_AGAIN', '57P01', '57P02', '57P03', '53300', '08000', '08001', '08003', '08004', '08006']);
// pg reports a dropped socket without a code.
const CONNECTION_MESSAGES = /Connection terminated|connection timeout|Client has encountered a connection error|Client was closed and is not queryable|Connection ended/i;

type ErrorLike = { code?: unknown; message?: unknown; cause?: unknown; errors?: unknown; previous?: unknown; thrownValue?: unknown };

/**
 * The errors behind `error`: causes, a DriverException's original, an AggregateError's parts, and what graphql-js
 * wrapped as NonErrorThrown (a rejection with a value it does not take for an Error, e.g. a socket error from
 * another realm, as under jest's VM modules), a few levels deep.
 */
function* chain(error: unknown, depth = 0): Generator<ErrorLike> {
  if (!error || typeof error !== 'object' || depth > 5) return;
  const e = error as ErrorLike;
  yield e;
  yield* chain(e.cause, depth + 1);
  yield* chain(e.previous, depth + 1);
  yield* chain(e.thrownValue, depth + 1);
  if (Array.isArray(e.errors)) for (const part of e.errors) yield* chain(part, depth + 1);
}

/** The database fault behind an error, if it is one. */
export function databaseFault(error: unknown): typeof DATABASE_UNAVAILABLE | typeof DATABASE_BUSY | null {
  for (const e of chain(error)) {
    if (e.code === DATABASE_BUSY) return DATABASE_BUSY;
    if (e.code === DATABASE_UNAVAILABLE) return DATABASE_UNAVAILABLE;
  }
  return isConnectionFault(error) ? DATABASE_UNAVAILABLE : null;
}

/** A lost or refused connection (as opposed to an error in the statement itself). */
export function isConnectionFault(error: unknown): boolean {
  for (const e of chain(error)) {
    if (typeof e.code === 'string' && CONNECTION_CODES.has(e.code)) return true;
    if (typeof e.message === 'string' && CONNECTION_MESSAGES.test(e.message)) return true;
  }
  return false;
}

/** What a write that failed on `error` is known to have done, when the failure is a database fault. */
export function writeOutcomeOf(error: unknown): WriteOutcome | undefined {
  for (const e of chain(error)) {
    const outcome = (e as { writeOutcome?: unknown }).writeOutcome;
    if (outcome === 'NOT_APPLIED' || outcome === 'UNKNOWN') return outcome;
  }
  return undefined;
}

const PROBE_INTERVAL_MS = 500;
const PROBE_TIMEOUT_MS = 2000;

export interface DatabaseCheck {
  ok: boolean;
  /** Why not, for administrators (never sent to anonymous callers). */
  reason?: string;
  /** Since when the current outage lasts (ISO). */
  downSince?: string;
}

/** One per ORM: the pool it guards, the database's state, and the probe that watches for its return. */
export class DatabaseAvailability {
  private pool?: pg.Pool;
  private downSince?: number;
  private lastReason?: string;
  private probeTimer?: NodeJS.Timeout;
  private cached?: { at: number; check: Promise<DatabaseCheck> };
  private closed = false;

  constructor(readonly settings: DatabaseSettings) {
    metrics.dbUp.set(1);
  }

  get isDown(): boolean {
    return this.downSince !== undefined;
  }

  /**
   * Takes over `pool.connect` with the retry and fail-fast rules: kysely (the ORM) calls it for a promise,
   * `pool.query` (the rate limiter's store) with a callback.
   */
  attach(pool: pg.Pool): void {
    this.pool = pool;
    const connect = pool.connect.bind(pool) as () => Promise<pg.PoolClient>;
    type Callback = (error: Error | undefined, client?: pg.PoolClient, done?: (release?: unknown) => void) => void;
    pool.connect = ((callback?: Callback) => {
      const acquired = this.acquire(connect);
      if (!callback) return acquired;
      acquired.then((client) => callback(undefined, client, (release) => client.release(release as Error)), (error: Error) => callback(error));
      return undefined;
    }) as typeof pool.connect;
  }

  private async acquire(connect: () => Promise<pg.PoolClient>): Promise<pg.PoolClient> {
    const giveUpAt = Date.now() + this.settings.retryMs;
    for (let attempt = 0; ; attempt++) {
      // An outage older than the retry window: answer now; the probe reopens the pool when PostgreSQL is back.
      if (this.downSince !== undefined && Date.now() - this.downSince > this.settings.retryMs) throw new DatabaseUnavailableError();
      try {
        return this.releasedWhenLost(await connect());
      } catch (error) {
        if ((error as Error).message === 'timeout exceeded when trying to connect') {
          // Waited in the pool's queue the whole time: the database is fine, the pool is full.
          metrics.dbPoolTimeouts.inc();
          throw new DatabaseBusyError();
        }
        if (!isConnectionFault(error)) throw error;
        this.markDown(error);
        const pause = Math.min(100 * 2 ** attempt, 1000);
        if (Date.now() + pause > giveUpAt) throw new DatabaseUnavailableError(undefined, { cause: error });
        metrics.dbRetries.inc({ kind: 'connect' });
        await sleep(pause);
      }
    }
  }

  /**
   * Gives a checked-out connection back to the pool (which discards it) as soon as its socket ends, and makes a
   * second release harmless. Without this, a transaction whose connection died would keep its pool slot forever:
   * kysely releases a transaction's connection only after a successful ROLLBACK, which a dead connection cannot do,
   * and each outage would shrink the pool until nothing could be served.
   */
  private releasedWhenLost(client: pg.PoolClient): pg.PoolClient {
    const release = client.release;
    let released = false;
    client.release = (error?: Error | boolean) => {
      if (released) return;
      released = true;
      client.off('end', lost);
      release(error);
    };
    const lost = () => client.release(new Error('connection lost'));
    client.once('end', lost);
    return client;
  }

  /**
   * A statement lost its connection: PostgreSQL may be gone, or only that connection (an administrator ended it, a
   * proxy dropped it). A probe decides at once, so that one dropped connection is not counted as an outage.
   */
  suspect(error: unknown): void {
    this.lastReason = (error as Error)?.message || String(error);
    if (this.downSince === undefined && !this.closed) void this.check(true);
  }

  /** PostgreSQL refused a connection, or did not answer the probe: it is down until a probe answers. */
  markDown(error: unknown): void {
    this.lastReason = (error as Error)?.message || String(error);
    if (this.downSince !== undefined || this.closed) return;
    this.downSince = Date.now();
    this.cached = undefined;
    metrics.dbUp.set(0);
    metrics.dbOutages.inc();
    this.scheduleProbe();
  }

  private markUp(): void {
    if (this.downSince === undefined) return;
    this.downSince = undefined;
    this.lastReason = undefined;
    this.cached = undefined; // readiness follows at once, not after the cached failure expires
    metrics.dbUp.set(1);
    metrics.dbReconnects.inc();
  }

  private scheduleProbe(): void {
    if (this.probeTimer || this.closed) return;
    this.probeTimer = setTimeout(async () => {
      this.probeTimer = undefined;
      await this.probe();
      if (this.isDown) this.scheduleProbe();
    }, PROBE_INTERVAL_MS);
    this.probeTimer.unref();
  }

  /** `select 1` on a fresh connection (not the pool's: a full pool is not an outage, and must not hide one). */
  private async probe(): Promise<DatabaseCheck> {
    if (!this.pool) return { ok: false, reason: 'not connected yet' };
    const { max: _max, ...options } = this.pool.options as pg.PoolConfig;
    // pg-pool keeps the password out of its enumerable options.
    const client = new pg.Client({ ...options, password: (this.pool.options as pg.PoolConfig).password, connectionTimeoutMillis: PROBE_TIMEOUT_MS, query_timeout: PROBE_TIMEOUT_MS, statement_timeout: PROBE_TIMEOUT_MS });
    client.on('error', () => undefined);
    try {
      await client.connect();
      await client.query('select 1');
      this.markUp();
      return { ok: true };
    } catch (error) {
      // Any failure to answer `select 1` means not ready (a refused password as much as a refused connection).
      this.markDown(error);
      return this.report();
    } finally {
      client.end().catch(() => undefined);
    }
  }

  private report(): DatabaseCheck {
    if (this.downSince === undefined) return { ok: true };
    return { ok: false, reason: `PostgreSQL unreachable: ${this.lastReason ?? 'no answer'}`, downSince: new Date(this.downSince).toISOString() };
  }

  /** Readiness: the last probe if it is recent enough (and `fresh` is not asked), otherwise a new one. */
  check(fresh = false): Promise<DatabaseCheck> {
    const now = Date.now();
    if (!this.cached || fresh || now - this.cached.at > this.settings.checkCacheMs) this.cached = { at: now, check: this.probe() };
    return this.cached.check;
  }

  close(): void {
    this.closed = true;
    clearTimeout(this.probeTimer);
  }
}
