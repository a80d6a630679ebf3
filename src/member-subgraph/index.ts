// The reference member-state subgraph: what a member state copies to plug its national data into the alliance
// graph (see README.md). Depends only on the shared src/auth, never on the hub.
import { chmodSync } from 'node:fs';
import type { JSONWebKeySet } from 'jose';
import { GatewayVerifier } from '../auth/gateway-token.js';
import { seedDemoData } from './demo-data.js';
import { loadConfig } from '../config.js';
import { startServer, type MemberBounds } from './server.js';
import { MemberStorage } from './storage.js';

export { memberSubgraphSdl, memberSubgraphTypeDefs } from './schema.js';
export { MemberStorage, type AlertRow, type FollowUpRow, type TargetingRow } from './storage.js';

/** The name the demo registers this subgraph under (and so the audience of its gateway tokens). */
export const DEMO_MEMBER_SUBGRAPH_NAME = 'demo-national-port-control';

export interface MemberSubgraphOptions {
  /** The subgraph's name in the hub's registry: gateway tokens must be addressed to it. */
  name: string;
  host: string;
  port: number;
  /** SQLite file of the national data (created if missing); ':memory:' for a throw-away database. */
  databaseFile: string;
  /** The gateway's public keys, in process or its /.well-known/gateway-jwks.json URL. */
  gatewayKeys: JSONWebKeySet | URL;
  /** Fill an empty database with the synthetic demo data. */
  seedDemoData?: boolean;
  /** With seedDemoData: seizures (core ids) to give a synthetic national follow-up. */
  demoFollowUpSeizureIds?: readonly string[];
  /** Operation limits, deadline, response cap and logger; the hub's defaults when absent. */
  bounds?: Partial<MemberBounds>;
}

export async function startMemberSubgraph(options: MemberSubgraphOptions): Promise<{ url: string; stop(): Promise<void> }> {
  const storage = new MemberStorage(options.databaseFile);
  // National law-enforcement data: readable by the service's own user only.
  if (options.databaseFile !== ':memory:') chmodSync(options.databaseFile, 0o600);
  try {
    if (options.seedDemoData) seedDemoData(storage, options.demoFollowUpSeizureIds);
    let stopped = false;
    const defaults = loadConfig({});
    const bounds: MemberBounds = { limits: defaults.limits, requestTimeoutMs: defaults.requestTimeoutMs, maxResponseBytes: defaults.maxResponseBytes, ...options.bounds };
    const server = await startServer(storage, new GatewayVerifier(options.gatewayKeys, options.name), options.host, options.port, bounds);
    return {
      url: server.url,
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
