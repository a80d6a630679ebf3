// The shield benchmark's variants, built here and never in src/ (the hub has no switch that serves its schema
// unguarded). Every variant is served the same way, so only the policy differs: express, the gateway's token,
// one Apollo server with the audit plugin (and, as the core, no cache-control plugin), the per-request context.
import { silentLogger } from '../../src/observability/logger.js';
import http from 'node:http';
import { ApolloServer } from '@apollo/server';
import { ApolloServerPluginInlineTraceDisabled } from '@apollo/server/plugin/disabled';
import { expressMiddleware } from '@as-integrations/express5';
import express from 'express';
import type { GraphQLSchema } from 'graphql';
import type { MikroORM } from '@mikro-orm/postgresql';
import type { GatewayVerifier } from '../../src/auth/gateway-token.js';
import { noStorePlugins } from '../../src/graphql-http.js';
import { listen } from '../../src/http.js';
import { createContext, type HubContext } from '../../src/hub/context.js';
import { auditPlugin } from '../../src/hub/modules/audit/index.js';
import { applyMiddleware } from '../../src/hub/policy/shield-lib.js';
import { buildSubgraph, fieldPolicy } from '../../src/hub/schema.js';
import { auditReadsFor, guard } from '../../src/hub/shield.js';

export type PolicyVariant = 'shield + audit' | 'audit only' | 'neither';

/** The core's schema as a law-enforcement viewer gets it, with the policy the variant names. */
export async function variantSchema(variant: PolicyVariant): Promise<GraphQLSchema> {
  const subgraph = await buildSubgraph();
  if (variant === 'shield + audit') return guard(subgraph, fieldPolicy, 'LAW_ENFORCEMENT');
  if (variant === 'audit only') return applyMiddleware(subgraph, auditReadsFor(subgraph, fieldPolicy) as never);
  return subgraph;
}

export async function serveVariant(orm: MikroORM, variant: PolicyVariant, gateway: GatewayVerifier): Promise<{ url: string; stop(): Promise<void> }> {
  const app = express();
  const httpServer = http.createServer(app);
  const apollo = new ApolloServer<HubContext>({ schema: await variantSchema(variant), plugins: [ApolloServerPluginInlineTraceDisabled(), ...noStorePlugins<HubContext>(), auditPlugin(orm, silentLogger)] });
  await apollo.start();
  app.use('/graphql', express.json({ limit: '1mb' }), async (req, res, next) => {
    res.locals.viewer = await gateway.viewerFrom(req.headers.authorization);
    next();
  }, expressMiddleware(apollo, { context: async ({ res }) => createContext(orm, res.locals.viewer, undefined, res.locals) }));
  const url = await listen(httpServer, 0, '127.0.0.1');
  return {
    url,
    async stop() {
      await apollo.stop();
      httpServer.close();
    },
  };
}
