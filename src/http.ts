// Shared by the HTTP servers (gateway, core subgraph).
import type http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { ApolloServerPlugin, GraphQLResponse } from '@apollo/server';
import type { GraphQLFormattedError } from 'graphql';
import type { ErrorRequestHandler } from 'express';
import { LIMIT_CODES } from './limits/operation-limits.js';

/** Errors that say "try again shortly", with how many seconds to wait (HTTP Retry-After). */
export const RETRY_AFTER_SECONDS: Readonly<Record<string, number>> = { DATABASE_UNAVAILABLE: 5, DATABASE_BUSY: 1, SUBGRAPH_UNAVAILABLE: 5 };

/** Error codes meant for clients; an error with any other code is masked before it leaves a server. */
export const PUBLIC_ERROR_CODES: ReadonlySet<string> = new Set(['BAD_USER_INPUT', 'NOT_FOUND', 'CONFLICT', 'FORBIDDEN',
  'UNAUTHENTICATED', 'GRAPHQL_PARSE_FAILED', 'GRAPHQL_VALIDATION_FAILED', 'PERSISTED_QUERY_NOT_FOUND',
  'PERSISTED_QUERY_NOT_SUPPORTED', 'OPERATION_RESOLUTION_FAILURE', 'BAD_REQUEST',
  ...LIMIT_CODES, 'REQUEST_TIMEOUT', 'RESPONSE_TOO_LARGE', 'RATE_LIMITED', 'PAYLOAD_TOO_LARGE',
  'DATABASE_UNAVAILABLE', 'DATABASE_BUSY', 'IDEMPOTENCY_KEY_REUSED', 'SUBGRAPH_UNAVAILABLE']);

/** What a write that met a database fault is known to have done (src/db/availability.ts sets it). */
export type WriteOutcome = 'NOT_APPLIED' | 'UNKNOWN';

const OUTAGE_MESSAGES: Record<WriteOutcome | 'READ', string> = {
  READ: 'The database is unavailable right now; retry in a few seconds',
  NOT_APPLIED: 'The change was not made: the database is unavailable right now; send it again in a few seconds',
  UNKNOWN: 'The database failed while this change was being committed, so it may or may not have been made: send it again with the same idempotency key (it will not be made twice), or reload the record to check',
};

/**
 * A database outage (DATABASE_UNAVAILABLE) or saturation (DATABASE_BUSY) as clients see it, from the core or the
 * gateway alike: a stable code, when to retry, and what became of a write.
 */
export function databaseError(fault: 'DATABASE_UNAVAILABLE' | 'DATABASE_BUSY', writeOutcome?: WriteOutcome, path?: GraphQLFormattedError['path']): GraphQLFormattedError {
  const retryAfter = RETRY_AFTER_SECONDS[fault];
  const extensions = { code: fault, retryAfter, ...(writeOutcome ? { writeOutcome } : {}) };
  if (fault === 'DATABASE_BUSY') {
    return { message: `The hub is busy: every database connection is in use; ${writeOutcome ? 'the change was not made, send it again' : 'retry'} in a moment`, path, extensions };
  }
  return { message: OUTAGE_MESSAGES[writeOutcome ?? 'READ'], path, extensions };
}

/** Nothing in the response was answered: no data, or only nulls at the root. */
function nothingAnswered(data: Record<string, unknown> | null | undefined): boolean {
  return !data || Object.values(data).every((value) => value === null);
}

/**
 * HTTP 503 with Retry-After when an answer holds nothing but "try again shortly" errors (the database or a
 * subgraph is down or saturated): load balancers and clients back off. Partial answers stay 200.
 */
export function setOutageStatus(response: GraphQLResponse): void {
  if (response.body.kind !== 'single') return;
  const { data, errors } = response.body.singleResult;
  if (!errors?.length || !nothingAnswered(data)) return;
  const waits = errors.map((e) => RETRY_AFTER_SECONDS[e.extensions?.code as string]);
  if (waits.some((wait) => wait === undefined)) return;
  response.http.status = 503;
  response.http.headers.set('retry-after', String(Math.max(...(waits as number[]))));
}

export function outageStatusPlugin<T extends object>(): ApolloServerPlugin<T> {
  return {
    async requestDidStart() {
      return {
        async willSendResponse({ response }) {
          setOutageStatus(response);
        },
      };
    },
  };
}

/** Last resort: a JSON error without details (express would otherwise answer with an HTML stack trace). */
export function jsonErrors(log: (line: string) => void): ErrorRequestHandler {
  return (error, _req, res, _next) => {
    log(`request failed: ${(error as Error)?.stack ?? String(error)}`);
    const status = (error as { status?: number })?.status;
    if (res.headersSent) return;
    if (status === 413) {
      res.status(413).json({ errors: [{ message: 'The request body is larger than this hub accepts (1 MB)', extensions: { code: 'PAYLOAD_TOO_LARGE' } }] });
      return;
    }
    const client = status !== undefined && status >= 400 && status < 500;
    res.status(client ? status : 500).json({ errors: [{ message: client ? 'Bad request' : 'Internal error', extensions: { code: client ? 'BAD_REQUEST' : 'INTERNAL_SERVER_ERROR' } }] });
  };
}

/** Listens (rejecting on EADDRINUSE and the like, so a start can say why) and returns the GraphQL URL. */
export async function listen(server: http.Server, port: number, host: string): Promise<string> {
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const actual = (server.address() as AddressInfo).port;
  const shown = host === '0.0.0.0' ? 'localhost' : host.includes(':') ? `[${host}]` : host;
  return `http://${shown}:${actual}/graphql`;
}
