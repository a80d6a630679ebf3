// Apollo Server 5 on express 5 at POST /graphql. Every request must carry a token the gateway signed for this
// subgraph (audience = its name): nobody reaches the national data around the gateway, not even `_service`.
import http from 'node:http';
import { randomUUID } from 'node:crypto';
import { ApolloServer, type ApolloServerPlugin } from '@apollo/server';
import { ApolloServerPluginInlineTraceDisabled } from '@apollo/server/plugin/disabled';
import { ApolloServerPluginDrainHttpServer } from '@apollo/server/plugin/drainHttpServer';
import { buildSubgraphSchema } from '@apollo/subgraph';
import { expressMiddleware } from '@as-integrations/express5';
import express, { type ErrorRequestHandler, type RequestHandler } from 'express';
import { GraphQLError, type GraphQLFormattedError } from 'graphql';
import { GatewayTokenError, type GatewayVerifier } from '../auth/gateway-token.js';
import { listen } from '../http.js';
import { requestDeadline } from '../limits/deadline.js';
import { LIMIT_CODES, limitParseOptions, staticLimits, limitRefusal, viewerLimitsPlugin, type OperationLimits } from '../limits/operation-limits.js';
import { responseSizeCap } from '../limits/response-size.js';
import { observabilityPlugin } from '../observability/graphql-plugin.js';
import { requestLogging } from '../observability/http-log.js';
import { logger as processLogger, type Logger } from '../observability/logger.js';
import { isLoopback, metrics, metricsEndpoint } from '../observability/metrics.js';
import type { Viewer } from '../auth/viewer.js';
import { createLoaders, type MemberContext } from './loaders.js';
import { resolvers } from './resolvers.js';
import { memberSubgraphTypeDefs } from './schema.js';
import { enforceSensitivity } from './sensitivity.js';
import type { MemberStorage } from './storage.js';

const PUBLIC_CODES = new Set(['BAD_USER_INPUT', 'FORBIDDEN', 'NOT_FOUND', 'UNAUTHENTICATED', 'GRAPHQL_PARSE_FAILED',
  'GRAPHQL_VALIDATION_FAILED', 'BAD_REQUEST', 'OPERATION_RESOLUTION_FAILURE', 'PERSISTED_QUERY_NOT_FOUND', 'PERSISTED_QUERY_NOT_SUPPORTED',
  ...LIMIT_CODES, 'REQUEST_TIMEOUT', 'RESPONSE_TOO_LARGE']);

/** Known errors keep their stable code; anything else becomes an opaque message with an id for the logs. */
function formatError(formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError {
  const tokens = limitRefusal(formatted, error);
  if (tokens) return tokens;
  const code = formatted.extensions?.code;
  if (typeof code === 'string' && PUBLIC_CODES.has(code)) {
    const { stacktrace: _drop, ...extensions } = formatted.extensions ?? {};
    return { ...formatted, extensions };
  }
  const errorId = randomUUID();
  processLogger.error({ errorId, err: error instanceof GraphQLError ? (error.originalError ?? error) : error }, 'member subgraph error');
  return { message: `Internal error (reference ${errorId})`, path: formatted.path, extensions: { code: 'INTERNAL_SERVER_ERROR', errorId } };
}

const unauthenticated = (message: string) => ({ errors: [{ message, extensions: { code: 'UNAUTHENTICATED' } }] });

/** 401 with no data unless the gateway vouches for the request; the viewer it names goes to the resolvers. */
function requireGateway(verifier: GatewayVerifier): RequestHandler {
  return async (req, res, next) => {
    try {
      res.locals.viewer = await verifier.viewerFrom(req.headers.authorization);
      next();
    } catch (error) {
      if (error instanceof GatewayTokenError) res.status(401).json(unauthenticated(error.message));
      else next(error);
    }
  };
}

// Express's default error page would show a stack trace outside production.
const opaqueErrors: ErrorRequestHandler = (error, _req, res, _next) => {
  const errorId = randomUUID();
  processLogger.error({ errorId, err: error }, 'member subgraph request failed');
  res.status(500).json({ errors: [{ message: `Internal error (reference ${errorId})`, extensions: { code: 'INTERNAL_SERVER_ERROR', errorId } }] });
};

export interface MemberServer {
  url: string;
  stop(): Promise<void>;
}

/** A national service is shared infrastructure too: the same kinds of bounds as the hub's own servers. */
export interface MemberBounds {
  limits: OperationLimits;
  requestTimeoutMs: number;
  maxResponseBytes: number;
  logger?: Logger;
}

export async function startServer(storage: MemberStorage, verifier: GatewayVerifier, host: string, port: number, bounds: MemberBounds): Promise<MemberServer> {
  const logger = bounds.logger ?? processLogger;
  const armor = staticLimits(bounds.limits);
  const app = express();
  app.disable('x-powered-by');
  const httpServer = http.createServer(app);
  const schema = enforceSensitivity(buildSubgraphSchema([{ typeDefs: memberSubgraphTypeDefs, resolvers: resolvers as never }]));
  const apollo = new ApolloServer<MemberContext>({
    schema,
    formatError,
    includeStacktraceInErrorResponses: false,
    introspection: true, // decided per viewer by viewerLimitsPlugin
    parseOptions: limitParseOptions(bounds.limits),
    validationRules: armor.validationRules,
    // No inline traces: they would tell any caller how long each resolver took.
    plugins: [
      ApolloServerPluginDrainHttpServer({ httpServer }),
      ApolloServerPluginInlineTraceDisabled(),
      ...(armor.plugins as ApolloServerPlugin<MemberContext>[]),
      viewerLimitsPlugin<MemberContext>(bounds.limits, (context) => context.viewer, { onRefused: (code) => metrics.limitRefusals.inc({ server: 'member', code }) }),
      observabilityPlugin<MemberContext>('member'),
    ],
  });
  await apollo.start();

  // Liveness only (no data), so the gateway's readiness check needs no token.
  app.use(requestLogging('member', logger));
  app.get('/healthz', (_req, res) => {
    res.json({ status: 'ok' });
  });
  app.get('/metrics', metricsEndpoint((req) => isLoopback(req.socket.remoteAddress)));
  app.use('/graphql',
    requestDeadline(bounds.requestTimeoutMs, (reason) => metrics.deadlines.inc({ server: 'member', reason })),
    responseSizeCap(bounds.maxResponseBytes),
    express.json({ limit: '1mb' }), requireGateway(verifier),
    expressMiddleware(apollo, { context: async ({ res }) => ({ viewer: res.locals.viewer as Viewer, loaders: createLoaders(storage), locals: res.locals }) }));
  app.use(opaqueErrors);

  return { url: await listen(httpServer, port, host), stop: () => apollo.stop() };
}
