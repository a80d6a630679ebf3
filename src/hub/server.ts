// The core subgraph: Apollo Server on express 5. It answers requests that carry the hub gateway's signature (the
// gateway verified the user and says who the viewer is), or, behind another router, the user's own token
// (auth/subgraph-gate.ts); each goes to the Apollo instance guarding the schema for the viewer's audience
// (hub/shield.ts). The policy is enforced here in full, so no router needs any secret of the hub.
import type http from 'node:http';
import { ApolloServer } from '@apollo/server';
import { expressMiddleware } from '@as-integrations/express5';
import type { RequestHandler } from 'express';
import type { GraphQLSchema } from 'graphql';
import type { MikroORM } from '@mikro-orm/postgresql';
import { VIEWER_AUDIENCES, viewerAudience, type ViewerAudience } from '../auth/audience.js';
import { cachedAgencyDirectory } from '../auth/agency-directory.js';
import type { GatewayVerifier } from '../auth/gateway-token.js';
import { SubgraphGate } from '../auth/subgraph-gate.js';
import type { TokenVerifier } from '../auth/tokens.js';
import type { Viewer } from '../auth/viewer.js';
import { loadConfig } from '../config.js';
import type { DatabaseAvailability } from '../db/availability.js';
import { boundedApollo, graphqlBounds, identifyCaller, serverApp } from '../graphql-http.js';
import { boundsOf } from '../limits/deadline.js';
import type { OperationLimits } from '../limits/operation-limits.js';
import { logger as processLogger, type Logger } from '../observability/logger.js';
import { isLoopback, watchPool } from '../observability/metrics.js';
import { formatError } from './common/errors.js';
import { createContext, type HubContext, type HubSettings } from './context.js';
import { agencyService } from './modules/agency/index.js';
import { auditPlugin } from './modules/audit/index.js';
import { buildHubSchemas } from './schema.js';

export interface HubServer {
  url: string;
  stop(): Promise<void>;
}

export interface HubServerOptions {
  host: string;
  port: number;
  /** Checks the hub gateway's signature. */
  gateway: GatewayVerifier;
  /** Users' own tokens forwarded by another router, verified against the trusted issuers (absent: refused). */
  userTokens?: TokenVerifier;
  /** ROUTER_SECRET: required in `router-authorization` on every request but the hub gateway's. */
  routerSecret?: string;
  /** The database's state (the ORM's pool is guarded by it): readiness, and outage answers. */
  database: DatabaseAvailability;
  /** Operation limits (checked again here: a subgraph may be fronted by another router), deadline, response cap. */
  limits?: OperationLimits;
  requestTimeoutMs?: number;
  maxResponseBytes?: number;
  logger?: Logger;
  /** TARGETING_ALERT_EXPIRY_HOURS (the configuration's default otherwise). */
  targetingAlertExpiryHours?: number;
}

function apolloFor(schema: GraphQLSchema, orm: MikroORM, limits: OperationLimits, logger: Logger, drain?: http.Server): ApolloServer<HubContext> {
  const bounded = boundedApollo<HubContext>('core', limits, (context) => context.viewer, drain);
  return new ApolloServer<HubContext>({ ...bounded, schema, formatError, plugins: [...bounded.plugins, auditPlugin(orm, logger)] });
}

export async function startHubServer(orm: MikroORM, options: HubServerOptions): Promise<HubServer> {
  const defaults = loadConfig({});
  const limits = options.limits ?? defaults.limits;
  const logger = options.logger ?? processLogger;
  const maxResponseBytes = options.maxResponseBytes ?? defaults.maxResponseBytes;
  const settings: HubSettings = { targetingAlertExpiryHours: options.targetingAlertExpiryHours ?? defaults.targetingAlertExpiryHours };
  watchPool(await orm.em.getConnection().getNativeClient());
  const { app, httpServer, listen } = serverApp('core', logger, (req) => isLoopback(req.socket.remoteAddress));
  // Always guarded: no option serves the schema without its shield and audit (benchmarks build their own variants).
  const schemas = await buildHubSchemas();
  const gate = new SubgraphGate({
    gateway: options.gateway,
    routerSecret: options.routerSecret,
    users: options.userTokens && { verifier: options.userTokens, directory: cachedAgencyDirectory((codeOrId) => agencyService.member(orm.em.fork(), codeOrId), 'core') },
  });
  const handlers = {} as Record<ViewerAudience, RequestHandler>;
  const apollos: ApolloServer<HubContext>[] = [];
  for (const audience of VIEWER_AUDIENCES) {
    // One instance drains the HTTP server on stop; the others only stop.
    const apollo = apolloFor(schemas[audience], orm, limits, logger, apollos.length === 0 ? httpServer : undefined);
    await apollo.start();
    apollos.push(apollo);
    handlers[audience] = expressMiddleware(apollo, { context: async ({ req, res }) => createContext(orm, res.locals.viewer as Viewer, boundsOf(res).signal, res.locals, req.get('idempotency-key'), settings) });
  }

  // Ready: PostgreSQL answers (checked at most every DB_CHECK_CACHE_MS); the reason only for this host (the
  // gateway, an operator's shell).
  app.get('/readyz', async (req, res) => {
    const database = await options.database.check();
    const details = isLoopback(req.socket.remoteAddress);
    res.status(database.ok ? 200 : 503);
    if (!database.ok) res.setHeader('retry-after', '5');
    res.json({ status: database.ok ? 'ready' : 'not ready', ...(details ? { database: database.ok ? 'up' : 'down', ...(database.ok ? {} : { reason: database.reason, downSince: database.downSince }) } : {}) });
  });
  app.use(
    '/graphql',
    ...graphqlBounds('core', options.requestTimeoutMs ?? defaults.requestTimeoutMs, maxResponseBytes),
    identifyCaller(gate),
    (req, res, next) => handlers[viewerAudience(res.locals.viewer as Viewer)](req, res, next),
  );

  const url = await listen(options.port, options.host);
  return {
    url,
    stop: async () => {
      await Promise.all(apollos.map((a) => a.stop()));
    },
  };
}
