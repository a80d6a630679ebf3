import type { GraphQLFormattedError } from 'graphql';
import { Role } from '../src/auth/viewer.js';
import { Tlp } from '../src/hub/common/enums.js';
import { AgencyKind, type Agency } from '../src/hub/modules/agency/index.js';
import { Investigation, InvestigationStatus } from '../src/hub/modules/investigation/index.js';
import type { Port } from '../src/hub/modules/port/index.js';
import { Seizure } from '../src/hub/modules/seizure/index.js';
import {
  InvestigationByIdDocument, InvestigationLinkSeizuresDocument, InvestigationListDocument, InvestigationOpenDocument,
  InvestigationsOfAgenciesDocument, InvestigationUpdateStatusDocument,
  type InvestigationListQueryVariables, type InvestigationsOfAgenciesQuery, type LinkSeizuresInput, type OpenInvestigationInput,
  type UpdateInvestigationStatusInput,
} from './generated/operations.js';
import { Factories } from './support/factories.js';
import { startTestHub, type Client, type TestHub } from './support/hub.js';

let hub: TestHub;
let make: Factories;
let customs: Agency; // Belgian customs: leads TIDE, takes part in HARBOUR
let police: Agency; // Dutch police: leads REEF, takes part in TIDE and HARBOUR
let judicial: Agency; // French prosecutors: lead HARBOUR, take part in REEF
let investigator: Client; // signed in for Belgian customs
/** RED investigations show only to their participants: a Dutch police analyst, whose agency takes part in all three. */
let reader: Client;
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
  reader = await hub.as({ agency: police, roles: [Role.ANALYST] });
});
afterAll(() => hub.close());

const list = async (vars: InvestigationListQueryVariables = {}, client: Client = reader) => (await client.query(InvestigationListDocument, vars)).investigations;
const names = (page: { edges: { node: { codeName: string } }[] }) => page.edges.map((e) => e.node.codeName);
const firstError = (errors: readonly GraphQLFormattedError[] | undefined) => errors?.[0]?.extensions;
const countInvestigations = () => hub.orm.em.fork().count(Investigation, {});
const byCode = (r: InvestigationsOfAgenciesQuery) => Object.fromEntries(r.agencies.edges.map((e) => [e.node.code, e.node.investigations]));

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
    const tooMany = await reader.send(InvestigationListDocument, { first: 101 });
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
    expect(firstError((await reader.send(InvestigationListDocument, { filter: { search: 'x' } })).errors)).toMatchObject({ code: 'BAD_USER_INPUT', field: 'filter.search' });
    expect(firstError((await reader.send(InvestigationListDocument, { filter: { openedFrom: '2024-02-30' } })).errors)).toMatchObject({ code: 'BAD_USER_INPUT', field: 'filter.openedFrom' });
    expect(firstError((await reader.send(InvestigationListDocument, { filter: { leadAgencyIds: ['nope'] } })).errors)).toMatchObject({ code: 'BAD_USER_INPUT', field: 'filter.leadAgencyIds' });
  });

  test('one investigation by id; NOT_FOUND for an unknown or malformed id', async () => {
    const id = (await list({ first: 1 })).edges[0]!.node.id;
    const one = await reader.query(InvestigationByIdDocument, { id });
    expect(one.investigation).toEqual({ codeName: 'DEMO-OP-TIDE', leadAgency: { name: 'Belgian Customs' } });
    for (const missing of ['00000000-0000-4000-8000-000000000000', 'not-a-uuid']) {
      const result = await reader.send(InvestigationByIdDocument, { id: missing });
      expect(firstError(result.errors)?.code).toBe('NOT_FOUND');
    }
  });

  test('Agency.investigations: where each agency takes part, batched, paginated and filtered', async () => {
    const all = byCode(await reader.query(InvestigationsOfAgenciesDocument, { first: 1 }));
    expect(names(all['NL-POL']!)).toEqual(['DEMO-OP-TIDE']);
    expect(all['NL-POL']!.totalCount).toBe(3);
    expect(all['NL-POL']!.pageInfo.hasNextPage).toBe(true);
    expect(all['FR-JIRS']!.totalCount).toBe(2);
    expect(all['BE-AAD']!.totalCount).toBe(2);
    const closed = byCode(await reader.query(InvestigationsOfAgenciesDocument, { first: 1, filter: { statuses: ['CLOSED'] } }));
    expect(names(closed['BE-AAD']!)).toEqual(['DEMO-OP-HARBOUR']);
    expect(closed['BE-AAD']!.totalCount).toBe(1);
    const withJudicial = byCode(await reader.query(InvestigationsOfAgenciesDocument, { first: 1, filter: { participantAgencyIds: [judicial.id] } }));
    expect(names(withJudicial['NL-POL']!)).toEqual(['DEMO-OP-HARBOUR']);
    expect(withJudicial['NL-POL']!.totalCount).toBe(2);
  });

  test('RED investigations show only to the agencies taking part: in lists, counts, nested lists and by id', async () => {
    const prosecutor = await hub.as({ agency: judicial, roles: [Role.ANALYST] }); // takes part in REEF and HARBOUR, not TIDE
    const page = await list({}, prosecutor);
    expect(names(page)).toEqual(['DEMO-OP-HARBOUR', 'DEMO-OP-REEF']);
    expect(page.totalCount).toBe(2);
    const customsCases = byCode(await prosecutor.query(InvestigationsOfAgenciesDocument, {}))['BE-AAD']!;
    expect(names(customsCases)).toEqual(['DEMO-OP-HARBOUR']);
    expect(customsCases.totalCount).toBe(1);
    const tide = (await list({ filter: { search: 'TIDE' } })).edges[0]!.node.id;
    expect(firstError((await prosecutor.send(InvestigationByIdDocument, { id: tide })).errors)?.code).toBe('NOT_FOUND');
    expect((await list({}, hub)).totalCount).toBe(0); // anonymous: CLEAR only
  });
});

const open = (client: Client, input: OpenInvestigationInput) => client.send(InvestigationOpenDocument, { input });

// An annotated table (not test.each's overloads) so that each ill-typed case is refused on its own line.
const invalidInputs: [string, string, () => Partial<OpenInvestigationInput>][] = [
  ['a 2-character code name', 'input.codeName', () => ({ codeName: 'AB' })],
  ['an 81-character code name', 'input.codeName', () => ({ codeName: 'X'.repeat(81) })],
  ['an opening date in the future', 'input.openedOn', () => ({ openedOn: '2999-01-01' })],
  ['a date not written YYYY-MM-DD', 'input.openedOn', () => ({ openedOn: '01/06/2024' })],
  ['an unknown participant', 'input.participantAgencyIds[1]', () => ({ participantAgencyIds: [police.id, '00000000-0000-4000-8000-000000000000'] })],
  ['a malformed participant id', 'input.participantAgencyIds', () => ({ participantAgencyIds: ['not-an-id'] })],
  ['51 participants', 'input.participantAgencyIds', () => ({ participantAgencyIds: Array.from({ length: 51 }, () => '00000000-0000-4000-8000-000000000000') })],
  ['20001 characters of notes', 'input.criminalGroupNotes', () => ({ criminalGroupNotes: 'n'.repeat(20001) })],
  // @ts-expect-error not a TLP label: the generated types refuse it, and so must GraphQL
  ['an unknown TLP label', 'input.tlp', () => ({ tlp: 'PURPLE' })],
];

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
    expect(result.errors![0]!.message).toContain('already leads an investigation with the code name "DEMO-OP-TIDE"');
    expect(await countInvestigations()).toBe(before);
  });

  test.each(invalidInputs)('%s is BAD_USER_INPUT on %s and writes nothing', async (_case, field, bad) => {
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

  test.each<[string, () => Promise<Client>, string]>([
    ['an anonymous viewer', async () => hub, 'UNAUTHENTICATED'],
    ['an analyst', () => hub.as({ agency: customs, roles: [Role.ANALYST] }), 'FORBIDDEN'],
    ['an officer', () => hub.as({ agency: customs, roles: [Role.OFFICER] }), 'FORBIDDEN'],
    ['an administrator', () => hub.as({ agency: customs, roles: [Role.ADMIN] }), 'FORBIDDEN'],
  ])('opening is for investigators: %s is refused with %s and nothing is written', async (_who, client, code) => {
    const before = await countInvestigations();
    const result = await open(await client(), { codeName: 'DEMO-OP-REFUSED', openedOn: '2024-06-01', participantAgencyIds: [police.id] });
    expect(result.data ?? null).toBeNull();
    expect(firstError(result.errors)?.code).toBe(code);
    expect(await countInvestigations()).toBe(before);
  });
});

const link = (input: LinkSeizuresInput) => investigator.send(InvestigationLinkSeizuresDocument, { input });
/** The investigations each seizure is linked to (ids, sorted), read past the API. */
const linkedTo = async (seizures: Seizure[]) => {
  const rows = await hub.orm.em.fork().find(Seizure, { id: { $in: seizures.map((s) => s.id) } }, { populate: ['investigations'] });
  return seizures.map((s) => rows.find((r) => r.id === s.id)!.investigations.getItems().map((i) => i.id).sort());
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
    expect(await linkedTo(seizures)).toEqual([[target.id], [target.id], []]);

    const stale = await link({ investigationId: target.id, investigationVersion: 1, seizureIds: [seizures[2]!.id] });
    expect(firstError(stale.errors)?.code).toBe('CONFLICT');
    expect(await linkedTo(seizures)).toEqual([[target.id], [target.id], []]);

    const fresh = await link({ investigationId: target.id, investigationVersion: 2, seizureIds: [seizures[2]!.id] });
    expect(fresh.data!.linkSeizuresToInvestigation.version).toBe(3);
    expect(await linkedTo(seizures)).toEqual([[target.id], [target.id], [target.id]]);
  });

  test('of two concurrent links on the same version, one wins and the other is CONFLICT without linking anything', async () => {
    const contested = await make.investigation({ codeName: 'DEMO-OP-RACE', originAgency: customs });
    const [a, b] = await Promise.all([1, 2].map(() => make.seizure({ port: antwerp, originAgency: customs })));
    const results = await Promise.all([a!, b!].map((s) => link({ investigationId: contested.id, investigationVersion: 1, seizureIds: [s.id] })));
    const codes = results.map((r) => firstError(r.errors)?.code ?? 'OK').sort();
    expect(codes).toEqual(['CONFLICT', 'OK']);
    const linked = await linkedTo([a!, b!]);
    expect(linked.filter((ids) => ids.includes(contested.id))).toHaveLength(1);
    expect(linked.filter((ids) => ids.length === 0)).toHaveLength(1);
    expect((await hub.orm.em.fork().findOneOrFail(Investigation, contested.id)).version).toBe(2);
  });

  test('an unknown seizure is BAD_USER_INPUT naming its position; nothing is linked and the version stays', async () => {
    const other = await make.investigation({ codeName: 'DEMO-OP-OTHER', originAgency: customs });
    const result = await link({ investigationId: other.id, investigationVersion: 1, seizureIds: [seizures[0]!.id, '00000000-0000-4000-8000-000000000000'] });
    expect(firstError(result.errors)).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.seizureIds[1]' });
    expect(await linkedTo([seizures[0]!])).toEqual([[target.id]]);
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
  const update = (input: UpdateInvestigationStatusInput) => investigator.send(InvestigationUpdateStatusDocument, { input });

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
    // @ts-expect-error not an InvestigationStatus: the generated types refuse it, and so must GraphQL
    const badStatus = await update({ id: investigation.id, version: 1, status: 'FINISHED' });
    expect(firstError(badStatus.errors)).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.status' });
    const unknown = await update({ id: '00000000-0000-4000-8000-000000000000', version: 1, status: 'CLOSED' });
    expect(firstError(unknown.errors)?.code).toBe('NOT_FOUND');
  });
});

describe('who may link seizures and change the status', () => {
  let outsider: Agency; // Spanish customs: takes part in none of these investigations
  const signedIn = (agency: () => Agency, roles: Role[]) => () => hub.as({ agency: agency(), roles });
  /** What a refused write must leave as it was, read past the API. */
  const stored = async (id: string) => {
    const em = hub.orm.em.fork();
    const { status, version } = await em.findOneOrFail(Investigation, id);
    return { status, version, linked: await em.count(Seizure, { investigations: { $some: { id } } }) };
  };
  /** An investigation led by Belgian customs with Dutch police taking part, and a seizure anyone may see. */
  const customsCase = async (tlp: Tlp) => ({
    investigation: await make.investigation({ originAgency: customs, participants: [police], tlp }),
    seizure: await make.seizure({ port: antwerp, originAgency: customs, tlp: Tlp.CLEAR }),
  });
  type Who = () => Promise<Client>;

  beforeAll(async () => {
    outsider = await make.agency({ code: 'ES-AEAT', name: 'Spanish Customs', kind: AgencyKind.CUSTOMS, country: 'ES' });
  });

  test('an investigator of an agency taking part (not the lead) links seizures it may see', async () => {
    const { investigation, seizure } = await customsCase(Tlp.RED);
    const policeInvestigator = await hub.as({ agency: police, roles: [Role.INVESTIGATOR] });
    const result = await policeInvestigator.send(InvestigationLinkSeizuresDocument, { input: { investigationId: investigation.id, investigationVersion: 1, seizureIds: [seizure.id] } });
    expect(result.data?.linkSeizuresToInvestigation).toEqual({ id: investigation.id, version: 2 });
    expect(await linkedTo([seizure])).toEqual([[investigation.id]]);
  });

  test.each<[string, Who, Tlp, string]>([
    ['an investigator of an agency not taking part', signedIn(() => outsider, [Role.INVESTIGATOR]), Tlp.AMBER, 'FORBIDDEN'],
    ['an investigator of an agency not taking part, on one it may not see', signedIn(() => outsider, [Role.INVESTIGATOR]), Tlp.RED, 'NOT_FOUND'],
    ['an analyst of the lead agency', signedIn(() => customs, [Role.ANALYST]), Tlp.RED, 'FORBIDDEN'],
    ['an officer of the lead agency', signedIn(() => customs, [Role.OFFICER]), Tlp.RED, 'FORBIDDEN'],
    ['an anonymous viewer', async () => hub, Tlp.CLEAR, 'UNAUTHENTICATED'],
  ])('refuses a link by %s (investigation %s) with %s, and links nothing', async (_who, who, tlp, code) => {
    const { investigation, seizure } = await customsCase(tlp);
    const before = await stored(investigation.id);
    const result = await (await who()).send(InvestigationLinkSeizuresDocument, { input: { investigationId: investigation.id, investigationVersion: 1, seizureIds: [seizure.id] } });
    expect(result.data ?? null).toBeNull();
    expect(firstError(result.errors)?.code).toBe(code);
    expect(await stored(investigation.id)).toEqual(before);
    expect(await linkedTo([seizure])).toEqual([[]]);
  });

  test('a seizure the investigator may not see is "no seizure" at its position; nothing is linked', async () => {
    const { investigation, seizure } = await customsCase(Tlp.RED);
    const hidden = await make.seizure({ port: antwerp, originAgency: outsider, tlp: Tlp.AMBER_STRICT });
    const result = await link({ investigationId: investigation.id, investigationVersion: 1, seizureIds: [seizure.id, hidden.id] });
    expect(firstError(result.errors)).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.seizureIds[1]' });
    expect(result.errors![0]!.message).toContain(`no seizure with id ${hidden.id}`);
    expect(await stored(investigation.id)).toEqual({ status: 'OPEN', version: 1, linked: 0 });
    expect(await linkedTo([seizure, hidden])).toEqual([[], []]);
  });

  test('linking adds the investigation to a seizure\'s others, whoever holds them, and linking twice is one link', async () => {
    const { investigation, seizure } = await customsCase(Tlp.RED);
    const theirs = await make.investigation({ originAgency: outsider, tlp: Tlp.RED });
    const ours = await make.investigation({ originAgency: police, participants: [customs], tlp: Tlp.RED });
    const heldThere = await make.seizure({ port: antwerp, originAgency: customs, investigation: theirs });
    const heldByUs = await make.seizure({ port: antwerp, originAgency: customs, investigation: ours });
    const first = await link({ investigationId: investigation.id, investigationVersion: 1, seizureIds: [seizure.id, heldThere.id, heldByUs.id] });
    expect(first.errors).toBeUndefined();
    expect(first.data?.linkSeizuresToInvestigation).toEqual({ id: investigation.id, version: 2 });
    expect(await linkedTo([seizure, heldThere, heldByUs])).toEqual([[investigation.id], [investigation.id, theirs.id].sort(), [investigation.id, ours.id].sort()]);
    const again = await link({ investigationId: investigation.id, investigationVersion: 2, seizureIds: [seizure.id, heldThere.id, seizure.id] });
    expect(again.errors).toBeUndefined();
    expect(await linkedTo([seizure, heldThere])).toEqual([[investigation.id], [investigation.id, theirs.id].sort()]);
    expect(await stored(investigation.id)).toMatchObject({ version: 3, linked: 3 });
  });

  test.each<[string, Who, Tlp, string]>([
    ['an investigator of an agency taking part but not leading', signedIn(() => police, [Role.INVESTIGATOR]), Tlp.RED, 'FORBIDDEN'],
    ['an investigator of an agency not taking part', signedIn(() => outsider, [Role.INVESTIGATOR]), Tlp.AMBER, 'FORBIDDEN'],
    ['an investigator of an agency not taking part, on one it may not see', signedIn(() => outsider, [Role.INVESTIGATOR]), Tlp.RED, 'NOT_FOUND'],
    ['an analyst of the lead agency', signedIn(() => customs, [Role.ANALYST]), Tlp.RED, 'FORBIDDEN'],
    ['an anonymous viewer', async () => hub, Tlp.CLEAR, 'UNAUTHENTICATED'],
  ])('the status is for the lead agency: %s (investigation %s) is refused with %s and nothing changes', async (_who, who, tlp, code) => {
    const { investigation } = await customsCase(tlp);
    const before = await stored(investigation.id);
    const result = await (await who()).send(InvestigationUpdateStatusDocument, { input: { id: investigation.id, version: 1, status: 'CLOSED' } });
    expect(result.data ?? null).toBeNull();
    expect(firstError(result.errors)?.code).toBe(code);
    expect(await stored(investigation.id)).toEqual(before);
  });
});
