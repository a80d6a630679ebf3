import { Role } from '../src/auth/viewer.js';
import { AgencyKind, type Agency } from '../src/hub/modules/agency/index.js';
import type { Port } from '../src/hub/modules/port/index.js';
import { Expertise } from '../src/hub/modules/referent/index.js';
import { Factories } from './support/factories.js';
import { startTestHub, type Client, type TestHub } from './support/hub.js';

let hub: TestHub;
let make: Factories;
let antwerp: Port, rotterdam: Port, leHavre: Port;
let beCustoms: Agency, nlCustoms: Agency, frCustoms: Agency;

// Synthetic people (DEMO): names chosen so that every filter picks a different subset.
beforeAll(async () => {
  hub = await startTestHub();
  make = new Factories(hub.orm);
  antwerp = await make.port({ unlocode: 'BEANR', name: 'Antwerp', country: 'BE' });
  rotterdam = await make.port({ unlocode: 'NLRTM', name: 'Rotterdam', country: 'NL' });
  leHavre = await make.port({ unlocode: 'FRLEH', name: 'Le Havre', country: 'FR' });
  beCustoms = await make.agency({ code: 'BE-AAD', name: 'Belgian Customs', kind: AgencyKind.CUSTOMS, country: 'BE' });
  nlCustoms = await make.agency({ code: 'NL-DOUANE', name: 'Dutch Customs', kind: AgencyKind.CUSTOMS, country: 'NL' });
  frCustoms = await make.agency({ code: 'FR-DGDDI', name: 'French Customs', kind: AgencyKind.CUSTOMS, country: 'FR' });
  await make.referent({ fullName: 'Demo Anna Peeters', agency: beCustoms, ports: [antwerp], expertise: [Expertise.CONTAINER_TARGETING, Expertise.SCANNING], languages: ['nl', 'en'] });
  await make.referent({ fullName: 'Demo Bram de Vries', agency: nlCustoms, ports: [rotterdam, antwerp], expertise: [Expertise.RISK_ANALYSIS], languages: ['nl'] });
  await make.referent({ fullName: 'Demo Claire Martin', agency: frCustoms, ports: [leHavre], expertise: [Expertise.DOCUMENT_CONTROL, Expertise.SCANNING], languages: ['fr', 'en'] });
});
afterAll(() => hub.close());

type Page = { totalCount: number; pageInfo: { hasNextPage: boolean; endCursor: string | null }; edges: { node: { fullName: string } }[] };
const LIST = `query($filter: ReferentFilter, $first: Int, $after: String) {
  referents(filter: $filter, first: $first, after: $after) { totalCount pageInfo { hasNextPage endCursor } edges { node { fullName } } }
}`;
const list = (variables: { filter?: object; first?: number; after?: string | null }, client: Client = hub) =>
  client.query<{ referents: Page }, typeof variables>(LIST, variables).then((d) => d.referents);
const names = (page: Page) => page.edges.map((e) => e.node.fullName);
const errorOf = (res: { errors?: readonly { extensions?: Record<string, unknown> }[] }) => res.errors?.[0]?.extensions ?? {};

describe('reading referents', () => {
  test('lists referents by full name, each with its agency and ports', async () => {
    const data = await hub.query<{ referents: { totalCount: number; edges: { node: { fullName: string; agency: { code: string }; ports: { totalCount: number; edges: { node: { unlocode: string } }[] } } }[] } }, Record<string, never>>(
      '{ referents { totalCount edges { node { fullName agency { code } ports { totalCount edges { node { unlocode } } } } } } }',
    );
    expect(data.referents.totalCount).toBe(3);
    expect(data.referents.edges.map((e) => [e.node.fullName, e.node.agency.code, e.node.ports.edges.map((p) => p.node.unlocode)])).toEqual([
      ['Demo Anna Peeters', 'BE-AAD', ['BEANR']],
      ['Demo Bram de Vries', 'NL-DOUANE', ['BEANR', 'NLRTM']],
      ['Demo Claire Martin', 'FR-DGDDI', ['FRLEH']],
    ]);
  });

  test.each([
    ['ports (any of)', { ports: ['beanr', 'FRLEH'] }, ['Demo Anna Peeters', 'Demo Bram de Vries', 'Demo Claire Martin']],
    ['ports (one)', { ports: ['NLRTM'] }, ['Demo Bram de Vries']],
    ["country of the referent's agency", { country: 'nl' }, ['Demo Bram de Vries']],
    ['agency ids', () => ({ agencyIds: [beCustoms.id, frCustoms.id] }), ['Demo Anna Peeters', 'Demo Claire Martin']],
    ['expertise (any of)', { expertise: ['SCANNING', 'RISK_ANALYSIS'] }, ['Demo Anna Peeters', 'Demo Bram de Vries', 'Demo Claire Martin']],
    ['expertise (one)', { expertise: ['DOCUMENT_CONTROL'] }, ['Demo Claire Martin']],
    ['languages (any of)', { languages: ['fr'] }, ['Demo Claire Martin']],
    ['languages (overlap)', { languages: ['en', 'de'] }, ['Demo Anna Peeters', 'Demo Claire Martin']],
    ['search, case-insensitive', { search: 'DE VRIES' }, ['Demo Bram de Vries']],
    ['search with LIKE wildcards taken literally', { search: 'n_' }, []],
    ['several filters at once', { languages: ['en'], expertise: ['SCANNING'], country: 'BE' }, ['Demo Anna Peeters']],
  ])('filters by %s', async (_label, filter: object, expected) => {
    const page = await list({ filter: typeof filter === 'function' ? filter() : filter });
    expect(names(page)).toEqual(expected);
    expect(page.totalCount).toBe(expected.length);
  });

  test('pages forward with first/after; first above 100 and a forged cursor are refused', async () => {
    const first = await list({ first: 2 });
    expect(names(first)).toEqual(['Demo Anna Peeters', 'Demo Bram de Vries']);
    expect(first.pageInfo.hasNextPage).toBe(true);
    expect(first.totalCount).toBe(3);
    const second = await list({ first: 2, after: first.pageInfo.endCursor });
    expect(names(second)).toEqual(['Demo Claire Martin']);
    expect(second.pageInfo.hasNextPage).toBe(false);

    const tooMany = await hub.send(LIST, { first: 101 });
    expect(errorOf(tooMany)).toMatchObject({ code: 'BAD_USER_INPUT', field: 'first' });
    const forged = await hub.send(LIST, { after: 'bm90LWEtY3Vyc29y' });
    expect(errorOf(forged)).toMatchObject({ code: 'BAD_USER_INPUT', field: 'after' });
  });

  test.each([
    [{ search: 'a' }, 'filter.search'],
    [{ languages: ['english'] }, 'filter.languages'],
    [{ country: 'XX' }, 'filter.country'],
    [{ ports: ['NOTAPORT'] }, 'filter.ports'],
    [{ agencyIds: ['not-a-uuid'] }, 'filter.agencyIds'],
  ])('refuses the bad filter %j naming %s', async (filter, field) => {
    const res = await hub.send(LIST, { filter });
    expect(errorOf(res).code).toBe('BAD_USER_INPUT');
    expect(String(errorOf(res).field)).toContain(field);
  });

  test('one referent by id, and NOT_FOUND for an unknown or malformed id', async () => {
    const { referents } = await hub.query<{ referents: { edges: { node: { id: string } }[] } }, Record<string, never>>('{ referents(first: 1) { edges { node { id } } } }');
    const q = 'query($id: ID!) { referent(id: $id) { fullName expertise languages email phone activeSince agency { name } } }';
    const found = await hub.query<{ referent: object }, { id: string }>(q, { id: referents.edges[0]!.node.id });
    expect(found.referent).toEqual({
      fullName: 'Demo Anna Peeters', expertise: ['CONTAINER_TARGETING', 'SCANNING'], languages: ['nl', 'en'],
      email: expect.stringMatching(/@example\.org$/), phone: '+3200000000', activeSince: '2023-05-01', agency: { name: 'Belgian Customs' },
    });
    for (const id of ['00000000-0000-4000-8000-000000000000', 'nope']) {
      expect(errorOf(await hub.send(q, { id })).code).toBe('NOT_FOUND');
    }
  });

  test('navigates port → referents (filtered, paged) → ports, and agency → referents', async () => {
    type Nested = { totalCount: number; pageInfo: { hasNextPage: boolean }; edges: { node: { fullName: string; ports: { edges: { node: { unlocode: string } }[] } } }[] };
    const data = await hub.query<{ port: { referents: Nested; dutch: Nested }; agency: { referents: Nested } }, { agency: string }>(
      `query($agency: ID!) {
        port(unlocode: "BEANR") {
          referents(first: 1) { totalCount pageInfo { hasNextPage } edges { node { fullName ports { edges { node { unlocode } } } } } }
          dutch: referents(filter: { country: "NL" }) { totalCount pageInfo { hasNextPage } edges { node { fullName ports { edges { node { unlocode } } } } } }
        }
        agency(id: $agency) { referents { totalCount pageInfo { hasNextPage } edges { node { fullName ports { edges { node { unlocode } } } } } } }
      }`,
      { agency: frCustoms.id },
    );
    expect(data.port.referents.totalCount).toBe(2);
    expect(data.port.referents.pageInfo.hasNextPage).toBe(true);
    expect(data.port.referents.edges.map((e) => e.node.fullName)).toEqual(['Demo Anna Peeters']);
    expect(data.port.dutch.edges.map((e) => [e.node.fullName, e.node.ports.edges.map((p) => p.node.unlocode)])).toEqual([['Demo Bram de Vries', ['BEANR', 'NLRTM']]]);
    expect(data.agency.referents.totalCount).toBe(1);
    expect(data.agency.referents.edges[0]!.node).toEqual({ fullName: 'Demo Claire Martin', ports: { edges: [{ node: { unlocode: 'FRLEH' } }] } });
  });
  test('nested referents cost as many SQL statements for one port as for many (no N+1)', async () => {
    const q = `query($first: Int) { ports(first: $first) { edges { node { referents { totalCount edges { node { agency { code } ports { totalCount edges { node { unlocode } } } } } } } } } }`;
    const statementsFor = async (first: number) => {
      return hub.statementsDuring(() => hub.query(q, { first }));
    };
    const [one, three] = [await statementsFor(1), await statementsFor(3)];
    expect(one).toBeGreaterThan(1);
    expect(three).toBe(one);
  });
});

describe('registering and updating referents', () => {
  let italianCustoms: Agency;
  let writer: Client;
  const REGISTER = `mutation($input: RegisterReferentInput!) {
    registerReferent(input: $input) { id version fullName expertise languages email phone activeSince agency { code } ports { edges { node { unlocode } } } }
  }`;
  const UPDATE = `mutation($input: UpdateReferentInput!) {
    updateReferent(input: $input) { id version fullName languages email phone ports { edges { node { unlocode } } } }
  }`;
  type Registered = { id: string; version: number; fullName: string; email: string | null; phone: string | null; ports: { edges: { node: { unlocode: string } }[] } };
  const valid = () => ({
    fullName: 'Demo Giulia Bianchi', ports: ['ITGOA', 'BEANR'], expertise: ['CONTAINER_TARGETING'], languages: ['it', 'en'],
    email: 'giulia.demo@example.org', phone: '+390100000000', activeSince: '2024-02-01',
  });
  const tomorrow = () => new Date(Date.now() + 86_400_000).toISOString().slice(0, 10);
  const italianCount = async () => (await list({ filter: { agencyIds: [italianCustoms.id] } })).totalCount;
  const register = async (input: object) => (await writer.query<{ registerReferent: Registered }, { input: object }>(REGISTER, { input })).registerReferent;

  beforeAll(async () => {
    await make.port({ unlocode: 'ITGOA', name: 'Genoa', country: 'IT' });
    italianCustoms = await make.agency({ code: 'IT-ADM', name: 'Italian Customs', kind: AgencyKind.CUSTOMS, country: 'IT' });
    writer = await hub.as({ agency: italianCustoms, roles: [Role.REFERENT] });
  });

  test("registers a referent in the viewer's agency, with its ports", async () => {
    const created = await writer.query<{ registerReferent: Registered & { agency: { code: string }; activeSince: string; expertise: string[]; languages: string[] } }, { input: object }>(
      REGISTER, { input: { ...valid(), ports: ['itgoa', 'BEANR'] } },
    );
    expect(created.registerReferent).toMatchObject({
      version: 1, fullName: 'Demo Giulia Bianchi', agency: { code: 'IT-ADM' }, expertise: ['CONTAINER_TARGETING'], languages: ['it', 'en'],
      email: 'giulia.demo@example.org', phone: '+390100000000', activeSince: '2024-02-01',
      ports: { edges: [{ node: { unlocode: 'BEANR' } }, { node: { unlocode: 'ITGOA' } }] },
    });
    const genoa = await hub.query<{ port: { referents: Page } }, Record<string, never>>('{ port(unlocode: "ITGOA") { referents { totalCount pageInfo { hasNextPage endCursor } edges { node { fullName } } } } }');
    expect(names(genoa.port.referents)).toEqual(['Demo Giulia Bianchi']);
  });

  test('accepts boundary values: today, 2-character name, 50 ports, 10 languages, no contact', async () => {
    const before = await italianCount();
    const fiftyPorts = Array.from({ length: 50 }, (_, i) => `IT${String.fromCharCode(65 + Math.floor(i / 26))}${String.fromCharCode(65 + (i % 26))}Z`);
    for (const code of fiftyPorts) await make.port({ unlocode: code, name: `Demo port ${code}`, country: 'IT' });
    const created = await register({
      ...valid(), fullName: 'Jo', ports: fiftyPorts, languages: ['it', 'en', 'fr', 'de', 'nl', 'es', 'pt', 'el', 'pl', 'ro'],
      email: null, phone: null, activeSince: new Date().toISOString().slice(0, 10),
    });
    expect(created).toMatchObject({ fullName: 'Jo', email: null, phone: null });
    expect(await italianCount()).toBe(before + 1);
  });

  test.each([
    ['fullName', 'too short', { fullName: 'J' }],
    ['fullName', 'too long', { fullName: 'x'.repeat(201) }],
    ['ports', 'empty', { ports: [] }],
    ['ports', 'more than 50', { ports: Array.from({ length: 51 }, (_, i) => `IT${String.fromCharCode(65 + Math.floor(i / 26))}${String.fromCharCode(65 + (i % 26))}Y`) }],
    ['ports', 'repeated', { ports: ['BEANR', 'BEANR'] }],
    ['ports', 'not a UN/LOCODE', { ports: ['ITGOA', 'NOPE'] }],
    ['ports', 'unknown port', { ports: ['ITGOA', 'BEZZZ'] }],
    ['expertise', 'empty', { expertise: [] }],
    ['expertise', 'not an expertise', { expertise: ['JUGGLING'] }],
    ['languages', 'empty', { languages: [] }],
    ['languages', 'upper case', { languages: ['it', 'EN'] }],
    ['languages', 'three letters', { languages: ['ita'] }],
    ['languages', 'more than 10', { languages: Array.from({ length: 11 }, (_, i) => `a${String.fromCharCode(97 + i)}`) }],
    ['email', 'not an address', { email: 'not-an-email' }],
    ['email', 'longer than 254', { email: `${'a'.repeat(250)}@example.org` }],
    ['phone', 'no plus', { phone: '0470123456' }],
    ['phone', 'country code 0', { phone: '+0470123456' }],
    ['phone', 'with spaces', { phone: '+32 470 12 34 56' }],
    ['activeSince', 'tomorrow', { activeSince: tomorrow() }],
    ['activeSince', 'not a calendar date', { activeSince: '2024-02-30' }],
  ])('refuses %s: %s, with BAD_USER_INPUT naming it, and writes nothing', async (field, _label, change) => {
    const before = await italianCount();
    const res = await writer.send(REGISTER, { input: { ...valid(), ...change } });
    expect(errorOf(res).code).toBe('BAD_USER_INPUT');
    expect(String(errorOf(res).field)).toMatch(new RegExp(`^input\\.${field}\\b`));
    expect(await italianCount()).toBe(before);
  });

  test('refuses an anonymous registration with UNAUTHENTICATED', async () => {
    const before = await italianCount();
    const res = await hub.send(REGISTER, { input: valid() });
    expect(errorOf(res).code).toBe('UNAUTHENTICATED');
    expect(await italianCount()).toBe(before);
  });

  test('updates given fields only, clears contacts with null, and bumps the version (ports-only too)', async () => {
    const created = await register({ ...valid(), fullName: 'Demo Marco Verdi' });
    const renamed = await writer.query<{ updateReferent: Registered & { languages: string[] } }, { input: object }>(
      UPDATE, { input: { id: created.id, version: created.version, fullName: 'Demo Marco Verdi-Rossi', email: null } },
    );
    expect(renamed.updateReferent).toMatchObject({ version: 2, fullName: 'Demo Marco Verdi-Rossi', email: null, phone: '+390100000000', languages: ['it', 'en'] });
    const moved = await writer.query<{ updateReferent: Registered }, { input: object }>(UPDATE, { input: { id: created.id, version: 2, ports: ['NLRTM'] } });
    expect(moved.updateReferent.version).toBe(3);
    expect(moved.updateReferent.ports.edges.map((e) => e.node.unlocode)).toEqual(['NLRTM']);
  });

  test('a stale version is CONFLICT and changes nothing', async () => {
    const created = await register({ ...valid(), fullName: 'Demo Sara Neri' });
    await writer.query(UPDATE, { input: { id: created.id, version: 1, phone: '+390100000001' } });
    const stale = await writer.send(UPDATE, { input: { id: created.id, version: 1, fullName: 'Demo Overwritten', ports: ['FRLEH'] } });
    expect(errorOf(stale).code).toBe('CONFLICT');
    const after = await hub.query<{ referent: Registered }, { id: string }>(
      'query($id: ID!) { referent(id: $id) { id version fullName email phone ports { edges { node { unlocode } } } } }', { id: created.id },
    );
    expect(after.referent).toMatchObject({ version: 2, fullName: 'Demo Sara Neri', phone: '+390100000001' });
    expect(after.referent.ports.edges.map((e) => e.node.unlocode)).toEqual(['BEANR', 'ITGOA']);
  });

  test('a bad field or an unknown referent in an update writes nothing', async () => {
    const created = await register({ ...valid(), fullName: 'Demo Luca Gialli' });
    const bad = await writer.send(UPDATE, { input: { id: created.id, version: 1, fullName: 'Demo Luca Changed', phone: '12345' } });
    expect(errorOf(bad)).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.phone' });
    const unknownPort = await writer.send(UPDATE, { input: { id: created.id, version: 1, fullName: 'Demo Luca Changed', ports: ['BEZZZ'] } });
    expect(errorOf(unknownPort)).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.ports[0]' });
    const q = 'query($id: ID!) { referent(id: $id) { version fullName } }';
    expect((await hub.query<{ referent: object }, { id: string }>(q, { id: created.id })).referent).toEqual({ version: 1, fullName: 'Demo Luca Gialli' });
    const missing = await writer.send(UPDATE, { input: { id: '00000000-0000-4000-8000-000000000000', version: 1, fullName: 'Nobody' } });
    expect(errorOf(missing).code).toBe('NOT_FOUND');
  });
});
