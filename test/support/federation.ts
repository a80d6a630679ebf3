// The whole federation for a test file: the core subgraph (its own database), the reference member subgraph
// (in-memory storage), and the real gateway composing them from a registry file, all on loopback. Clients speak
// to the gateway with user tokens from a test identity provider, as partner front-ends do.
import { mkdtemp, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { print, type DocumentNode } from 'graphql';
import type { TypedDocumentNode } from '@graphql-typed-document-node/core';
import { newPrivateJwk, signerFrom, type Signer } from '../../src/auth/dev-issuer.js';
import { TokenVerifier } from '../../src/auth/tokens.js';
import type { Role } from '../../src/auth/viewer.js';
import { loadConfig, type RateLimits } from '../../src/config.js';
import { startGateway, type GatewayOptions, type GatewayServer } from '../../src/gateway/server.js';
import { PersistedDocumentStore } from '../../src/gateway/persisted-documents.js';
import type { SubgraphEntry } from '../../src/gateway/registry.js';
import { DEMO_MEMBER_SUBGRAPH_NAME, startMemberSubgraph, type AddressedAlert, type MemberSubgraph } from '../../src/member-subgraph/index.js';
import { silentLogger } from '../../src/observability/logger.js';
import { freePort } from './ports.js';
import { startTestHub, TEST_AUDIENCE, TEST_ISSUER, type GraphQLResponse, type TestHub } from './hub.js';

export interface GatewayClient {
  send<TData, TVars extends Record<string, unknown>>(document: TypedDocumentNode<TData, TVars> | DocumentNode | string, variables?: TVars): Promise<GraphQLResponse<TData> & { status: number }>;
}

export interface TestFederation {
  core: TestHub;
  member: MemberSubgraph;
  gateway: GatewayServer;
  /** The registry file the gateway watches. */
  registryFile: string;
  writeRegistry(entries: SubgraphEntry[]): Promise<void>;
  /** The test identity provider, trusted by the gateway. */
  issuer: Signer;
  /**
   * The gateway's persisted documents. Partners may send only these: their clients here install each document they
   * send, as the alliance installs a partner front-end's manifest, and send its documentId.
   */
  persistedDocuments: PersistedDocumentStore;
  /** The body this federation's clients send to the gateway: a partner's operation installed and sent by id. */
  requestBody(token: string | null, query: string, variables?: object): Record<string, unknown>;
  anonymous: GatewayClient;
  /** A client with a user token for this agency (named by code or id) and roles. */
  as(who: { agency: string; roles: Role[]; subject?: string }): Promise<GatewayClient>;
  withToken(token: string): GatewayClient;
  close(): Promise<void>;
}

export interface TestFederationOptions {
  subgraphTimeoutMs?: number;
  /** The gateway's limits, deadline and response cap (the configuration's defaults otherwise). */
  gateway?: Pick<GatewayOptions, 'limits' | 'requestTimeoutMs' | 'maxResponseBytes' | 'readinessCacheMs' | 'healthMs' | 'env' | 'persistedDocuments'>;
  /** Read the administrators' registrations from the core's test database, polling this often (absent: not read). */
  registryPollMs?: number;
  /** The core's own (a subgraph checks again: another router may front it). */
  core?: Parameters<typeof startTestHub>[0];
  /** Rate limits, counted in the core's test database. */
  rateLimits?: RateLimits;
  /** Where the gateway listens (loopback unless a test needs a caller from elsewhere). */
  host?: string;
  /** Seizure ids (create them with these ids) the demo member subgraph gives a synthetic national follow-up. */
  demoFollowUpSeizureIds?: string[];
  /** Targeting alerts (create them with these ids, addressed to these agencies) the demo member subgraph follows up. */
  demoAlertFollowUps?: AddressedAlert[];
  /** ROUTER_SECRET of both subgraphs (what another router, e.g. Hive Gateway, must send in `router-authorization`). */
  routerSecret?: string;
  /** The gateway's development sign-in (POST /dev/sign-in, the pages' sign-in form), minting the test issuer's tokens. */
  devSignIn?: boolean;
}

/** The token claims the PARTNER role (read, not verified: the gateway verifies it). */
function isPartnerToken(token: string): boolean {
  try {
    const claims = JSON.parse(Buffer.from(token.split('.')[1] ?? '', 'base64url').toString('utf8')) as { roles?: unknown };
    return Array.isArray(claims.roles) && claims.roles.includes('PARTNER');
  } catch {
    return false;
  }
}

export async function startTestFederation(options: TestFederationOptions = {}): Promise<TestFederation> {
  // Both subgraphs also accept the test identity provider's tokens, forwarded by another router (Hive Gateway).
  const issuer = await signerFrom(TEST_ISSUER, await newPrivateJwk('test-idp'));
  const core = await startTestHub({ userTokens: new TokenVerifier([issuer.issuer], TEST_AUDIENCE), routerSecret: options.routerSecret, ...options.core });
  // The member subgraph asks the alliance graph about users' agencies: through this gateway, on a port chosen now.
  const gatewayPort = await freePort();
  const member = await startMemberSubgraph({
    name: DEMO_MEMBER_SUBGRAPH_NAME, host: '127.0.0.1', port: 0, databaseFile: ':memory:', gatewayKeys: core.gatewaySigner.jwks, seedDemoData: true, demoFollowUpSeizureIds: options.demoFollowUpSeizureIds, demoAlertFollowUps: options.demoAlertFollowUps, bounds: { logger: silentLogger },
    users: { issuers: [issuer.issuer], audience: TEST_AUDIENCE, allianceGraphqlUrl: `http://127.0.0.1:${gatewayPort}/graphql` },
    routerSecret: options.routerSecret,
  });
  const dir = await mkdtemp(path.join(os.tmpdir(), 'hub-registry-'));
  const registryFile = path.join(dir, 'subgraphs.json');
  const writeRegistry = (entries: SubgraphEntry[]) => writeFile(registryFile, JSON.stringify(entries, null, 2));
  await writeRegistry([{ name: DEMO_MEMBER_SUBGRAPH_NAME, url: member.url }]);
  const pool = await core.orm.em.getConnection().getNativeClient();
  const persisted = options.gateway?.persistedDocuments ?? loadConfig({}).persistedDocuments;
  const persistedDocuments = 'store' in persisted ? persisted.store : PersistedDocumentStore.load(persisted.files);
  const gateway = await startGateway({
    ...options.gateway,
    persistedDocuments: { store: persistedDocuments, only: persisted.only },
    rateLimits: options.rateLimits ? { pool, limits: options.rateLimits } : undefined,
    // The gateway's audit rows go to the core's test database, where the core writes its own.
    audit: { pool },
    registryDatabase: options.registryPollMs !== undefined ? { pool, pollMs: options.registryPollMs } : undefined,
    host: options.host ?? '127.0.0.1', port: gatewayPort, core: { name: 'core', url: core.url }, registry: { file: registryFile }, signer: core.gatewaySigner,
    verifier: new TokenVerifier([issuer.issuer], TEST_AUDIENCE), subgraphTimeoutMs: options.subgraphTimeoutMs ?? 3000, logger: silentLogger,
    web: options.devSignIn ? { devSignIn: { signer: issuer, audience: TEST_AUDIENCE } } : undefined,
  });

  // A partner front-end sends persisted operations only (src/gateway/persisted-documents.ts).
  const requestBody = (token: string | null, query: string, variables?: object) =>
    token && isPartnerToken(token) ? { documentId: persistedDocuments.add(query).id, variables } : { query, variables };
  const withToken = (token: string | null): GatewayClient => ({
    async send(document, variables) {
      const body = requestBody(token, typeof document === 'string' ? document : print(document), variables);
      const res = await fetch(gateway.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
        body: JSON.stringify(body),
      });
      return { status: res.status, ...((await res.json()) as GraphQLResponse<never>) };
    },
  });

  return {
    core, member, gateway, registryFile, writeRegistry, issuer, persistedDocuments, requestBody,
    anonymous: withToken(null),
    withToken,
    async as(who) {
      return withToken(await issuer.sign({ subject: who.subject ?? 'tester', agency: who.agency, roles: who.roles }, { audience: TEST_AUDIENCE }));
    },
    async close() {
      await gateway.stop();
      await member.stop();
      await core.close();
    },
  };
}
