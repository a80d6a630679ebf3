// Identity at the gateway: users' tokens are verified (signature, exp, nbf, issuer, audience) and their agency and
// roles checked against the directory, once, before anything reaches a subgraph.
import { newPrivateJwk, signerFrom } from '../src/auth/dev-issuer.js';
import { Role } from '../src/auth/viewer.js';
import { AgencyKind, type Agency } from '../src/hub/modules/agency/index.js';
import { AuthProbeDocument } from './generated/operations.js';
import { Factories } from './support/factories.js';
import { startTestFederation, type TestFederation } from './support/federation.js';
import { TEST_AUDIENCE } from './support/hub.js';

let fed: TestFederation;
let customs: Agency;
let terminal: Agency;

beforeAll(async () => {
  fed = await startTestFederation();
  const make = new Factories(fed.core.orm);
  await make.port();
  customs = await make.agency({ code: 'BE-AADA', kind: AgencyKind.CUSTOMS });
  terminal = await make.agency({ code: 'DEMO-TERMINAL', kind: AgencyKind.PRIVATE_OPERATOR });
});
afterAll(() => fed.close());

const bearer = (token: string) => ({ authorization: `Bearer ${token}` });

async function expectRefused(headers: Record<string, string>, reason: RegExp): Promise<void> {
  const res = await fetch(fed.gateway.url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify({ query: '{ ports(first: 1) { totalCount } }' }) });
  expect(res.status).toBe(401);
  const body = (await res.json()) as { data?: unknown; errors: { message: string; extensions: { code: string } }[] };
  expect(body.data ?? null).toBeNull();
  expect(body.errors[0]!.extensions.code).toBe('UNAUTHENTICATED');
  expect(body.errors[0]!.message).toMatch(reason);
}

const sign = (claims: { agency: string; roles: Role[] }, options: { audience?: string; expiresIn?: string; notBefore?: string } = {}) =>
  fed.issuer.sign({ subject: 'alice', ...claims }, { audience: options.audience ?? TEST_AUDIENCE, expiresIn: options.expiresIn, notBefore: options.notBefore });

test('no token: an anonymous viewer, served', async () => {
  const res = await fed.anonymous.send(AuthProbeDocument);
  expect(res.status).toBe(200);
  expect(res.data?.ports.totalCount).toBe(1);
});

test('a valid token is served; the agency may be named by code or id', async () => {
  expect((await fed.withToken(await sign({ agency: 'BE-AADA', roles: [Role.ANALYST] })).send(AuthProbeDocument)).data?.ports.totalCount).toBe(1);
  expect((await fed.withToken(await sign({ agency: customs.id, roles: [Role.OFFICER] })).send(AuthProbeDocument)).data?.ports.totalCount).toBe(1);
});

test('malformed header or token', async () => {
  await expectRefused({ authorization: 'Basic YWxpY2U6c2VjcmV0' }, /Bearer/);
  await expectRefused(bearer('not.a.jwt'), /malformed/);
});

test('expired, not yet valid, wrong audience', async () => {
  await expectRefused(bearer(await sign({ agency: 'BE-AADA', roles: [Role.ANALYST] }, { expiresIn: '-2m' })), /expired/);
  await expectRefused(bearer(await sign({ agency: 'BE-AADA', roles: [Role.ANALYST] }, { notBefore: '10m' })), /nbf/);
  await expectRefused(bearer(await sign({ agency: 'BE-AADA', roles: [Role.ANALYST] }, { audience: 'another-service' })), /aud/);
});

test('unknown issuer, and a known issuer name signed with another key', async () => {
  const stranger = await signerFrom('urn:test:stranger', await newPrivateJwk('stranger'));
  await expectRefused(bearer(await stranger.sign({ subject: 'eve', agency: 'BE-AADA', roles: [Role.ADMIN] }, { audience: TEST_AUDIENCE })), /issuer is not trusted/);
  const impostor = await signerFrom('urn:test:issuer', await newPrivateJwk('test-key'));
  await expectRefused(bearer(await impostor.sign({ subject: 'eve', agency: 'BE-AADA', roles: [Role.ADMIN] }, { audience: TEST_AUDIENCE })), /signature/);
});

test('an unsigned token (alg none) is refused', async () => {
  const header = Buffer.from(JSON.stringify({ alg: 'none', typ: 'JWT' })).toString('base64url');
  const payload = Buffer.from(JSON.stringify({ iss: 'urn:test:issuer', aud: TEST_AUDIENCE, sub: 'eve', agency: 'BE-AADA', roles: ['ADMIN'], exp: Math.floor(Date.now() / 1000) + 600 })).toString('base64url');
  await expectRefused(bearer(`${header}.${payload}.`), /signature or format/);
});

test('claims: unknown agency, unknown role, missing roles, a role the agency kind cannot hold', async () => {
  await expectRefused(bearer(await sign({ agency: 'XX-NOBODY', roles: [Role.ANALYST] })), /not a member/);
  await expectRefused(bearer(await sign({ agency: 'BE-AADA', roles: ['SUPERUSER' as Role] })), /unknown role/);
  await expectRefused(bearer(await sign({ agency: 'DEMO-TERMINAL', roles: [Role.OFFICER] })), /PRIVATE_OPERATOR agency cannot hold the role\(s\) OFFICER/);
  await expectRefused(bearer(await sign({ agency: 'BE-AADA', roles: [Role.PARTNER] })), /CUSTOMS agency cannot hold/);
  expect((await fed.withToken(await sign({ agency: terminal.id, roles: [Role.PARTNER] })).send(AuthProbeDocument)).data?.ports.totalCount).toBe(1);
});

test('tokens missing the subject, the agency or the roles are refused', async () => {
  const signed = (payload: Record<string, unknown>, expiresIn?: string) => fed.issuer.signPayload(payload, { audience: TEST_AUDIENCE, expiresIn });
  await expectRefused(bearer(await signed({ agency: 'BE-AADA', roles: ['ANALYST'] })), /"sub"/);
  await expectRefused(bearer(await signed({ sub: 'alice', roles: ['ANALYST'] })), /no agency claim/);
  await expectRefused(bearer(await signed({ sub: 'alice', agency: 'BE-AADA' })), /roles claim/);
  await expectRefused(bearer(await signed({ sub: 'alice', agency: 'BE-AADA', roles: 'ANALYST' })), /roles claim/);
});
