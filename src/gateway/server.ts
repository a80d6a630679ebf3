// The gateway: the one address clients use. It verifies the user's token once, rate-limits, applies the operation
// limits and the sensitivity policy before planning, plans the query over the supergraph composed locally, calls
// each subgraph with a token it signs itself, within the request's deadline, and audits the sensitive reads the
// core does not see (audit.ts). Partner front-ends (and, with PERSISTED_DOCUMENTS_ONLY, everyone) run only the
// operations of installed manifests (persisted-documents.ts).
import { ApolloGateway } from '@apollo/gateway';
import { ApolloServer, type ApolloServerPlugin } from '@apollo/server';
import { expressMiddleware } from '@as-integrations/express5';
import type { Request } from 'express';
import type pg from 'pg';
import { isAdmin } from '../auth/audience.js';
import type { GatewaySigner } from '../auth/gateway-token.js';
import type { TokenVerifier } from '../auth/tokens.js';
import { graphqlAgencyDirectory } from '../auth/agency-directory.js';
import { viewerFromUserToken } from '../auth/user-viewer.js';
import { anonymousViewer, type Viewer } from '../auth/viewer.js';
import { loadConfig, type PersistedDocumentSettings, type RateLimits } from '../config.js';
import { boundedApollo, graphqlBounds, publicErrorsOnly, refuseCaller, serverApp } from '../graphql-http.js';
import { boundsOf, cancellationOf, cancelledError } from '../limits/deadline.js';
import type { OperationLimits } from '../limits/operation-limits.js';
import { rateLimiter } from '../limits/rate-limit.js';
import { traceOf } from '../observability/http-log.js';
import { logger as processLogger, type Logger } from '../observability/logger.js';
import { isLoopback, metrics } from '../observability/metrics.js';
import { gatewayAuditWriter } from './audit.js';
import { SupergraphComposer, type ComposerOptions } from './composer.js';
import { SignedDataSource, type GatewayContext } from './data-source.js';
import { coreReadiness } from './readiness.js';
import { PersistedDocumentStore, persistedDocumentRequests } from './persisted-documents.js';
import { DatabaseRegistry } from './registry-database.js';
import { withSensitivityPolicy } from './policy.js';
import type { SubgraphEntry } from './registry.js';
import type { DevSignInOptions } from '../web/dev-sign-in.js';
import { webPages, type WebPagesOptions } from '../web/pages.js';

export interface GatewayOptions {
  host: string;
  port: number;
  core: SubgraphEntry;
  registry: ComposerOptions['registry'];
  /** The administrators' registrations in the core's database, and how often to look for changes (0: never). */
  registryDatabase?: { pool: pg.Pool; pollMs: number };
  /** Where registrations' header values come from (default: the environment, read at each call). */
  env?: (name: string) => string | undefined;
  signer: GatewaySigner;
  /** Users' identity providers. */
  verifier: TokenVerifier;
  /** Per subgraph call. */
  subgraphTimeoutMs?: number;
  pollMs?: number;
  /** Check that each registered subgraph answers this often, for /readyz (0 or absent: off). */
  healthMs?: number;
  /** How long the core's readiness answer is reused by /readyz (DB_CHECK_CACHE_MS). */
  readinessCacheMs?: number;
  /** Operation limits, deadline and response cap; the configuration's defaults when absent. */
  limits?: OperationLimits;
  requestTimeoutMs?: number;
  maxResponseBytes?: number;
  /** Rate limits, counted in this PostgreSQL (shared by every gateway instance); none without it. */
  rateLimits?: { pool: pg.Pool; limits: RateLimits };
  /**
   * The audit trail's PostgreSQL (the core's database, table `audit_event`): the gateway writes there the reads of
   * sensitive fields other subgraphs serve and the reads it refuses. Required: nothing is served unaudited.
   */
  audit: { pool: pg.Pool };
  /**
   * The manifests served by `documentId` and whether every viewer is held to them (partners always are); the
   * configuration's defaults when absent (the example partner client's manifest; not persisted-only). A store
   * given as it is stays shared with the caller (the tests' clients install the documents they send in it).
   */
  persistedDocuments?: PersistedDocumentSettings | { store: PersistedDocumentStore; only: boolean };
  logger?: Logger;
  /**
   * The browser pages (GraphiQL at GET /graphql, /dashboard, /assets/) and, outside production only, the development
   * sign-in with this issuer (the gateway must trust it: add its issuer to `verifier`).
   */
  web?: Pick<WebPagesOptions, 'dir'> & { devSignIn?: Omit<DevSignInOptions, 'directory'> };
}

export interface GatewayServer {
  url: string;
  composer: SupergraphComposer;
  stop(): Promise<void>;
}

// The gateway adds its own: a subgraph that failed, and a subgraph's already masked internal error.
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
  // First: a manifest that cannot be served stops the start, saying why, before anything listens or polls.
  const persisted = options.persistedDocuments ?? defaults.persistedDocuments;
  const documents = 'store' in persisted ? persisted.store : PersistedDocumentStore.load(persisted.files);
  logger.info(`persisted documents: ${documents.size}${persisted.only ? ', every viewer held to them' : ', partners held to them'}`);
  const log = (line: string) => logger.info(line);
  const timeoutMs = options.subgraphTimeoutMs ?? 5000;
  const composer = new SupergraphComposer({
    core: options.core, registry: options.registry, signer: options.signer, timeoutMs, pollMs: options.pollMs, healthMs: options.healthMs, log, env: options.env,
    database: options.registryDatabase && { registry: new DatabaseRegistry(options.registryDatabase.pool), pollMs: options.registryDatabase.pollMs },
  });
  const gateway = new ApolloGateway({
    supergraphSdl: composer,
    buildService: ({ name, url }) => new SignedDataSource(name, url!, options.signer, (subgraph) => composer.callSettings(subgraph)),
    logger: { debug: () => undefined, info: () => undefined, warn: (m: unknown) => logger.warn(`gateway: ${String(m)}`), error: (m: unknown) => logger.error(`gateway: ${String(m)}`) },
  });
  // Users' agencies, from the core's public directory, asked with the gateway's signature.
  const directory = graphqlAgencyDirectory({ ...options.core, headers: async () => ({ authorization: `Bearer ${await options.signer.sign(anonymousViewer, options.core.name)}` }) });
  const coreIsReady = coreReadiness(options.core.url, options.readinessCacheMs ?? defaults.database.checkCacheMs);

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

  const { app, httpServer, listen } = serverApp('gateway', logger, mayReadDetails);
  const bounded = boundedApollo<GatewayContext>('gateway', limits, (context) => context.viewer, httpServer);
  const apollo = new ApolloServer<GatewayContext>({
    ...bounded,
    gateway: withSensitivityPolicy(gateway, { coreName: options.core.name, writeAudit: gatewayAuditWriter(options.audit.pool, logger) }),
    formatError: publicErrorsOnly('gateway', logger),
    // Persisted-only: no automatic persisted queries at all (manifest hashes are still served, persisted-documents.ts).
    ...(persisted.only ? { persistedQueries: false as const } : {}),
    // A request stopped by its bounds says why, before the outage and metrics plugins read the answer.
    plugins: [cancellationPlugin(), ...bounded.plugins],
  });
  await apollo.start();

  // Ready: a supergraph is served and the core reaches PostgreSQL (without it, no query can be answered).
  app.get('/readyz', async (req, res) => {
    const report = composer.report();
    const core = await coreIsReady();
    const ready = report.composed && core.ready;
    const status = ready ? 'ready' : 'not ready';
    if (!ready) res.setHeader('retry-after', '5');
    res.status(ready ? 200 : 503).json((await mayReadDetails(req)) ? { status, ...report, core: core.ready ? 'ready' : { status: 'not ready', reason: core.reason } } : { status });
  });
  // The keys subgraphs use to check the gateway's signature.
  app.get('/.well-known/gateway-jwks.json', (_req, res) => {
    res.json(options.signer.jwks);
  });
  const pages = webPages({ dir: options.web?.dir, logger, devSignIn: options.web?.devSignIn && { ...options.web.devSignIn, directory } });
  app.use(pages.router);
  const limiter = options.rateLimits ? await rateLimiter(options.rateLimits.pool, options.rateLimits.limits) : undefined;
  app.use(
    '/graphql',
    pages.graphiql,
    ...graphqlBounds('gateway', requestTimeoutMs, maxResponseBytes),
    async (req, res, next) => {
      try {
        res.locals.viewer = await viewerFromUserToken(req.headers.authorization, options.verifier, directory);
        next();
      } catch (error) {
        if (!refuseCaller(res, error)) next(error);
      }
    },
    ...(limiter ? [limiter.middleware] : []),
    persistedDocumentRequests({ store: documents, only: persisted.only, onRefused: (code) => metrics.persistedDocumentRefusals.inc({ code }) }),
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

  const url = await listen(options.port, options.host);
  return {
    url,
    composer,
    stop: () => apollo.stop(),
  };
}
