// Every request of the load, timed and classified by the script itself (autocannon's histogram is global):
// per viewer and per operation, latency samples, 429s, and errors by code with one sample message each.
import { performance } from 'node:perf_hooks';
import type { Operation, ViewerName } from './operations.js';

/** GraphQL codes that are the hub's policy working, not failures: rate limiting (FORBIDDEN is judged per operation). */
const RATE_LIMIT_CODES = new Set(['RATE_LIMITED', 'TOO_MANY_REQUESTS']);

export interface Problem {
  code: string;
  message: string;
}

export interface Classification {
  rateLimited: boolean;
  /** FORBIDDEN errors on fields this viewer may not read: the expected answer. */
  expectedForbidden: number;
  /** What counts as an error (empty when the answer is fine or a 429). */
  errors: Problem[];
}

interface GraphQLBody {
  data?: unknown;
  errors?: { message?: string; path?: unknown[]; extensions?: { code?: unknown } }[];
}

/** Judges one answer: HTTP status and, in the body, `errors[].extensions.code`. */
export function classify(status: number, body: string, viewer: ViewerName, operation: Operation): Classification {
  const result: Classification = { rateLimited: status === 429, expectedForbidden: 0, errors: [] };
  if (status === 429) return result;
  let json: GraphQLBody | undefined;
  try {
    json = JSON.parse(body) as GraphQLBody;
  } catch {
    json = undefined;
  }
  const ok = status >= 200 && status < 300;
  const prefix = ok ? '' : `HTTP ${status} `;
  if (!json || typeof json !== 'object') {
    result.errors.push({ code: ok ? 'INVALID_JSON' : `HTTP ${status}`, message: body.slice(0, 200) || '(empty body)' });
    return result;
  }
  for (const error of json.errors ?? []) {
    const code = typeof error.extensions?.code === 'string' ? error.extensions.code : 'NO_CODE';
    if (RATE_LIMIT_CODES.has(code)) {
      result.rateLimited = true;
    } else if (code === 'FORBIDDEN' && ok && Array.isArray(error.path) && error.path.length > 1 && operation.forbiddenFor.includes(viewer)) {
      result.expectedForbidden++;
    } else {
      const label = code === 'FORBIDDEN' ? `FORBIDDEN (not expected for ${viewer})` : code;
      result.errors.push({ code: prefix + label, message: `${error.message ?? ''}${error.path ? ` (at ${error.path.join('.')})` : ''}` });
    }
  }
  if (!ok && result.errors.length === 0 && !result.rateLimited) result.errors.push({ code: `HTTP ${status}`, message: body.slice(0, 200) || '(empty body)' });
  if (ok && json.data == null && result.errors.length === 0 && !result.rateLimited) result.errors.push({ code: 'NO_DATA', message: body.slice(0, 200) });
  return result;
}

export class Bucket {
  requests = 0;
  /** Latency of every answer except 429s (ms). */
  latencies: number[] = [];
  rateLimited = 0;
  errors = 0;
  expectedForbidden = 0;

  summary(seconds: number): BucketSummary {
    const sorted = Float64Array.from(this.latencies).sort();
    return {
      requests: this.requests,
      perSecond: this.requests / seconds,
      p50: percentile(sorted, 50),
      p99: percentile(sorted, 99),
      rateLimited: this.rateLimited,
      errors: this.errors,
      expectedForbidden: this.expectedForbidden,
    };
  }
}

export interface BucketSummary {
  requests: number;
  perSecond: number;
  p50: number | null;
  p99: number | null;
  rateLimited: number;
  errors: number;
  expectedForbidden: number;
}

/** Nearest-rank percentile of sorted values; null without values. */
export function percentile(sorted: ArrayLike<number>, p: number): number | null {
  if (sorted.length === 0) return null;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]!;
}

interface Pending {
  viewer: ViewerName;
  operation: Operation;
  startedAt: number;
}

export interface ErrorEntry {
  count: number;
  sample: { message: string; viewer: ViewerName; operation: string };
  /** "viewer/operation" → requests with this error. */
  where: Record<string, number>;
}

export class Recorder {
  readonly viewers = new Map<ViewerName, Bucket>();
  readonly operations = new Map<string, Bucket>();
  readonly total = new Bucket();
  /** Error code → requests that carried it, with one sample message. */
  readonly errors = new Map<string, ErrorEntry>();
  /** Requests that got no answer: timed out or lost with their connection. */
  unanswered = 0;
  /** Requests still waiting when the load stopped (not counted). */
  inFlightAtStop = 0;
  private readonly pending = new Map<number, Pending>();
  private nextId = 1;

  constructor(viewers: readonly ViewerName[]) {
    for (const viewer of viewers) this.viewers.set(viewer, new Bucket());
  }

  /** A request leaves: returns its id (kept in the connection's context until the answer). */
  started(viewer: ViewerName, operation: Operation): number {
    const id = this.nextId++;
    this.pending.set(id, { viewer, operation, startedAt: performance.now() });
    return id;
  }

  answered(id: number, status: number, body: string): void {
    const request = this.pending.get(id);
    if (!request) return;
    this.pending.delete(id);
    const elapsed = performance.now() - request.startedAt;
    const verdict = classify(status, body, request.viewer, request.operation);
    const buckets = this.bucketsOf(request);
    for (const bucket of buckets) {
      bucket.requests++;
      bucket.expectedForbidden += verdict.expectedForbidden;
      if (verdict.errors.length) bucket.errors++;
      else if (verdict.rateLimited) bucket.rateLimited++;
      if (!verdict.rateLimited || verdict.errors.length) bucket.latencies.push(elapsed);
    }
    // One count per request and code (a page of 20 broken rows is one failed request).
    const seen = new Set<string>();
    for (const problem of verdict.errors) {
      if (seen.has(problem.code)) continue;
      seen.add(problem.code);
      this.countError(problem.code, problem.message, request);
    }
  }

  /** At the end: requests without an answer for longer than the timeout are errors; younger ones were cut by the stop. */
  settle(timeoutMs: number): void {
    const now = performance.now();
    for (const [id, request] of this.pending) {
      this.pending.delete(id);
      if (now - request.startedAt < timeoutMs) {
        this.inFlightAtStop++;
        continue;
      }
      this.unanswered++;
      for (const bucket of this.bucketsOf(request)) {
        bucket.requests++;
        bucket.errors++;
      }
      this.countError('NO_RESPONSE', `no answer within ${timeoutMs / 1000} s (timeout or connection lost)`, request);
    }
  }

  get answeredCount(): number {
    return this.total.requests;
  }

  private bucketsOf(request: Pending): Bucket[] {
    let operation = this.operations.get(request.operation.name);
    if (!operation) this.operations.set(request.operation.name, (operation = new Bucket()));
    return [this.viewers.get(request.viewer)!, operation, this.total];
  }

  private countError(code: string, message: string, request: Pending): void {
    let entry = this.errors.get(code);
    if (!entry) this.errors.set(code, (entry = { count: 0, sample: { message: message.slice(0, 300), viewer: request.viewer, operation: request.operation.name }, where: {} }));
    entry.count++;
    const where = `${request.viewer}/${request.operation.name}`;
    entry.where[where] = (entry.where[where] ?? 0) + 1;
  }
}
