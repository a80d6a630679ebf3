// The reference member-state subgraph over HTTP: only gateway-signed requests, national data on Port and Seizure
// entities, the @sensitivity audiences checked by the subgraph itself, bounded pages, and composition with the core.
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { composeServices } from '@apollo/composition';
import { printSubgraphSchema } from '@apollo/subgraph';
import { buildASTSchema, isObjectType, parse } from 'graphql';
import { importJWK, SignJWT, type JWK } from 'jose';
import { DEV_ISSUER, newPrivateJwk, signerFrom } from '../src/auth/dev-issuer.js';
import { GATEWAY_ISSUER, gatewaySignerFrom, type GatewaySigner } from '../src/auth/gateway-token.js';
import { anonymousViewer, Role, type Viewer } from '../src/auth/viewer.js';
import { containerNumberProblem } from '../src/hub/common/validators.js';
import { buildSubgraph } from '../src/hub/schema.js';
import { DEMO_MEMBER_SUBGRAPH_NAME as NAME, MemberStorage, memberSubgraphSdl, memberSubgraphTypeDefs, startMemberSubgraph, type MemberSubgraph } from '../src/member-subgraph/index.js';
import { silentLogger } from '../src/observability/logger.js';

const officer: Viewer = { subject: 'test|officer', name: 'DEMO Officer', agencyId: 'agency-customs', agencyKind: 'CUSTOMS', roles: new Set([Role.OFFICER]) };
const partner: Viewer = { subject: 'test|partner', name: 'DEMO Partner', agencyId: 'agency-terminal', agencyKind: 'PRIVATE_OPERATOR', roles: new Set([Role.PARTNER]) };
const FOLLOWED_UP = ['seizure-a', 'seizure-b'];
const policeOfficer: Viewer = { subject: 'test|police', name: 'DEMO Police', agencyId: 'agency-police', agencyKind: 'POLICE', roles: new Set([Role.OFFICER]) };
// Alliance alerts the national import mapped to the unit, each with the agency it was addressed to.
const ADDRESSED = [
  { alertId: 'alert-a', agencyId: 'agency-customs', raisedOn: '2026-11-20' },
  { alertId: 'alert-b', agencyId: 'agency-customs', raisedOn: '2026-11-18' },
  { alertId: 'alert-c', agencyId: 'agency-police', raisedOn: '2026-11-19' },
];

type GqlError = { message: string; path?: (string | number)[]; extensions?: { code?: string; field?: string } };
type Reply<T> = { status: number; body: { data?: T; errors?: GqlError[] } };

let gatewayJwk: JWK;
let signer: GatewaySigner;
let subgraph: MemberSubgraph;

async function post<T = Record<string, unknown>>(query: string, variables: object = {}, authorization?: string): Promise<Reply<T>> {
  const res = await fetch(subgraph.url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(authorization ? { authorization } : {}) },
    body: JSON.stringify({ query, variables }),
  });
  return { status: res.status, body: (await res.json()) as Reply<T>['body'] };
}

/** What the gateway does: sign the viewer for this subgraph, then call it. */
async function as<T = Record<string, unknown>>(viewer: Viewer, query: string, variables: object = {}): Promise<Reply<T>> {
  return post<T>(query, variables, `Bearer ${await signer.sign(viewer, NAME)}`);
}

const PORTS = `query($representations: [_Any!]!, $first: Int, $after: String) {
  _entities(representations: $representations) {
    ... on Port {
      unlocode
      nationalTargeting { periodStart periodEnd containersScreened containersFlagged inspections hits hitRate }
      nationalAlerts(first: $first, after: $after) {
        totalCount
        edges { cursor node { reference raisedOn containerNumber riskLevel reason status } }
        pageInfo { hasNextPage hasPreviousPage startCursor endCursor }
      }
    }
  }
}`;
type Alert = { reference: string; raisedOn: string; containerNumber: string; riskLevel: string; reason: string; status: string };
type AlertPage = { totalCount: number; edges: { cursor: string; node: Alert }[]; pageInfo: { hasNextPage: boolean; hasPreviousPage: boolean; startCursor: string | null; endCursor: string | null } };
type NationalPort = { unlocode: string; nationalTargeting: Record<string, unknown> | null; nationalAlerts: AlertPage | null };
type Ports = { _entities: NationalPort[] };
const ports = (...codes: string[]) => codes.map((unlocode) => ({ __typename: 'Port', unlocode }));

const SEIZURES = `query($representations: [_Any!]!) {
  _entities(representations: $representations) { ... on Seizure { id nationalFollowUp { status prosecutorCaseReference notes updatedOn } } }
}`;
type Seizures = { _entities: { id: string; nationalFollowUp: Record<string, unknown> | null }[] };

beforeAll(async () => {
  gatewayJwk = await newPrivateJwk('t');
  signer = await gatewaySignerFrom(gatewayJwk);
  subgraph = await startMemberSubgraph({
    name: NAME, host: '127.0.0.1', port: 0, databaseFile: ':memory:', gatewayKeys: signer.jwks, seedDemoData: true, demoFollowUpSeizureIds: FOLLOWED_UP, demoAlertFollowUps: ADDRESSED,
    bounds: { logger: silentLogger },
  });
});
afterAll(() => subgraph.stop());

describe('only requests through the gateway are served', () => {
  const refusedWith = async (authorization: string | undefined) => {
    for (const query of ['{ _service { sdl } }', PORTS]) {
      const res = await post(query, { representations: ports('BEANR') }, authorization);
      expect(res.status).toBe(401);
      expect(res.body.data).toBeUndefined();
      expect(res.body.errors?.map((e) => e.extensions?.code)).toEqual(['UNAUTHENTICATED']);
    }
  };

  test('no token', () => refusedWith(undefined));

  test("a user's token, even from an issuer the hub trusts, is not the gateway's signature", async () => {
    const user = await signerFrom(DEV_ISSUER, await newPrivateJwk('user'));
    await refusedWith(`Bearer ${await user.sign({ subject: 'u', agency: 'agency-customs', roles: [Role.OFFICER] }, { audience: NAME })}`);
  });

  test('a gateway token for another subgraph', async () => {
    await refusedWith(`Bearer ${await signer.sign(officer, 'another-member-subgraph')}`);
  });

  test('an expired gateway token, and one signed with another key', async () => {
    const expired = await new SignJWT({ agency: 'agency-customs', agencyKind: 'CUSTOMS', roles: ['OFFICER'] })
      .setProtectedHeader({ alg: 'ES256', kid: gatewayJwk.kid }).setIssuer(GATEWAY_ISSUER).setAudience(NAME).setSubject('test|officer')
      .setIssuedAt(Math.floor(Date.now() / 1000) - 600).setExpirationTime(Math.floor(Date.now() / 1000) - 300)
      .sign(await importJWK(gatewayJwk, 'ES256'));
    await refusedWith(`Bearer ${expired}`);
    const forger = await gatewaySignerFrom(await newPrivateJwk('t'));
    await refusedWith(`Bearer ${await forger.sign(officer, NAME)}`);
  });
});

test('the SDL carries the entity keys and the policy marks', async () => {
  const res = await as<{ _service: { sdl: string } }>(anonymousViewer, '{ _service { sdl } }');
  const sdl = res.body.data!._service.sdl;
  expect(sdl).toMatch(/type Port\s+@key\(fields: "unlocode"\)/);
  expect(sdl).toMatch(/type Seizure\s+@key\(fields: "id"\)/);
  expect(sdl).toMatch(/@composeDirective\(name: "@sensitivity"\)/);
  expect(sdl).toMatch(/nationalTargeting: NationalTargetingSummary @sensitivity\(audience: ALLIANCE\)/);
  expect(sdl).toMatch(/\): NationalAlertConnection @sensitivity\(audience: LAW_ENFORCEMENT\)/);
  expect(sdl).toMatch(/nationalFollowUp: NationalFollowUp @sensitivity\(audience: LAW_ENFORCEMENT\)/);
  expect(sdl).toMatch(/type TargetingAlert\s+@key\(fields: "id"\)/);
  expect(sdl).toMatch(/nationalFollowUp: NationalAlertFollowUp @sensitivity\(audience: LAW_ENFORCEMENT\)/);
  const port = /type Port @key[^{]*\{([^}]*)\}/.exec(sdl)?.[1] ?? '';
  expect(port.match(/^\s{2}\w+/gm)?.map((f) => f.trim())).toEqual(['unlocode', 'nationalTargeting', 'nationalAlerts']); // never the core's fields
});

describe('Port entities', () => {
  test('a law-enforcement viewer gets the national targeting summary and the alerts, newest first', async () => {
    const res = await as<Ports>(officer, PORTS, { representations: ports('BEANR') });
    expect(res.body.errors).toBeUndefined();
    const [port] = res.body.data!._entities;
    expect(port!.nationalTargeting).toEqual({
      periodStart: '2025-01-01', periodEnd: '2025-06-30', containersScreened: 1_412_000, containersFlagged: 21_180, inspections: 6_350, hits: 412, hitRate: '0.0649',
    });
    const alerts = port!.nationalAlerts!;
    expect(alerts.totalCount).toBe(45);
    expect(alerts.edges).toHaveLength(20); // the default page
    expect(alerts.pageInfo).toMatchObject({ hasNextPage: true, hasPreviousPage: false });
    const first = alerts.edges[0]!.node;
    expect(first).toMatchObject({ reference: expect.stringMatching(/^DEMO-ALERT-BEANR-\d{4}$/), raisedOn: '2025-06-30', containerNumber: expect.stringMatching(/^DMOU\d{7}$/) });
    expect(first.reason).toMatch(/^DEMO: /);
    // Synthetic, but valid for the core's ContainerNumber scalar (ISO 6346 check digit).
    expect(alerts.edges.map((e) => containerNumberProblem(e.node.containerNumber)).filter(Boolean)).toEqual([]);
  });

  test('a private partner sees the summary (ALLIANCE) but the alerts are null with FORBIDDEN', async () => {
    const res = await as<Ports>(partner, PORTS, { representations: ports('BEANR') });
    expect(res.body.data!._entities[0]).toMatchObject({ unlocode: 'BEANR', nationalTargeting: { hits: 412 }, nationalAlerts: null });
    expect(res.body.errors).toEqual([expect.objectContaining({ path: ['_entities', 0, 'nationalAlerts'], extensions: { code: 'FORBIDDEN' } })]);
  });

  test('an anonymous viewer gets neither, each null with FORBIDDEN', async () => {
    const res = await as<Ports>(anonymousViewer, PORTS, { representations: ports('BEANR') });
    expect(res.body.data!._entities[0]).toEqual({ unlocode: 'BEANR', nationalTargeting: null, nationalAlerts: null });
    expect(res.body.errors?.map((e) => [e.path?.join('.'), e.extensions?.code]).sort()).toEqual([
      ['_entities.0.nationalAlerts', 'FORBIDDEN'],
      ['_entities.0.nationalTargeting', 'FORBIDDEN'],
    ]);
  });

  test('a port the national unit has no data for still resolves, with empty national data', async () => {
    const res = await as<Ports>(officer, PORTS, { representations: ports('MQFDF') });
    expect(res.body.errors).toBeUndefined();
    expect(res.body.data!._entities[0]).toEqual({
      unlocode: 'MQFDF', nationalTargeting: null,
      nationalAlerts: { totalCount: 0, edges: [], pageInfo: { hasNextPage: false, hasPreviousPage: false, startCursor: null, endCursor: null } },
    });
  });

  test('many ports in one request cost one storage read per kind of data', async () => {
    const calls: string[] = [];
    const originals = (['targetingFor', 'alertPages', 'alertCounts'] as const).map((method) => {
      const original = MemberStorage.prototype[method];
      (MemberStorage.prototype[method] as unknown) = function (this: MemberStorage, ...args: unknown[]) {
        calls.push(method);
        return (original as (...a: unknown[]) => unknown).apply(this, args);
      };
      return [method, original] as const;
    });
    try {
      const res = await as<Ports>(officer, PORTS, { representations: ports('BEANR', 'NLRTM', 'FRLEH', 'DEHAM', 'ESALG', 'MQFDF'), first: 3 });
      expect(res.body.data!._entities.map((p) => [p.unlocode, p.nationalAlerts!.totalCount, p.nationalAlerts!.edges.length])).toEqual([
        ['BEANR', 45, 3], ['NLRTM', 38, 3], ['FRLEH', 24, 3], ['DEHAM', 21, 3], ['ESALG', 17, 3], ['MQFDF', 0, 0],
      ]);
      expect(res.body.data!._entities.every((p) => p.nationalAlerts!.edges.every((e) => e.node.reference.startsWith(`DEMO-ALERT-${p.unlocode}-`)))).toBe(true);
      expect(calls.sort()).toEqual(['alertCounts', 'alertPages', 'targetingFor']);
    } finally {
      for (const [method, original] of originals) (MemberStorage.prototype[method] as unknown) = original;
    }
  });
});

describe('alert pages', () => {
  const page = async (first: number | null, after?: string | null) => {
    const res = await as<Ports>(officer, PORTS, { representations: ports('BEANR'), first, after });
    return { alerts: res.body.data?._entities[0]?.nationalAlerts, errors: res.body.errors };
  };

  test('following endCursor walks every alert once, in a stable order', async () => {
    const seen: Alert[] = [];
    let after: string | null = null;
    const sizes: number[] = [];
    for (;;) {
      const { alerts, errors } = await page(20, after);
      expect(errors).toBeUndefined();
      sizes.push(alerts!.edges.length);
      seen.push(...alerts!.edges.map((e) => e.node));
      if (!alerts!.pageInfo.hasNextPage) break;
      after = alerts!.pageInfo.endCursor;
    }
    expect(sizes).toEqual([20, 20, 5]);
    expect(new Set(seen.map((a) => a.reference)).size).toBe(45);
    const sortKeys = seen.map((a) => `${a.raisedOn} ${a.reference}`);
    expect(sortKeys).toEqual([...sortKeys].sort().reverse());
    expect(seen.some((a, i) => i > 0 && seen[i - 1]!.raisedOn === a.raisedOn)).toBe(true); // ties crossed pages fine
  });

  test('first is bounded to 1..100; a foreign cursor is refused', async () => {
    expect((await page(100)).alerts!.edges).toHaveLength(45);
    expect((await page(1)).alerts!.edges).toHaveLength(1);
    for (const first of [0, 101, -5]) {
      const { alerts, errors } = await page(first);
      expect(alerts).toBeNull();
      expect(errors).toEqual([expect.objectContaining({ extensions: { code: 'BAD_USER_INPUT', field: 'first' } })]);
    }
    const { alerts, errors } = await page(5, 'not-a-cursor');
    expect(alerts).toBeNull();
    expect(errors).toEqual([expect.objectContaining({ extensions: { code: 'BAD_USER_INPUT', field: 'after' } })]);
  });
});

describe('Seizure entities', () => {
  test('law enforcement reads the follow-up; a seizure without one is null without error', async () => {
    const res = await as<Seizures>(officer, SEIZURES, { representations: [...FOLLOWED_UP, 'seizure-z'].map((id) => ({ __typename: 'Seizure', id })) });
    expect(res.body.errors).toBeUndefined();
    expect(res.body.data!._entities).toEqual([
      { id: 'seizure-a', nationalFollowUp: { status: 'UNDER_INVESTIGATION', prosecutorCaseReference: null, notes: expect.stringMatching(/^DEMO: /), updatedOn: '2025-06-30' } },
      { id: 'seizure-b', nationalFollowUp: { status: 'REFERRED_TO_PROSECUTOR', prosecutorCaseReference: 'DEMO-PROS-2025-0002', notes: expect.any(String), updatedOn: '2025-06-28' } },
      { id: 'seizure-z', nationalFollowUp: null },
    ]);
  });

  test('a private partner gets null with FORBIDDEN', async () => {
    const res = await as<Seizures>(partner, SEIZURES, { representations: [{ __typename: 'Seizure', id: 'seizure-a' }] });
    expect(res.body.data!._entities).toEqual([{ id: 'seizure-a', nationalFollowUp: null }]);
    expect(res.body.errors).toEqual([expect.objectContaining({ path: ['_entities', 0, 'nationalFollowUp'], extensions: { code: 'FORBIDDEN' } })]);
  });

  test('a representation without a usable key is BAD_USER_INPUT, not an internal error', async () => {
    const res = await as<Seizures>(officer, SEIZURES, { representations: [{ __typename: 'Seizure', id: 42 }] });
    expect(res.body.errors?.map((e) => e.extensions?.code)).toEqual(['BAD_USER_INPUT']);
  });
});

describe('TargetingAlert entities: the national follow-up', () => {
  const ALERTS = `query($representations: [_Any!]!) {
    _entities(representations: $representations) { ... on TargetingAlert { id nationalFollowUp { caseReference status actions inspectionSlot { date startsAt endsAt } remarks updatedOn } } }
  }`;
  type Alerts = { _entities: { id: string; nationalFollowUp: Record<string, unknown> | null }[] };
  const alerts = (...ids: string[]) => ids.map((id) => ({ __typename: 'TargetingAlert', id }));
  const trailOf = (viewer: Viewer) => subgraph.auditTrail({ subject: viewer.subject! }).filter((r) => r.fields.includes('TargetingAlert.nationalFollowUp'));

  test("a member of the addressed agency reads its follow-ups; another agency's and unknown alerts are null without error", async () => {
    const res = await as<Alerts>(officer, ALERTS, { representations: alerts('alert-a', 'alert-b', 'alert-c', 'alert-z') });
    expect(res.body.errors).toBeUndefined();
    expect(res.body.data!._entities).toEqual([
      { id: 'alert-a', nationalFollowUp: {
        caseReference: 'DEMO-CASE-2026-0001', status: 'INSPECTION_SCHEDULED', actions: expect.arrayContaining(['DEMO: scanner slot booked']),
        inspectionSlot: { date: '2026-11-23', startsAt: '08:00', endsAt: '10:00' }, remarks: expect.stringMatching(/^DEMO: /), updatedOn: '2026-11-21',
      } },
      { id: 'alert-b', nationalFollowUp: expect.objectContaining({ caseReference: 'DEMO-CASE-2026-0002', status: 'INSPECTED_NOTHING_FOUND', inspectionSlot: null }) },
      { id: 'alert-c', nationalFollowUp: null },
      { id: 'alert-z', nationalFollowUp: null },
    ]);
    // One trail row per outcome: the follow-ups served, and the one withheld from this agency (a refusal, not a read).
    const rows = trailOf(officer);
    expect(rows.map((r) => [r.outcome, [...r.recordIds].sort()])).toEqual([['ALLOWED', ['alert-a', 'alert-b', 'alert-z']], ['DENIED', ['alert-c']]]);
    const police = await as<Alerts>(policeOfficer, ALERTS, { representations: alerts('alert-a', 'alert-c') });
    expect(police.body.data!._entities).toEqual([{ id: 'alert-a', nationalFollowUp: null }, { id: 'alert-c', nationalFollowUp: expect.objectContaining({ caseReference: 'DEMO-CASE-2026-0003' }) }]);
    expect(police.body.errors).toBeUndefined();
  });

  test('a private partner gets null with FORBIDDEN, recorded as DENIED', async () => {
    const res = await as<Alerts>(partner, ALERTS, { representations: alerts('alert-a') });
    expect(res.body.data!._entities).toEqual([{ id: 'alert-a', nationalFollowUp: null }]);
    expect(res.body.errors).toEqual([expect.objectContaining({ path: ['_entities', 0, 'nationalFollowUp'], extensions: { code: 'FORBIDDEN' } })]);
    expect(trailOf(partner).at(-1)).toMatchObject({ outcome: 'DENIED', recordIds: ['alert-a'] });
  });

  test('many alerts in one request cost one storage read', async () => {
    const original = MemberStorage.prototype.alertFollowUpsFor;
    let calls = 0;
    MemberStorage.prototype.alertFollowUpsFor = function (this: MemberStorage, ids) {
      calls++;
      return original.call(this, ids);
    };
    try {
      const res = await as<Alerts>(officer, ALERTS, { representations: alerts(...Array.from({ length: 50 }, (_, i) => `alert-${i}`), 'alert-a') });
      expect(res.body.data!._entities.filter((a) => a.nationalFollowUp)).toHaveLength(1);
      expect(calls).toBe(1);
    } finally {
      MemberStorage.prototype.alertFollowUpsFor = original;
    }
  });
});

test('the database file survives a restart, and the demo data is not seeded twice', async () => {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'member-subgraph-'));
  const options = { name: NAME, host: '127.0.0.1', port: 0, databaseFile: path.join(dir, 'national.sqlite'), gatewayKeys: signer.jwks, seedDemoData: true, bounds: { logger: silentLogger } };
  try {
    for (let start = 0; start < 2; start++) {
      const member = await startMemberSubgraph(options);
      try {
        const res = await fetch(member.url, {
          method: 'POST',
          headers: { 'content-type': 'application/json', authorization: `Bearer ${await signer.sign(officer, NAME)}` },
          body: JSON.stringify({ query: PORTS, variables: { representations: ports('NLRTM'), first: 1 } }),
        });
        expect(((await res.json()) as { data: Ports }).data._entities[0]!.nationalAlerts!.totalCount).toBe(38);
      } finally {
        await member.stop();
      }
    }
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});

describe('composition with the core subgraph', () => {
  const compose = async (member: string) => composeServices([
    { name: 'hub', url: 'http://hub.invalid/graphql', typeDefs: parse(printSubgraphSchema(await buildSubgraph())) },
    { name: NAME, url: 'http://member.invalid/graphql', typeDefs: parse(member) },
  ]);

  test('composes without errors and the supergraph keeps @sensitivity on the national fields', async () => {
    const result = await compose(memberSubgraphSdl);
    expect(result.errors).toBeUndefined();
    const supergraph = buildASTSchema(parse(result.supergraphSdl!), { assumeValidSDL: true });
    const port = supergraph.getType('Port');
    if (!isObjectType(port)) throw new Error('no Port in the supergraph');
    const directives = (field: string) => port.getFields()[field]?.astNode?.directives?.map((d) => d.name.value);
    expect(directives('nationalAlerts')).toContain('sensitivity');
    expect(directives('nationalTargeting')).toContain('sensitivity');
    expect(directives('name')).not.toContain('sensitivity'); // the core's fields stay the core's
    expect(result.supergraphSdl).toMatch(/nationalAlerts\([\s\S]*?\): NationalAlertConnection @join__field\(graph: DEMO_NATIONAL_PORT_CONTROL\) @sensitivity\(audience: LAW_ENFORCEMENT\)/);
  });

  test('the typeDefs export is the same SDL, and a copy that redefines a core field would be refused', async () => {
    expect(memberSubgraphTypeDefs).toEqual(parse(memberSubgraphSdl));
    const result = await compose(memberSubgraphSdl.replace('unlocode: UnLocode!\n', 'unlocode: UnLocode!\n  name: String!\n'));
    expect(result.errors?.map((e) => e.extensions.code)).toContain('INVALID_FIELD_SHARING');
  });
});
