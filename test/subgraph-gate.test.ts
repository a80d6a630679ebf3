// Subgraphs safe behind any router (issue 11): the core and the member subgraph identify the viewer themselves.
// Called directly, as another router would call them: the hub gateway's signature, or the user's own token from a
// trusted issuer (plus `router-authorization` when ROUTER_SECRET is set); anything else gets 401 and no data.
import { randomUUID } from 'node:crypto';
import { newPrivateJwk, signerFrom } from '../src/auth/dev-issuer.js';
import { TokenVerifier } from '../src/auth/tokens.js';
import { anonymousViewer, Role } from '../src/auth/viewer.js';
import { Tlp } from '../src/hub/common/enums.js';
import { AgencyKind } from '../src/hub/modules/agency/index.js';
import { DEMO_MEMBER_SUBGRAPH_NAME, MemberStorage, startMemberSubgraph } from '../src/member-subgraph/index.js';
import { silentLogger } from '../src/observability/logger.js';
import { Factories } from './support/factories.js';
import { startTestFederation, type TestFederation } from './support/federation.js';
import { startTestHub, TEST_AUDIENCE, TEST_ISSUER, type TestHub } from './support/hub.js';
import { freePort } from './support/ports.js';

const SECRET = `router-secret-${randomUUID()}`;
const SEIZURE_ID = randomUUID();
const SEIZURE = `query GateSeizure($id: ID!) { seizure(id: $id) { reference containerNumber } }`;
const ALERTS = `query GateAlerts($r: [_Any!]!) { _entities(representations: $r) { ... on Port { nationalTargeting { hits } nationalAlerts(first: 1) { totalCount } } } }`;
const PORT_REPRESENTATION = { r: [{ __typename: 'Port', unlocode: 'BEANR' }] };

type Answer = { status: number; data?: Record<string, unknown> | null; errors?: { message: string; extensions?: Record<string, unknown> }[] };

async function post(url: string, query: string, variables: Record<string, unknown>, headers: Record<string, string>): Promise<Answer> {
  const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify({ query, variables }) });
  return { status: res.status, ...((await res.json()) as Omit<Answer, 'status'>) };
}

let fed: TestFederation;
const token = (agency: string, roles: Role[], subject = 'gate-tester') => fed.issuer.sign({ subject, agency, roles }, { audience: TEST_AUDIENCE });
const bearer = async (agency: string, roles: Role[], subject?: string) => ({ authorization: `Bearer ${await token(agency, roles, subject)}` });
const secret = { 'router-authorization': SECRET };

beforeAll(async () => {
  fed = await startTestFederation({ routerSecret: SECRET, demoFollowUpSeizureIds: [SEIZURE_ID] });
  const make = new Factories(fed.core.orm);
  const antwerp = await make.port({ unlocode: 'BEANR', name: 'Antwerp' });
  const beCustoms = await make.agency({ code: 'BE-CUS', kind: AgencyKind.CUSTOMS, country: 'BE' });
  await make.agency({ code: 'DEMO-OPERATOR', kind: AgencyKind.PRIVATE_OPERATOR });
  await make.seizure({ id: SEIZURE_ID, reference: 'DEMO-GATE-1', port: antwerp, originAgency: beCustoms, tlp: Tlp.AMBER, containerNumber: 'CSQU3054383' });
});
afterAll(() => fed.close());

describe('the core, with ROUTER_SECRET set', () => {
  test('a user token with the router secret: the viewer is the token\'s, the policy the core\'s', async () => {
    const officer = await post(fed.core.url, SEIZURE, { id: SEIZURE_ID }, { ...(await bearer('BE-CUS', [Role.OFFICER])), ...secret });
    expect(officer).toMatchObject({ status: 200, data: { seizure: { reference: 'DEMO-GATE-1', containerNumber: 'CSQU3054383' } } });
    // A partner does not see the AMBER seizure at all: the core's row filter, not the router's.
    const partner = await post(fed.core.url, SEIZURE, { id: SEIZURE_ID }, { ...(await bearer('DEMO-OPERATOR', [Role.PARTNER])), ...secret });
    expect(partner.data?.seizure ?? null).toBeNull();
  });

  test('no credential but the router secret: the anonymous viewer (public data only)', async () => {
    const ports = await post(fed.core.url, '{ port(unlocode: "BEANR") { name } }', {}, secret);
    expect(ports).toMatchObject({ status: 200, data: { port: { name: 'Antwerp' } } });
    const hidden = await post(fed.core.url, SEIZURE, { id: SEIZURE_ID }, secret);
    expect(hidden.data?.seizure ?? null).toBeNull();
  });

  test.each([
    ['a user token without the router secret', async () => ({ ...(await bearer('BE-CUS', [Role.OFFICER])) })],
    ['a user token with a wrong router secret', async () => ({ ...(await bearer('BE-CUS', [Role.OFFICER])), 'router-authorization': `${SECRET}x` })],
    ['nothing at all', async () => ({})],
    ['the router secret and a token of an unknown issuer', async () => {
      const stranger = await signerFrom(TEST_ISSUER, await newPrivateJwk('stranger'));
      return { authorization: `Bearer ${await stranger.sign({ subject: 'x', agency: 'BE-CUS', roles: [Role.OFFICER] }, { audience: TEST_AUDIENCE })}`, ...secret };
    }],
    ['the router secret and a token naming no member agency', async () => ({ ...(await bearer('XX-NOBODY', [Role.ANALYST])), ...secret })],
    ['the router secret and a partner claiming OFFICER', async () => ({ ...(await bearer('DEMO-OPERATOR', [Role.OFFICER])), ...secret })],
  ])('refused, 401 and no data: %s', async (_case, headers) => {
    const res = await post(fed.core.url, SEIZURE, { id: SEIZURE_ID }, await headers());
    expect(res.status).toBe(401);
    expect(res.data ?? null).toBeNull();
    expect(res.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    expect(JSON.stringify(res)).not.toContain('CSQU3054383');
  });

  test('the hub gateway\'s signature needs no router secret: it is a router of the alliance', async () => {
    const signed = await fed.core.gatewaySigner.sign(anonymousViewer, 'core');
    const res = await post(fed.core.url, '{ port(unlocode: "BEANR") { name } }', {}, { authorization: `Bearer ${signed}` });
    expect(res).toMatchObject({ status: 200, data: { port: { name: 'Antwerp' } } });
  });
});

describe('the member subgraph, with ROUTER_SECRET set', () => {
  test('a law-enforcement user\'s own token reads national alerts; the agency\'s kind comes from the alliance graph', async () => {
    const res = await post(fed.member.url, ALERTS, PORT_REPRESENTATION, { ...(await bearer('BE-CUS', [Role.OFFICER], 'gate-officer')), ...secret });
    expect(res.errors).toBeUndefined();
    expect((res.data?._entities as { nationalAlerts: { totalCount: number } }[])[0]!.nationalAlerts.totalCount).toBeGreaterThan(0);
    // The national trail has the read, and what vouched for it.
    const rows = fed.member.auditTrail({ subject: `${TEST_ISSUER}#gate-officer` });
    expect(rows).toEqual([expect.objectContaining({ outcome: 'ALLOWED', fields: ['Port.nationalAlerts'], via: 'router-secret', operationName: 'GateAlerts' })]);
  });

  test('a partner gets national targeting (ALLIANCE) but not alerts (LAW_ENFORCEMENT), and the refusal is in the trail', async () => {
    const res = await post(fed.member.url, ALERTS, PORT_REPRESENTATION, { ...(await bearer('DEMO-OPERATOR', [Role.PARTNER], 'gate-partner')), ...secret });
    const port = (res.data?._entities as ({ nationalTargeting: unknown; nationalAlerts: unknown } | null)[])[0];
    expect(port?.nationalTargeting).not.toBeNull();
    expect(port?.nationalAlerts).toBeNull();
    expect(res.errors).toEqual([expect.objectContaining({ message: 'Not allowed to read Port.nationalAlerts', extensions: { code: 'FORBIDDEN' } })]);
    expect(fed.member.auditTrail({ subject: `${TEST_ISSUER}#gate-partner` })).toEqual([expect.objectContaining({ outcome: 'DENIED', fields: ['Port.nationalAlerts'] })]);
  });

  test('a user token without the router secret is refused, 401 and no data', async () => {
    const res = await post(fed.member.url, ALERTS, PORT_REPRESENTATION, await bearer('BE-CUS', [Role.OFFICER]));
    expect(res.status).toBe(401);
    expect(res.data ?? null).toBeNull();
  });

  test('when the alliance graph cannot be asked about an agency, 503 SUBGRAPH_UNAVAILABLE and no data', async () => {
    const closed = await freePort();
    const isolated = await startMemberSubgraph({
      name: DEMO_MEMBER_SUBGRAPH_NAME, host: '127.0.0.1', port: 0, databaseFile: ':memory:', gatewayKeys: fed.core.gatewaySigner.jwks, seedDemoData: true,
      bounds: { logger: silentLogger }, routerSecret: SECRET,
      users: { issuers: [fed.issuer.issuer], audience: TEST_AUDIENCE, allianceGraphqlUrl: `http://127.0.0.1:${closed}/graphql` },
    });
    try {
      const res = await post(isolated.url, ALERTS, PORT_REPRESENTATION, { ...(await bearer('BE-CUS', [Role.OFFICER])), ...secret });
      expect(res.status).toBe(503);
      expect(res.errors?.[0]?.extensions?.code).toBe('SUBGRAPH_UNAVAILABLE');
      expect(res.data ?? null).toBeNull();
    } finally {
      await isolated.stop();
    }
  });
});

describe('without ROUTER_SECRET', () => {
  let core: TestHub;
  let issuer: Awaited<ReturnType<typeof signerFrom>>;
  beforeAll(async () => {
    issuer = await signerFrom('urn:test:other-issuer', await newPrivateJwk('other-idp'));
    core = await startTestHub({ userTokens: new TokenVerifier([issuer.issuer], TEST_AUDIENCE) });
    await new Factories(core.orm).agency({ code: 'NL-POL', kind: AgencyKind.POLICE, country: 'NL' });
  });
  afterAll(() => core.close());

  test('a user token alone is accepted (the router forwards it); a request with no credential is refused', async () => {
    const user = { authorization: `Bearer ${await issuer.sign({ subject: 'u', agency: 'NL-POL', roles: [Role.ANALYST] }, { audience: TEST_AUDIENCE })}` };
    expect(await post(core.url, '{ agency(code: "NL-POL") { kind } }', {}, user)).toMatchObject({ status: 200, data: { agency: { kind: 'POLICE' } } });
    const bare = await post(core.url, '{ agency(code: "NL-POL") { kind } }', {}, {});
    expect(bare.status).toBe(401);
    expect(bare.data ?? null).toBeNull();
  });
});

test('the national audit trail is append-only', () => {
  const storage = new MemberStorage(':memory:');
  try {
    storage.appendAudit(anonymousViewer, [{ kind: 'READ', recordIds: [], fields: ['Port.nationalAlerts'], outcome: 'DENIED', detail: 'FORBIDDEN' }], 'Op', 'router-secret');
    const db = (storage as unknown as { db: { exec(sql: string): void } }).db;
    expect(() => db.exec(`UPDATE audit_event SET outcome = 'ALLOWED'`)).toThrow(/append-only/);
    expect(() => db.exec('DELETE FROM audit_event')).toThrow(/append-only/);
    expect(storage.auditTrail()).toHaveLength(1);
  } finally {
    storage.close();
  }
});
