// Configuration: read once from the environment, validated, with safe defaults; trusted issuers from a file.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdtemp, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { newPrivateJwk, signerFrom } from '../src/auth/dev-issuer.js';
import { AuthenticationError, TokenVerifier } from '../src/auth/tokens.js';
import { Role } from '../src/auth/viewer.js';
import { ConfigError, loadConfig } from '../src/config.js';

test('defaults: the demo runs with no configuration at all', () => {
  const config = loadConfig({});
  expect(config).toMatchObject({ nodeEnv: 'development', host: '127.0.0.1', port: 4000, databaseUrl: undefined, demoData: true, devIssuer: true, trustedIssuers: [], audience: 'port-alliance-hub' });
});

test('bad values stop the start with a message naming the variable', () => {
  expect(() => loadConfig({ PORT: 'eighty' })).toThrow(/PORT must be an integer/);
  expect(() => loadConfig({ DATABASE_URL: 'mysql://x' })).toThrow(/DATABASE_URL must be a postgres/);
  expect(() => loadConfig({ DEMO_DATA: 'maybe' })).toThrow(/DEMO_DATA must be true or false/);
  expect(() => loadConfig({ NODE_ENV: 'staging' })).toThrow(ConfigError);
});

test('MIGRATION_DATABASE_URL: the schema owner beside DATABASE_URL (the runtime role), never the same role, never alone', () => {
  const runtime = 'postgresql://hub_app:x@db.example:5432/hub';
  const owner = 'postgresql://hub_owner:y@db.example:5432/hub';
  expect(loadConfig({ DATABASE_URL: runtime, MIGRATION_DATABASE_URL: owner })).toMatchObject({ databaseUrl: runtime, migrationDatabaseUrl: owner });
  expect(loadConfig({ DATABASE_URL: runtime }).migrationDatabaseUrl).toBeUndefined();
  expect(() => loadConfig({ MIGRATION_DATABASE_URL: owner })).toThrow(/MIGRATION_DATABASE_URL is set without DATABASE_URL/);
  expect(() => loadConfig({ DATABASE_URL: runtime, MIGRATION_DATABASE_URL: 'postgresql://hub_app:z@db.example/hub' })).toThrow(/both log in as "hub_app"/);
  expect(() => loadConfig({ DATABASE_URL: runtime, MIGRATION_DATABASE_URL: 'mysql://x' })).toThrow(/MIGRATION_DATABASE_URL must be a postgres/);
});

test('production refuses to start without a trusted identity provider, and never trusts the development issuer', async () => {
  expect(() => loadConfig({ NODE_ENV: 'production' })).toThrow(/TRUSTED_ISSUERS_FILE/);
  const dir = await mkdtemp(path.join(os.tmpdir(), 'hub-config-'));
  const signer = await signerFrom('https://idp.example.be', await newPrivateJwk('be-1'));
  await writeFile(path.join(dir, 'be.jwks.json'), JSON.stringify(signer.issuer.jwks));
  await writeFile(path.join(dir, 'issuers.json'), JSON.stringify([{ issuer: 'https://idp.example.be', jwksFile: 'be.jwks.json' }]));
  const config = loadConfig({ NODE_ENV: 'production', TRUSTED_ISSUERS_FILE: path.join(dir, 'issuers.json') });
  expect(config.devIssuer).toBe(false);
  expect(config.demoData).toBe(false);
  expect(config.trustedIssuers).toEqual([{ issuer: 'https://idp.example.be', jwks: signer.issuer.jwks }]);
  // The key from the file verifies that issuer's tokens.
  const verifier = new TokenVerifier(config.trustedIssuers, 'port-alliance-hub');
  const token = await signer.sign({ subject: 'anna', agency: 'BE-AADA', roles: [Role.ANALYST] }, { audience: 'port-alliance-hub' });
  await expect(verifier.verify(token)).resolves.toMatchObject({ subject: 'https://idp.example.be#anna', agency: 'BE-AADA', roles: ['ANALYST'] });

  await writeFile(path.join(dir, 'plain.json'), JSON.stringify([{ issuer: 'https://idp.example.be', jwksUrl: 'http://idp.example.be/jwks' }]));
  expect(() => loadConfig({ NODE_ENV: 'production', TRUSTED_ISSUERS_FILE: path.join(dir, 'plain.json') })).toThrow(/https in production/);
  await writeFile(path.join(dir, 'broken.json'), '{ not json');
  expect(() => loadConfig({ TRUSTED_ISSUERS_FILE: path.join(dir, 'broken.json') })).toThrow(/cannot be read as JSON/);
});

test('an issuer publishing its keys at a JWKS URL (a local identity provider on loopback)', async () => {
  const signer = await signerFrom('urn:test:remote-idp', await newPrivateJwk('remote-1'));
  const idp = http.createServer((req, res) => {
    res.setHeader('content-type', 'application/json');
    res.end(JSON.stringify(signer.issuer.jwks));
  });
  await new Promise<void>((resolve) => idp.listen(0, '127.0.0.1', resolve));
  try {
    const url = `http://127.0.0.1:${(idp.address() as AddressInfo).port}/.well-known/jwks.json`;
    const verifier = new TokenVerifier([{ issuer: 'urn:test:remote-idp', jwksUrl: url }], 'port-alliance-hub');
    const token = await signer.sign({ subject: 'rui', agency: 'PT-AT', roles: [Role.OFFICER] }, { audience: 'port-alliance-hub' });
    await expect(verifier.verify(token)).resolves.toMatchObject({ agency: 'PT-AT', roles: ['OFFICER'] });
    const forged = await (await signerFrom('urn:test:remote-idp', await newPrivateJwk('remote-1'))).sign({ subject: 'eve', agency: 'PT-AT', roles: [Role.ADMIN] }, { audience: 'port-alliance-hub' });
    await expect(verifier.verify(forged)).rejects.toThrow(AuthenticationError);
  } finally {
    idp.close();
  }
});
