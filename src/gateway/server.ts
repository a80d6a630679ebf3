// The gateway: the one address clients use. It verifies the user's token once, applies the sensitivity policy,
// plans the query over the supergraph composed locally, and calls each subgraph with a token it signs itself.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { ApolloGateway } from '@apollo/gateway';
import { ApolloServer } from '@apollo/server';
import { ApolloServerPluginDrainHttpServer } from '@apollo/server/plugin/drainHttpServer';
import { expressMiddleware } from '@as-integrations/express5';
import express from 'express';
import { GraphQLError, type GraphQLFormattedError } from 'graphql';
import type { GatewaySigner } from '../auth/gateway-token.js';
import type { TokenVerifier } from '../auth/tokens.js';
import type { Viewer } from '../auth/viewer.js';
import { SupergraphComposer, type ComposerOptions } from './composer.js';
import { SignedDataSource, type GatewayContext } from './data-source.js';
import { coreAgencyDirectory } from './directory.js';
import { viewerFromUserToken } from './identity.js';
import { jsonErrors, PUBLIC_ERROR_CODES } from '../http.js';
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
  log?: (line: string) => void;
}

export interface GatewayServer {
  url: string;
  composer: SupergraphComposer;
  stop(): Promise<void>;
}

// The gateway adds its own: a subgraph that failed, and a subgraph's already masked internal error.
const PUBLIC_CODES = new Set([...PUBLIC_ERROR_CODES, 'SUBGRAPH_UNAVAILABLE', 'INTERNAL_SERVER_ERROR']);

/** Subgraph errors arrive already cleaned by their subgraph; anything else the gateway did not mean is masked. */
function formatGatewayError(formatted: GraphQLFormattedError): GraphQLFormattedError {
  const code = String(formatted.extensions?.code ?? '');
  if (PUBLIC_CODES.has(code)) {
    const { stacktrace: _s, exception: _e, ...extensions } = formatted.extensions ?? {};
    return { ...formatted, extensions };
  }
  console.error('[gateway error]', formatted.message);
  return { message: 'Internal error', path: formatted.path, extensions: { code: 'INTERNAL_SERVER_ERROR' } };
}

export async function startGateway(options: GatewayOptions): Promise<GatewayServer> {
  const log = options.log ?? ((line: string) => console.log(line));
  const timeoutMs = options.subgraphTimeoutMs ?? 5000;
  const composer = new SupergraphComposer({ core: options.core, registry: options.registry, signer: options.signer, timeoutMs, pollMs: options.pollMs, log });
  const gateway = new ApolloGateway({
    supergraphSdl: composer,
    buildService: ({ name, url }) => new SignedDataSource(name, url!, options.signer, timeoutMs),
    logger: { debug: () => undefined, info: () => undefined, warn: (m: unknown) => log(`gateway: ${String(m)}`), error: (m: unknown) => log(`gateway: ${String(m)}`) },
  });
  const directory = coreAgencyDirectory(options.core, options.signer);

  const app = express();
  app.disable('x-powered-by');
  const httpServer = http.createServer(app);
  const apollo = new ApolloServer<GatewayContext>({
    gateway: withSensitivityPolicy(gateway),
    formatError: formatGatewayError,
    includeStacktraceInErrorResponses: false,
    plugins: [ApolloServerPluginDrainHttpServer({ httpServer })],
  });
  await apollo.start();

  app.get('/healthz', (_req, res) => {
    res.json({ status: 'ok' });
  });
  // Ready when a supergraph is served; each subgraph's state (serving, refused with why, unreachable).
  app.get('/readyz', (_req, res) => {
    const report = composer.report();
    res.status(report.composed ? 200 : 503).json({ status: report.composed ? 'ready' : 'not ready', ...report });
  });
  // The keys subgraphs use to check the gateway's signature.
  app.get('/.well-known/gateway-jwks.json', (_req, res) => {
    res.json(options.signer.jwks);
  });
  app.use(
    '/graphql',
    express.json({ limit: '1mb' }),
    async (req, res, next) => {
      try {
        res.locals.viewer = await viewerFromUserToken(req.headers.authorization, options.verifier, directory);
        next();
      } catch (error) {
        if (error instanceof GraphQLError) res.status(401).json({ errors: [{ message: error.message, extensions: { code: 'UNAUTHENTICATED' } }] });
        else next(error);
      }
    },
    expressMiddleware(apollo, { context: async ({ res }) => ({ viewer: res.locals.viewer as Viewer }) }),
  );

  app.use(jsonErrors(log));

  await new Promise<void>((resolve) => httpServer.listen(options.port, options.host, resolve));
  const { port } = httpServer.address() as AddressInfo;
  const host = options.host.includes(':') ? `[${options.host}]` : options.host;
  return {
    url: `http://${host === '0.0.0.0' ? 'localhost' : host}:${port}/graphql`,
    composer,
    stop: () => apollo.stop(),
  };
}
