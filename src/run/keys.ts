// Where a subgraph run as its own process finds the gateway's public keys: GATEWAY_JWKS_URL, or the gateway's key
// in DATA_DIR (the supervisor's preparation step creates it before any subgraph starts).
import type { JSONWebKeySet } from 'jose';
import { gatewayPublicJwks } from '../auth/gateway-token.js';
import type { Config } from '../config.js';
import { reasonOf, StartError } from '../supervisor/part.js';

export async function gatewayKeys(config: Config): Promise<JSONWebKeySet | URL> {
  if (config.gatewayJwksUrl) return new URL(config.gatewayJwksUrl);
  try {
    return await gatewayPublicJwks(config.dataDir);
  } catch (error) {
    throw new StartError(reasonOf(error));
  }
}
