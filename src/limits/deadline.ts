// Every request has a deadline. When it passes, or when the client goes away before the answer, the request's
// signal aborts: the gateway's subgraph calls are cancelled, and in the core the SQL statements in flight are
// cancelled on the server (MikroORM's `cancel query` strategy) and no new ones start.
import type { RequestHandler, Response } from 'express';
import { GraphQLError } from 'graphql';

export type CancelReason = 'deadline' | 'client_gone' | 'response_too_large';

/** The abort reason: why the request stopped. */
export class RequestCancelled extends Error {
  constructor(readonly reason: CancelReason, readonly timeoutMs?: number) {
    super(reason === 'deadline' ? `the request's deadline of ${timeoutMs} ms passed` : reason === 'client_gone' ? 'the client went away' : 'the response grew past its size limit');
    this.name = 'RequestCancelled';
  }
}

export interface RequestBounds {
  signal: AbortSignal;
  /** Stops the request (e.g. its response grew too large). */
  cancel(reason: CancelReason): void;
}

/** The request's bounds, set by `requestDeadline` in `res.locals.bounds`. */
export function boundsOf(res: Response): RequestBounds {
  return res.locals.bounds as RequestBounds;
}

/** Starts each request's clock; `onCancel` hears why a request stopped early (metrics, logs). */
export function requestDeadline(timeoutMs: number, onCancel?: (reason: CancelReason) => void): RequestHandler {
  return (_req, res, next) => {
    const controller = new AbortController();
    const cancel = (reason: CancelReason) => {
      if (controller.signal.aborted) return;
      controller.abort(new RequestCancelled(reason, timeoutMs));
      onCancel?.(reason);
    };
    const timer = setTimeout(() => cancel('deadline'), timeoutMs);
    timer.unref();
    res.on('finish', () => clearTimeout(timer));
    // 'close' before 'finish': the connection went away without an answer.
    res.on('close', () => {
      clearTimeout(timer);
      if (!res.writableFinished) cancel('client_gone');
    });
    res.locals.bounds = { signal: controller.signal, cancel } satisfies RequestBounds;
    next();
  };
}

/** The error a client gets for a request stopped by its bounds. */
export function cancelledError(cancelled: RequestCancelled): GraphQLError {
  if (cancelled.reason === 'response_too_large') {
    return new GraphQLError('The response is larger than this hub serves in one answer: ask for fewer records per page', { extensions: { code: 'RESPONSE_TOO_LARGE' } });
  }
  return new GraphQLError(`Request stopped: ${cancelled.message}`, { extensions: { code: 'REQUEST_TIMEOUT', ...(cancelled.timeoutMs ? { timeoutMs: cancelled.timeoutMs } : {}) } });
}

/** The RequestCancelled behind an error, if the request's bounds stopped it (an aborted query, fetch or loader). */
export function cancellationOf(error: unknown, signal?: AbortSignal): RequestCancelled | null {
  if (signal?.aborted && signal.reason instanceof RequestCancelled) return signal.reason;
  for (let e: unknown = error, depth = 0; e && depth < 5; e = (e as { cause?: unknown; originalError?: unknown }).cause ?? (e as { originalError?: unknown }).originalError, depth++) {
    if (e instanceof RequestCancelled) return e;
    // The ORM rethrows driver errors as its own, copying their properties.
    const copied = e as { reason?: unknown; timeoutMs?: number };
    if (copied.reason === 'deadline' || copied.reason === 'client_gone' || copied.reason === 'response_too_large') return new RequestCancelled(copied.reason, copied.timeoutMs);
  }
  return null;
}
