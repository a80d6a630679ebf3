import { Role } from '../src/auth/viewer.js';
import { Tlp } from '../src/hub/common/enums.js';
import { AgencyKind, type Agency } from '../src/hub/modules/agency/index.js';
import { BestPractice, BestPracticeCategory } from '../src/hub/modules/best-practice/index.js';
import {
  BestPracticeAdoptDocument, BestPracticeCatalogueDocument, BestPracticeDetailsDocument, BestPracticeListDocument,
  BestPracticeNavigationDocument, BestPracticePublishDocument, BestPracticeReviseDocument, BestPracticeStateDocument,
  BestPracticesOfPortDocument, BestPracticesPerPortDocument,
  type BestPracticeFilter, type BestPracticeListQueryVariables, type PublishBestPracticeInput,
} from './generated/operations.js';
import { Factories } from './support/factories.js';
import { startTestHub, type Client, type TestHub } from './support/hub.js';

let hub: TestHub;
let make: Factories;
let beCustoms: Agency, mildeca: Agency;
/** GREEN and AMBER practices are for members and law enforcement: reads go through a customs analyst. */
let reader: Client;

// Synthetic practices (DEMO), published on known dates so the order (newest first) is predictable.
beforeAll(async () => {
  hub = await startTestHub();
  make = new Factories(hub.orm);
  const antwerp = await make.port({ unlocode: 'BEANR', name: 'Antwerp', country: 'BE' });
  const rotterdam = await make.port({ unlocode: 'NLRTM', name: 'Rotterdam', country: 'NL' });
  const leHavre = await make.port({ unlocode: 'FRLEH', name: 'Le Havre', country: 'FR' });
  beCustoms = await make.agency({ code: 'BE-AAD', name: 'Belgian Customs', kind: AgencyKind.CUSTOMS, country: 'BE' });
  mildeca = await make.agency({ code: 'FR-MILDECA', name: 'MILDECA', kind: AgencyKind.COORDINATION_BODY, country: 'FR' });
  reader = await hub.as({ agency: beCustoms, roles: [Role.ANALYST] });
  await make.bestPractice({
    title: 'Reefer unit inspection checklist', summary: 'What to open first in a reefer.', body: 'Check the evaporator and the machinery space.',
    category: BestPracticeCategory.RISK_ASSESSMENT, language: 'en', tlp: Tlp.CLEAR, originAgency: beCustoms,
    adoptingPorts: [antwerp, rotterdam], publishedAt: new Date('2024-01-10T09:00:00Z'),
  });
  await make.bestPractice({
    title: 'Contrôle ciblé des conteneurs', summary: 'Cibler les conteneurs à risque.', body: 'Analyse des manifestes et des routes.',
    category: BestPracticeCategory.TARGETED_CONTROLS, language: 'fr', tlp: Tlp.GREEN, originAgency: mildeca,
    adoptingPorts: [leHavre], publishedAt: new Date('2024-03-05T09:00:00Z'),
  });
  await make.bestPractice({
    title: 'Insider threat vetting', summary: 'Vetting of dock workers with access.', body: 'In 50% of cases insiders gave PIN codes.',
    category: BestPracticeCategory.ANTI_CORRUPTION, language: 'en', tlp: Tlp.AMBER, originAgency: beCustoms,
    adoptingPorts: [antwerp], publishedAt: new Date('2024-06-20T09:00:00Z'),
  });
  await make.bestPractice({
    title: 'Scanner image sharing', summary: 'Sharing scanner images between ports.', body: 'Use a common image format and keep metadata.',
    category: BestPracticeCategory.EQUIPMENT, language: 'nl', tlp: Tlp.CLEAR, originAgency: mildeca, publishedAt: new Date('2023-11-01T09:00:00Z'),
  });
});
afterAll(() => hub.close());

const REEFER = 'Reefer unit inspection checklist', CIBLE = 'Contrôle ciblé des conteneurs', INSIDER = 'Insider threat vetting', SCANNER = 'Scanner image sharing';

const list = (variables: BestPracticeListQueryVariables, client: Client = reader) =>
  client.query(BestPracticeListDocument, variables).then((d) => d.bestPractices);
const titles = (page: { edges: { node: { title: string } }[] }) => page.edges.map((e) => e.node.title);
const errorOf = (res: { errors?: readonly { extensions?: Record<string, unknown> }[] }) => res.errors?.[0]?.extensions ?? {};
/** A value that is in no enum of the schema, sent on purpose: the request must be refused. */
const notAnEnumValue = (value: string) => value as never;

describe('reading best practices', () => {
  test('lists practices newest first, each with its author and adopting ports', async () => {
    const data = await reader.query(BestPracticeCatalogueDocument);
    expect(data.bestPractices.totalCount).toBe(4);
    expect(data.bestPractices.edges.map((e) => [e.node.title, e.node.tlp, e.node.authorAgency.code, e.node.adoptingPorts.edges.map((p) => p.node.unlocode)])).toEqual([
      [INSIDER, 'AMBER', 'BE-AAD', ['BEANR']],
      [CIBLE, 'GREEN', 'FR-MILDECA', ['FRLEH']],
      [REEFER, 'CLEAR', 'BE-AAD', ['BEANR', 'NLRTM']],
      [SCANNER, 'CLEAR', 'FR-MILDECA', []],
    ]);
    expect(data.bestPractices.edges.every((e) => e.node.revision === 1)).toBe(true);
  });

  test.each<[string, BestPracticeFilter | (() => BestPracticeFilter), string[]]>([
    ['categories', { categories: ['RISK_ASSESSMENT', 'EQUIPMENT'] }, [REEFER, SCANNER]],
    ['languages', { languages: ['fr', 'nl'] }, [CIBLE, SCANNER]],
    ['adopting port', { port: 'beanr' }, [INSIDER, REEFER]],
    ['author agencies', () => ({ authorAgencyIds: [mildeca.id] }), [CIBLE, SCANNER]],
    ['TLP labels', { tlps: ['CLEAR', 'AMBER'] }, [INSIDER, REEFER, SCANNER]],
    ['text in the title, case-insensitive', { search: 'REEFER' }, [REEFER]],
    ['text in the summary', { search: 'dock workers' }, [INSIDER]],
    ['text in the body', { search: 'manifestes' }, [CIBLE]],
    ['text with a LIKE wildcard, which is no wildcard', { search: '50%' }, [INSIDER]],
    ['text with an underscore taken literally', { search: 'e_t' }, []],
    ['several filters at once', { languages: ['en'], port: 'NLRTM' }, [REEFER]],
  ])('filters by %s', async (_label, filter, expected) => {
    const page = await list({ filter: typeof filter === 'function' ? filter() : filter });
    expect(titles(page)).toEqual(expected);
    expect(page.totalCount).toBe(expected.length);
  });

  test('pages forward with first/after; first above 100 and a forged cursor are refused', async () => {
    const first = await list({ first: 3 });
    expect(titles(first)).toEqual([INSIDER, CIBLE, REEFER]);
    expect(first.pageInfo.hasNextPage).toBe(true);
    expect(first.totalCount).toBe(4);
    const second = await list({ first: 3, after: first.pageInfo.endCursor });
    expect(titles(second)).toEqual([SCANNER]);
    expect(second.pageInfo.hasNextPage).toBe(false);
    expect(errorOf(await reader.send(BestPracticeListDocument, { first: 101 }))).toMatchObject({ code: 'BAD_USER_INPUT', field: 'first' });
    expect(errorOf(await reader.send(BestPracticeListDocument, { first: 0 }))).toMatchObject({ code: 'BAD_USER_INPUT', field: 'first' });
    expect(errorOf(await reader.send(BestPracticeListDocument, { after: 'bm90LWEtY3Vyc29y' }))).toMatchObject({ code: 'BAD_USER_INPUT', field: 'after' });
  });

  test.each<[string, BestPracticeFilter, string]>([
    ['search shorter than 2', { search: 'x' }, 'filter.search'],
    ['search longer than 100', { search: 'x'.repeat(101) }, 'filter.search'],
    ['language in upper case', { languages: ['FR'] }, 'filter.languages'],
    ['port that is not a UN/LOCODE', { port: 'Antwerp' }, 'filter.port'],
    ['unknown TLP label', { tlps: [notAnEnumValue('PURPLE')] }, 'filter.tlps'],
    ['author id that is not a UUID', { authorAgencyIds: ['nope'] }, 'filter.authorAgencyIds'],
  ])('refuses a filter with a %s', async (_label, filter, field) => {
    const res = await reader.send(BestPracticeListDocument, { filter });
    expect(errorOf(res).code).toBe('BAD_USER_INPUT');
    expect(String(errorOf(res).field)).toContain(field);
  });

  test('one practice by id, and NOT_FOUND for an unknown or malformed id', async () => {
    const [newest] = (await list({ first: 1 })).edges;
    const found = await reader.query(BestPracticeDetailsDocument, { id: newest!.node.id });
    expect(found.bestPractice).toEqual({
      title: INSIDER, summary: 'Vetting of dock workers with access.', body: 'In 50% of cases insiders gave PIN codes.',
      category: 'ANTI_CORRUPTION', language: 'en', tlp: 'AMBER', authorAgency: { name: 'Belgian Customs' },
    });
    for (const id of ['00000000-0000-4000-8000-000000000000', 'nope']) {
      expect(errorOf(await reader.send(BestPracticeDetailsDocument, { id })).code).toBe('NOT_FOUND');
    }
  });

  test('navigates port → adopted practices (filtered, paged) → adopting ports, and agency → authored practices', async () => {
    const data = await reader.query(BestPracticeNavigationDocument, {
      unlocode: 'BEANR', first: 1, portFilter: { categories: ['RISK_ASSESSMENT'] },
      agency: mildeca.id, agencyFilter: { categories: ['EQUIPMENT'] },
    });
    expect(data.port.all).toMatchObject({ totalCount: 2, pageInfo: { hasNextPage: true } });
    expect(titles(data.port.all)).toEqual([INSIDER]);
    expect(data.port.anti.edges.map((e) => [e.node.title, e.node.adoptingPorts.edges.map((p) => p.node.unlocode)])).toEqual([[REEFER, ['BEANR', 'NLRTM']]]);
    expect(data.agency.bestPractices.totalCount).toBe(2);
    expect(titles(data.agency.bestPractices)).toEqual([CIBLE, SCANNER]);
    expect(titles(data.agency.equipment)).toEqual([SCANNER]);
  });

  test('a search by a viewer who may not read bodies looks only in titles and summaries', async () => {
    // The body is for members: matching it for anyone else would reveal it one guess at a time.
    expect(titles(await list({ filter: { search: 'evaporator' } }, hub))).toEqual([]);
    expect(titles(await list({ filter: { search: 'REEFER' } }, hub))).toEqual([REEFER]);
    expect(titles(await list({ filter: { search: 'evaporator' } }))).toEqual([REEFER]);
  });

  test('nested practices cost as many SQL statements for one port as for many (no N+1)', async () => {
    const statementsFor = async (first: number) => {
      return hub.statementsDuring(() => reader.query(BestPracticesPerPortDocument, { first }));
    };
    const [one, three] = [await statementsFor(1), await statementsFor(3)];
    expect(one).toBeGreaterThan(1);
    expect(three).toBe(one);
  });
});

describe('publishing, revising and adopting best practices', () => {
  let author: Agency;
  let writer: Client;
  /** Someone of the author's agency, who sees everything it publishes (AMBER+STRICT and RED included). */
  let colleague: Client;
  const valid = (): PublishBestPracticeInput => ({
    title: 'Joint boarding of feeder vessels', summary: 'Customs and police board feeders together.', body: 'Plan boarding with the port authority.',
    category: 'COORDINATED_INVESTIGATION', language: 'en', tlp: 'GREEN',
  });
  const authoredCount = async () => (await list({ filter: { authorAgencyIds: [author.id] } }, colleague)).totalCount;
  const publish = async (input: PublishBestPracticeInput) => (await writer.query(BestPracticePublishDocument, { input })).publishBestPractice;
  const get = async (id: string) => (await colleague.query(BestPracticeStateDocument, { id })).bestPractice;

  beforeAll(async () => {
    author = await make.agency({ code: 'ES-AEAT', name: 'Spanish Customs', kind: AgencyKind.CUSTOMS, country: 'ES' });
    writer = await hub.as({ agency: author, roles: [Role.REFERENT] });
    colleague = await hub.as({ agency: author, roles: [Role.ANALYST] });
  });

  test("publishes a practice written by the viewer's agency, as revision 1", async () => {
    const before = Date.now();
    const created = await publish(valid());
    expect(created).toMatchObject({ ...valid(), version: 1, revision: 1, authorAgency: { code: 'ES-AEAT' }, adoptingPorts: { totalCount: 0 } });
    expect(Date.parse(created.publishedAt)).toBeGreaterThanOrEqual(before - 1000);
    expect(titles(await list({ filter: { authorAgencyIds: [author.id] } }, colleague))).toEqual([valid().title]);
  });

  test('accepts boundary lengths: 3-character title, 10-character summary and body, 50000-character body', async () => {
    const created = await publish({ ...valid(), title: 'ABC', summary: 'S'.repeat(10), body: 'B'.repeat(50000), tlp: 'AMBER_STRICT' });
    expect(created).toMatchObject({ title: 'ABC', tlp: 'AMBER_STRICT' });
  });

  test.each<[string, string, Partial<PublishBestPracticeInput>]>([
    ['title', 'too short', { title: 'AB' }],
    ['title', 'too long', { title: 'T'.repeat(201) }],
    ['summary', 'too short', { summary: 'Too short' }],
    ['summary', 'too long', { summary: 'S'.repeat(1001) }],
    ['body', 'too short', { body: 'Too short' }],
    ['body', 'too long', { body: 'B'.repeat(50001) }],
    ['category', 'unknown', { category: notAnEnumValue('GOSSIP') }],
    ['language', 'not ISO 639-1', { language: 'english' }],
    ['language', 'upper case', { language: 'EN' }],
    ['tlp', 'not a TLP label', { tlp: notAnEnumValue('AMBER+STRICT') }],
  ])('refuses %s: %s, with BAD_USER_INPUT naming it, and writes nothing', async (field, _label, change) => {
    const before = await authoredCount();
    const res = await writer.send(BestPracticePublishDocument, { input: { ...valid(), ...change } });
    expect(errorOf(res).code).toBe('BAD_USER_INPUT');
    expect(errorOf(res).field).toBe(`input.${field}`);
    expect(await authoredCount()).toBe(before);
  });

  test('refuses an anonymous publication with UNAUTHENTICATED', async () => {
    const before = await authoredCount();
    expect(errorOf(await hub.send(BestPracticePublishDocument, { input: valid() })).code).toBe('UNAUTHENTICATED');
    expect(await authoredCount()).toBe(before);
  });

  test('revises the given fields, counting a revision and a new version', async () => {
    const created = await publish(valid());
    const { reviseBestPractice: revised } = await writer.query(
      BestPracticeReviseDocument, { input: { id: created.id, version: 1, summary: 'Customs, police and port authority board feeders together.', tlp: 'AMBER' } },
    );
    expect(revised).toMatchObject({ version: 2, revision: 2, title: valid().title, body: valid().body, tlp: 'AMBER', summary: 'Customs, police and port authority board feeders together.' });
    const again = await writer.query(BestPracticeReviseDocument, { input: { id: created.id, version: 2, title: 'Joint boarding' } });
    expect(again.reviseBestPractice).toMatchObject({ version: 3, revision: 3, title: 'Joint boarding' });
  });

  test('a stale version is CONFLICT and changes nothing', async () => {
    const created = await publish(valid());
    await writer.query(BestPracticeReviseDocument, { input: { id: created.id, version: 1, title: 'First revision' } });
    const stale = await writer.send(BestPracticeReviseDocument, { input: { id: created.id, version: 1, title: 'Lost update', tlp: 'RED' } });
    expect(errorOf(stale).code).toBe('CONFLICT');
    expect(await get(created.id)).toMatchObject({ version: 2, revision: 2, title: 'First revision', tlp: 'GREEN' });
  });

  test('a bad field or an unknown practice in a revision writes nothing', async () => {
    const created = await publish(valid());
    const bad = await writer.send(BestPracticeReviseDocument, { input: { id: created.id, version: 1, title: 'A valid new title', summary: 'short' } });
    expect(errorOf(bad)).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.summary' });
    expect(await get(created.id)).toMatchObject({ version: 1, revision: 1, title: valid().title });
    const missing = await writer.send(BestPracticeReviseDocument, { input: { id: '00000000-0000-4000-8000-000000000000', version: 1, title: 'Nobody' } });
    expect(errorOf(missing).code).toBe('NOT_FOUND');
  });

  test('adopting adds the port once, however often it is asked, and needs no version', async () => {
    const created = await publish(valid());
    await make.port({ unlocode: 'ESALG', name: 'Algeciras', country: 'ES' });
    for (const port of ['ESALG', 'esalg', 'BEANR']) await writer.query(BestPracticeAdoptDocument, { input: { id: created.id, port } });
    const { adoptBestPractice: adopted } = await writer.query(
      BestPracticeAdoptDocument, { input: { id: created.id, port: 'ESALG' } },
    );
    expect(adopted.adoptingPorts.totalCount).toBe(2);
    expect(adopted.adoptingPorts.edges.map((e) => e.node.unlocode)).toEqual(['ESALG', 'BEANR']);
    expect(adopted.version).toBe(1);
    const algeciras = await colleague.query(BestPracticesOfPortDocument, { unlocode: 'ESALG' });
    expect(titles(algeciras.port.adoptedBestPractices)).toEqual([valid().title]);
  });

  test('adopting refuses an unknown port, an unknown practice and an anonymous viewer, and writes nothing', async () => {
    const created = await publish(valid());
    const unknownPort = await writer.send(BestPracticeAdoptDocument, { input: { id: created.id, port: 'ESZZZ' } });
    expect(errorOf(unknownPort)).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.port' });
    const badPort = await writer.send(BestPracticeAdoptDocument, { input: { id: created.id, port: 'Algeciras' } });
    expect(errorOf(badPort)).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.port' });
    const unknownPractice = await writer.send(BestPracticeAdoptDocument, { input: { id: '00000000-0000-4000-8000-000000000000', port: 'BEANR' } });
    expect(errorOf(unknownPractice).code).toBe('NOT_FOUND');
    const anonymous = await hub.send(BestPracticeAdoptDocument, { input: { id: created.id, port: 'BEANR' } });
    expect(errorOf(anonymous).code).toBe('UNAUTHENTICATED');
    expect((await get(created.id)).adoptingPorts.totalCount).toBe(0);
  });

  describe('who may publish, revise and adopt', () => {
    let other: Agency, operator: Agency;
    /** The stored row, read past the API: what a refused write must leave as it was. */
    const stored = async (id: string) => {
      const row = await hub.orm.em.fork().findOneOrFail(BestPractice, { id }, { populate: ['adoptingPorts'] });
      return { version: row.version, revision: row.revision, title: row.title, tlp: row.tlp, adoptedBy: row.adoptingPorts.getItems().map((p) => p.unlocode) };
    };
    const signedIn = (agency: () => Agency, roles: Role[]) => () => hub.as({ agency: agency(), roles });
    type Label = PublishBestPracticeInput['tlp'];

    beforeAll(async () => {
      other = await make.agency({ code: 'FR-DGDDI', name: 'French Customs', kind: AgencyKind.CUSTOMS, country: 'FR' });
      operator = await make.agency({ code: 'DEMO-TERMINAL', name: 'Demo Terminal Operator', kind: AgencyKind.PRIVATE_OPERATOR, country: 'ES' });
    });

    test.each<[string, () => Promise<Client>]>([
      ['an analyst', signedIn(() => author, [Role.ANALYST])],
      ['an administrator', signedIn(() => author, [Role.ADMIN])],
      ['a private partner', signedIn(() => operator, [Role.PARTNER])],
    ])('publishing is for referents: %s is FORBIDDEN and nothing is written', async (_label, who) => {
      const count = () => hub.orm.em.fork().count(BestPractice, {});
      const before = await count();
      const res = await (await who()).send(BestPracticePublishDocument, { input: valid() });
      expect(res.data ?? null).toBeNull();
      expect(errorOf(res).code).toBe('FORBIDDEN');
      expect(await count()).toBe(before);
    });

    test.each<[string, () => Promise<Client>, Label, string]>([
      ['a referent of another agency', signedIn(() => other, [Role.REFERENT]), 'GREEN', 'FORBIDDEN'],
      ['a referent of another agency, on a practice it may not see', signedIn(() => other, [Role.REFERENT]), 'AMBER_STRICT', 'NOT_FOUND'],
      ["an analyst of the author's agency", signedIn(() => author, [Role.ANALYST]), 'GREEN', 'FORBIDDEN'],
      ["an administrator of the author's agency", signedIn(() => author, [Role.ADMIN]), 'GREEN', 'FORBIDDEN'],
      ['an anonymous viewer', async () => hub, 'CLEAR', 'UNAUTHENTICATED'],
    ])('refuses a revision by %s (practice %s) with %s, and changes nothing', async (_label, who, tlp, code) => {
      const { id } = await publish({ ...valid(), tlp });
      const before = await stored(id);
      const res = await (await who()).send(BestPracticeReviseDocument, { input: { id, version: 1, title: 'Hijacked title', tlp: 'CLEAR' } });
      expect(res.data ?? null).toBeNull();
      expect(errorOf(res).code).toBe(code);
      expect(await stored(id)).toEqual(before);
    });

    test.each<[string, () => Promise<Client>, Label, string]>([
      ['an analyst', signedIn(() => other, [Role.ANALYST]), 'GREEN', 'FORBIDDEN'],
      ['a private partner', signedIn(() => operator, [Role.PARTNER]), 'GREEN', 'FORBIDDEN'],
      ['a referent of another agency, on a practice it may not see', signedIn(() => other, [Role.REFERENT]), 'RED', 'NOT_FOUND'],
    ])('refuses an adoption by %s (practice %s) with %s, and records none', async (_label, who, tlp, code) => {
      const { id } = await publish({ ...valid(), tlp });
      const res = await (await who()).send(BestPracticeAdoptDocument, { input: { id, port: 'BEANR' } });
      expect(res.data ?? null).toBeNull();
      expect(errorOf(res).code).toBe(code);
      expect((await stored(id)).adoptedBy).toEqual([]);
    });
  });
});
