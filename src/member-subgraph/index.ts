// The reference member-state subgraph: what a member state copies to plug its national data into the alliance
// graph (see README.md). Depends only on the shared src/auth, never on the hub.
import { chmodSync } from 'node:fs';
import type { JSONWebKeySet } from 'jose';
import { graphqlAgencyDirectory } from '../auth/agency-directory.js';
import { GatewayVerifier } from '../auth/gateway-token.js';
import { SubgraphGate } from '../auth/subgraph-gate.js';
import { TokenVerifier, type TrustedIssuer } from '../auth/tokens.js';
import { seedDemoData, type AddressedAlert } from './demo-data.js';
import { loadConfig } from '../config.js';
import { startServer, type MemberBounds } from './server.js';
import { MemberStorage } from './storage.js';

export { memberSubgraphSdl, memberSubgraphTypeDefs } from './schema.js';
export { type AddressedAlert } from './demo-data.js';
export { MemberStorage, type AlertFollowUpRow, type AlertRow, type FollowUpRow, type NationalAuditRow, type TargetingRow } from './storage.js';

/** The name the demo registers this subgraph under (and so the audience of its gateway tokens). */
export const DEMO_MEMBER_SUBGRAPH_NAME = 'demo-national-port-control';

export interface MemberSubgraphOptions {
  /** The subgraph's name in the hub's registry: gateway tokens must be addressed to it. */
  name: string;
  host: string;
  port: number;
  /** SQLite file of the national data (created if missing); ':memory:' for a throw-away database. */
  databaseFile: string;
  /** The hub gateway's public keys, in process or its /.well-known/gateway-jwks.json URL. */
  gatewayKeys: JSONWebKeySet | URL;
  /**
   * Behind another router (Hive Gateway, Apollo Router): accept users' own tokens from these issuers (audience:
   * the alliance's, e.g. port-alliance-hub). An agency's kind is asked of the alliance graph at
   * `allianceGraphqlUrl` (its public `agency` query, through the router, cached), so this subgraph needs no copy
   * of the alliance's directory.
   */
  users?: { issuers: TrustedIssuer[]; audience: string; allianceGraphqlUrl: string };
  /** ROUTER_SECRET: every request but the hub gateway's must carry it in `router-authorization`. */
  routerSecret?: string;
  /** Fill an empty database with the synthetic demo data. */
  seedDemoData?: boolean;
  /** With seedDemoData: seizures (core ids) to give a synthetic national follow-up. */
  demoFollowUpSeizureIds?: readonly string[];
  /** With seedDemoData: alliance targeting alerts (ids) addressed to an agency (id) to give a synthetic national follow-up. */
  demoAlertFollowUps?: readonly AddressedAlert[];
  /** Operation limits, deadline, response cap and logger; the hub's defaults when absent. */
  bounds?: Partial<MemberBounds>;
}

export interface MemberSubgraph {
  url: string;
  /** The national audit trail (audit.ts): who read the unit's LAW_ENFORCEMENT fields, through which router. */
  auditTrail: MemberStorage['auditTrail'];
  stop(): Promise<void>;
}

export async function startMemberSubgraph(options: MemberSubgraphOptions): Promise<MemberSubgraph> {
  const storage = new MemberStorage(options.databaseFile);
  // National law-enforcement data: readable by the service's own user only.
  if (options.databaseFile !== ':memory:') chmodSync(options.databaseFile, 0o600);
  try {
    if (options.seedDemoData) seedDemoData(storage, options.demoFollowUpSeizureIds, options.demoAlertFollowUps);
    let stopped = false;
    const defaults = loadConfig({});
    const bounds: MemberBounds = { limits: defaults.limits, requestTimeoutMs: defaults.requestTimeoutMs, maxResponseBytes: defaults.maxResponseBytes, ...options.bounds };
    const gate = new SubgraphGate({
      gateway: new GatewayVerifier(options.gatewayKeys, options.name),
      routerSecret: options.routerSecret,
      users: options.users && {
        verifier: new TokenVerifier(options.users.issuers, options.users.audience),
        directory: graphqlAgencyDirectory({ name: 'alliance', url: options.users.allianceGraphqlUrl }),
      },
    });
    const server = await startServer(storage, gate, options.host, options.port, bounds);
    return {
      url: server.url,
      auditTrail: (filter) => storage.auditTrail(filter),
      stop: async () => {
        if (stopped) return; // stopping twice (a signal during shutdown, a test) is harmless
        stopped = true;
        await server.stop();
        storage.close();
      },
    };
  } catch (error) {
    storage.close();
    throw error;
  }
}
