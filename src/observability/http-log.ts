// One structured log line per HTTP request (pino-http): method, path, status, time, the W3C trace id (also the
// request id) and, for GraphQL, the operation name and outcome code. Never headers, bodies or variables: they
// carry tokens, contact details and operational values.
import type { RequestHandler } from 'express';
import { pinoHttp } from 'pino-http';
import type { Logger } from './logger.js';
import { traceFrom, type TraceContext } from './trace.js';

export function requestLogging(server: string, logger: Logger): RequestHandler {
  return pinoHttp({
    logger,
    genReqId: (req, res) => {
      const trace: TraceContext = traceFrom(req.headers.traceparent);
      (res as unknown as { locals: Record<string, unknown> }).locals.trace = trace;
      return trace.traceId;
    },
    customAttributeKeys: { reqId: 'traceId' },
    serializers: {
      req: (req: { method: string; url: string }) => ({ method: req.method, path: req.url.split('?')[0] }),
      res: (res: { statusCode: number }) => ({ status: res.statusCode }),
    },
    customProps: (_req, res) => {
      const locals = (res as unknown as { locals?: Record<string, unknown> }).locals ?? {};
      return { server, ...(locals.operation ? { operation: locals.operation } : {}), ...(locals.outcome ? { outcome: locals.outcome } : {}) };
    },
    customLogLevel: (_req, res, error) => (error || res.statusCode >= 500 ? 'error' : res.statusCode >= 400 ? 'info' : 'debug'),
    autoLogging: { ignore: (req) => req.url === '/healthz' || req.url === '/readyz' || req.url === '/metrics' },
    quietReqLogger: true,
  }) as unknown as RequestHandler;
}

/** The request's trace, set by `requestLogging`. */
export function traceOf(locals: Record<string, unknown>): TraceContext {
  return (locals.trace as TraceContext | undefined) ?? traceFrom(undefined);
}
