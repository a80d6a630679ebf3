import type { GraphQLFormattedError } from 'graphql';
import { Role } from '../src/auth/viewer.js';
import { AgencyKind, type Agency } from '../src/hub/modules/agency/index.js';
import { Investigation, InvestigationStatus } from '../src/hub/modules/investigation/index.js';
import type { Port } from '../src/hub/modules/port/index.js';
import { Seizure } from '../src/hub/modules/seizure/index.js';
import { Factories } from './support/factories.js';
import { startTestHub, type Client, type TestHub } from './support/hub.js';

type Page<N> = { totalCount: number; pageInfo: { hasNextPage: boolean; endCursor: string | null }; edges: { node: N }[] };
type Vars = Record<string, unknown>;

let hub: TestHub;
let make: Factories;
let customs: Agency; // Belgian customs: leads TIDE, takes part in HARBOUR
let police: Agency; // Dutch police: leads REEF, takes part in TIDE and HARBOUR
let judicial: Agency; // French prosecutors: lead HARBOUR, take part in REEF
let investigator: Client; // signed in for Belgian customs
let antwerp: Port;

beforeAll(async () => {
  hub = await startTestHub();
  make = new Factories(hub.orm);
  antwerp = await make.port({ unlocode: 'BEANR', name: 'Antwerp', country: 'BE' });
  customs = await make.agency({ code: 'BE-AAD', name: 'Belgian Customs', kind: AgencyKind.CUSTOMS, country: 'BE' });
  police = await make.agency({ code: 'NL-POL', name: 'Dutch Police', kind: AgencyKind.POLICE, country: 'NL' });
  judicial = await make.agency({ code: 'FR-JIRS', name: 'French Prosecutors', kind: AgencyKind.JUDICIAL, country: 'FR' });
  // The factory always adds the lead; Props<T> types `participants` as a Collection, hence the cast.
  await make.investigation({ codeName: 'DEMO-OP-TIDE', openedOn: '2024-05-01', status: InvestigationStatus.ACTIVE, originAgency: customs, participants: [police] as never });
  await make.investigation({ codeName: 'DEMO-OP-REEF', openedOn: '2023-11-10', originAgency: police, participants: [judicial] as never });
  await make.investigation({ codeName: 'DEMO-OP-HARBOUR', openedOn: '2024-02-20', status: InvestigationStatus.CLOSED, originAgency: judicial, participants: [customs, police] as never });
  investigator = await hub.as({ agency: customs, roles: [Role.INVESTIGATOR] });
});
afterAll(() => hub.close());

const LIST = `query($first: Int, $after: String, $filter: InvestigationFilter) {
  investigations(first: $first, after: $after, filter: $filter) {
    totalCount pageInfo { hasNextPage endCursor }
    edges { node { codeName status openedOn tlp leadAgency { code } participants { totalCount edges { node { code } } } } }
  }
}`;
type Node = { codeName: string; status: string; openedOn: string; tlp: string; leadAgency: { code: string }; participants: Page<{ code: string }> };
const list = async (vars: Vars = {}) => (await hub.query<{ investigations: Page<Node> }, Vars>(LIST, vars)).investigations;
const names = (page: Page<{ codeName: string }>) => page.edges.map((e) => e.node.codeName);
const firstError = (errors: readonly GraphQLFormattedError[] | undefined) => errors?.[0]?.extensions;
const countInvestigations = () => hub.orm.em.fork().count(Investigation, {});

describe('reading investigations', () => {
  test('lists the latest opened first, with the lead and the participants (lead included)', async () => {
    const page = await list();
    expect(names(page)).toEqual(['DEMO-OP-TIDE', 'DEMO-OP-HARBOUR', 'DEMO-OP-REEF']);
    expect(page.totalCount).toBe(3);
    expect(page.edges[0]!.node).toMatchObject({ status: 'ACTIVE', openedOn: '2024-05-01', tlp: 'RED', leadAgency: { code: 'BE-AAD' } });
    expect(page.edges[1]!.node.participants.edges.map((e) => e.node.code)).toEqual(['BE-AAD', 'NL-POL', 'FR-JIRS']);
    expect(page.edges[1]!.node.participants.totalCount).toBe(3);
  });

  test('pages with first/after return every investigation once; first is 1..100', async () => {
    const one = await list({ first: 2 });
    expect(names(one)).toEqual(['DEMO-OP-TIDE', 'DEMO-OP-HARBOUR']);
    expect(one.pageInfo.hasNextPage).toBe(true);
    const two = await list({ first: 2, after: one.pageInfo.endCursor });
    expect(names(two)).toEqual(['DEMO-OP-REEF']);
    expect(two.pageInfo.hasNextPage).toBe(false);
    expect(two.totalCount).toBe(3);
    const tooMany = await hub.send(LIST, { first: 101 });
    expect(firstError(tooMany.errors)).toMatchObject({ code: 'BAD_USER_INPUT', field: 'first' });
  });

  test('filters by status, lead, participant (any of, no duplicates), opening dates and code name', async () => {
    expect(names(await list({ filter: { statuses: ['OPEN', 'CLOSED'] } }))).toEqual(['DEMO-OP-HARBOUR', 'DEMO-OP-REEF']);
    expect(names(await list({ filter: { leadAgencyIds: [police.id] } }))).toEqual(['DEMO-OP-REEF']);
    expect(names(await list({ filter: { participantAgencyIds: [judicial.id] } }))).toEqual(['DEMO-OP-HARBOUR', 'DEMO-OP-REEF']);
    const anyOf = await list({ filter: { participantAgencyIds: [customs.id, police.id] } });
    expect(names(anyOf)).toEqual(['DEMO-OP-TIDE', 'DEMO-OP-HARBOUR', 'DEMO-OP-REEF']);
    expect(anyOf.totalCount).toBe(3);
    expect(names(await list({ filter: { openedFrom: '2024-02-20' } }))).toEqual(['DEMO-OP-TIDE', 'DEMO-OP-HARBOUR']);
    expect(names(await list({ filter: { openedTo: '2024-02-19' } }))).toEqual(['DEMO-OP-REEF']);
    expect(names(await list({ filter: { openedFrom: '2024-01-01', openedTo: '2024-03-01' } }))).toEqual(['DEMO-OP-HARBOUR']);
    expect(names(await list({ filter: { search: 'reef' } }))).toEqual(['DEMO-OP-REEF']);
    expect(names(await list({ filter: { search: '%_' } }))).toEqual([]);
    const combined = await list({ filter: { statuses: ['ACTIVE', 'CLOSED'], participantAgencyIds: [police.id], search: 'DEMO' } });
    expect(combined.totalCount).toBe(2);
  });

  test('bad filter values are BAD_USER_INPUT naming the field', async () => {
    expect(firstError((await hub.send(LIST, { filter: { search: 'x' } })).errors)).toMatchObject({ code: 'BAD_USER_INPUT', field: 'filter.search' });
    expect(firstError((await hub.send(LIST, { filter: { openedFrom: '2024-02-30' } })).errors)).toMatchObject({ code: 'BAD_USER_INPUT', field: 'filter.openedFrom' });
    expect(firstError((await hub.send(LIST, { filter: { leadAgencyIds: ['nope'] } })).errors)).toMatchObject({ code: 'BAD_USER_INPUT', field: 'filter.leadAgencyIds' });
  });

  test('one investigation by id; NOT_FOUND for an unknown or malformed id', async () => {
    const { investigations } = await hub.query<{ investigations: Page<{ id: string }> }, Vars>('{ investigations(first: 1) { edges { node { id } } } }');
    const id = investigations.edges[0]!.node.id;
    const one = await hub.query<{ investigation: { codeName: string; leadAgency: { name: string } } }, Vars>(
      'query($id: ID!) { investigation(id: $id) { codeName leadAgency { name } } }', { id },
    );
    expect(one.investigation).toEqual({ codeName: 'DEMO-OP-TIDE', leadAgency: { name: 'Belgian Customs' } });
    for (const missing of ['00000000-0000-4000-8000-000000000000', 'not-a-uuid']) {
      const result = await hub.send('query($id: ID!) { investigation(id: $id) { codeName } }', { id: missing });
      expect(firstError(result.errors)?.code).toBe('NOT_FOUND');
    }
  });

  test('Agency.investigations: where each agency takes part, batched, paginated and filtered', async () => {
    const q = `query($filter: InvestigationFilter) { agencies { edges { node { code
      investigations(first: 1, filter: $filter) { totalCount pageInfo { hasNextPage } edges { node { codeName } } } } } } }`;
    type Result = { agencies: Page<{ code: string; investigations: Page<{ codeName: string }> }> };
    const byCode = (r: Result) => Object.fromEntries(r.agencies.edges.map((e) => [e.node.code, e.node.investigations]));
    const all = byCode(await hub.query<Result, Vars>(q, {}));
    expect(names(all['NL-POL']!)).toEqual(['DEMO-OP-TIDE']);
    expect(all['NL-POL']!.totalCount).toBe(3);
    expect(all['NL-POL']!.pageInfo.hasNextPage).toBe(true);
    expect(all['FR-JIRS']!.totalCount).toBe(2);
    expect(all['BE-AAD']!.totalCount).toBe(2);
    const closed = byCode(await hub.query<Result, Vars>(q, { filter: { statuses: ['CLOSED'] } }));
    expect(names(closed['BE-AAD']!)).toEqual(['DEMO-OP-HARBOUR']);
    expect(closed['BE-AAD']!.totalCount).toBe(1);
    const withJudicial = byCode(await hub.query<Result, Vars>(q, { filter: { participantAgencyIds: [judicial.id] } }));
    expect(names(withJudicial['NL-POL']!)).toEqual(['DEMO-OP-HARBOUR']);
    expect(withJudicial['NL-POL']!.totalCount).toBe(2);
  });
});

const OPEN = `mutation($input: OpenInvestigationInput!) {
  openInvestigation(input: $input) { id codeName status openedOn tlp version criminalGroupNotes leadAgency { code } participants { totalCount edges { node { code } } } }
}`;
type Opened = { id: string; codeName: string; status: string; version: number; tlp: string; leadAgency: { code: string }; participants: Page<{ code: string }> };
const open = (client: Client, input: Vars) => client.send<{ openInvestigation: Opened }, Vars>(OPEN, { input });

describe('openInvestigation', () => {
  test('opens a TLP:RED investigation led by the acting agency, which always takes part', async () => {
    const result = await open(investigator, { codeName: 'DEMO-OP-NEW', openedOn: '2024-06-01', participantAgencyIds: [police.id, police.id, customs.id], criminalGroupNotes: 'Synthetic notes' });
    expect(result.errors).toBeUndefined();
    const opened = result.data!.openInvestigation;
    expect(opened).toMatchObject({ codeName: 'DEMO-OP-NEW', status: 'OPEN', tlp: 'RED', version: 1, criminalGroupNotes: 'Synthetic notes', leadAgency: { code: 'BE-AAD' } });
    expect(opened.participants.edges.map((e) => e.node.code)).toEqual(['BE-AAD', 'NL-POL']);
    const alone = await open(investigator, { codeName: 'DEMO-OP-SOLO', openedOn: '2024-06-02', tlp: 'AMBER' });
    expect(alone.data!.openInvestigation).toMatchObject({ tlp: 'AMBER', participants: { totalCount: 1 } });
  });

  test('a code name already in use is CONFLICT with a clear message, and nothing is written', async () => {
    const before = await countInvestigations();
    const result = await open(investigator, { codeName: 'DEMO-OP-TIDE', openedOn: '2024-06-01', participantAgencyIds: [police.id] });
    expect(firstError(result.errors)?.code).toBe('CONFLICT');
    expect(result.errors![0]!.message).toContain('"DEMO-OP-TIDE" already exists');
    expect(await countInvestigations()).toBe(before);
  });

  test.each([
    ['a 2-character code name', 'input.codeName', () => ({ codeName: 'AB' })],
    ['an 81-character code name', 'input.codeName', () => ({ codeName: 'X'.repeat(81) })],
    ['an opening date in the future', 'input.openedOn', () => ({ openedOn: '2999-01-01' })],
    ['a date not written YYYY-MM-DD', 'input.openedOn', () => ({ openedOn: '01/06/2024' })],
    ['an unknown participant', 'input.participantAgencyIds[1]', () => ({ participantAgencyIds: [police.id, '00000000-0000-4000-8000-000000000000'] })],
    ['a malformed participant id', 'input.participantAgencyIds', () => ({ participantAgencyIds: ['not-an-id'] })],
    ['51 participants', 'input.participantAgencyIds', () => ({ participantAgencyIds: Array.from({ length: 51 }, () => '00000000-0000-4000-8000-000000000000') })],
    ['20001 characters of notes', 'input.criminalGroupNotes', () => ({ criminalGroupNotes: 'n'.repeat(20001) })],
    ['an unknown TLP label', 'input.tlp', () => ({ tlp: 'PURPLE' })],
  ] as [string, string, () => Vars][])('%s is BAD_USER_INPUT on %s and writes nothing', async (_case, field, bad) => {
    const before = await countInvestigations();
    const result = await open(investigator, { codeName: 'DEMO-OP-BAD', openedOn: '2024-06-01', ...bad() });
    expect(firstError(result.errors)).toMatchObject({ code: 'BAD_USER_INPUT', field });
    expect(await countInvestigations()).toBe(before);
  });

  test('boundary values are accepted: 3 and 80 character code names, opened today, 20000 characters of notes', async () => {
    const today = new Date().toISOString().slice(0, 10);
    expect((await open(investigator, { codeName: 'OP3', openedOn: today, criminalGroupNotes: 'n'.repeat(20000) })).errors).toBeUndefined();
    expect((await open(investigator, { codeName: 'O'.repeat(80), openedOn: '2024-01-01' })).errors).toBeUndefined();
  });

  test('an anonymous viewer cannot open an investigation', async () => {
    const result = await open(hub, { codeName: 'DEMO-OP-ANON', openedOn: '2024-06-01' });
    expect(firstError(result.errors)?.code).toBe('UNAUTHENTICATED');
  });
});

const LINK = `mutation($input: LinkSeizuresInput!) { linkSeizuresToInvestigation(input: $input) { id version } }`;
const link = (input: Vars) => investigator.send<{ linkSeizuresToInvestigation: { id: string; version: number } }, Vars>(LINK, { input });
const linkedTo = async (seizures: Seizure[]) => {
  const rows = await hub.orm.em.fork().find(Seizure, { id: { $in: seizures.map((s) => s.id) } });
  return seizures.map((s) => rows.find((r) => r.id === s.id)!.investigation?.id ?? null);
};

describe('linkSeizuresToInvestigation', () => {
  let target: Investigation;
  let seizures: Seizure[];
  beforeAll(async () => {
    target = await make.investigation({ codeName: 'DEMO-OP-LINK', originAgency: customs });
    seizures = await Promise.all([1, 2, 3].map(() => make.seizure({ port: antwerp, originAgency: customs })));
  });

  test('links seizures and bumps the version; a second link on the stale version is CONFLICT and changes nothing', async () => {
    const first = await link({ investigationId: target.id, investigationVersion: 1, seizureIds: [seizures[0]!.id, seizures[1]!.id] });
    expect(first.data!.linkSeizuresToInvestigation).toEqual({ id: target.id, version: 2 });
    expect(await linkedTo(seizures)).toEqual([target.id, target.id, null]);

    const stale = await link({ investigationId: target.id, investigationVersion: 1, seizureIds: [seizures[2]!.id] });
    expect(firstError(stale.errors)?.code).toBe('CONFLICT');
    expect(await linkedTo(seizures)).toEqual([target.id, target.id, null]);

    const fresh = await link({ investigationId: target.id, investigationVersion: 2, seizureIds: [seizures[2]!.id] });
    expect(fresh.data!.linkSeizuresToInvestigation.version).toBe(3);
    expect(await linkedTo(seizures)).toEqual([target.id, target.id, target.id]);
  });

  test('of two concurrent links on the same version, one wins and the other is CONFLICT without linking anything', async () => {
    const contested = await make.investigation({ codeName: 'DEMO-OP-RACE', originAgency: customs });
    const [a, b] = await Promise.all([1, 2].map(() => make.seizure({ port: antwerp, originAgency: customs })));
    const results = await Promise.all([a!, b!].map((s) => link({ investigationId: contested.id, investigationVersion: 1, seizureIds: [s.id] })));
    const codes = results.map((r) => firstError(r.errors)?.code ?? 'OK').sort();
    expect(codes).toEqual(['CONFLICT', 'OK']);
    const linked = await linkedTo([a!, b!]);
    expect(linked.filter((id) => id === contested.id)).toHaveLength(1);
    expect(linked.filter((id) => id === null)).toHaveLength(1);
    expect((await hub.orm.em.fork().findOneOrFail(Investigation, contested.id)).version).toBe(2);
  });

  test('an unknown seizure is BAD_USER_INPUT naming its position; nothing is linked and the version stays', async () => {
    const other = await make.investigation({ codeName: 'DEMO-OP-OTHER', originAgency: customs });
    const result = await link({ investigationId: other.id, investigationVersion: 1, seizureIds: [seizures[0]!.id, '00000000-0000-4000-8000-000000000000'] });
    expect(firstError(result.errors)).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.seizureIds[1]' });
    expect(await linkedTo([seizures[0]!])).toEqual([target.id]);
    expect((await hub.orm.em.fork().findOneOrFail(Investigation, other.id)).version).toBe(1);
  });

  test('1 to 100 seizure ids; an unknown investigation is NOT_FOUND', async () => {
    const none = await link({ investigationId: target.id, investigationVersion: 3, seizureIds: [] });
    expect(firstError(none.errors)).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.seizureIds' });
    const tooMany = await link({ investigationId: target.id, investigationVersion: 3, seizureIds: Array.from({ length: 101 }, () => seizures[0]!.id) });
    expect(firstError(tooMany.errors)).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.seizureIds' });
    const unknown = await link({ investigationId: '00000000-0000-4000-8000-000000000000', investigationVersion: 1, seizureIds: [seizures[0]!.id] });
    expect(firstError(unknown.errors)?.code).toBe('NOT_FOUND');
  });
});

describe('updateInvestigationStatus', () => {
  const UPDATE = `mutation($input: UpdateInvestigationStatusInput!) { updateInvestigationStatus(input: $input) { status version } }`;
  const update = (input: Vars) => investigator.send<{ updateInvestigationStatus: { status: string; version: number } }, Vars>(UPDATE, { input });

  test('changes the status and the version; a stale version is CONFLICT and changes nothing', async () => {
    const investigation = await make.investigation({ codeName: 'DEMO-OP-STATUS', originAgency: customs });
    const done = await update({ id: investigation.id, version: 1, status: 'SUSPENDED' });
    expect(done.data!.updateInvestigationStatus).toEqual({ status: 'SUSPENDED', version: 2 });
    const stale = await update({ id: investigation.id, version: 1, status: 'CLOSED' });
    expect(firstError(stale.errors)?.code).toBe('CONFLICT');
    const stored = await hub.orm.em.fork().findOneOrFail(Investigation, investigation.id);
    expect([stored.status, stored.version]).toEqual([InvestigationStatus.SUSPENDED, 2]);
  });

  test('an unknown status or id is refused', async () => {
    const investigation = await make.investigation({ codeName: 'DEMO-OP-STATUS-2', originAgency: customs });
    const badStatus = await update({ id: investigation.id, version: 1, status: 'FINISHED' });
    expect(firstError(badStatus.errors)).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.status' });
    const unknown = await update({ id: '00000000-0000-4000-8000-000000000000', version: 1, status: 'CLOSED' });
    expect(firstError(unknown.errors)?.code).toBe('NOT_FOUND');
  });
});
