import { Role } from '../src/auth/viewer.js';
import { AgencyKind, type Agency } from '../src/hub/modules/agency/index.js';
import type { Port } from '../src/hub/modules/port/index.js';
import { Expertise, Referent } from '../src/hub/modules/referent/index.js';
import {
  ReferentDetailsDocument, ReferentDirectoryDocument, ReferentListDocument, ReferentNavigationDocument, ReferentRegisterDocument,
  ReferentStateDocument, ReferentUpdateDocument, ReferentVersionDocument, ReferentsOfPortDocument, ReferentsPerPortDocument,
  type ReferentFilter, type ReferentListQueryVariables, type ReferentPageFragment, type RegisterReferentInput,
} from './generated/operations.js';
import { Factories } from './support/factories.js';
import { startTestHub, type Client, type TestHub } from './support/hub.js';

let hub: TestHub;
let make: Factories;
let antwerp: Port, rotterdam: Port, leHavre: Port;
let beCustoms: Agency, nlCustoms: Agency, frCustoms: Agency;
/** Referents are for signed-in members, contact details for law enforcement: reads go through a customs analyst. */
let reader: Client;

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
  reader = await hub.as({ agency: beCustoms, roles: [Role.ANALYST] });
  await make.referent({ fullName: 'Demo Anna Peeters', agency: beCustoms, ports: [antwerp], expertise: [Expertise.CONTAINER_TARGETING, Expertise.SCANNING], languages: ['nl', 'en'] });
  await make.referent({ fullName: 'Demo Bram de Vries', agency: nlCustoms, ports: [rotterdam, antwerp], expertise: [Expertise.RISK_ANALYSIS], languages: ['nl'] });
  await make.referent({ fullName: 'Demo Claire Martin', agency: frCustoms, ports: [leHavre], expertise: [Expertise.DOCUMENT_CONTROL, Expertise.SCANNING], languages: ['fr', 'en'] });
});
afterAll(() => hub.close());

const list = (variables: ReferentListQueryVariables, client: Client = reader) =>
  client.query(ReferentListDocument, variables).then((d) => d.referents);
const names = (page: ReferentPageFragment) => page.edges.map((e) => e.node.fullName);
/** A value that is in no enum of the schema, sent on purpose: the request must be refused. */
const notAnEnumValue = (value: string) => value as never;
const errorOf = (res: { errors?: readonly { extensions?: Record<string, unknown> }[] }) => res.errors?.[0]?.extensions ?? {};

describe('reading referents', () => {
  test('lists referents by full name, each with its agency and ports', async () => {
    const data = await reader.query(ReferentDirectoryDocument);
    expect(data.referents.totalCount).toBe(3);
    expect(data.referents.edges.map((e) => [e.node.fullName, e.node.agency.code, e.node.ports.edges.map((p) => p.node.unlocode)])).toEqual([
      ['Demo Anna Peeters', 'BE-AAD', ['BEANR']],
      ['Demo Bram de Vries', 'NL-DOUANE', ['BEANR', 'NLRTM']],
      ['Demo Claire Martin', 'FR-DGDDI', ['FRLEH']],
    ]);
  });

  test.each<[string, ReferentFilter | (() => ReferentFilter), string[]]>([
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
  ])('filters by %s', async (_label, filter, expected) => {
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

    const tooMany = await reader.send(ReferentListDocument, { first: 101 });
    expect(errorOf(tooMany)).toMatchObject({ code: 'BAD_USER_INPUT', field: 'first' });
    const forged = await reader.send(ReferentListDocument, { after: 'bm90LWEtY3Vyc29y' });
    expect(errorOf(forged)).toMatchObject({ code: 'BAD_USER_INPUT', field: 'after' });
  });

  test.each<[ReferentFilter, string]>([
    [{ search: 'a' }, 'filter.search'],
    [{ languages: ['english'] }, 'filter.languages'],
    [{ country: 'XX' }, 'filter.country'],
    [{ ports: ['NOTAPORT'] }, 'filter.ports'],
    [{ agencyIds: ['not-a-uuid'] }, 'filter.agencyIds'],
  ])('refuses the bad filter %j naming %s', async (filter, field) => {
    const res = await reader.send(ReferentListDocument, { filter });
    expect(errorOf(res).code).toBe('BAD_USER_INPUT');
    expect(String(errorOf(res).field)).toContain(field);
  });

  test('one referent by id, and NOT_FOUND for an unknown or malformed id', async () => {
    const [first] = (await list({ first: 1 })).edges;
    const found = await reader.query(ReferentDetailsDocument, { id: first!.node.id });
    expect(found.referent).toEqual({
      fullName: 'Demo Anna Peeters', expertise: ['CONTAINER_TARGETING', 'SCANNING'], languages: ['nl', 'en'],
      email: expect.stringMatching(/@example\.org$/), phone: '+3200000000', activeSince: '2023-05-01', agency: { name: 'Belgian Customs' },
    });
    for (const id of ['00000000-0000-4000-8000-000000000000', 'nope']) {
      expect(errorOf(await reader.send(ReferentDetailsDocument, { id })).code).toBe('NOT_FOUND');
    }
  });

  test('navigates port → referents (filtered, paged) → ports, and agency → referents', async () => {
    const data = await reader.query(ReferentNavigationDocument, { unlocode: 'BEANR', first: 1, filter: { country: 'NL' }, agency: frCustoms.id });
    expect(data.port.referents.totalCount).toBe(2);
    expect(data.port.referents.pageInfo.hasNextPage).toBe(true);
    expect(data.port.referents.edges.map((e) => e.node.fullName)).toEqual(['Demo Anna Peeters']);
    expect(data.port.dutch.edges.map((e) => [e.node.fullName, e.node.ports.edges.map((p) => p.node.unlocode)])).toEqual([['Demo Bram de Vries', ['BEANR', 'NLRTM']]]);
    expect(data.agency.referents.totalCount).toBe(1);
    expect(data.agency.referents.edges[0]!.node).toEqual({ fullName: 'Demo Claire Martin', ports: { edges: [{ node: { unlocode: 'FRLEH' } }] } });
  });
  test('nested referents cost as many SQL statements for one port as for many (no N+1)', async () => {
    const statementsFor = async (first: number) => {
      return hub.statementsDuring(() => reader.query(ReferentsPerPortDocument, { first }));
    };
    const [one, three] = [await statementsFor(1), await statementsFor(3)];
    expect(one).toBeGreaterThan(1);
    expect(three).toBe(one);
  });
});

describe('registering and updating referents', () => {
  let italianCustoms: Agency;
  let writer: Client;
  const valid = (): RegisterReferentInput => ({
    fullName: 'Demo Giulia Bianchi', ports: ['ITGOA', 'BEANR'], expertise: ['CONTAINER_TARGETING'], languages: ['it', 'en'],
    email: 'giulia.demo@example.org', phone: '+390100000000', activeSince: '2024-02-01',
  });
  const tomorrow = () => new Date(Date.now() + 86_400_000).toISOString().slice(0, 10);
  const italianCount = async () => (await list({ filter: { agencyIds: [italianCustoms.id] } })).totalCount;
  const register = async (input: RegisterReferentInput) => (await writer.query(ReferentRegisterDocument, { input })).registerReferent;

  beforeAll(async () => {
    await make.port({ unlocode: 'ITGOA', name: 'Genoa', country: 'IT' });
    italianCustoms = await make.agency({ code: 'IT-ADM', name: 'Italian Customs', kind: AgencyKind.CUSTOMS, country: 'IT' });
    // Registering referents is for administrators, who also edit the profiles of their agency's referents.
    writer = await hub.as({ agency: italianCustoms, roles: [Role.ADMIN] });
  });

  test("registers a referent in the viewer's agency, with its ports", async () => {
    const created = await register({ ...valid(), ports: ['itgoa', 'BEANR'] });
    expect(created).toMatchObject({
      version: 1, fullName: 'Demo Giulia Bianchi', agency: { code: 'IT-ADM' }, expertise: ['CONTAINER_TARGETING'], languages: ['it', 'en'],
      email: 'giulia.demo@example.org', phone: '+390100000000', activeSince: '2024-02-01',
      ports: { edges: [{ node: { unlocode: 'BEANR' } }, { node: { unlocode: 'ITGOA' } }] },
    });
    const genoa = await reader.query(ReferentsOfPortDocument, { unlocode: 'ITGOA' });
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

  test.each<[string, string, Partial<RegisterReferentInput>]>([
    ['fullName', 'too short', { fullName: 'J' }],
    ['fullName', 'too long', { fullName: 'x'.repeat(201) }],
    ['ports', 'empty', { ports: [] }],
    ['ports', 'more than 50', { ports: Array.from({ length: 51 }, (_, i) => `IT${String.fromCharCode(65 + Math.floor(i / 26))}${String.fromCharCode(65 + (i % 26))}Y`) }],
    ['ports', 'repeated', { ports: ['BEANR', 'BEANR'] }],
    ['ports', 'not a UN/LOCODE', { ports: ['ITGOA', 'NOPE'] }],
    ['ports', 'unknown port', { ports: ['ITGOA', 'BEZZZ'] }],
    ['expertise', 'empty', { expertise: [] }],
    ['expertise', 'not an expertise', { expertise: [notAnEnumValue('JUGGLING')] }],
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
    const res = await writer.send(ReferentRegisterDocument, { input: { ...valid(), ...change } });
    expect(errorOf(res).code).toBe('BAD_USER_INPUT');
    expect(String(errorOf(res).field)).toMatch(new RegExp(`^input\\.${field}\\b`));
    expect(await italianCount()).toBe(before);
  });

  test('refuses an anonymous registration with UNAUTHENTICATED', async () => {
    const before = await italianCount();
    const res = await hub.send(ReferentRegisterDocument, { input: valid() });
    expect(errorOf(res).code).toBe('UNAUTHENTICATED');
    expect(await italianCount()).toBe(before);
  });

  test('updates given fields only, clears contacts with null, and bumps the version (ports-only too)', async () => {
    const created = await register({ ...valid(), fullName: 'Demo Marco Verdi' });
    const renamed = await writer.query(
      ReferentUpdateDocument, { input: { id: created.id, version: created.version, fullName: 'Demo Marco Verdi-Rossi', email: null } },
    );
    expect(renamed.updateReferent).toMatchObject({ version: 2, fullName: 'Demo Marco Verdi-Rossi', email: null, phone: '+390100000000', languages: ['it', 'en'] });
    const moved = await writer.query(ReferentUpdateDocument, { input: { id: created.id, version: 2, ports: ['NLRTM'] } });
    expect(moved.updateReferent.version).toBe(3);
    expect(moved.updateReferent.ports.edges.map((e) => e.node.unlocode)).toEqual(['NLRTM']);
  });

  test('a stale version is CONFLICT and changes nothing', async () => {
    const created = await register({ ...valid(), fullName: 'Demo Sara Neri' });
    await writer.query(ReferentUpdateDocument, { input: { id: created.id, version: 1, phone: '+390100000001' } });
    const stale = await writer.send(ReferentUpdateDocument, { input: { id: created.id, version: 1, fullName: 'Demo Overwritten', ports: ['FRLEH'] } });
    expect(errorOf(stale).code).toBe('CONFLICT');
    const after = await reader.query(ReferentStateDocument, { id: created.id });
    expect(after.referent).toMatchObject({ version: 2, fullName: 'Demo Sara Neri', phone: '+390100000001' });
    expect(after.referent.ports.edges.map((e) => e.node.unlocode)).toEqual(['BEANR', 'ITGOA']);
  });

  test('a bad field or an unknown referent in an update writes nothing', async () => {
    const created = await register({ ...valid(), fullName: 'Demo Luca Gialli' });
    const bad = await writer.send(ReferentUpdateDocument, { input: { id: created.id, version: 1, fullName: 'Demo Luca Changed', phone: '12345' } });
    expect(errorOf(bad)).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.phone' });
    const unknownPort = await writer.send(ReferentUpdateDocument, { input: { id: created.id, version: 1, fullName: 'Demo Luca Changed', ports: ['BEZZZ'] } });
    expect(errorOf(unknownPort)).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.ports[0]' });
    expect((await reader.query(ReferentVersionDocument, { id: created.id })).referent).toEqual({ version: 1, fullName: 'Demo Luca Gialli' });
    const missing = await writer.send(ReferentUpdateDocument, { input: { id: '00000000-0000-4000-8000-000000000000', version: 1, fullName: 'Nobody' } });
    expect(errorOf(missing).code).toBe('NOT_FOUND');
  });

  describe('who may register and edit referents', () => {
    const SUBJECT = 'demo-paola'; // the person's `sub` at the test identity provider
    let paola: { id: string };
    let operator: Agency;
    /** The stored row, read past the API: what a refused write must leave as it was. */
    const stored = async (id: string) => {
      const row = await hub.orm.em.fork().findOneOrFail(Referent, { id }, { populate: ['ports'] });
      return { version: row.version, fullName: row.fullName, email: row.email, ports: row.ports.getItems().map((p) => p.unlocode).sort() };
    };
    const signedIn = (agency: () => Agency, roles: Role[], subject?: string) => () => hub.as({ agency: agency(), roles, subject });

    beforeAll(async () => {
      paola = await register({ ...valid(), fullName: 'Demo Paola Russo', subject: `urn:test:issuer#${SUBJECT}` });
      operator = await make.agency({ code: 'DEMO-TERMINAL', name: 'Demo Terminal Operator', kind: AgencyKind.PRIVATE_OPERATOR, country: 'IT' });
    });

    test('a referent edits their own profile: the one registered with the subject of their token', async () => {
      const self = await hub.as({ agency: italianCustoms, roles: [Role.REFERENT], subject: SUBJECT });
      const { version } = await stored(paola.id);
      const { updateReferent } = await self.query(ReferentUpdateDocument, { input: { id: paola.id, version, phone: '+390100000009', ports: ['ITGOA'] } });
      expect(updateReferent).toMatchObject({ version: version + 1, phone: '+390100000009', ports: { edges: [{ node: { unlocode: 'ITGOA' } }] } });
    });

    test.each<[string, () => Promise<Client>, string]>([
      ["a referent editing a colleague's profile", signedIn(() => italianCustoms, [Role.REFERENT]), 'FORBIDDEN'],
      ['an administrator of another agency', signedIn(() => nlCustoms, [Role.ADMIN]), 'FORBIDDEN'],
      ['the person themselves without the REFERENT role', signedIn(() => italianCustoms, [Role.ANALYST], SUBJECT), 'FORBIDDEN'],
      ['a private partner', signedIn(() => operator, [Role.PARTNER]), 'FORBIDDEN'],
      ['an anonymous viewer', async () => hub, 'UNAUTHENTICATED'],
    ])('refuses an update by %s with %s, and changes nothing', async (_label, who, code) => {
      const before = await stored(paola.id);
      const input = { id: paola.id, version: before.version, fullName: 'Demo Hijacked', email: null, ports: ['FRLEH'] };
      const res = await (await who()).send(ReferentUpdateDocument, { input });
      expect(res.data ?? null).toBeNull();
      expect(errorOf(res).code).toBe(code);
      expect(await stored(paola.id)).toEqual(before);
    });

    test.each<[string, () => Promise<Client>]>([
      ['a referent', signedIn(() => italianCustoms, [Role.REFERENT])],
      ['an analyst', signedIn(() => italianCustoms, [Role.ANALYST])],
      ['a private partner', signedIn(() => operator, [Role.PARTNER])],
    ])('registering is for administrators: %s is FORBIDDEN and nothing is written', async (_label, who) => {
      const count = () => hub.orm.em.fork().count(Referent, {});
      const before = await count();
      const res = await (await who()).send(ReferentRegisterDocument, { input: { ...valid(), fullName: 'Demo Unregistered' } });
      expect(res.data ?? null).toBeNull();
      expect(errorOf(res).code).toBe('FORBIDDEN');
      expect(await count()).toBe(before);
    });
  });
});
