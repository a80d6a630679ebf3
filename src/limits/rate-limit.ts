// Rate limits per signed-in subject, per agency, and per address for anonymous viewers. The counters live in
// PostgreSQL (rate-limiter-flexible's PostgreSQL store), so every gateway instance shares them. If the store
// cannot be reached, an in-memory limiter of the same size takes over (the library's insurance limiter): the hub
// stays up and still bounded, per instance, during a database outage.
import type { RequestHandler } from 'express';
import pg from 'pg';
import { RateLimiterMemory, RateLimiterPostgres, RateLimiterRes } from 'rate-limiter-flexible';
import type { RateLimits } from '../config.js';
import type { Viewer } from '../auth/viewer.js';
import { logger } from '../observability/logger.js';
import { metrics } from '../observability/metrics.js';

export type RateBucket = 'subject' | 'agency' | 'address';

const TABLE = 'rate_limit';

function limiter(pool: pg.Pool, bucket: RateBucket, points: number, duration: number): RateLimiterPostgres | null {
  if (points <= 0) return null;
  return new RateLimiterPostgres({
    storeClient: pool,
    storeType: 'pool',
    tableName: TABLE,
    keyPrefix: bucket,
    points,
    duration,
    tableCreated: true, // by ensureTable, once, rather than by each limiter at once
    insuranceLimiter: new RateLimiterMemory({ points, duration, keyPrefix: bucket }),
  });
}

/**
 * The gateway's own small pool for the counters. A connection that PostgreSQL drops (a crash, a restart) emits
 * 'error'; without a listener that would end the gateway, so the errors are logged and the pool discards the
 * connection. Waits are short: past them the in-memory insurance limiter counts.
 */
export function rateLimitPool(databaseUrl: string): pg.Pool {
  const pool = new pg.Pool({ connectionString: databaseUrl, max: 4, connectionTimeoutMillis: 1000, keepAlive: true, application_name: 'port-alliance-hub-gateway' });
  const warn = (error: Error) => logger.warn({ err: error.message }, 'rate-limit store connection lost');
  pool.on('error', warn);
  pool.on('connect', (client) => client.on('error', warn));
  return pool;
}

/**
 * Concurrent requests of one key (one person, one agency) counted with one UPSERT instead of one each: while a
 * key's statement runs, the requests that arrive for it queue, and the next statement adds all of them at once
 * (`consume(key, n)`). The store returns the key's total after the addition, C: the i-th of n requests is the
 * (C - n + i)-th of the window, refused when that is over the limit, exactly as if each had been counted alone in
 * that order. Without this, every request of one busy person waits for the row lock of the one before.
 */
function coalesced(l: RateLimiterPostgres, points: number): (key: string) => Promise<RateLimiterRes | null> {
  const queued = new Map<string, { resolve(refusal: RateLimiterRes | null): void; reject(error: unknown): void }[]>();
  const running = new Set<string>();
  const run = (key: string) => {
    const waiters = queued.get(key);
    if (!waiters?.length) {
      queued.delete(key);
      running.delete(key);
      return;
    }
    queued.delete(key);
    running.add(key);
    const settle = (total: number, res: RateLimiterRes) => waiters.forEach((w, i) => w.resolve(total - waiters.length + i + 1 > points ? res : null));
    l.consume(key, waiters.length)
      .then((res) => settle(res.consumedPoints, res), (refusal: unknown) => {
        if (refusal instanceof RateLimiterRes) settle(refusal.consumedPoints, refusal);
        else waiters.forEach((w) => w.reject(refusal));
      })
      .finally(() => run(key));
  };
  return (key) => new Promise((resolve, reject) => {
    const waiters = queued.get(key) ?? [];
    waiters.push({ resolve, reject });
    queued.set(key, waiters);
    if (!running.has(key)) run(key);
  });
}

export interface RateLimiter {
  /** Express middleware, after the viewer is known (`res.locals.viewer`). */
  middleware: RequestHandler;
}

/**
 * The counters' table, in the library's own shape. A migration creates it (the runtime role the gateway connects
 * as may not create tables); created here only on a database that lacks it and lets this role do so (tests on a
 * bare database). Concurrent creators (other instances) are harmless.
 */
async function ensureTable(pool: pg.Pool): Promise<void> {
  try {
    const { rows } = await pool.query<{ present: boolean }>(`select to_regclass($1) is not null as present`, [TABLE]);
    if (rows[0]?.present) return;
    await pool.query(`create table if not exists "${TABLE}" (key varchar(255) primary key, points integer not null default 0, expire bigint)`);
  } catch (error) {
    // Another instance created it at the same moment (23505), or the database is down: the limiters then count in
    // memory until it is back.
    if ((error as { code?: string }).code !== '23505') logger.warn({ err: (error as Error).message }, 'rate-limit table not ready; counting in memory');
  }
}

export async function rateLimiter(pool: pg.Pool, limits: RateLimits): Promise<RateLimiter> {
  await ensureTable(pool);
  const buckets = {
    subject: limiter(pool, 'subject', limits.perSubject, limits.windowSeconds),
    agency: limiter(pool, 'agency', limits.perAgency, limits.windowSeconds),
    address: limiter(pool, 'address', limits.perAnonymousAddress, limits.windowSeconds),
  };
  const counters = {
    subject: buckets.subject && coalesced(buckets.subject, limits.perSubject),
    agency: buckets.agency && coalesced(buckets.agency, limits.perAgency),
    address: buckets.address && coalesced(buckets.address, limits.perAnonymousAddress),
  };
  const consume = async (bucket: RateBucket, key: string): Promise<{ bucket: RateBucket; res: RateLimiterRes } | null> => {
    const count = counters[bucket];
    if (!count) return null;
    const refusal = await count(key);
    return refusal ? { bucket, res: refusal } : null;
  };
  return {
    middleware: async (req, res, next) => {
      const viewer = res.locals.viewer as Viewer;
      try {
        const checks = viewer.subject
          ? [consume('subject', viewer.subject), ...(viewer.agencyId ? [consume('agency', viewer.agencyId)] : [])]
          : [consume('address', req.socket.remoteAddress ?? 'unknown')];
        const refused = (await Promise.all(checks)).find((c) => c !== null);
        if (!refused) return next();
        const retryAfter = Math.max(1, Math.ceil(refused.res.msBeforeNext / 1000));
        metrics.rateLimitRefusals.inc({ bucket: refused.bucket });
        res.setHeader('Retry-After', String(retryAfter));
        res.status(429).json({ errors: [{
          message: `Too many requests for this ${refused.bucket === 'address' ? 'address' : refused.bucket}: retry in ${retryAfter} s`,
          extensions: { code: 'RATE_LIMITED', bucket: refused.bucket, retryAfterSeconds: retryAfter },
        }] });
      } catch (error) {
        next(error);
      }
    },
  };
}
