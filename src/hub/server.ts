// Apollo Server on express 5 serving the hub schema at /graphql.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { ApolloServer } from '@apollo/server';
import { expressMiddleware } from '@as-integrations/express5';
import { ApolloServerPluginDrainHttpServer } from '@apollo/server/plugin/drainHttpServer';
import { ApolloServerPluginInlineTraceDisabled } from '@apollo/server/plugin/disabled';
import express from 'express';
import type { MikroORM } from '@mikro-orm/postgresql';
import type { TokenVerifier } from '../auth/tokens.js';
import { viewerFromAuthorization } from './authenticate.js';
import { formatError } from './common/errors.js';
import { createContext, type HubContext } from './context.js';
import { auditPlugin } from './modules/audit/index.js';
import { buildHubSchema } from './schema.js';

export interface HubServer {
  url: string;
  apollo: ApolloServer<HubContext>;
  stop(): Promise<void>;
}

export async function createApollo(orm: MikroORM, httpServer: http.Server, options: { shield?: boolean } = {}): Promise<ApolloServer<HubContext>> {
  return new ApolloServer<HubContext>({
    schema: await buildHubSchema(options),
    formatError,
    includeStacktraceInErrorResponses: false,
    // No inline traces: they would tell any client how long each resolver took.
    plugins: [ApolloServerPluginDrainHttpServer({ httpServer }), ApolloServerPluginInlineTraceDisabled(), auditPlugin(orm)],
  });
}

export interface HubServerOptions {
  host: string;
  port: number;
  verifier: TokenVerifier;
  /** Only the benchmark turns the shield off, to measure what it costs. */
  shield?: boolean;
}

export async function startHubServer(orm: MikroORM, options: HubServerOptions): Promise<HubServer> {
  const app = express();
  app.disable('x-powered-by');
  const httpServer = http.createServer(app);
  const apollo = await createApollo(orm, httpServer, { shield: options.shield });
  await apollo.start();

  app.get('/healthz', (_req, res) => {
    res.json({ status: 'ok' });
  });
  app.use(
    '/graphql',
    express.json({ limit: '1mb' }),
    expressMiddleware(apollo, {
      context: async ({ req }) => createContext(orm, await viewerFromAuthorization(req.headers.authorization, options.verifier, orm)),
    }),
  );

  await new Promise<void>((resolve) => httpServer.listen(options.port, options.host, resolve));
  const { port } = httpServer.address() as AddressInfo;
  const host = options.host.includes(':') ? `[${options.host}]` : options.host;
  return {
    url: `http://${host === '0.0.0.0' ? 'localhost' : host}:${port}/graphql`,
    apollo,
    stop: () => apollo.stop(),
  };
}
