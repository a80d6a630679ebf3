// Prometheus metrics (prom-client), one registry per process: each process (gateway, core, member) serves its own
// `GET /metrics`. Labels are bounded: operation names are checked and capped, codes come from a fixed set.
import type { RequestHandler } from 'express';
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';

export const registry = new Registry();
collectDefaultMetrics({ register: registry }); // RSS, heap, event-loop lag, GC, handles

interface PoolLike {
  totalCount: number;
  idleCount: number;
  waitingCount: number;
}
let watchedPool: PoolLike | undefined;

const LATENCY_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30];

export const metrics = {
  requests: new Counter({ name: 'hub_graphql_requests_total', help: 'GraphQL requests by server, operation name and outcome (OK or the first error code).', labelNames: ['server', 'operation', 'outcome'], registers: [registry] }),
  requestDuration: new Histogram({ name: 'hub_graphql_request_duration_seconds', help: 'GraphQL request latency by server and outcome.', labelNames: ['server', 'outcome'], buckets: LATENCY_BUCKETS, registers: [registry] }),
  subgraphFetchDuration: new Histogram({ name: 'hub_subgraph_fetch_duration_seconds', help: 'Gateway calls to each subgraph, by outcome (ok, graphql_error, unavailable, timeout, aborted).', labelNames: ['subgraph', 'outcome'], buckets: LATENCY_BUCKETS, registers: [registry] }),
  limitRefusals: new Counter({ name: 'hub_limit_refusals_total', help: 'Operations refused by a limit before execution (depth, aliases, cost…), by server and code.', labelNames: ['server', 'code'], registers: [registry] }),
  persistedDocumentRefusals: new Counter({ name: 'hub_persisted_document_refusals_total', help: 'Requests the gateway refused before parsing for want of a persisted document, by code (PERSISTED_DOCUMENT_REQUIRED, PERSISTED_DOCUMENT_NOT_FOUND, BAD_REQUEST).', labelNames: ['code'], registers: [registry] }),
  rateLimitRefusals: new Counter({ name: 'hub_rate_limit_refusals_total', help: 'Requests refused with 429, by the bucket that was empty (subject, agency, address).', labelNames: ['bucket'], registers: [registry] }),
  deadlines: new Counter({ name: 'hub_request_cancellations_total', help: 'Requests cancelled before they finished, by server and reason (deadline, client_gone, response_too_large).', labelNames: ['server', 'reason'], registers: [registry] }),
  dbUp: new Gauge({ name: 'hub_db_up', help: '1 while the core reaches PostgreSQL, 0 during an outage.', registers: [registry] }),
  dbOutages: new Counter({ name: 'hub_db_outages_total', help: 'Database outages seen (connections refused or dropped).', registers: [registry] }),
  dbReconnects: new Counter({ name: 'hub_db_reconnects_total', help: 'Returns of the database after an outage.', registers: [registry] }),
  dbRetries: new Counter({ name: 'hub_db_retries_total', help: 'Database work retried after a connection fault, by kind (connect, read, transaction).', labelNames: ['kind'], registers: [registry] }),
  dbPoolTimeouts: new Counter({ name: 'hub_db_pool_wait_timeouts_total', help: 'Requests refused DATABASE_BUSY after waiting for a pooled connection.', registers: [registry] }),
  dbPool: new Gauge({
    name: 'hub_db_pool_connections', help: 'Database pool connections by state (total, idle, waiting clients).', labelNames: ['state'], registers: [registry],
    collect() {
      if (!watchedPool) return;
      this.set({ state: 'total' }, watchedPool.totalCount);
      this.set({ state: 'idle' }, watchedPool.idleCount);
      this.set({ state: 'waiting' }, watchedPool.waitingCount);
    },
  }),
};

const OPERATION_NAME = /^[A-Za-z_][A-Za-z0-9_]{0,63}$/;
const MAX_OPERATION_NAMES = 500;
const seenOperations = new Set<string>();

/** A label value for a client-chosen operation name: checked, and capped in number so no client can grow the series. */
export function operationLabel(name: string | null | undefined): string {
  if (!name) return '(anonymous)';
  if (!OPERATION_NAME.test(name)) return '(invalid)';
  if (seenOperations.has(name)) return name;
  if (seenOperations.size >= MAX_OPERATION_NAMES) return '(other)';
  seenOperations.add(name);
  return name;
}

/** The process's database pool, read at scrape time. */
export function watchPool(pool: PoolLike): void {
  watchedPool = pool;
}

/** `GET /metrics` in Prometheus text format, for callers `allowed` lets through (loopback, administrators). */
export function metricsEndpoint(allowed: (req: Parameters<RequestHandler>[0]) => boolean | Promise<boolean>): RequestHandler {
  return async (req, res) => {
    if (!(await allowed(req))) {
      res.status(403).json({ errors: [{ message: 'Metrics are for administrators and the local host', extensions: { code: 'FORBIDDEN' } }] });
      return;
    }
    res.setHeader('content-type', registry.contentType);
    res.send(await registry.metrics());
  };
}

/** A request from this machine (the supervisor, a local Prometheus agent, an operator's shell). */
export function isLoopback(address: string | undefined): boolean {
  return address === '127.0.0.1' || address === '::1' || address === '::ffff:127.0.0.1';
}
