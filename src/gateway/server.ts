// The gateway: the one address clients use. It verifies the user's token once, rate-limits, applies the operation
// limits and the sensitivity policy before planning, plans the query over the supergraph composed locally, and
// calls each subgraph with a token it signs itself, within the request's deadline.
import http from 'node:http';
import { ApolloGateway } from '@apollo/gateway';
import { ApolloServer, type ApolloServerPlugin } from '@apollo/server';
import { ApolloServerPluginDrainHttpServer } from '@apollo/server/plugin/drainHttpServer';
import { expressMiddleware } from '@as-integrations/express5';
import express, { type Request } from 'express';
import { GraphQLError, type GraphQLFormattedError } from 'graphql';
import type pg from 'pg';
import { isAdmin } from '../auth/audience.js';
import type { GatewaySigner } from '../auth/gateway-token.js';
import type { TokenVerifier } from '../auth/tokens.js';
import type { Viewer } from '../auth/viewer.js';
import { loadConfig, type RateLimits } from '../config.js';
import { jsonErrors, listen, outageStatusPlugin, PUBLIC_ERROR_CODES } from '../http.js';
import { boundsOf, cancellationOf, cancelledError, requestDeadline } from '../limits/deadline.js';
import { limitParseOptions, staticLimits, limitRefusal, viewerLimitsPlugin, type OperationLimits } from '../limits/operation-limits.js';
import { rateLimiter } from '../limits/rate-limit.js';
import { responseSizeCap } from '../limits/response-size.js';
import { observabilityPlugin } from '../observability/graphql-plugin.js';
import { requestLogging, traceOf } from '../observability/http-log.js';
import { logger as processLogger, type Logger } from '../observability/logger.js';
import { isLoopback, metrics, metricsEndpoint } from '../observability/metrics.js';
import { SupergraphComposer, type ComposerOptions } from './composer.js';
import { SignedDataSource, type GatewayContext } from './data-source.js';
import { coreAgencyDirectory } from './directory.js';
import { coreReadiness } from './readiness.js';
import { viewerFromUserToken } from './identity.js';
import { withSensitivityPolicy } from './policy.js';
import type { SubgraphEntry } from './registry.js';

export interface GatewayOptions {
  host: string;
  port: number;
  core: SubgraphEntry;
  registry: ComposerOptions['registry'];
  signer: GatewaySigner;
  /** Users' identity providers. */
  verifier: TokenVerifier;
  /** Per subgraph call. */
  subgraphTimeoutMs?: number;
  pollMs?: number;
  /** How long the core's readiness answer is reused by /readyz (DB_CHECK_CACHE_MS). */
  readinessCacheMs?: number;
  /** Operation limits, deadline and response cap; the configuration's defaults when absent. */
  limits?: OperationLimits;
  requestTimeoutMs?: number;
  maxResponseBytes?: number;
  /** Rate limits, counted in this PostgreSQL (shared by every gateway instance); none without it. */
  rateLimits?: { pool: pg.Pool; limits: RateLimits };
  logger?: Logger;
}

export interface GatewayServer {
  url: string;
  composer: SupergraphComposer;
  stop(): Promise<void>;
}

// The gateway adds its own: a subgraph that failed, and a subgraph's already masked internal error.
const PUBLIC_CODES = new Set([...PUBLIC_ERROR_CODES, 'SUBGRAPH_UNAVAILABLE', 'INTERNAL_SERVER_ERROR']);

/** Subgraph errors arrive already cleaned by their subgraph; anything else the gateway did not mean is masked. */
function gatewayErrorFormatter(logger: Logger) {
  return (formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError => {
    const tokens = limitRefusal(formatted, error);
    if (tokens) return tokens;
    const code = String(formatted.extensions?.code ?? '');
    if (PUBLIC_CODES.has(code)) {
      const { stacktrace: _s, exception: _e, ...extensions } = formatted.extensions ?? {};
      return { ...formatted, extensions };
    }
    logger.error({ code }, `gateway error: ${formatted.message}`);
    return { message: 'Internal error', path: formatted.path, extensions: { code: 'INTERNAL_SERVER_ERROR' } };
  };
}

/**
 * A request stopped by its bounds answers with why (REQUEST_TIMEOUT or RESPONSE_TOO_LARGE) in place of the
 * subgraph errors it caused, and with 504 when nothing could be answered in time.
 */
function cancellationPlugin(): ApolloServerPlugin<GatewayContext> {
  return {
    async requestDidStart() {
      return {
        async willSendResponse({ contextValue, response }) {
          const cancelled = cancellationOf(undefined, contextValue.bounds.signal);
          if (!cancelled || response.body.kind !== 'single') return;
          const result = response.body.singleResult;
          const error = cancelledError(cancelled);
          const others = (result.errors ?? []).filter((e) => e.extensions?.code !== error.extensions.code && e.extensions?.code !== 'SUBGRAPH_UNAVAILABLE');
          result.errors = [{ message: error.message, extensions: error.extensions }, ...others];
          if (cancelled.reason === 'response_too_large') result.data = null;
          if (result.data == null && response.http) response.http.status = cancelled.reason === 'deadline' ? 504 : 200;
        },
      };
    },
  };
}

export async function startGateway(options: GatewayOptions): Promise<GatewayServer> {
  const logger = options.logger ?? processLogger;
  const defaults = loadConfig({});
  const limits = options.limits ?? defaults.limits;
  const requestTimeoutMs = options.requestTimeoutMs ?? defaults.requestTimeoutMs;
  const maxResponseBytes = options.maxResponseBytes ?? defaults.maxResponseBytes;
  const log = (line: string) => logger.info(line);
  const timeoutMs = options.subgraphTimeoutMs ?? 5000;
  const composer = new SupergraphComposer({ core: options.core, registry: options.registry, signer: options.signer, timeoutMs, pollMs: options.pollMs, log });
  const gateway = new ApolloGateway({
    supergraphSdl: composer,
    buildService: ({ name, url }) => new SignedDataSource(name, url!, options.signer, timeoutMs),
    logger: { debug: () => undefined, info: () => undefined, warn: (m: unknown) => logger.warn(`gateway: ${String(m)}`), error: (m: unknown) => logger.error(`gateway: ${String(m)}`) },
  });
  const directory = coreAgencyDirectory(options.core, options.signer);
  const coreIsReady = coreReadiness(options.core.url, options.readinessCacheMs ?? defaults.database.checkCacheMs);
  const countRefusal = (code: string) => metrics.limitRefusals.inc({ server: 'gateway', code });
  const armor = staticLimits(limits);

  const app = express();
  app.disable('x-powered-by');
  const httpServer = http.createServer(app);
  const apollo = new ApolloServer<GatewayContext>({
    gateway: withSensitivityPolicy(gateway),
    formatError: gatewayErrorFormatter(logger),
    includeStacktraceInErrorResponses: false,
    // Introspection is decided per viewer (viewerLimitsPlugin): signed-in members always, anonymous viewers
    // outside production.
    introspection: true,
    parseOptions: limitParseOptions(limits),
    validationRules: armor.validationRules,
    plugins: [
      ApolloServerPluginDrainHttpServer({ httpServer }),
      ...(armor.plugins as ApolloServerPlugin<GatewayContext>[]),
      viewerLimitsPlugin<GatewayContext>(limits, (context) => context.viewer, { onRefused: countRefusal }),
      cancellationPlugin(),
      outageStatusPlugin<GatewayContext>(),
      observabilityPlugin<GatewayContext>('gateway'),
    ],
  });
  await apollo.start();

  /** Subgraph URLs and problems are for administrators and the local host; others get the status only. */
  const mayReadDetails = async (req: Request): Promise<boolean> => {
    if (isLoopback(req.socket.remoteAddress)) return true;
    if (!req.headers.authorization) return false;
    try {
      return isAdmin(await viewerFromUserToken(req.headers.authorization, options.verifier, directory));
    } catch {
      return false;
    }
  };

  app.use(requestLogging('gateway', logger));
  app.get('/healthz', (_req, res) => {
    res.json({ status: 'ok' });
  });
  // Ready when a supergraph is served.
  // Ready: a supergraph is served and the core reaches PostgreSQL (without it, no query can be answered).
  app.get('/readyz', async (req, res) => {
    const report = composer.report();
    const core = await coreIsReady();
    const ready = report.composed && core.ready;
    const status = ready ? 'ready' : 'not ready';
    if (!ready) res.setHeader('retry-after', '5');
    res.status(ready ? 200 : 503).json((await mayReadDetails(req)) ? { status, ...report, core: core.ready ? 'ready' : { status: 'not ready', reason: core.reason } } : { status });
  });
  app.get('/metrics', metricsEndpoint(mayReadDetails));
  // The keys subgraphs use to check the gateway's signature.
  app.get('/.well-known/gateway-jwks.json', (_req, res) => {
    res.json(options.signer.jwks);
  });
  const limiter = options.rateLimits ? await rateLimiter(options.rateLimits.pool, options.rateLimits.limits) : undefined;
  app.use(
    '/graphql',
    requestDeadline(requestTimeoutMs, (reason) => metrics.deadlines.inc({ server: 'gateway', reason })),
    responseSizeCap(maxResponseBytes, () => metrics.deadlines.inc({ server: 'gateway', reason: 'response_too_large' })),
    express.json({ limit: '1mb' }),
    async (req, res, next) => {
      try {
        res.locals.viewer = await viewerFromUserToken(req.headers.authorization, options.verifier, directory);
        next();
      } catch (error) {
        if (!(error instanceof GraphQLError)) return next(error);
        const unavailable = error.extensions.code === 'SUBGRAPH_UNAVAILABLE';
        if (unavailable) res.setHeader('Retry-After', '5');
        res.status(unavailable ? 503 : 401).json({ errors: [{ message: error.message, extensions: { code: unavailable ? 'SUBGRAPH_UNAVAILABLE' : 'UNAUTHENTICATED' } }] });
      }
    },
    ...(limiter ? [limiter.middleware] : []),
    expressMiddleware(apollo, {
      context: async ({ req, res }) => ({
        viewer: res.locals.viewer as Viewer,
        bounds: boundsOf(res),
        trace: traceOf(res.locals),
        received: { bytes: 0, max: maxResponseBytes },
        locals: res.locals,
        idempotencyKey: req.get('idempotency-key'),
      }),
    }),
  );

  app.use(jsonErrors((line) => logger.error(line)));

  const url = await listen(httpServer, options.port, options.host);
  return {
    url,
    composer,
    stop: () => apollo.stop(),
  };
}
