// Who is asking a subgraph (the core or a member subgraph), whatever router fronts it. Accepted, in this order:
// - the hub gateway's signed viewer token (it verified the user already; its signature proves it is the router);
// - behind another router (Hive Gateway, Apollo Router), the user's own `Authorization: Bearer` token forwarded
//   by header propagation, verified here against the trusted issuers, the agency looked up in a directory;
// - no Authorization at all: the anonymous viewer, only when ROUTER_SECRET is set and the request carries it,
//   because only then is it known that a router (which serves anonymous users) is asking.
// With ROUTER_SECRET set, every request other than the hub gateway's must carry `router-authorization: <secret>`
// (the pattern of Apollo's subgraph template), so users cannot bypass the router's limits by calling directly.
import { createHash, timingSafeEqual } from 'node:crypto';
import { decodeJwt } from 'jose';
import { GATEWAY_ISSUER, GatewayTokenError, type GatewayVerifier } from './gateway-token.js';
import type { TokenVerifier } from './tokens.js';
import { viewerFromUserToken, type AgencyDirectory } from './user-viewer.js';
import { anonymousViewer, type Viewer } from './viewer.js';

export const ROUTER_SECRET_HEADER = 'router-authorization';

export interface SubgraphGateOptions {
  /** The hub gateway's keys: its signed viewer tokens. */
  gateway: GatewayVerifier;
  /** Users' own tokens (forwarded by another router): the trusted issuers and where agencies are looked up. */
  users?: { verifier: TokenVerifier; directory: AgencyDirectory };
  /** ROUTER_SECRET: the secret every router but the hub gateway sends in `router-authorization`. */
  routerSecret?: string;
}

export interface CallerHeaders {
  authorization?: string;
  [ROUTER_SECRET_HEADER]?: string | string[];
}

/**
 * What vouched for a request: the hub gateway's signature, the router secret (another router, the user's token
 * or anonymous), or the user's token alone (another router without a secret, or a direct call).
 */
export type CallerVia = 'gateway-signature' | 'router-secret' | 'user-token';

export interface Caller {
  viewer: Viewer;
  via: CallerVia;
}

const digest = (value: string) => createHash('sha256').update(value).digest();

export class SubgraphGate {
  private readonly secretDigest?: Buffer;

  constructor(private readonly options: SubgraphGateOptions) {
    if (options.routerSecret !== undefined) this.secretDigest = digest(options.routerSecret);
  }

  /**
   * The viewer of a request and what vouched for it; throws GatewayTokenError (401, no data) or the
   * UNAUTHENTICATED / SUBGRAPH_UNAVAILABLE GraphQLError of a user's token that cannot be accepted.
   */
  async identify(headers: CallerHeaders): Promise<Caller> {
    const authorization = headers.authorization;
    if (authorization && this.issuerOf(authorization) === GATEWAY_ISSUER) return { viewer: await this.options.gateway.viewerFrom(authorization), via: 'gateway-signature' };
    if (!this.routerSecretMatches(headers[ROUTER_SECRET_HEADER])) {
      throw new GatewayTokenError(this.secretDigest
        ? `requests must come through a router of the alliance (missing or wrong "${ROUTER_SECRET_HEADER}")`
        : 'requests must come through the gateway');
    }
    if (!authorization) {
      if (this.secretDigest) return { viewer: anonymousViewer, via: 'router-secret' };
      throw new GatewayTokenError('requests must come through the gateway (no credential)');
    }
    if (!this.options.users) throw new GatewayTokenError('requests must come through the gateway (users\' own tokens are not accepted here)');
    const viewer = await viewerFromUserToken(authorization, this.options.users.verifier, this.options.users.directory);
    return { viewer, via: this.secretDigest ? 'router-secret' : 'user-token' };
  }

  /** Without ROUTER_SECRET there is nothing to check; with it, a constant-time comparison. */
  private routerSecretMatches(sent: string | string[] | undefined): boolean {
    if (!this.secretDigest) return true;
    if (typeof sent !== 'string') return false;
    return timingSafeEqual(digest(sent), this.secretDigest);
  }

  private issuerOf(authorization: string): string | undefined {
    const token = /^Bearer\s+(\S+)$/i.exec(authorization)?.[1];
    if (!token) return undefined;
    try {
      return decodeJwt(token).iss;
    } catch {
      return undefined;
    }
  }
}
