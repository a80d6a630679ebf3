// Hive Gateway in front of the alliance's subgraphs, instead of the hub's own gateway (issue 11): it serves the
// committed supergraph (schema/supergraph.graphql, written by `npm run compose`) unchanged. Configured from the
// environment only; see README.md beside this file.
//
// The policy stays in the subgraphs: each one verifies the user's token forwarded here (`authorization`), applies
// the TLP rules and the field policy (`@sensitivity` included) and writes the audit trail. This router only has
// to pass the headers on, and prove with ROUTER_SECRET that it is a router of the alliance. One rule is the router's:
// partners (PERSISTED_DOCUMENTS_ONLY: everyone) may run only the operations of the installed manifests, as through the
// hub's gateway (persisted-documents.ts beside this file).
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { defineConfig } from '@graphql-hive/gateway';
import { persistedDocumentsFromEnv } from './persisted-documents.ts';

const env = process.env;
const production = env.NODE_ENV === 'production';
const flag = (name: string) => ['1', 'true', 'yes', 'on'].includes((env[name] ?? '').toLowerCase());

/** The supergraph to serve (a positional argument of `hive-gateway supergraph` would take precedence over it). */
const supergraph = env.SUPERGRAPH_FILE ?? fileURLToPath(new URL('../../schema/supergraph.graphql', import.meta.url));

/**
 * Where each subgraph is, when not where the supergraph says (it was composed with loopback URLs):
 * `SUBGRAPH_<NAME>_URL`, NAME being the subgraph's name in capitals with `_` for anything else (as in the
 * supergraph's join__Graph enum: `SUBGRAPH_CORE_URL`, `SUBGRAPH_DEMO_NATIONAL_PORT_CONTROL_URL`), or for the two
 * the hub ships, `CORE_URL` and `DEMO_MEMBER_URL`.
 */
const ALIASES: Record<string, string> = { core: 'CORE_URL', 'demo-national-port-control': 'DEMO_MEMBER_URL' };
const subgraphNames = [...readFileSync(supergraph, 'utf8').matchAll(/@join__graph\(\s*name:\s*"([^"]+)"/g)].map((m) => m[1]!);
const urlOverrides = Object.fromEntries(subgraphNames.flatMap((name) => {
  const url = env[`SUBGRAPH_${name.toUpperCase().replace(/[^A-Z0-9]/g, '_')}_URL`] ?? (ALIASES[name] ? env[ALIASES[name]] : undefined);
  return url ? [[name, { location: url }]] : [];
}));

/** What every subgraph request carries from the client's request: the user's token, retries' key, the trace. */
const PROPAGATED = ['authorization', 'idempotency-key', 'traceparent'];
const routerSecret = env.ROUTER_SECRET || undefined;

export const gatewayConfig = defineConfig({
  supergraph,
  transportEntries: {
    ...urlOverrides,
    '*.http': {
      options: {
        // Identical in-flight queries to a subgraph (same URL, body and headers, so the same viewer) sent once.
        // Off unless DEDUPLICATE_REQUESTS=true: each read of sensitive data is then audited once per request.
        deduplicateInflightRequests: flag('DEDUPLICATE_REQUESTS'),
        // The subgraphs' own deadline (REQUEST_TIMEOUT_MS) answers first; this is the router's backstop.
        timeout: Number(env.SUBGRAPH_TIMEOUT_MS ?? 15_000),
      },
    },
  },
  propagateHeaders: {
    fromClientToSubgraphs: ({ request }) => ({
      ...Object.fromEntries(PROPAGATED.map((name) => [name, request.headers.get(name)])),
      // Only routers of the alliance hold it; a client's own `router-authorization` is never passed on.
      'router-authorization': routerSecret,
    }),
  },
  // PERSISTED_DOCUMENTS (manifests, default the example partner client's) and PERSISTED_DOCUMENTS_ONLY, as the hub's.
  persistedDocuments: persistedDocumentsFromEnv(env),
  // Same-named incoming requests are never merged (each is its own viewer's, and audited).
  inboundInflightRequestDeduplication: false,
  // No landing page, and no GraphiQL (its assets come from a CDN) nor introspection in production.
  landingPage: false,
  graphiql: !production,
  ...(production ? { disableIntrospection: {} } : {}),
  // GET /healthcheck: alive; GET /readiness: the supergraph is loaded.
  healthCheckEndpoint: '/healthcheck',
  readinessCheckEndpoint: '/readiness',
  logging: (env.LOG_LEVEL as 'trace' | 'debug' | 'info' | 'warn' | 'error' | undefined) ?? 'info',
  // Listens on HOST:PORT (the CLI reads them; loopback here unless HOST says otherwise).
  host: env.HOST ?? '127.0.0.1',
  port: Number(env.PORT ?? 4000),
});
