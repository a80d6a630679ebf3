// Apollo Server 5 on express 5 at POST /graphql. Every request must carry a token the hub gateway signed for this
// subgraph (audience = its name), or come from another router of the alliance with the user's own token (and the
// router secret, when one is set): nobody reaches the national data around a router, not even `_service`.
import { ApolloServer } from '@apollo/server';
import { buildSubgraphSchema } from '@apollo/subgraph';
import { expressMiddleware } from '@as-integrations/express5';
import type { CallerVia, SubgraphGate } from '../auth/subgraph-gate.js';
import type { Viewer } from '../auth/viewer.js';
import { boundedApollo, graphqlBounds, publicErrorsOnly, identifyCaller, serverApp } from '../graphql-http.js';
import type { OperationLimits } from '../limits/operation-limits.js';
import { logger as processLogger, type Logger } from '../observability/logger.js';
import { isLoopback } from '../observability/metrics.js';
import { AuditedReads } from '../audit-log/audited-reads.js';
import { memberAuditPlugin } from './audit.js';
import { createLoaders, type MemberContext } from './loaders.js';
import { resolvers } from './resolvers.js';
import { memberSubgraphTypeDefs } from './schema.js';
import { enforceSensitivity } from './sensitivity.js';
import type { MemberStorage } from './storage.js';

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

export async function startServer(storage: MemberStorage, gate: SubgraphGate, host: string, port: number, bounds: MemberBounds): Promise<MemberServer> {
  const logger = bounds.logger ?? processLogger;
  // Liveness and metrics only for this host: no data, so the gateway's checks need no token.
  const { app, httpServer, listen } = serverApp('member', logger, (req) => isLoopback(req.socket.remoteAddress));
  const schema = enforceSensitivity(buildSubgraphSchema([{ typeDefs: memberSubgraphTypeDefs, resolvers: resolvers as never }]));
  const bounded = boundedApollo<MemberContext>('member', bounds.limits, (context) => context.viewer, httpServer);
  const apollo = new ApolloServer<MemberContext>({ ...bounded, schema, formatError: publicErrorsOnly('member', logger), plugins: [memberAuditPlugin(storage, logger), ...bounded.plugins] });
  await apollo.start();

  app.use('/graphql',
    ...graphqlBounds('member', bounds.requestTimeoutMs, bounds.maxResponseBytes),
    identifyCaller(gate),
    expressMiddleware(apollo, { context: async ({ res }) => ({ viewer: res.locals.viewer as Viewer, via: res.locals.via as CallerVia, reads: new AuditedReads(), loaders: createLoaders(storage), locals: res.locals }) }));

  return { url: await listen(port, host), stop: () => apollo.stop() };
}
