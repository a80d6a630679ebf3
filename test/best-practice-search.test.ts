// Searching best practices: each in its own language, websearch syntax, ranked, paged, with snippets, and never by
// (or showing) a body the viewer may not read.
import { Role } from '../src/auth/viewer.js';
import { Tlp } from '../src/hub/common/enums.js';
import { AgencyKind, type Agency } from '../src/hub/modules/agency/index.js';
import { BestPracticeCategory, type BestPractice } from '../src/hub/modules/best-practice/index.js';
import type { Port } from '../src/hub/modules/port/index.js';
import {
  AuditEventsDocument, BestPracticeListDocument, BestPracticeSearchDocument, BestPracticeSearchPerPortDocument, BestPracticeTwoSearchesDocument,
  PortPrefixSearchDocument, ReferentPrefixSearchDocument,
  type BestPracticeFilter, type BestPracticeSearchQuery,
} from './generated/operations.js';
import { Factories } from './support/factories.js';
import { startTestHub, type Client, type TestHub } from './support/hub.js';

let hub: TestHub;
let make: Factories;
let author: Agency;
let antwerp: Port, leHavre: Port;
/** A customs analyst: sees GREEN and AMBER practices and reads bodies. */
let member: Client;
/** Anonymous: sees TLP:CLEAR practices, titles and summaries only (`hub` itself sends without a token). */
let anonymous: Client;

let day = 0;
/** Practices published one day apart, in the order written, so "newest first" is known. */
const practice = (props: Partial<Parameters<Factories['bestPractice']>[0]>): Promise<BestPractice> =>
  make.bestPractice({ originAgency: author, tlp: Tlp.CLEAR, publishedAt: new Date(Date.UTC(2024, 0, 1 + day++, 9)), ...props });

type Page = BestPracticeSearchQuery['bestPractices'];
const search = (filter: BestPracticeFilter, client: Client = member, page: { first?: number; after?: string | null } = {}) =>
  client.query(BestPracticeSearchDocument, { filter, ...page }).then((d) => d.bestPractices);
const titles = (page: Page) => page.edges.map((e) => e.node.title);
const errorOf = (res: { errors?: readonly { extensions?: Record<string, unknown> }[] }) => res.errors?.[0]?.extensions ?? {};
/** A snippet's text as a reader sees it: marks and escapes undone. */
const textOf = (html: string) => html.replace(/<\/?mark>/g, '').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&amp;/g, '&');
const marked = (html: string) => [...html.matchAll(/<mark>(.*?)<\/mark>/g)].map((m) => m[1]);

// Synthetic practices (DEMO), one per language, with words in other forms than the ones searched for.
const FR = 'Contrôle des conteneurs frigorifiques', DE = 'Kontrolle von Containern im Hafen', NL = 'Controle van containers in de haven',
  ES = 'Inspección de contenedores refrigerados', IT = 'Controlli dei container refrigerati', PT = 'Inspeção de contentores refrigerados',
  EN = 'Scanning reefer containers', SV = 'Kontroll av containrar';

beforeAll(async () => {
  hub = await startTestHub();
  make = new Factories(hub.orm);
  antwerp = await make.port({ unlocode: 'BEANR', name: 'Antwerp', country: 'BE' });
  leHavre = await make.port({ unlocode: 'FRLEH', name: 'Le Havre', country: 'FR' });
  await make.port({ unlocode: 'NLRTM', name: 'Rotterdam', country: 'NL' });
  author = await make.agency({ code: 'FR-DGDDI', name: 'French Customs', kind: AgencyKind.CUSTOMS, country: 'FR' });
  member = await hub.as({ agency: author, roles: [Role.ANALYST] });
  anonymous = hub;
  await practice({ language: 'fr', title: FR, summary: 'Cibler les groupes frigorifiques à risque.', body: 'Les équipes ouvrent le conteneur suspect au Havre.', adoptingPorts: [leHavre] });
  await practice({ language: 'de', title: DE, summary: 'Risikoanalyse vor der Entladung.', body: 'Die Zollbeamten prüfen die Ladung.' });
  await practice({ language: 'nl', title: NL, summary: 'Risicoanalyse voor het lossen.', body: 'De douane controleert de lading.' });
  await practice({ language: 'es', title: ES, summary: 'Análisis de riesgo antes de la descarga.', body: 'Los agentes revisan la carga.' });
  await practice({ language: 'it', title: IT, summary: 'Analisi del rischio prima dello scarico.', body: 'Gli agenti verificano il carico.' });
  await practice({ language: 'pt', title: PT, summary: 'Análise de risco antes da descarga.', body: 'Os agentes verificam a carga.' });
  await practice({ language: 'en', title: EN, summary: 'Scanner images of reefer units.', body: 'Dogs check the cargo after the scan.', adoptingPorts: [antwerp] });
  await practice({ language: 'sv', title: SV, summary: 'Riskanalys före lossning.', body: 'Tullen kontrollerar lasten.' });
});
afterAll(() => hub.close());

describe('each practice is searched in its own language', () => {
  test.each<[string, string, string]>([
    ['fr', 'conteneur frigorifique', FR],
    ['de', 'Container', DE],
    ['nl', 'container', NL],
    ['es', 'contenedor', ES],
    ['it', 'controllo', IT],
    ['it', 'container refrigerato', IT],
    ['pt', 'contentor refrigerado', PT],
    ['en', 'scanned container', EN],
  ])('%s: "%s" finds another form of its words', async (language, words, title) => {
    const page = await search({ search: words, languages: [language] });
    expect(titles(page)).toEqual([title]);
    expect(page.totalCount).toBe(1);
    // Without the language filter too: the practice is among those that match in their own language.
    expect(titles(await search({ search: words }))).toContain(title);
  });

  test('one search matches each practice in its language, and a language without a stemmer word for word', async () => {
    // "Container" is "contain" to the English and German stemmers, "container" to the Dutch and Italian ones; the
    // Swedish practice (no configuration: 'simple') has "containrar", another word.
    expect(titles(await search({ search: 'Container' })).sort()).toEqual([DE, EN, IT, NL].sort());
    expect(titles(await search({ search: 'containrar' }))).toEqual([SV]);
    expect(titles(await search({ search: 'containrarna' }))).toEqual([]);
  });

  test('a search no longer matches a part of a word, and stop words alone match nothing in their language', async () => {
    expect(titles(await search({ search: 'frigo' }))).toEqual([]);
    expect(titles(await search({ search: 'the', languages: ['en'] }))).toEqual([]);
    expect(titles(await search({ search: 'des', languages: ['fr'] }))).toEqual([]);
  });
});

describe('websearch syntax, ranking and paging', () => {
  const RANK_TITLE = 'Evaporator coil sampling', RANK_SUMMARY = 'Sampling in reefer machinery', RANK_BODY = 'Machinery space checks';
  const PHRASE = 'Reefer unit inspection', APART = 'Cold chain checks', DOGS = 'Detection dogs at the terminal';

  beforeAll(async () => {
    // Published in the reverse of the expected rank: the rank, not the date, must decide.
    await practice({ language: 'en', title: RANK_TITLE, summary: 'Swabs from the coil.', body: 'Swabs go to the lab.', category: BestPracticeCategory.EQUIPMENT });
    await practice({ language: 'en', title: RANK_SUMMARY, summary: 'The evaporator hides bags.', body: 'Open the panel.', category: BestPracticeCategory.EQUIPMENT });
    await practice({ language: 'en', title: RANK_BODY, summary: 'What to look at behind panels.', body: 'Check the evaporator and the fans.', category: BestPracticeCategory.TRAINING });
    await practice({ language: 'en', title: PHRASE, summary: 'What to open first.', body: 'Seals first.' });
    await practice({ language: 'en', title: APART, summary: 'Open the unit of the reefer last.', body: 'Seals first.' });
    await practice({ language: 'en', title: DOGS, summary: 'Dog teams search containers.', body: 'Handlers rotate every two hours.', tlp: Tlp.GREEN });
  });

  test('ranks a title hit above a summary hit above a body hit, whatever the dates', async () => {
    expect(titles(await search({ search: 'evaporator' }))).toEqual([RANK_TITLE, RANK_SUMMARY, RANK_BODY]);
  });

  test('quoted phrases, or, and -exclusion', async () => {
    // "reefer unit" as a phrase: the title "Reefer unit inspection" and the summary "reefer units", not "unit of the reefer".
    expect(titles(await search({ search: '"reefer unit"' }))).toEqual([PHRASE, EN]);
    expect(titles(await search({ search: '"reefer unit" inspection' }))).toEqual([PHRASE]);
    expect(titles(await search({ search: 'reefer unit' })).sort()).toEqual([APART, EN, PHRASE].sort());
    expect(titles(await search({ search: 'evaporator or dogs' })).sort()).toEqual([DOGS, EN, RANK_BODY, RANK_SUMMARY, RANK_TITLE].sort());
    expect(titles(await search({ search: 'evaporator -coil' }))).toEqual([RANK_SUMMARY, RANK_BODY]);
    // Exclusion reads the body too, for a viewer who may read it ("Dogs check the cargo" in the English practice's body).
    expect(titles(await search({ search: 'containers -dogs', languages: ['en'] }))).toEqual([]);
    expect(titles(await search({ search: 'containers -dogs', languages: ['en'] }, anonymous))).toEqual([EN]);
  });

  test('combines with the other filters: category, TLP, adopting port, language', async () => {
    expect(titles(await search({ search: 'evaporator', categories: ['EQUIPMENT'] }))).toEqual([RANK_TITLE, RANK_SUMMARY]);
    expect(titles(await search({ search: 'containers', tlps: ['GREEN'] }))).toEqual([DOGS]);
    expect(titles(await search({ search: 'reefer', port: 'BEANR' }))).toEqual([EN]);
    expect(titles(await search({ search: 'conteneur', port: 'FRLEH', languages: ['fr'] }))).toEqual([FR]);
    expect((await search({ search: 'evaporator', categories: ['TRAINING'] })).totalCount).toBe(1);
  });

  test('pages through a ranked list with no duplicate and no gap, ties broken by date then id', async () => {
    // Seven practices with the same text rank alike; two share a publication date, so only the id tells them apart.
    const sameDay = new Date(Date.UTC(2025, 5, 1, 9));
    const made = [];
    for (let i = 0; i < 7; i++) {
      made.push(await practice({ language: 'en', title: `Harbourmaster liaison ${i}`, summary: 'Who calls the harbourmaster.', body: 'Keep the harbourmaster informed.', ...(i >= 5 ? { publishedAt: sameDay } : {}) }));
    }
    const whole = await search({ search: 'harbourmaster' }, member, { first: 100 });
    expect(whole.totalCount).toBe(7);
    const seen: string[] = [];
    let after: string | null = null;
    for (let pages = 1; ; pages++) {
      const page: Page = await search({ search: 'harbourmaster' }, member, { first: 3, after });
      expect(page.totalCount).toBe(7);
      seen.push(...page.edges.map((e) => e.node.id));
      if (!page.pageInfo.hasNextPage) {
        expect(pages).toBe(3);
        break;
      }
      after = page.pageInfo.endCursor ?? null;
    }
    expect(seen).toEqual(whole.edges.map((e) => e.node.id));
    expect(new Set(seen).size).toBe(7);
    expect(seen.sort()).toEqual(made.map((p) => p.id).sort());
    // Equal ranks: newest first, and the two of the same day by id, descending.
    const sameDayIds = made.slice(5).map((p) => p.id).sort().reverse();
    expect(whole.edges.slice(0, 2).map((e) => e.node.id)).toEqual(sameDayIds);
  });

  test('a cursor of another order, an empty or wordless search, and one over 100 characters are refused', async () => {
    const unsearched = await member.query(BestPracticeListDocument, { first: 1 });
    const res = await member.send(BestPracticeSearchDocument, { filter: { search: 'reefer' }, after: unsearched.bestPractices.pageInfo.endCursor });
    expect(errorOf(res)).toMatchObject({ code: 'BAD_USER_INPUT', field: 'after' });
    for (const words of ['', '   ', '%%', '-- ""', 'reefer\u0000unit', 'x'.repeat(101)]) {
      const refused = await member.send(BestPracticeSearchDocument, { filter: { search: words } });
      expect(errorOf(refused)).toMatchObject({ code: 'BAD_USER_INPUT' });
      expect(String(errorOf(refused).field)).toBe('filter.search');
    }
    // Web-search syntax never fails: unbalanced quotes and stray operators are read as words.
    expect(titles(await search({ search: '"reefer unit' }))).toEqual([PHRASE, EN]);
    expect(titles(await search({ search: 'or reefer -' })).sort()).toEqual([APART, EN, PHRASE, RANK_SUMMARY].sort());
  });
});

describe('what a viewer may not read never decides a match, a rank or a snippet', () => {
  const CRANE = 'Quay crane audit', CRANE_OLDER = 'Quay crane audit, first edition';

  beforeAll(async () => {
    // The older one says "crane" over and over in its body: only a viewer who may read it ranks it higher for that.
    await practice({ language: 'en', title: CRANE_OLDER, summary: 'Audit of crane access logs.', body: 'Crane, crane, crane: every crane cabin is sealed. Crane keys are logged.' });
    await practice({ language: 'en', title: CRANE, summary: 'Audit of crane access logs.', body: 'The zanzibarite seal was found on the spreader.' });
  });

  test('a word only in the body matches for a viewer who may read bodies, not for one who may not', async () => {
    const forAnonymous = await search({ search: 'zanzibarite' }, anonymous);
    expect(forAnonymous.edges).toEqual([]);
    expect(forAnonymous.totalCount).toBe(0);
    const forMember = await search({ search: 'zanzibarite' });
    expect(titles(forMember)).toEqual([CRANE]);
    expect(marked(forMember.edges[0]!.node.searchSnippet!)).toEqual(['zanzibarite']);
  });

  test('the body does not rank practices for a viewer who may not read it', async () => {
    // Same title words and summary: anonymous viewers get the newest first, members the one whose body says "crane".
    expect(titles(await search({ search: 'crane' }, anonymous))).toEqual([CRANE, CRANE_OLDER]);
    expect(titles(await search({ search: 'crane' }))).toEqual([CRANE_OLDER, CRANE]);
  });

  test('snippets show the body only to a viewer who may read it', async () => {
    const forAnonymous = await search({ search: 'crane' }, anonymous);
    for (const edge of forAnonymous.edges) {
      const text = textOf(edge.node.searchSnippet!);
      expect(text).toMatch(/^Audit of crane access logs\.?$/);
      expect(text).not.toMatch(/zanzibarite|spreader|cabin|sealed|keys/i);
    }
    const forMember = await search({ search: 'crane seal' });
    const snippetOf = (title: string) => textOf(forMember.edges.find((e) => e.node.title === title)!.node.searchSnippet!);
    expect(snippetOf(CRANE)).toMatch(/zanzibarite seal/);
    expect(snippetOf(CRANE_OLDER)).toMatch(/cabin is sealed/);
  });
});

describe('snippets', () => {
  const ESCAPED = 'Fee checks', LONG = 'Lashing inspection manual';
  beforeAll(async () => {
    await practice({ language: 'en', title: ESCAPED, summary: 'Fees < 5 EUR & "free" lashing checks \uE000forged\uE001 marks.', body: 'Nothing else here.' });
    const filler = Array.from({ length: 400 }, (_, i) => `paragraph${i} words`).join(' ');
    await practice({ language: 'en', title: LONG, summary: 'A long manual.', body: `${filler} the twistlock rule ${filler} twistlock again ${filler}` });
  });

  test('are HTML with the matches in <mark> and everything else escaped; no text can forge a mark', async () => {
    const page = await search({ search: 'lashing fees', languages: ['en'], categories: ['RISK_ASSESSMENT'], tlps: ['CLEAR'] });
    expect(titles(page)).toEqual([ESCAPED]);
    const html = page.edges[0]!.node.searchSnippet!;
    expect(html).toContain('<mark>Fees</mark> &lt; 5 EUR &amp; &quot;free&quot; <mark>lashing</mark> checks forged marks');
    expect(marked(html)).toEqual(['Fees', 'lashing']);
    expect(html).not.toMatch(/<(?!\/?mark>)/);
  });

  test('are bounded, cut around the matches of a long body', async () => {
    const [edge] = (await search({ search: 'twistlock' })).edges;
    expect(edge!.node.title).toBe(LONG);
    const html = edge!.node.searchSnippet!;
    expect(marked(html)).toContain('twistlock');
    expect(textOf(html).length).toBeLessThanOrEqual(321);
  });

  test('belong to the list that searched: two searches in one request, and null where nothing was searched', async () => {
    const data = await member.query(BestPracticeTwoSearchesDocument, { first: { search: 'zanzibarite' }, second: { search: 'spreader' } });
    expect(marked(data.one.edges[0]!.node.searchSnippet!)).toEqual(['zanzibarite']);
    expect(marked(data.two.edges[0]!.node.searchSnippet!)).toEqual(['spreader']);
    expect(data.one.edges[0]!.node.title).toBe(data.two.edges[0]!.node.title);
    expect(data.plain.edges[0]!.node.searchSnippet).toBeNull();
  });

  test('of a root list cost as many SQL statements for a page of 2 as for a page of 6 (one for all snippets)', async () => {
    const statementsFor = (first: number) => hub.statementsDuring(() => search({ search: 'harbourmaster' }, member, { first }));
    const [two, six] = [await statementsFor(2), await statementsFor(6)];
    expect(six).toBe(two);
  });

  test('in nested lists: matched the same way, one statement for the snippets of every parent', async () => {
    const perPort = (first: number) => member.query(BestPracticeSearchPerPortDocument, { first, filter: { search: 'conteneur frigorifique' } });
    const data = await perPort(3);
    const byPort = Object.fromEntries(data.ports.edges.map((e) => [e.node.unlocode, e.node.adoptedBestPractices]));
    expect(byPort.FRLEH!.totalCount).toBe(1);
    expect(byPort.FRLEH!.edges.map((e) => e.node.title)).toEqual([FR]);
    expect(marked(byPort.FRLEH!.edges[0]!.node.searchSnippet!)).toContain('frigorifiques');
    expect(byPort.BEANR!.totalCount).toBe(0);
    // Antwerp, Le Havre, Rotterdam by name: two ports or three, the same statements.
    const [two, three] = [await hub.statementsDuring(() => perPort(2)), await hub.statementsDuring(() => perPort(3))];
    expect(three).toBe(two);
  });
});

test('reading the snippet of an AMBER practice is audited, as every field of it is', async () => {
  const amber = await practice({ language: 'en', title: 'Berth allocation review', summary: 'Who may change a berth at short notice.', body: 'The quarantinebay list is kept apart.', tlp: Tlp.AMBER });
  const page = await search({ search: 'quarantinebay' });
  expect(marked(page.edges[0]!.node.searchSnippet!)).toEqual(['quarantinebay']);
  const admin = await hub.as({ agency: author, roles: [Role.ADMIN] });
  const events = (await admin.query(AuditEventsDocument, { filter: { recordId: amber.id } })).auditEvents.edges.map((e) => e.node);
  expect(events).toHaveLength(1);
  expect(events[0]).toMatchObject({ kind: 'READ', outcome: 'ALLOWED', operationName: 'BestPracticeSearch', recordIds: [amber.id] });
  expect(events[0]!.fields).toContain('BestPractice.searchSnippet');
});

describe('referents and ports keep their prefix search', () => {
  test('a referent by the start of a name, a port by the start of its name or UN/LOCODE', async () => {
    await make.referent({ fullName: 'Demo Bram de Vries', agency: author });
    await make.referent({ fullName: 'Demo Claire Martin', agency: author });
    const referents = await member.query(ReferentPrefixSearchDocument, { search: 'Bra' });
    expect(referents.referents.edges.map((e) => e.node.fullName)).toEqual(['Demo Bram de Vries']);
    const ports = (search: string) => anonymous.query(PortPrefixSearchDocument, { search }).then((d) => d.ports.edges.map((e) => e.node.unlocode));
    expect(await ports('Rott')).toEqual(['NLRTM']);
    expect(await ports('le h')).toEqual(['FRLEH']);
    expect(await ports('NLR')).toEqual(['NLRTM']);
  });
});
