// The gateway's signing key and where subgraphs find its public half. Scaled out, every gateway instance signs
// with the one key of GATEWAY_SIGNING_KEY (from the deployment's secret store) and subgraphs trust GATEWAY_JWKS
// (or GATEWAY_JWKS_URL, any gateway instance): nothing lives in a local folder. On one machine (`npm start`), the
// key the preparation step creates in DATA_DIR serves all three parts.
import type { JSONWebKeySet } from 'jose';
import { devSigner } from '../auth/dev-issuer.js';
import { gatewayPublicJwks, gatewaySigner, gatewaySignerFrom, type GatewaySigner } from '../auth/gateway-token.js';
import type { TrustedIssuer } from '../auth/tokens.js';
import type { Config } from '../config.js';
import { reasonOf, StartError } from '../supervisor/part.js';

export async function gatewayKeys(config: Config): Promise<JSONWebKeySet | URL> {
  if (config.gatewayJwks) return config.gatewayJwks;
  if (config.gatewayJwksUrl) return new URL(config.gatewayJwksUrl);
  try {
    return await gatewayPublicJwks(config.dataDir);
  } catch (error) {
    throw new StartError(reasonOf(error));
  }
}

export function gatewaySigning(config: Config): Promise<GatewaySigner> {
  return config.gatewaySigningKey ? gatewaySignerFrom(config.gatewaySigningKey) : gatewaySigner(config.dataDir);
}

/** The identity providers whose users' tokens a part accepts: TRUSTED_ISSUERS_FILE, and outside production the dev issuer. */
export async function userIssuers(config: Config): Promise<TrustedIssuer[]> {
  return config.devIssuer ? [...config.trustedIssuers, (await devSigner(config.dataDir)).issuer] : config.trustedIssuers;
}
