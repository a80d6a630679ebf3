// Member states' subgraphs through the hub's real gateway, over HTTP: joins, the gateway's sensitivity policy,
// signatures, composition refusals, failures.
import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { Role } from '../src/auth/viewer.js';
import { Tlp } from '../src/hub/common/enums.js';
import { AgencyKind } from '../src/hub/modules/agency/index.js';
import { DEMO_MEMBER_SUBGRAPH_NAME } from '../src/member-subgraph/index.js';
import { FederationCoreOnlyDocument, FederationPortOverviewDocument, FederationSeizureDetailsDocument } from './generated/operations.js';
import { startAdHocSubgraph, type AdHocSubgraph } from './support/ad-hoc-subgraph.js';
import { Factories } from './support/factories.js';
import { startTestFederation, type TestFederation } from './support/federation.js';

let fed: TestFederation;
let seizureId: string;
// Ids fixed in advance: the demo member subgraph follows these alerts up for the Belgian customs (its import).
const BE_CUSTOMS_ID = randomUUID();
const FOLLOWED_UP = { red: randomUUID(), amber: randomUUID() };
/** An alert addressed to the Belgian customs too, that the national unit has no follow-up of. */
let notFollowedUp: string;
const adHoc: AdHocSubgraph[] = [];

beforeAll(async () => {
  const demoAlertFollowUps = Object.values(FOLLOWED_UP).map((alertId) => ({ alertId, agencyId: BE_CUSTOMS_ID, raisedOn: '2026-11-20' }));
  fed = await startTestFederation({ subgraphTimeoutMs: 800, gateway: { healthMs: 300 }, demoAlertFollowUps });
  const make = new Factories(fed.core.orm);
  const antwerp = await make.port({ unlocode: 'BEANR', name: 'Antwerp', country: 'BE' });
  const customs = await make.agency({ id: BE_CUSTOMS_ID, code: 'BE-AADA', kind: AgencyKind.CUSTOMS });
  await make.agency({ code: 'DEMO-TERMINAL', kind: AgencyKind.PRIVATE_OPERATOR });
  seizureId = (await make.seizure({ port: antwerp, originAgency: customs, tlp: Tlp.GREEN, containerNumber: 'CSQU3054383' })).id;
  // Alerts raised by the Dutch customs, addressed to the Belgian customs, discharged at Antwerp.
  const nlCustoms = await make.agency({ code: 'NL-DOUANE', kind: AgencyKind.CUSTOMS, country: 'NL' });
  const loading = await make.port({ unlocode: 'ECGYE', name: 'Guayaquil', country: 'EC' });
  const alert = (tlp: Tlp, id?: string) => make.targetingAlert({ id, originAgency: nlCustoms, tlp, portOfLoading: loading, portOfDischarge: antwerp, addressedAgencies: [customs] });
  await alert(Tlp.RED, FOLLOWED_UP.red);
  await alert(Tlp.AMBER, FOLLOWED_UP.amber);
  notFollowedUp = (await alert(Tlp.AMBER)).id;
});
afterAll(async () => {
  await Promise.all(adHoc.map((s) => s.stop()));
  await fed.close();
});

/** Waits until the gateway's report says `check` (composition runs when the registry file changes). */
type Report = { subgraphs: { name: string; state: string; problems: string[]; inSupergraph: boolean }[] };
async function readyz(check: (report: Report) => boolean): Promise<Report> {
  const url = fed.gateway.url.replace('/graphql', '/readyz');
  for (let i = 0; i < 50; i++) {
    const report = (await (await fetch(url)).json()) as Report;
    if (check(report)) return report;
    await sleep(100);
  }
  throw new Error(`readyz never matched: ${JSON.stringify(await (await fetch(url)).json())}`);
}

test('one query joins core and member-state data', async () => {
  const officer = await fed.as({ agency: 'BE-AADA', roles: [Role.OFFICER] });
  const res = await officer.send(FederationPortOverviewDocument, { unlocode: 'BEANR' });
  expect(res.errors).toBeUndefined();
  expect(res.data?.port).toMatchObject({ unlocode: 'BEANR', name: 'Antwerp', seizures: { totalCount: 1 } });
  expect(res.data?.port.nationalTargeting?.containersScreened).toBeGreaterThan(0);
  expect(res.data?.port.nationalAlerts?.edges).toHaveLength(2);
  expect(res.data?.port.nationalAlerts?.edges[0]?.node.reference).toMatch(/^DEMO-ALERT-/);
});

test("the gateway withholds a member subgraph's LAW_ENFORCEMENT field from a private partner and anonymous viewers", async () => {
  const partner = await fed.as({ agency: 'DEMO-TERMINAL', roles: [Role.PARTNER] });
  const res = await partner.send(FederationPortOverviewDocument, { unlocode: 'BEANR' });
  expect(res.data?.port.nationalAlerts).toBeNull();
  expect(res.data?.port.nationalTargeting?.containersScreened).toBeGreaterThan(0); // ALLIANCE: partners are members
  expect(res.errors).toEqual([expect.objectContaining({ path: ['port', 'nationalAlerts'], extensions: { code: 'FORBIDDEN' } })]);
  const anonymous = await fed.anonymous.send(FederationPortOverviewDocument, { unlocode: 'BEANR' });
  expect(anonymous.data?.port.nationalAlerts).toBeNull();
  expect(anonymous.data?.port.nationalTargeting).toBeNull();
  expect(anonymous.errors?.map((e) => [e.path?.join('.'), e.extensions?.code]).sort()).toEqual([
    ['port.nationalAlerts', 'FORBIDDEN'],
    ['port.nationalTargeting', 'FORBIDDEN'],
  ]);
});

test("the core's own sensitive fields are withheld at the gateway too (defence in depth)", async () => {
  const partner = await fed.as({ agency: 'DEMO-TERMINAL', roles: [Role.PARTNER] });
  const res = await partner.send(FederationSeizureDetailsDocument, { id: seizureId });
  expect(res.data?.seizure).toEqual({ reference: expect.stringMatching(/^DEMO-/), drugType: 'COCAINE', containerNumber: null });
  expect(res.errors).toEqual([expect.objectContaining({ path: ['seizure', 'containerNumber'], extensions: { code: 'FORBIDDEN' } })]);
});

test('a member field is protected even when its own subgraph forgets to check: the subgraph is never asked', async () => {
  const forgetful = await startAdHocSubgraph({
    name: 'forgetful-state',
    sdl: `type Port @key(fields: "unlocode") { unlocode: UnLocode! forgetfulSecret: String @sensitivity(audience: LAW_ENFORCEMENT) }
          scalar UnLocode`,
    resolvers: { Port: { __resolveReference: (ref: { unlocode: string }) => ({ ...ref, forgetfulSecret: 'secret' }) } },
    gatewayKeys: fed.core.gatewaySigner.jwks,
  });
  adHoc.push(forgetful);
  await fed.writeRegistry([{ name: DEMO_MEMBER_SUBGRAPH_NAME, url: fed.member.url }, { name: 'forgetful-state', url: forgetful.url }]);
  await readyz((r) => r.subgraphs.some((s) => s.name === 'forgetful-state' && s.state === 'serving'));
  const partner = await fed.as({ agency: 'DEMO-TERMINAL', roles: [Role.PARTNER] });
  const res = await partner.send('query { port(unlocode: "BEANR") { name forgetfulSecret } }');
  expect(res.data).toEqual({ port: { name: 'Antwerp', forgetfulSecret: null } });
  expect(res.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  expect(forgetful.executed).toBe(0);
  const officer = await fed.as({ agency: 'BE-AADA', roles: [Role.OFFICER] });
  expect((await officer.send('query { port(unlocode: "BEANR") { forgetfulSecret } }')).data).toEqual({ port: { forgetfulSecret: 'secret' } });
  expect(forgetful.executed).toBe(1);
});

// Issue 14 point 5: the member subgraph extends the core's TargetingAlert (by id) with its national follow-up; a port's
// nation reads it through the core's Port.targetingAlerts, so the core decides which alerts the viewer sees.
describe("the member subgraph's national follow-up of targeting alerts, through the gateway", () => {
  const PORT_ALERTS = `query FederationAlertFollowUps {
    port(unlocode: "BEANR") { targetingAlerts(filter: { addressedToMe: true }, first: 10) { edges { node {
      id tlp nationalFollowUp { caseReference status actions inspectionSlot { date startsAt endsAt } remarks updatedOn }
    } } } }
  }`;
  const ONE_ALERT = 'query FederationAlertFollowUp($id: ID!) { targetingAlert(id: $id) { id nationalFollowUp { caseReference status } } }';
  type Node = { id: string; tlp: string; nationalFollowUp: { caseReference: string; status: string; actions: string[]; remarks: string | null } | null };
  type PortAlerts = { port: { targetingAlerts: { edges: { node: Node }[] } } };
  const nationalReads = (subject: string) => fed.member.auditTrail({ subject: `urn:test:issuer#${subject}` }).filter((r) => r.fields.includes('TargetingAlert.nationalFollowUp'));

  test('an officer of the addressed agency sees the alerts addressed to it with their national follow-up, and the national trail has the read', async () => {
    const officer = await fed.as({ agency: 'BE-AADA', roles: [Role.OFFICER], subject: 'be-officer-follow-up' });
    const res = await officer.send<PortAlerts, Record<string, never>>(PORT_ALERTS);
    expect(res.errors).toBeUndefined();
    const byId = new Map(res.data!.port.targetingAlerts.edges.map((e) => [e.node.id, e.node]));
    expect([...byId.keys()].sort()).toEqual([FOLLOWED_UP.red, FOLLOWED_UP.amber, notFollowedUp].sort());
    for (const id of Object.values(FOLLOWED_UP)) {
      expect(byId.get(id)?.nationalFollowUp).toMatchObject({ caseReference: expect.stringMatching(/^DEMO-CASE-2026-/), actions: expect.arrayContaining([expect.stringMatching(/^DEMO: /)]) });
    }
    expect(byId.get(FOLLOWED_UP.red)?.tlp).toBe('RED');
    expect(byId.get(notFollowedUp)?.nationalFollowUp).toBeNull();
    const one = await officer.send<{ targetingAlert: { nationalFollowUp: { caseReference: string } | null } }, { id: string }>(ONE_ALERT, { id: FOLLOWED_UP.red });
    expect(one.data?.targetingAlert.nationalFollowUp?.caseReference).toBe(byId.get(FOLLOWED_UP.red)?.nationalFollowUp?.caseReference);
    // Each read is in the national trail, ALLOWED, naming the alerts it was read on.
    const reads = nationalReads('be-officer-follow-up');
    expect(reads.every((r) => r.outcome === 'ALLOWED' && r.via === 'gateway-signature')).toBe(true);
    expect(reads.flatMap((r) => r.recordIds)).toEqual(expect.arrayContaining([FOLLOWED_UP.red, FOLLOWED_UP.amber, notFollowedUp]));
  });

  test('an officer of another agency sees the same alerts without the follow-up (as if there were none); the national trail records the refusal', async () => {
    // The raising agency sees both alerts in the core, but the national unit follows them up for the Belgian customs only.
    const other = await fed.as({ agency: 'NL-DOUANE', roles: [Role.OFFICER], subject: 'nl-officer-follow-up' });
    for (const id of [FOLLOWED_UP.red, FOLLOWED_UP.amber, notFollowedUp]) {
      const res = await other.send<{ targetingAlert: { id: string; nationalFollowUp: unknown } }, { id: string }>(ONE_ALERT, { id });
      expect(res).toMatchObject({ status: 200, data: { targetingAlert: { id, nationalFollowUp: null } } });
      expect(res.errors).toBeUndefined();
    }
    const reads = nationalReads('nl-officer-follow-up');
    expect(reads.filter((r) => r.outcome === 'DENIED').flatMap((r) => r.recordIds).sort()).toEqual(Object.values(FOLLOWED_UP).sort());
    // The alert without a follow-up: an ordinary read of nothing.
    expect(reads.filter((r) => r.outcome === 'ALLOWED').flatMap((r) => r.recordIds)).toEqual([notFollowedUp]);
  });

  test('a private partner gets no alert and no follow-up', async () => {
    const partner = await fed.as({ agency: 'DEMO-TERMINAL', roles: [Role.PARTNER], subject: 'partner-follow-up' });
    const res = await partner.send<{ targetingAlert: unknown }, { id: string }>(ONE_ALERT, { id: FOLLOWED_UP.amber });
    expect(res.data?.targetingAlert ?? null).toBeNull();
    expect(JSON.stringify(res)).not.toContain('DEMO-CASE');
  });
});

test('subgraphs refuse requests that do not come through the gateway', async () => {
  for (const url of [fed.core.url, fed.member.url]) {
    const direct = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query: '{ _service { sdl } }' }) });
    expect(direct.status).toBe(401);
    const body = (await direct.json()) as { data?: unknown; errors: { extensions: { code: string } }[] };
    expect(body.data ?? null).toBeNull();
    expect(body.errors[0]!.extensions.code).toBe('UNAUTHENTICATED');
  }
  // A user's token is not a gateway signature either.
  const userToken = await fed.issuer.sign({ subject: 'eve', agency: 'BE-AADA', roles: [Role.ADMIN] }, { audience: 'core' });
  const withUserToken = await fetch(fed.core.url, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${userToken}` }, body: JSON.stringify({ query: '{ ports(first: 1) { totalCount } }' }) });
  expect(withUserToken.status).toBe(401);
});

test('a subgraph that breaks composition is refused with a readable report; the last good supergraph keeps serving', async () => {
  const usurper = await startAdHocSubgraph({
    name: 'usurper-state',
    sdl: `type Port @key(fields: "unlocode") { unlocode: UnLocode! name: String! }
          scalar UnLocode`,
    resolvers: { Port: { __resolveReference: (ref: { unlocode: string }) => ({ ...ref, name: 'Hijacked' }) } },
    gatewayKeys: fed.core.gatewaySigner.jwks,
  });
  adHoc.push(usurper);
  await fed.writeRegistry([{ name: DEMO_MEMBER_SUBGRAPH_NAME, url: fed.member.url }, { name: 'usurper-state', url: usurper.url }]);
  const report = await readyz((r) => r.subgraphs.some((s) => s.name === 'usurper-state' && s.state === 'refused'));
  const refused = report.subgraphs.find((s) => s.name === 'usurper-state')!;
  expect(refused.inSupergraph).toBe(false);
  expect(refused.problems.join('\n')).toMatch(/INVALID_FIELD_SHARING.*Port\.name/s);
  const officer = await fed.as({ agency: 'BE-AADA', roles: [Role.OFFICER] });
  const res = await officer.send(FederationPortOverviewDocument, { unlocode: 'BEANR' });
  expect(res.errors).toBeUndefined();
  expect(res.data?.port.name).toBe('Antwerp');
  expect(res.data?.port.nationalAlerts?.edges).toHaveLength(2);
});

test('a slow subgraph times out: the rest of the answer comes, with an error naming it', async () => {
  const slow = await startAdHocSubgraph({
    name: 'slow-state',
    sdl: `type Port @key(fields: "unlocode") { unlocode: UnLocode! slowNote: String }
          scalar UnLocode`,
    resolvers: { Port: { __resolveReference: (ref: { unlocode: string }) => ({ ...ref, slowNote: 'late' }) } },
    gatewayKeys: fed.core.gatewaySigner.jwks,
    delayMs: 2000,
  });
  adHoc.push(slow);
  await fed.writeRegistry([{ name: DEMO_MEMBER_SUBGRAPH_NAME, url: fed.member.url }, { name: 'slow-state', url: slow.url }]);
  await readyz((r) => r.subgraphs.some((s) => s.name === 'slow-state' && s.state === 'serving'));
  const officer = await fed.as({ agency: 'BE-AADA', roles: [Role.OFFICER] });
  const started = Date.now();
  const res = await officer.send('query { port(unlocode: "BEANR") { name slowNote } }');
  expect(Date.now() - started).toBeLessThan(1900);
  expect(res.data).toEqual({ port: { name: 'Antwerp', slowNote: null } });
  expect(res.errors?.[0]?.message).toMatch(/slow-state/);
  // Queries that do not touch it are unaffected.
  expect((await officer.send(FederationCoreOnlyDocument, { unlocode: 'BEANR' })).errors).toBeUndefined();
});

test('a conflicting newcomer listed before a serving subgraph is refused; the serving one keeps serving', async () => {
  const serving = await startAdHocSubgraph({
    name: 'serving-state',
    sdl: `type Port @key(fields: "unlocode") { unlocode: UnLocode! harbourMaster: String }
          scalar UnLocode`,
    resolvers: { Port: { __resolveReference: (ref: { unlocode: string }) => ({ ...ref, harbourMaster: 'Jansen' }) } },
    gatewayKeys: fed.core.gatewaySigner.jwks,
  });
  const newcomer = await startAdHocSubgraph({
    name: 'newcomer-state',
    sdl: `type Port @key(fields: "unlocode") { unlocode: UnLocode! harbourMaster: Int }
          scalar UnLocode`,
    resolvers: { Port: { __resolveReference: (ref: { unlocode: string }) => ({ ...ref, harbourMaster: 7 }) } },
    gatewayKeys: fed.core.gatewaySigner.jwks,
  });
  adHoc.push(serving, newcomer);
  await fed.writeRegistry([{ name: DEMO_MEMBER_SUBGRAPH_NAME, url: fed.member.url }, { name: 'serving-state', url: serving.url }]);
  await readyz((r) => r.subgraphs.some((s) => s.name === 'serving-state' && s.state === 'serving'));
  await fed.writeRegistry([
    { name: 'newcomer-state', url: newcomer.url },
    { name: DEMO_MEMBER_SUBGRAPH_NAME, url: fed.member.url },
    { name: 'serving-state', url: serving.url },
  ]);
  const report = await readyz((r) => r.subgraphs.some((s) => s.name === 'newcomer-state' && s.state === 'refused'));
  expect(report.subgraphs.find((s) => s.name === 'serving-state')).toMatchObject({ state: 'serving', inSupergraph: true });
  const refused = report.subgraphs.find((s) => s.name === 'newcomer-state')!;
  expect(refused.inSupergraph).toBe(false);
  expect(refused.problems.join('\n')).toMatch(/does not compose with the subgraphs already served \(core, .*serving-state\)/);
  expect(refused.problems.join('\n')).toMatch(/Port\.harbourMaster/);
  const officer = await fed.as({ agency: 'BE-AADA', roles: [Role.OFFICER] });
  const res = await officer.send('query { port(unlocode: "BEANR") { harbourMaster } }');
  expect(res.errors).toBeUndefined();
  expect(res.data).toEqual({ port: { harbourMaster: 'Jansen' } });
});

test('a subgraph that answers without any credential is refused, unless the registry lists it "public"', async () => {
  const open = await startAdHocSubgraph({
    name: 'open-state',
    sdl: `type Port @key(fields: "unlocode") { unlocode: UnLocode! openNote: String }
          scalar UnLocode`,
    resolvers: { Port: { __resolveReference: (ref: { unlocode: string }) => ({ ...ref, openNote: 'open' }) } },
    gatewayKeys: fed.core.gatewaySigner.jwks,
    open: true,
  });
  adHoc.push(open);
  await fed.writeRegistry([{ name: DEMO_MEMBER_SUBGRAPH_NAME, url: fed.member.url }, { name: 'open-state', url: open.url }]);
  const report = await readyz((r) => r.subgraphs.some((s) => s.name === 'open-state' && s.state === 'refused'));
  const refused = report.subgraphs.find((s) => s.name === 'open-state')!;
  expect(refused.inSupergraph).toBe(false);
  expect(refused.problems).toEqual([expect.stringMatching(/^answers requests without any credential: .*HTTP 200/)]);
  await fed.writeRegistry([{ name: DEMO_MEMBER_SUBGRAPH_NAME, url: fed.member.url }, { name: 'open-state', url: open.url, public: true }]);
  await readyz((r) => r.subgraphs.some((s) => s.name === 'open-state' && s.state === 'serving'));
});

test('a member subgraph that is down: partial data and an error naming it; /readyz says so', async () => {
  await fed.writeRegistry([{ name: DEMO_MEMBER_SUBGRAPH_NAME, url: fed.member.url }]);
  await readyz((r) => r.subgraphs.length === 2);
  await fed.member.stop();
  const officer = await fed.as({ agency: 'BE-AADA', roles: [Role.OFFICER] });
  const res = await officer.send(FederationPortOverviewDocument, { unlocode: 'BEANR' });
  expect(res.data?.port).toMatchObject({ unlocode: 'BEANR', name: 'Antwerp', seizures: { totalCount: 1 }, nationalTargeting: null, nationalAlerts: null });
  expect(res.errors?.length).toBeGreaterThan(0);
  expect(res.errors!.every((e) => e.message.includes(DEMO_MEMBER_SUBGRAPH_NAME))).toBe(true);
  expect((await officer.send(FederationCoreOnlyDocument, { unlocode: 'BEANR' })).errors).toBeUndefined();
  // The health check notices within a few of its periods, with the cause, without waiting for the next poll.
  const port = new URL(fed.member.url).port;
  const report = await readyz((r) => r.subgraphs.some((s) => s.name === DEMO_MEMBER_SUBGRAPH_NAME && s.state === 'unreachable'));
  expect(report.subgraphs.find((s) => s.name === DEMO_MEMBER_SUBGRAPH_NAME)?.problems).toEqual([`ECONNREFUSED 127.0.0.1:${port}`]);
  expect(report.subgraphs.find((s) => s.name === 'core')?.state).toBe('serving');
  // A recomposition says the same.
  await fed.gateway.composer.refresh();
  const after = await readyz((r) => r.subgraphs.some((s) => s.name === DEMO_MEMBER_SUBGRAPH_NAME && s.state === 'unreachable'));
  expect(after.subgraphs.find((s) => s.name === DEMO_MEMBER_SUBGRAPH_NAME)?.problems).toEqual([`ECONNREFUSED 127.0.0.1:${port}`]);
});
