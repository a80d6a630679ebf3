// What every GraphQL server of the hub (gateway, core subgraph, member subgraph) is made of, in one place: the
// express app with request logs, /healthz and /metrics; the bounds in front of /graphql (deadline, response cap,
// 1 MB bodies); the Apollo options that enforce the operation limits; the subgraphs' gate (who is asking). Each server adds only what is its own (schema or gateway,
// context, readiness, error formatting).
import http from 'node:http';
import type { ApolloServerOptions, ApolloServerPlugin, BaseContext } from '@apollo/server';
import { ApolloServerPluginCacheControlDisabled, ApolloServerPluginInlineTraceDisabled, ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import { ApolloServerPluginDrainHttpServer } from '@apollo/server/plugin/drainHttpServer';
import { randomUUID } from 'node:crypto';
import express, { type Request, type RequestHandler, type Response } from 'express';
import { GraphQLError, type GraphQLFormattedError } from 'graphql';
import { GatewayTokenError } from './auth/gateway-token.js';
import type { SubgraphGate } from './auth/subgraph-gate.js';
import type { Viewer } from './auth/viewer.js';
import { jsonErrors, listen, outageStatusPlugin, PUBLIC_ERROR_CODES } from './http.js';
import { requestDeadline } from './limits/deadline.js';
import { limitParseOptions, limitRefusal, staticLimits, viewerLimitsPlugin, type OperationLimits } from './limits/operation-limits.js';
import { responseSizeCap } from './limits/response-size.js';
import { textInputPlugin } from './limits/text-input.js';
import { observabilityPlugin, type ObservedContext } from './observability/graphql-plugin.js';
import { requestLogging } from './observability/http-log.js';
import type { Logger } from './observability/logger.js';
import { metrics, metricsEndpoint } from './observability/metrics.js';

export type ServerName = 'gateway' | 'core' | 'member';

export interface ServerApp {
  app: express.Express;
  httpServer: http.Server;
  /** Adds the last-resort JSON error handler and listens; resolves with the GraphQL URL. */
  listen(port: number, host: string): Promise<string>;
}

/** The express app: no x-powered-by, a log line per request, liveness, and metrics for `metricsAllowed` callers. */
export function serverApp(name: ServerName, logger: Logger, metricsAllowed: (req: Request) => boolean | Promise<boolean>): ServerApp {
  const app = express();
  app.disable('x-powered-by');
  const httpServer = http.createServer(app);
  app.use(requestLogging(name, logger));
  // Alive: the process answers (readiness, where a server has one, says whether it can serve).
  app.get('/healthz', (_req, res) => {
    res.json({ status: 'ok' });
  });
  app.get('/metrics', metricsEndpoint(metricsAllowed));
  return {
    app,
    httpServer,
    listen(port, host) {
      app.use(jsonErrors((line) => logger.error(line)));
      return listen(httpServer, port, host);
    },
  };
}

/** The bounds in front of /graphql, before anything else runs: the deadline, the response cap, 1 MB bodies. */
export function graphqlBounds(name: ServerName, requestTimeoutMs: number, maxResponseBytes: number): RequestHandler[] {
  return [
    requestDeadline(requestTimeoutMs, (reason) => metrics.deadlines.inc({ server: name, reason })),
    responseSizeCap(maxResponseBytes, () => metrics.deadlines.inc({ server: name, reason: 'response_too_large' })),
    express.json({ limit: '1mb' }),
  ];
}

type BoundedOptions<T extends ObservedContext> = Pick<ApolloServerOptions<T>, 'includeStacktraceInErrorResponses' | 'introspection' | 'parseOptions' | 'validationRules'> & {
  plugins: ApolloServerPlugin<T>[];
};

/**
 * `Cache-Control: no-store` on every answer, as Apollo's cache-control plugin gives when nothing has a cache hint
 * (the hub sets none: answers depend on the viewer), without that plugin's hook on every resolved field, which
 * made Apollo wrap every resolver of the schema (a cost per field and row, for a header that never changes).
 */
export function noStorePlugins<T extends BaseContext>(): ApolloServerPlugin<T>[] {
  return [
    ApolloServerPluginCacheControlDisabled(),
    {
      async requestDidStart() {
        return {
          async willSendResponse({ response }) {
            response.http.headers.set('cache-control', 'no-store');
          },
        };
      },
    },
  ];
}

/**
 * The Apollo options every server shares: the operation limits (tokens at parse, depth/aliases/directives/root
 * fields at validation, cost and introspection per viewer), no stack traces, no inline traces (they would tell any
 * caller how long each resolver took), text with NUL refused at the door (limits/text-input.ts), answers of outages
 * as 503, metrics. `drain`: the HTTP server this instance
 * drains on stop (one instance per server).
 */
export function boundedApollo<T extends ObservedContext>(name: ServerName, limits: OperationLimits, viewerOf: (context: T) => Viewer, drain?: http.Server): BoundedOptions<T> {
  const armor = staticLimits(limits);
  return {
    includeStacktraceInErrorResponses: false,
    introspection: true, // decided per viewer by viewerLimitsPlugin
    parseOptions: limitParseOptions(limits),
    validationRules: armor.validationRules,
    plugins: [
      ...(drain ? [ApolloServerPluginDrainHttpServer({ httpServer: drain })] : []),
      ApolloServerPluginInlineTraceDisabled(),
      // Apollo's landing page loads from a CDN (blank on closed networks): the gateway serves GraphiQL itself.
      ApolloServerPluginLandingPageDisabled(),
      ...noStorePlugins<T>(),
      ...(armor.plugins as ApolloServerPlugin<T>[]),
      viewerLimitsPlugin<T>(limits, viewerOf, { onRefused: (code) => metrics.limitRefusals.inc({ server: name, code }) }),
      textInputPlugin<T>(),
      outageStatusPlugin<T>(),
      observabilityPlugin<T>(name),
    ],
  };
}

/**
 * A subgraph's gate: the viewer from the hub gateway's signed token, or from a user's token forwarded by another
 * router (auth/subgraph-gate.ts); anything else is 401 UNAUTHENTICATED (503 when membership cannot be checked
 * now), no data.
 */
export function identifyCaller(gate: SubgraphGate): RequestHandler {
  return async (req, res, next) => {
    try {
      const caller = await gate.identify(req.headers);
      res.locals.viewer = caller.viewer;
      res.locals.via = caller.via;
      next();
    } catch (error) {
      if (!refuseCaller(res, error)) next(error);
    }
  };
}

/**
 * Answers a request whose credential cannot be accepted: 401 UNAUTHENTICATED, or 503 SUBGRAPH_UNAVAILABLE when the
 * agency directory cannot be asked now. False for any other error (the caller passes it on).
 */
export function refuseCaller(res: Response, error: unknown): boolean {
  if (error instanceof GatewayTokenError) {
    res.status(401).json({ errors: [{ message: `Not authenticated: ${error.message}`, extensions: { code: 'UNAUTHENTICATED' } }] });
    return true;
  }
  if (!(error instanceof GraphQLError)) return false;
  const unavailable = error.extensions.code === 'SUBGRAPH_UNAVAILABLE';
  if (unavailable) res.setHeader('Retry-After', '5');
  res.status(unavailable ? 503 : 401).json({ errors: [{ message: error.message, extensions: { code: unavailable ? 'SUBGRAPH_UNAVAILABLE' : 'UNAUTHENTICATED' } }] });
  return true;
}

/**
 * formatError for the gateway and the member kit: errors with a public code keep their message (limit refusals
 * their own code); an internal error a subgraph already masked (it carries that subgraph's `errorId`) passes as it
 * is; anything else is replaced by an opaque message with a reference for the logs.
 */
export function publicErrorsOnly(name: ServerName, logger: Logger) {
  return (formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError => {
    const limit = limitRefusal(formatted, error);
    if (limit) return limit;
    const code = String(formatted.extensions?.code ?? '');
    const maskedBySubgraph = code === 'INTERNAL_SERVER_ERROR' && typeof formatted.extensions?.errorId === 'string' && name === 'gateway';
    if (PUBLIC_ERROR_CODES.has(code) || maskedBySubgraph) {
      const { stacktrace: _stack, exception: _exception, ...extensions } = formatted.extensions ?? {};
      return { ...formatted, extensions };
    }
    const errorId = randomUUID();
    logger.error({ errorId, code, err: error instanceof GraphQLError ? (error.originalError ?? error) : error }, `${name} error`);
    return { message: `Internal error (reference ${errorId})`, path: formatted.path, extensions: { code: 'INTERNAL_SERVER_ERROR', errorId } };
  };
}
