// Shared by the HTTP servers (gateway, core subgraph).
import type { ErrorRequestHandler } from 'express';

/** Error codes meant for clients; an error with any other code is masked before it leaves a server. */
export const PUBLIC_ERROR_CODES: ReadonlySet<string> = new Set(['BAD_USER_INPUT', 'NOT_FOUND', 'CONFLICT', 'FORBIDDEN',
  'UNAUTHENTICATED', 'GRAPHQL_PARSE_FAILED', 'GRAPHQL_VALIDATION_FAILED', 'PERSISTED_QUERY_NOT_FOUND',
  'PERSISTED_QUERY_NOT_SUPPORTED', 'OPERATION_RESOLUTION_FAILURE', 'BAD_REQUEST']);

/** Last resort: a JSON error without details (express would otherwise answer with an HTML stack trace). */
export function jsonErrors(log: (line: string) => void): ErrorRequestHandler {
  return (error, _req, res, _next) => {
    log(`request failed: ${(error as Error)?.stack ?? String(error)}`);
    const status = (error as { status?: number })?.status;
    res.status(status && status >= 400 && status < 500 ? status : 500).json({ errors: [{ message: status === 400 ? 'Bad request' : 'Internal error', extensions: { code: status === 400 ? 'BAD_REQUEST' : 'INTERNAL_SERVER_ERROR' } }] });
  };
}
