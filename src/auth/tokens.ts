// Verifies bearer tokens against the trusted issuers (member states' identity providers, and outside
// production the hub's own development issuer). Pure token logic: no database, shared by gateway and subgraphs.
import { createLocalJWKSet, createRemoteJWKSet, decodeJwt, errors, jwtVerify, type JSONWebKeySet, type JWTVerifyGetKey } from 'jose';
import { VerifiedTokens } from './verified-tokens.js';
import { Role } from './viewer.js';

export interface TrustedIssuer {
  issuer: string;
  /** Where the issuer publishes its keys: a JWKS URL, or a JWKS document read from a file at start. */
  jwksUrl?: string;
  jwks?: JSONWebKeySet;
}

/** What a verified token says about its bearer; the agency is checked against the database afterwards. */
export interface VerifiedClaims {
  issuer: string;
  subject: string;
  name: string | null;
  /** Agency code (e.g. FR-DGDDI) or id, as the identity provider states it. */
  agency: string;
  roles: Role[];
}

export class AuthenticationError extends Error {}

const CLOCK_TOLERANCE_SECONDS = 30;
const ALGORITHMS = ['ES256', 'ES384', 'RS256', 'PS256', 'EdDSA'];
const roleNames = new Set<string>(Object.values(Role));

export class TokenVerifier {
  private readonly keys = new Map<string, JWTVerifyGetKey>();
  private readonly verified = new VerifiedTokens<VerifiedClaims>();

  constructor(issuers: TrustedIssuer[], private readonly audience: string) {
    for (const i of issuers) {
      if (i.jwks) this.keys.set(i.issuer, createLocalJWKSet(i.jwks));
      else if (i.jwksUrl) this.keys.set(i.issuer, createRemoteJWKSet(new URL(i.jwksUrl), { timeoutDuration: 3000 }));
      else throw new Error(`Trusted issuer ${i.issuer} has neither jwksUrl nor jwks`);
    }
  }

  /** Verifies signature, exp, nbf, issuer and audience; throws AuthenticationError with a short reason. */
  async verify(token: string): Promise<VerifiedClaims> {
    return this.verified.get(token) ?? this.verified.remember(token, await this.verifyOnce(token), CLOCK_TOLERANCE_SECONDS);
  }

  private async verifyOnce(token: string): Promise<VerifiedClaims> {
    let issuer: string | undefined;
    try {
      issuer = decodeJwt(token).iss;
    } catch {
      throw new AuthenticationError('malformed token');
    }
    const keys = issuer ? this.keys.get(issuer) : undefined;
    if (!issuer || !keys) throw new AuthenticationError('token issuer is not trusted');
    try {
      const { payload } = await jwtVerify(token, keys, { issuer, audience: this.audience, algorithms: ALGORITHMS, clockTolerance: CLOCK_TOLERANCE_SECONDS, requiredClaims: ['sub', 'exp'] });
      const agency = payload.agency;
      const roles = payload.roles;
      if (typeof agency !== 'string' || !agency) throw new AuthenticationError('token has no agency claim');
      if (!Array.isArray(roles) || !roles.every((r) => typeof r === 'string' && roleNames.has(r))) {
        throw new AuthenticationError('token roles claim is missing or names an unknown role');
      }
      return {
        issuer,
        subject: `${issuer}#${payload.sub}`,
        name: typeof payload.name === 'string' ? payload.name : null,
        agency,
        roles: [...new Set(roles as Role[])],
      };
    } catch (error) {
      if (error instanceof AuthenticationError) throw error;
      if (error instanceof errors.JWTExpired) throw new AuthenticationError('token has expired');
      if (error instanceof errors.JWTClaimValidationFailed) throw new AuthenticationError(`token claim "${error.claim}" is not valid`);
      if (error instanceof errors.JOSEError) throw new AuthenticationError('token signature or format is not valid');
      throw error;
    }
  }
}
