// The development issuer: a key pair the hub creates on first start (under the data folder, git-ignored) and
// trusts only outside production, so `npm run token` can mint tokens for trying the hub.
import { existsSync } from 'node:fs';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { exportJWK, generateKeyPair, importJWK, SignJWT, type JWK, type JWTPayload } from 'jose';
import type { TrustedIssuer } from './tokens.js';
import type { Role } from './viewer.js';

export const DEV_ISSUER = 'urn:port-alliance-hub:dev-issuer';

export interface Signer {
  issuer: TrustedIssuer;
  /** Signs any payload (iss, iat added): lets tests build tokens with missing or odd claims. */
  signPayload(payload: JWTPayload, options: { audience: string; expiresIn?: string; notBefore?: string }): Promise<string>;
  sign(claims: { subject: string; name?: string; agency: string; roles: Role[] }, options?: { audience: string; expiresIn?: string; notBefore?: string }): Promise<string>;
}

/** A signer from a private JWK; the matching public key is published as the issuer's JWKS. */
export async function signerFrom(issuer: string, privateJwk: JWK): Promise<Signer> {
  const key = await importJWK(privateJwk, 'ES256');
  const { d: _private, ...publicJwk } = privateJwk;
  const signPayload: Signer['signPayload'] = (payload, options) =>
    new SignJWT(payload)
      .setProtectedHeader({ alg: 'ES256', kid: privateJwk.kid })
      .setIssuer(issuer)
      .setAudience(options.audience)
      .setIssuedAt()
      .setNotBefore(options.notBefore ?? '0s')
      .setExpirationTime(options.expiresIn ?? '8h')
      .sign(key);
  return {
    issuer: { issuer, jwks: { keys: [{ ...publicJwk, alg: 'ES256', use: 'sig' }] } },
    signPayload,
    sign: (claims, options = { audience: 'port-alliance-hub' }) =>
      signPayload({ sub: claims.subject, name: claims.name, agency: claims.agency, roles: claims.roles }, options),
  };
}

export async function newPrivateJwk(kid: string): Promise<JWK> {
  const { privateKey } = await generateKeyPair('ES256', { extractable: true });
  return { ...(await exportJWK(privateKey)), kid };
}

/** Loads the development key from `<dataDir>/dev-issuer.jwk.json`, creating it on first use. */
export async function devSigner(dataDir: string): Promise<Signer> {
  const file = path.join(dataDir, 'dev-issuer.jwk.json');
  let jwk: JWK;
  if (existsSync(file)) {
    jwk = JSON.parse(await readFile(file, 'utf8')) as JWK;
  } else {
    await mkdir(dataDir, { recursive: true });
    jwk = await newPrivateJwk(`dev-${Date.now()}`);
    await writeFile(file, JSON.stringify(jwk), { mode: 0o600 });
  }
  return signerFrom(DEV_ISSUER, jwk);
}
