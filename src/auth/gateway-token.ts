// Identity across the federation: the gateway verifies the user's token once, then passes the viewer to each
// subgraph in a short-lived token it signs itself. Subgraphs (the core included) accept nothing else, so nobody
// reaches a subgraph around the gateway. Shared by the gateway, the core subgraph and member subgraphs.
import { existsSync } from 'node:fs';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { createLocalJWKSet, createRemoteJWKSet, errors, importJWK, jwtVerify, SignJWT, type JSONWebKeySet, type JWK, type JWTVerifyGetKey } from 'jose';
import { newPrivateJwk } from './dev-issuer.js';
import { VerifiedTokens } from './verified-tokens.js';
import { anonymousViewer, Role, rolesByAgencyKind, type AgencyKindName, type Viewer } from './viewer.js';

export const GATEWAY_ISSUER = 'urn:port-alliance-hub:gateway';
/** Long enough for one request's subgraph calls, short enough to be useless if it leaks. */
const LIFETIME_SECONDS = 60;

export interface GatewaySigner {
  /** The public keys subgraphs verify with (also served at /.well-known/gateway-jwks.json). */
  jwks: JSONWebKeySet;
  /** A token for one subgraph (`audience` = its name) saying who the viewer is. */
  sign(viewer: Viewer, audience: string): Promise<string>;
}

export async function gatewaySignerFrom(privateJwk: JWK): Promise<GatewaySigner> {
  const key = await importJWK(privateJwk, 'ES256');
  const { d: _private, ...publicJwk } = privateJwk;
  // A viewer's token for a subgraph is reused while it has more than half its life left: signing on every
  // subgraph call would cost more than the call.
  const recent = new Map<string, { token: Promise<string>; until: number }>();
  return {
    jwks: { keys: [{ ...publicJwk, alg: 'ES256', use: 'sig' }] },
    sign(viewer, audience) {
      const cacheKey = JSON.stringify([audience, viewer.subject, viewer.name, viewer.agencyId, viewer.agencyKind, [...viewer.roles].sort()]);
      const hit = recent.get(cacheKey);
      if (hit && hit.until > Date.now()) return hit.token;
      const token = new SignJWT({ name: viewer.name, agency: viewer.agencyId, agencyKind: viewer.agencyKind, roles: [...viewer.roles] })
        .setProtectedHeader({ alg: 'ES256', kid: privateJwk.kid })
        .setIssuer(GATEWAY_ISSUER)
        .setAudience(audience)
        .setSubject(viewer.subject ?? 'anonymous')
        .setIssuedAt()
        .setExpirationTime(`${LIFETIME_SECONDS}s`)
        .sign(key);
      if (recent.size >= 10_000) recent.delete(recent.keys().next().value!);
      recent.set(cacheKey, { token, until: Date.now() + (LIFETIME_SECONDS * 1000) / 2 });
      return token;
    },
  };
}

/** The gateway's key, kept in the data folder so that subgraphs' cached keys stay valid across restarts. */
export async function gatewaySigner(dataDir: string): Promise<GatewaySigner> {
  const file = path.join(dataDir, 'gateway.jwk.json');
  let jwk: JWK;
  if (existsSync(file)) jwk = JSON.parse(await readFile(file, 'utf8')) as JWK;
  else {
    await mkdir(dataDir, { recursive: true });
    jwk = await newPrivateJwk(`gateway-${Date.now()}`);
    await writeFile(file, JSON.stringify(jwk), { mode: 0o600 });
  }
  return gatewaySignerFrom(jwk);
}

/**
 * Only the public half of the gateway's key in `dataDir` (what a subgraph run on its own, `npm run start:core`,
 * needs to check the gateway's tokens). The gateway creates the key on its first start; GATEWAY_JWKS_URL is the
 * alternative when the subgraph does not share the gateway's data folder.
 */
export async function gatewayPublicJwks(dataDir: string): Promise<JSONWebKeySet> {
  const file = path.join(dataDir, 'gateway.jwk.json');
  let jwk: JWK;
  try {
    jwk = JSON.parse(await readFile(file, 'utf8')) as JWK;
  } catch (error) {
    const why = (error as NodeJS.ErrnoException).code === 'ENOENT' ? 'does not exist (the gateway creates it on its first start)' : `cannot be read: ${(error as Error).message}`;
    throw new Error(`the gateway's key ${file} ${why}: set DATA_DIR to the gateway's data folder, or GATEWAY_JWKS_URL to its /.well-known/gateway-jwks.json`);
  }
  const { d: _private, ...publicJwk } = jwk;
  return { keys: [{ ...publicJwk, alg: 'ES256', use: 'sig' }] };
}

export class GatewayTokenError extends Error {}

const roleNames = new Set<string>(Object.values(Role));
const kinds = new Set(Object.keys(rolesByAgencyKind));

/** Verifies gateway tokens for one subgraph; keys from the gateway's JWKS (in process, or its URL). */
export class GatewayVerifier {
  private readonly keys: JWTVerifyGetKey;
  /** The gateway reuses a viewer's token for half its life: verify it once. */
  private readonly verified = new VerifiedTokens<Viewer>();

  constructor(jwks: JSONWebKeySet | URL, private readonly audience: string) {
    this.keys = jwks instanceof URL ? createRemoteJWKSet(jwks, { timeoutDuration: 3000 }) : createLocalJWKSet(jwks);
  }

  /** The viewer the gateway vouches for; GatewayTokenError when the request did not come through the gateway. */
  async viewerFrom(authorization: string | undefined): Promise<Viewer> {
    const token = /^Bearer\s+(\S+)$/i.exec(authorization ?? '')?.[1];
    if (!token) throw new GatewayTokenError('requests must come through the gateway');
    return this.verified.get(token) ?? this.verified.remember(token, await this.verifyOnce(token));
  }

  private async verifyOnce(token: string): Promise<Viewer> {
    let payload;
    try {
      ({ payload } = await jwtVerify(token, this.keys, { issuer: GATEWAY_ISSUER, audience: this.audience, algorithms: ['ES256'], requiredClaims: ['exp', 'sub'] }));
    } catch (error) {
      if (error instanceof errors.JOSEError) throw new GatewayTokenError('requests must come through the gateway (no valid gateway signature)');
      throw error;
    }
    if (payload.sub === 'anonymous') return anonymousViewer;
    const agencyKind = payload.agencyKind as AgencyKindName;
    const roles = Array.isArray(payload.roles) ? (payload.roles as string[]) : [];
    // Defence in depth: even a signed token cannot give an agency kind a role it cannot hold.
    if (typeof payload.agency !== 'string' || !kinds.has(agencyKind) || !roles.every((r) => roleNames.has(r) && rolesByAgencyKind[agencyKind].has(r as Role))) {
      throw new GatewayTokenError('gateway token describes an impossible viewer');
    }
    return {
      subject: payload.sub ?? null,
      name: typeof payload.name === 'string' ? payload.name : null,
      agencyId: payload.agency,
      agencyKind,
      roles: new Set(roles as Role[]),
    };
  }
}
