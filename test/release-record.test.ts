// Releasing a record (issue 14, point 4): the originating agency widens who sees one of its AMBER+STRICT or RED
// records with releaseRecord — more agencies, a lower label — and never narrows what was released. Who may release,
// what a refusal looks like (a record the viewer does not own reads like one that does not exist), that the named
// agencies see the record everywhere (by id, in lists, nested lists and counts, seizure statistics from the rollup),
// optimistic locking, idempotency, the audit row, and the SIENA handling code on every classified record.
import { randomUUID } from 'node:crypto';
import { getNamedType, isInputObjectType } from 'graphql';
import { Role } from '../src/auth/viewer.js';
import { HandlingCode, Tlp } from '../src/hub/common/enums.js';
import { HANDLING_CODES } from '../src/hub/common/handling-codes.js';
import { AgencyKind, type Agency } from '../src/hub/modules/agency/index.js';
import type { Port } from '../src/hub/modules/port/index.js';
import { Concealment, DetectionMethod, DrugType } from '../src/hub/modules/seizure/index.js';
import { buildSubgraph } from '../src/hub/schema.js';
import {
  ClassifiedHandlingCodesDocument, CorrectReleasedSeizureDocument, ReleasedBestPracticeViewsDocument, ReleasedInvestigationViewsDocument,
  ReleasedSeizureStatisticsDocument, ReleasedSeizureViewsDocument, ReleasedTargetingAlertViewsDocument, ReleaseRecordDocument, ReviseReleasedBestPracticeDocument,
  RiskIndicatorByIdDocument, UpdateRiskIndicatorDocument,
  type CorrectSeizureInput, type ReleaseRecordInput, type ReviseBestPracticeInput, type SeizureFilter, type StatisticsDimension,
} from './generated/operations.js';
import { publishedCount } from './support/disclosure.js';
import { Factories } from './support/factories.js';
import { startTestHub, type Client, type GraphQLResponse, type TestHub } from './support/hub.js';

let hub: TestHub;
let make: Factories;
let port: Port;
let be: Agency; // the originating agency
let nl: Agency;
let fr: Agency;
let operator: Agency; // a private partner
let beOfficer: Client;
let beAnalyst: Client;
let beInvestigator: Client;
let beReferent: Client;
let beAdmin: Client;
let nlOfficer: Client;
let nlInvestigator: Client;
let frOfficer: Client;
let partner: Client;

beforeAll(async () => {
  hub = await startTestHub();
  make = new Factories(hub.orm);
  port = await make.port({ unlocode: 'BEANR', name: 'Antwerp' });
  be = await make.agency({ code: 'BE-AAD', name: 'Belgian Customs' });
  nl = await make.agency({ code: 'NL-DOUANE', name: 'Dutch Customs', country: 'NL' });
  fr = await make.agency({ code: 'FR-DNRED', name: 'French Customs Intelligence', country: 'FR' });
  operator = await make.agency({ code: 'BE-TERMINAL', name: 'Demo terminal operator', kind: AgencyKind.PRIVATE_OPERATOR });
  beOfficer = await hub.as({ agency: be, roles: [Role.OFFICER] });
  beAnalyst = await hub.as({ agency: be, roles: [Role.ANALYST], subject: 'be-analyst' });
  beInvestigator = await hub.as({ agency: be, roles: [Role.INVESTIGATOR], subject: 'be-investigator' });
  beReferent = await hub.as({ agency: be, roles: [Role.REFERENT], subject: 'be-referent' });
  beAdmin = await hub.as({ agency: be, roles: [Role.ADMIN], subject: 'be-admin' });
  nlOfficer = await hub.as({ agency: nl, roles: [Role.OFFICER] });
  nlInvestigator = await hub.as({ agency: nl, roles: [Role.INVESTIGATOR], subject: 'nl-investigator' });
  frOfficer = await hub.as({ agency: fr, roles: [Role.OFFICER] });
  partner = await hub.as({ agency: operator, roles: [Role.PARTNER] });
});
afterAll(() => hub.close());

const sql = <T = Record<string, unknown>>(query: string, params: unknown[] = []) => hub.orm.em.fork().execute(query, params) as Promise<T[]>;
const grantsOf = async (recordId: string) => (await sql<{ agency_id: string }>('select agency_id from record_release where record_id = ? order by agency_id', [recordId])).map((r) => r.agency_id);
const codeOf = (res: GraphQLResponse<unknown>) => res.errors?.map((e) => e.extensions?.code);

/** A release of a seizure by default; tests override what they are about. */
const release = (client: Client, input: Partial<ReleaseRecordInput> & { id: string }) =>
  client.send(ReleaseRecordDocument, { input: { recordType: 'SEIZURE', version: 1, addAgencyIds: [], ...input } });

async function released(client: Client, input: Partial<ReleaseRecordInput> & { id: string }) {
  const res = await release(client, input);
  expect(res.errors).toBeUndefined();
  return res.data!.releaseRecord as { __typename: string; id: string; version: number; tlp: string; handlingCode: string | null };
}

/** A refusal with one error of `code` (on `field`), nothing written. */
async function refused(client: Client, input: Partial<ReleaseRecordInput> & { id: string }, code: string, field?: string) {
  const before = await grantsOf(input.id);
  const res = await release(client, input);
  expect(res.data ?? null).toBeNull();
  expect(codeOf(res)).toEqual([code]);
  if (field) expect(res.errors![0]!.extensions?.field).toBe(field);
  expect(await grantsOf(input.id)).toEqual(before);
  return res.errors![0]!;
}

const seizureById = (client: Client, id: string) =>
  client.send(`query($id: ID!) { seizure(id: $id) { id tlp } }`, { id }) as Promise<GraphQLResponse<{ seizure: { id: string; tlp: string } }>>;

describe('who may release', () => {
  test('a record the viewer does not own reads exactly like one that does not exist, whether the viewer sees it or not', async () => {
    const red = await make.seizure({ port, originAgency: be, tlp: Tlp.RED });
    const amber = await make.seizure({ port, originAgency: be, tlp: Tlp.AMBER }); // nl sees it, but does not own it
    const releasedToNl = await make.seizure({ port, originAgency: be, tlp: Tlp.RED });
    await released(beOfficer, { id: releasedToNl.id, addAgencyIds: [nl.id] }); // nl sees it now, and may not pass it on
    const answers: object[] = [];
    for (const id of [red.id, amber.id, releasedToNl.id, randomUUID()]) {
      const error = await refused(nlOfficer, { id, version: id === releasedToNl.id ? 2 : 1, addAgencyIds: [fr.id] }, 'NOT_FOUND');
      answers.push({ ...error, message: error.message.replace(id, '<id>') });
    }
    expect(answers.every((a) => JSON.stringify(a) === JSON.stringify(answers[0]))).toBe(true);
    expect(answers[0]).toMatchObject({ message: 'Seizure <id> not found', extensions: { code: 'NOT_FOUND' } });
    expect(await grantsOf(releasedToNl.id)).toEqual([nl.id]);
  });

  test('only members of the originating agency holding the role that writes the type; anonymous viewers are told to sign in', async () => {
    const red = await make.seizure({ port, originAgency: be, tlp: Tlp.RED });
    await refused(beAnalyst, { id: red.id, addAgencyIds: [nl.id] }, 'FORBIDDEN'); // no role that writes a classified type
    // INVESTIGATOR releases investigations, not seizures.
    expect((await refused(beInvestigator, { id: red.id, addAgencyIds: [nl.id] }, 'FORBIDDEN')).message).toBe('Only members of the originating agency holding OFFICER may release this Seizure');
    await refused(hub, { id: red.id, addAgencyIds: [nl.id] }, 'UNAUTHENTICATED');
    await refused(partner, { id: red.id, addAgencyIds: [nl.id] }, 'FORBIDDEN');
  });

  test('only AMBER+STRICT and RED records are released', async () => {
    for (const tlp of [Tlp.AMBER, Tlp.GREEN, Tlp.CLEAR]) {
      const seizure = await make.seizure({ port, originAgency: be, tlp });
      await refused(beOfficer, { id: seizure.id, addAgencyIds: [nl.id] }, 'BAD_USER_INPUT', 'input.id');
    }
  });
});

describe('a release only widens', () => {
  test('the agencies named see the record by id, in lists, nested lists and counts; others still do not', async () => {
    const seizure = await make.seizure({ port, originAgency: be, tlp: Tlp.RED, seizedOn: '2023-06-01', containerNumber: 'CSQU3054383' });
    const views = (client: Client) => client.send(ReleasedSeizureViewsDocument, { id: seizure.id, port: 'BEANR', agency: be.id, filter: { seizedFrom: '2023-01-01', seizedTo: '2023-12-31' } });
    expect(codeOf(await views(nlOfficer))).toEqual(['NOT_FOUND']);

    const answer = await released(beOfficer, { id: seizure.id, addAgencyIds: [nl.id] });
    expect(answer).toEqual({ __typename: 'Seizure', id: seizure.id, version: 2, tlp: 'RED', handlingCode: 'H3' });

    const seen = await views(nlOfficer);
    expect(seen.errors).toBeUndefined();
    expect(seen.data!.seizure).toMatchObject({ id: seizure.id, tlp: 'RED', containerNumber: 'CSQU3054383' });
    for (const list of [seen.data!.seizures, seen.data!.port.seizures, seen.data!.agency.reportedSeizures]) {
      expect(list.edges.map((e) => e.node.id)).toContain(seizure.id);
      expect(list.totalCount).toBe(list.edges.length); // the count (from the rollup, plus the released row) matches the rows
    }
    expect(codeOf(await views(frOfficer))).toEqual(['NOT_FOUND']);
    const frList = await frOfficer.query(`query { seizures(first: 100) { edges { node { id } } } }`);
    expect(JSON.stringify(frList)).not.toContain(seizure.id);
  });

  test('a lower label widens the audience; a higher or equal label, and CLEAR, are refused on input.lowerTlpTo', async () => {
    const seizure = await make.seizure({ port, originAgency: be, tlp: Tlp.AMBER_STRICT });
    await refused(beOfficer, { id: seizure.id, lowerTlpTo: 'RED' }, 'BAD_USER_INPUT', 'input.lowerTlpTo');
    await refused(beOfficer, { id: seizure.id, lowerTlpTo: 'AMBER_STRICT' }, 'BAD_USER_INPUT', 'input.lowerTlpTo');
    await refused(beOfficer, { id: seizure.id, lowerTlpTo: 'CLEAR' }, 'BAD_USER_INPUT', 'input.lowerTlpTo');
    await refused(beOfficer, { id: seizure.id }, 'BAD_USER_INPUT', 'input'); // nothing to release
    expect(codeOf(await seizureById(frOfficer, seizure.id))).toEqual(['NOT_FOUND']);

    expect(await released(beOfficer, { id: seizure.id, lowerTlpTo: 'AMBER' })).toMatchObject({ version: 2, tlp: 'AMBER', handlingCode: 'H0' });
    expect((await seizureById(frOfficer, seizure.id)).data?.seizure).toEqual({ id: seizure.id, tlp: 'AMBER' });
    expect(codeOf(await seizureById(partner, seizure.id))).toEqual(['NOT_FOUND']); // AMBER: law enforcement only
    // Now AMBER, the record is no longer one a release acts on: raising it back is not something releaseRecord does.
    await refused(beOfficer, { id: seizure.id, version: 2, lowerTlpTo: 'GREEN' }, 'BAD_USER_INPUT', 'input.id');
  });

  test('there is no way to take an agency back: the input has no such field, and the grant table refuses UPDATE and DELETE', async () => {
    const seizure = await make.seizure({ port, originAgency: be, tlp: Tlp.RED });
    await released(beOfficer, { id: seizure.id, addAgencyIds: [nl.id] });
    const res = await beOfficer.send(`mutation($id: ID!, $nl: ID!) { releaseRecord(input: { recordType: SEIZURE, id: $id, version: 2, removeAgencyIds: [$nl] }) { __typename } }`, { id: seizure.id, nl: nl.id });
    expect(codeOf(res)).toEqual(['GRAPHQL_VALIDATION_FAILED']);
    await expect(hub.ownerSql('delete from record_release where record_id = $1', [seizure.id])).rejects.toThrow(/append-only/);
    await expect(hub.ownerSql(`update record_release set agency_id = $1 where record_id = $2`, [fr.id, seizure.id])).rejects.toThrow(/append-only/);
    await expect(hub.ownerSql('truncate record_release')).rejects.toThrow(/append-only/);
    await expect(sql('delete from record_release where record_id = ?', [seizure.id])).rejects.toThrow(); // the runtime role holds no DELETE
    expect(await grantsOf(seizure.id)).toEqual([nl.id]);
  });

  test('a grant outlives a change of label: lowering or raising it hides the record from no agency it was released to', async () => {
    const seizure = await make.seizure({ port, originAgency: be, tlp: Tlp.RED });
    await released(beOfficer, { id: seizure.id, addAgencyIds: [operator.id] }); // a private partner, named
    expect((await seizureById(partner, seizure.id)).data?.seizure.tlp).toBe('RED');
    await released(beOfficer, { id: seizure.id, version: 2, lowerTlpTo: 'AMBER' }); // AMBER's audience leaves partners out…
    expect((await seizureById(partner, seizure.id)).data?.seizure.tlp).toBe('AMBER'); // …but the release still names it
    // The reporting officer lowers the label further by a correction, then raises it back to what was released.
    await beOfficer.query(`mutation($id: ID!) { correctSeizure(input: { id: $id, version: 3, tlp: GREEN }) { tlp } }`, { id: seizure.id });
    await beOfficer.query(`mutation($id: ID!) { correctSeizure(input: { id: $id, version: 4, tlp: AMBER }) { tlp } }`, { id: seizure.id });
    expect((await seizureById(partner, seizure.id)).data?.seizure.tlp).toBe('AMBER');

    // A label raised by a correction (no release lowered it, so nothing caps it) keeps the agencies released to.
    const strict = await make.seizure({ port, originAgency: be, tlp: Tlp.AMBER_STRICT });
    await released(beOfficer, { id: strict.id, addAgencyIds: [operator.id] });
    await beOfficer.query(`mutation($id: ID!) { correctSeizure(input: { id: $id, version: 2, tlp: RED }) { tlp } }`, { id: strict.id });
    expect((await seizureById(partner, strict.id)).data?.seizure.tlp).toBe('RED');
    expect(codeOf(await seizureById(frOfficer, strict.id))).toEqual(['NOT_FOUND']);
  });

  test('lowering a RED investigation keeps every participant: each gets a grant, so the lower label hides it from none', async () => {
    const investigation = await make.investigation({ originAgency: be, tlp: Tlp.RED, participants: [nl, operator] });
    const views = (client: Client) => client.send(ReleasedInvestigationViewsDocument, { id: investigation.id, agency: be.id });
    for (const client of [nlInvestigator, partner]) expect((await views(client)).data?.investigation.tlp).toBe('RED');
    const answer = await released(beInvestigator, { recordType: 'INVESTIGATION', id: investigation.id, lowerTlpTo: 'AMBER_STRICT' });
    expect(answer).toMatchObject({ __typename: 'Investigation', tlp: 'AMBER_STRICT', handlingCode: 'H2', version: 2 });
    for (const client of [nlInvestigator, partner]) {
      const seen = await views(client);
      expect(seen.errors).toBeUndefined();
      expect(seen.data!.investigation).toMatchObject({ id: investigation.id, tlp: 'AMBER_STRICT' });
      for (const list of [seen.data!.investigations, seen.data!.agency.investigations]) {
        expect(list.edges.map((e) => e.node.id)).toContain(investigation.id);
        expect(list.totalCount).toBe(list.edges.length);
      }
    }
    expect(codeOf(await views(frOfficer))).toEqual(['NOT_FOUND']);
    expect(await grantsOf(investigation.id)).toEqual([nl.id, operator.id].sort());
  });

  test('naming an agency that already sees the record (the originating one, one named before) is a no-op, not an error', async () => {
    const seizure = await make.seizure({ port, originAgency: be, tlp: Tlp.RED });
    expect((await released(beOfficer, { id: seizure.id, addAgencyIds: [nl.id] })).version).toBe(2);
    expect((await released(beOfficer, { id: seizure.id, version: 2, addAgencyIds: [nl.id, be.id, nl.id] })).version).toBe(2);
    expect(await grantsOf(seizure.id)).toEqual([nl.id]);
    expect((await released(beOfficer, { id: seizure.id, version: 2, addAgencyIds: [nl.id, fr.id] })).version).toBe(3);
    expect(await grantsOf(seizure.id)).toEqual([nl.id, fr.id].sort());
  });

  test('an unknown agency is BAD_USER_INPUT on its index', async () => {
    const seizure = await make.seizure({ port, originAgency: be, tlp: Tlp.RED });
    await refused(beOfficer, { id: seizure.id, addAgencyIds: [nl.id, randomUUID()] }, 'BAD_USER_INPUT', 'input.addAgencyIds[1]');
  });
});

describe('a correction never takes back what a release gave (the release floor)', () => {
  const correctSeizure = (client: Client, input: CorrectSeizureInput) => client.send(CorrectReleasedSeizureDocument, { input });
  const reviseBestPractice = (client: Client, input: ReviseBestPracticeInput) => client.send(ReviseReleasedBestPracticeDocument, { input });
  const seizureFilter = { seizedFrom: '2017-01-01', seizedTo: '2017-12-31' };
  const seizureViews = (client: Client, id: string) => client.send(ReleasedSeizureViewsDocument, { id, port: 'BEANR', agency: be.id, filter: seizureFilter });
  const bestPracticeViews = (client: Client, id: string) => client.send(ReleasedBestPracticeViewsDocument, { id, agency: be.id });
  const rowOf = async (table: string, id: string) =>
    (await sql<{ tlp: string; release_floor: string | null; version: number }>(`select tlp, release_floor, version from "${table}" where id = ?`, [id]))[0]!;
  /** The audit row of the viewer's last write of `field`. */
  const lastWrite = async (agency: Agency, field: string) =>
    (await sql<{ outcome: string; detail: string | null }>(`select outcome, detail from audit_event where kind = 'WRITE' and agency_id = ? and ? = any(fields) order by seq desc limit 1`, [agency.id, field]))[0];

  /** `views` answers the record by id, and every list holds it with a count that matches its rows. */
  function expectSeen(res: GraphQLResponse<Record<string, unknown>>, id: string, label: string) {
    expect(res.errors).toBeUndefined();
    const data = res.data as Record<string, { id?: string; tlp?: string; totalCount?: number; edges?: { node: { id: string } }[] } & Record<string, unknown>>;
    const [record, ...rest] = Object.values(data);
    expect(record).toMatchObject({ id, tlp: label });
    const lists = rest.flatMap((v) => ('edges' in v ? [v] : Object.values(v))) as { totalCount: number; edges: { node: { id: string } }[] }[];
    expect(lists.length).toBeGreaterThanOrEqual(2);
    for (const list of lists) {
      expect(list.edges.map((e) => e.node.id)).toContain(id);
      expect(list.totalCount).toBe(list.edges.length);
    }
  }

  test('seizure: a release lowers RED to AMBER; a correction raising the label is refused on input.tlp, and law enforcement keeps it', async () => {
    const seizure = await make.seizure({ port, originAgency: be, tlp: Tlp.RED, seizedOn: '2017-05-01', containerNumber: 'MSCU1234565' });
    expect(codeOf(await seizureViews(frOfficer, seizure.id))).toEqual(['NOT_FOUND']);
    await released(beOfficer, { id: seizure.id, lowerTlpTo: 'AMBER' });
    expect(await rowOf('seizure', seizure.id)).toEqual({ tlp: 'AMBER', release_floor: 'AMBER', version: 2 });
    expectSeen(await seizureViews(frOfficer, seizure.id), seizure.id, 'AMBER');

    for (const tlp of ['AMBER_STRICT', 'RED'] as const) {
      const res = await correctSeizure(beOfficer, { id: seizure.id, version: 2, tlp, quantity: '99' });
      expect(res.data ?? null).toBeNull();
      expect(codeOf(res)).toEqual(['BAD_USER_INPUT']);
      expect(res.errors![0]!.extensions?.field).toBe('input.tlp');
      expect(res.errors![0]!.message).toMatch(/released at AMBER by its originating agency/);
      // Nothing half-written: not the label, not the other field, not the version; the refusal is audited.
      expect(await rowOf('seizure', seizure.id)).toEqual({ tlp: 'AMBER', release_floor: 'AMBER', version: 2 });
      expect(await lastWrite(be, 'Mutation.correctSeizure')).toEqual({ outcome: 'FAILED', detail: 'BAD_USER_INPUT' });
    }
    const seen = await seizureViews(frOfficer, seizure.id);
    expectSeen(seen, seizure.id, 'AMBER');
    expect(seen.data!.seizure.containerNumber).toBe('MSCU1234565');

    // Only those who may change the record learn how it was released: another agency gets what it got before.
    expect(codeOf(await correctSeizure(frOfficer, { id: seizure.id, version: 2, tlp: 'RED' }))).toEqual(['FORBIDDEN']); // sees it (AMBER), does not own it
    expect(codeOf(await correctSeizure(partner, { id: seizure.id, version: 2, tlp: 'RED' }))).toEqual(['FORBIDDEN']); // no OFFICER role

    // Keeping the label, lowering it further, and raising it back up to the floor all work.
    expect((await correctSeizure(beOfficer, { id: seizure.id, version: 2, tlp: 'AMBER', quantity: '99' })).data?.correctSeizure).toMatchObject({ version: 3, tlp: 'AMBER' });
    expect((await correctSeizure(beOfficer, { id: seizure.id, version: 3, quantity: '98' })).data?.correctSeizure).toMatchObject({ version: 4, tlp: 'AMBER' });
    expect((await correctSeizure(beOfficer, { id: seizure.id, version: 4, tlp: 'GREEN' })).data?.correctSeizure).toMatchObject({ version: 5, tlp: 'GREEN' });
    expect((await seizureById(partner, seizure.id)).data?.seizure.tlp).toBe('GREEN');
    expect((await correctSeizure(beOfficer, { id: seizure.id, version: 5, tlp: 'AMBER' })).data?.correctSeizure).toMatchObject({ version: 6, tlp: 'AMBER' });
    expect(codeOf(await correctSeizure(beOfficer, { id: seizure.id, version: 6, tlp: 'AMBER_STRICT' }))).toEqual(['BAD_USER_INPUT']);
    expect(await rowOf('seizure', seizure.id)).toEqual({ tlp: 'AMBER', release_floor: 'AMBER', version: 6 });
  });

  test('a second release lowers the floor; the floor never rises, and the database refuses a label above it', async () => {
    const seizure = await make.seizure({ port, originAgency: be, tlp: Tlp.RED });
    await released(beOfficer, { id: seizure.id, lowerTlpTo: 'AMBER_STRICT', addAgencyIds: [nl.id] });
    expect(await rowOf('seizure', seizure.id)).toMatchObject({ tlp: 'AMBER+STRICT', release_floor: 'AMBER+STRICT' });
    const res = await correctSeizure(beOfficer, { id: seizure.id, version: 2, tlp: 'RED' });
    expect(res.errors![0]!.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.tlp' });
    expect(res.errors![0]!.message).toMatch(/released at AMBER\+STRICT/);
    // An officer who does not see the record gets what an id nobody holds gets; one it was released to, FORBIDDEN.
    const hidden = await correctSeizure(frOfficer, { id: seizure.id, version: 2, tlp: 'RED' });
    const nobody = await correctSeizure(frOfficer, { id: randomUUID(), version: 2, tlp: 'RED' });
    expect(codeOf(hidden)).toEqual(['NOT_FOUND']);
    expect(hidden.errors![0]!.message.replace(seizure.id, '<id>')).toBe(nobody.errors![0]!.message.replace(/[0-9a-f-]{36}/, '<id>'));
    expect(codeOf(await correctSeizure(nlOfficer, { id: seizure.id, version: 2, tlp: 'RED' }))).toEqual(['FORBIDDEN']);
    await released(beOfficer, { id: seizure.id, version: 2, lowerTlpTo: 'AMBER' });
    expect(await rowOf('seizure', seizure.id)).toMatchObject({ tlp: 'AMBER', release_floor: 'AMBER' });
    expect(codeOf(await correctSeizure(beOfficer, { id: seizure.id, version: 3, tlp: 'AMBER_STRICT' }))).toEqual(['BAD_USER_INPUT']);
    // The backstop for any other path: the label never rises above the floor, the floor never rises nor clears.
    await expect(hub.ownerSql(`update seizure set tlp = 'RED' where id = $1`, [seizure.id])).rejects.toThrow(/seizure_tlp_within_release_floor/);
    await expect(hub.ownerSql(`update seizure set release_floor = 'RED', tlp = 'RED' where id = $1`, [seizure.id])).rejects.toThrow(/release floor only goes down/);
    await expect(hub.ownerSql(`update seizure set release_floor = null where id = $1`, [seizure.id])).rejects.toThrow(/release floor only goes down/);
    expect(await rowOf('seizure', seizure.id)).toMatchObject({ tlp: 'AMBER', release_floor: 'AMBER' });
    expect((await seizureById(nlOfficer, seizure.id)).data?.seizure.tlp).toBe('AMBER');
  });

  test('a release that names agencies without lowering the label sets no floor: the label may rise, the grants hold', async () => {
    const seizure = await make.seizure({ port, originAgency: be, tlp: Tlp.AMBER_STRICT });
    await released(beOfficer, { id: seizure.id, addAgencyIds: [nl.id] });
    expect(await rowOf('seizure', seizure.id)).toMatchObject({ release_floor: null });
    expect((await correctSeizure(beOfficer, { id: seizure.id, version: 2, tlp: 'RED' })).data?.correctSeizure).toMatchObject({ tlp: 'RED' });
    expect((await seizureById(nlOfficer, seizure.id)).data?.seizure.tlp).toBe('RED');
  });

  test('best practice: a release lowers RED to GREEN; a revision raising the label is refused on input.tlp, and members keep it', async () => {
    const practice = await make.bestPractice({ originAgency: be, tlp: Tlp.RED, title: 'Reefer container inspection' });
    expect(codeOf(await bestPracticeViews(partner, practice.id))).toEqual(['NOT_FOUND']);
    await released(beReferent, { recordType: 'BEST_PRACTICE', id: practice.id, lowerTlpTo: 'GREEN' });
    expectSeen(await bestPracticeViews(partner, practice.id), practice.id, 'GREEN'); // GREEN: private partners too

    for (const tlp of ['AMBER', 'AMBER_STRICT', 'RED'] as const) {
      const res = await reviseBestPractice(beReferent, { id: practice.id, version: 2, tlp, title: 'Narrowed' });
      expect(res.data ?? null).toBeNull();
      expect(res.errors![0]!.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.tlp' });
      expect(res.errors![0]!.message).toMatch(/released at GREEN by its originating agency/);
      expect(await rowOf('best_practice', practice.id)).toEqual({ tlp: 'GREEN', release_floor: 'GREEN', version: 2 });
      expect(await lastWrite(be, 'Mutation.reviseBestPractice')).toEqual({ outcome: 'FAILED', detail: 'BAD_USER_INPUT' });
    }
    const seen = await bestPracticeViews(partner, practice.id);
    expectSeen(seen, practice.id, 'GREEN');
    expect(seen.data!.bestPractice.title).toBe('Reefer container inspection');
    // Another agency's referent sees it (GREEN) and may not revise it, whatever the label asked for.
    const nlReferent = await hub.as({ agency: nl, roles: [Role.REFERENT], subject: 'nl-referent' });
    expect(codeOf(await reviseBestPractice(nlReferent, { id: practice.id, version: 2, tlp: 'RED' }))).toEqual(['FORBIDDEN']);

    expect((await reviseBestPractice(beReferent, { id: practice.id, version: 2, tlp: 'GREEN', title: 'Reefer inspection' })).data?.reviseBestPractice).toMatchObject({ version: 3, tlp: 'GREEN', title: 'Reefer inspection' });
    expect((await reviseBestPractice(beReferent, { id: practice.id, version: 3, tlp: 'CLEAR' })).data?.reviseBestPractice).toMatchObject({ version: 4, tlp: 'CLEAR' });
    expect((await reviseBestPractice(beReferent, { id: practice.id, version: 4, tlp: 'GREEN' })).data?.reviseBestPractice).toMatchObject({ version: 5, tlp: 'GREEN' });
    expectSeen(await bestPracticeViews(partner, practice.id), practice.id, 'GREEN');
  });

  test('risk indicator: a release lowers RED to AMBER; an update raising the label is refused on input.tlp, and law enforcement keeps it', async () => {
    const indicator = await make.riskIndicator({ originAgency: be, tlp: Tlp.RED, local: 'FLOOR-1' });
    expect(codeOf(await nlOfficer.send(RiskIndicatorByIdDocument, { id: indicator.id }))).toEqual(['NOT_FOUND']);
    await released(beReferent, { recordType: 'RISK_INDICATOR', id: indicator.id, lowerTlpTo: 'AMBER' });
    expect((await nlOfficer.send(RiskIndicatorByIdDocument, { id: indicator.id })).data?.riskIndicator).toMatchObject({ id: indicator.id, tlp: 'AMBER' });

    for (const tlp of ['AMBER_STRICT', 'RED'] as const) {
      const res = await beReferent.send(UpdateRiskIndicatorDocument, { input: { id: indicator.id, version: 2, tlp, descriptions: [{ language: 'en', text: 'Narrowed' }] } });
      expect(res.data ?? null).toBeNull();
      expect(res.errors![0]!.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.tlp' });
      expect(res.errors![0]!.message).toMatch(/released at AMBER by its originating agency/);
      expect(await rowOf('risk_indicator', indicator.id)).toEqual({ tlp: 'AMBER', release_floor: 'AMBER', version: 2 });
    }
    const unchanged = (await nlOfficer.send(RiskIndicatorByIdDocument, { id: indicator.id })).data?.riskIndicator;
    expect(unchanged).toMatchObject({ tlp: 'AMBER', version: 2 });
    expect((unchanged?.descriptions ?? []).map((d) => d.text)).not.toContain('Narrowed');
    const kept = await beReferent.send(UpdateRiskIndicatorDocument, { input: { id: indicator.id, version: 2, tlp: 'AMBER', descriptions: [{ language: 'en', text: 'Kept at its floor' }] } });
    expect(kept.data?.updateRiskIndicator).toMatchObject({ version: 3, tlp: 'AMBER', descriptions: [{ language: 'en', text: 'Kept at its floor' }] });
  });

  test('no other write changes a classified record\'s label or the agencies it names: the floor covers every path', async () => {
    // Investigations, partnership actions and funding lines have no correction: their label, participants, partners
    // and beneficiary are set when they are created. A new mutation that edits an existing record (its input takes
    // a version) and names a label or agencies must be listed here, and checked against the floor and the grants.
    const schema = await buildSubgraph();
    const namesAgencies = /agenc|participant|partner|beneficiar/i;
    const edits = Object.values(schema.getMutationType()!.getFields()).flatMap((field) => {
      const inputType = field.args.find((a) => a.name === 'input')?.type;
      const input = inputType && getNamedType(inputType);
      if (!isInputObjectType(input)) return [];
      const fields = Object.keys(input.getFields());
      if (!fields.some((f) => /version$/i.test(f))) return [];
      return [{ mutation: field.name, tlp: fields.includes('tlp'), agencies: fields.filter((f) => namesAgencies.test(f)) }];
    });
    expect(edits.filter((e) => e.tlp).map((e) => e.mutation).sort()).toEqual(['correctSeizure', 'reviseBestPractice', 'updateRiskIndicator']);
    expect(edits.filter((e) => e.agencies.length).map((e) => `${e.mutation}.${e.agencies.join(',')}`)).toEqual(['releaseRecord.addAgencyIds']);
  });
});

describe('writes like every other', () => {
  test('a stale version is a CONFLICT, and nothing is granted', async () => {
    const seizure = await make.seizure({ port, originAgency: be, tlp: Tlp.RED });
    await released(beOfficer, { id: seizure.id, addAgencyIds: [nl.id] });
    await refused(beOfficer, { id: seizure.id, version: 1, addAgencyIds: [fr.id] }, 'CONFLICT');
    await refused(beOfficer, { id: seizure.id, version: 1, lowerTlpTo: 'AMBER' }, 'CONFLICT');
    expect((await seizureById(beOfficer, seizure.id)).data?.seizure.tlp).toBe('RED');
  });

  test('concurrent releases of one version: one is made, the others are CONFLICT', async () => {
    const seizure = await make.seizure({ port, originAgency: be, tlp: Tlp.RED });
    const answers = await Promise.all([nl, fr, operator].map((agency) => release(beOfficer, { id: seizure.id, addAgencyIds: [agency.id] })));
    expect(answers.filter((a) => !a.errors).length).toBe(1);
    expect(answers.filter((a) => a.errors).map(codeOf)).toEqual([['CONFLICT'], ['CONFLICT']]);
    expect((await grantsOf(seizure.id)).length).toBe(1);
  });

  test('a retry with the same idempotency key gets the first answer; the key with another input is refused', async () => {
    const seizure = await make.seizure({ port, originAgency: be, tlp: Tlp.RED });
    const input = { id: seizure.id, addAgencyIds: [nl.id], idempotencyKey: `release-${randomUUID()}` };
    const first = await released(beOfficer, input);
    const retry = await released(beOfficer, input);
    expect(retry).toEqual(first);
    expect(await grantsOf(seizure.id)).toEqual([nl.id]);
    const reused = await release(beOfficer, { ...input, addAgencyIds: [fr.id] });
    expect(codeOf(reused)).toEqual(['IDEMPOTENCY_KEY_REUSED']);
    expect(await grantsOf(seizure.id)).toEqual([nl.id]);
  });

  test('every release is audited: who, which record, the label from and to, the agencies it added; refusals too', async () => {
    const seizure = await make.seizure({ port, originAgency: be, tlp: Tlp.RED });
    await released(beOfficer, { id: seizure.id, addAgencyIds: [nl.id, fr.id], lowerTlpTo: 'AMBER_STRICT' });
    await refused(nlOfficer, { id: seizure.id, version: 2, addAgencyIds: [operator.id] }, 'NOT_FOUND');
    const rows = await sql<{ viewer_subject: string; agency_id: string; fields: string[]; record_ids: string[]; outcome: string; detail: string | null; keys: Record<string, string> }>(
      `select viewer_subject, agency_id, fields, record_ids, outcome, detail, keys from audit_event where kind = 'WRITE' and ? = any(record_ids) order by seq`, [seizure.id]);
    expect(rows).toHaveLength(2);
    expect(rows[0]).toMatchObject({ agency_id: be.id, fields: ['Mutation.releaseRecord'], outcome: 'ALLOWED', detail: null });
    expect(rows[0]!.record_ids.sort()).toEqual([seizure.id, nl.id, fr.id].sort());
    expect(rows[0]!.keys).toEqual({ recordType: 'Seizure', tlpFrom: 'RED', tlpTo: 'AMBER+STRICT', releasedTo: [nl.id, fr.id].sort().join(',') });
    expect(rows[0]!.viewer_subject).toMatch(new RegExp(`user-of-${be.id}$`));
    expect(rows[1]).toMatchObject({ agency_id: nl.id, fields: ['Mutation.releaseRecord'], outcome: 'FAILED', detail: 'NOT_FOUND' });
  });

  test("reads of a released record are audited like any read of an AMBER-or-above record", async () => {
    const seizure = await make.seizure({ port, originAgency: be, tlp: Tlp.RED });
    await released(beOfficer, { id: seizure.id, addAgencyIds: [nl.id] });
    await seizureById(nlOfficer, seizure.id);
    const reads = await sql<{ n: number }>(`select count(*)::int as n from audit_event where kind = 'READ' and agency_id = ? and ? = any(record_ids)`, [nl.id, seizure.id]);
    expect(reads[0]!.n).toBe(1);
  });
});

describe('every classified type', () => {
  test('honours release grants: the named agency sees the record by id', async () => {
    const practice = await make.bestPractice({ originAgency: be, tlp: Tlp.RED });
    const action = await make.partnershipAction({ originAgency: be, tlp: Tlp.AMBER_STRICT });
    const funding = await make.equipmentFunding({ originAgency: be, beneficiary: be, tlp: Tlp.RED });
    const cases = [
      { releaser: beReferent, recordType: 'BEST_PRACTICE', id: practice.id, query: 'bestPractice', typename: 'BestPractice' },
      { releaser: beAdmin, recordType: 'PARTNERSHIP_ACTION', id: action.id, query: 'partnershipAction', typename: 'PartnershipAction' },
      { releaser: beAdmin, recordType: 'EQUIPMENT_FUNDING', id: funding.id, query: 'equipmentFunding', typename: 'EquipmentFunding' },
    ] as const;
    for (const c of cases) {
      const read = (client: Client) => client.send(`query($id: ID!) { ${c.query}(id: $id) { id } }`, { id: c.id });
      expect(codeOf(await read(nlOfficer))).toEqual(['NOT_FOUND']);
      await refused(beOfficer, { recordType: c.recordType, id: c.id, addAgencyIds: [nl.id] }, 'FORBIDDEN'); // not the role that writes it
      expect((await released(c.releaser, { recordType: c.recordType, id: c.id, addAgencyIds: [nl.id] })).__typename).toBe(c.typename);
      expect((await read(nlOfficer)).data).toEqual({ [c.query]: { id: c.id } });
      expect(codeOf(await read(frOfficer))).toEqual(['NOT_FOUND']);
    }
  });

  test('targeting alerts: a RED alert released to another customs agency is visible to it by id, in the list and through the port', async () => {
    const alert = await make.targetingAlert({ originAgency: be, tlp: Tlp.RED, portOfLoading: await make.port(), portOfDischarge: port, addressedAgencies: [nl] });
    const views = async (client: Client) => {
      const res = await client.send(ReleasedTargetingAlertViewsDocument, { id: alert.id, port: 'BEANR' });
      const ids = (edges: { node: { id: string } }[] | undefined) => (edges ?? []).map((e) => e.node.id).filter((id) => id === alert.id);
      return { byId: res.data?.targetingAlert?.id ?? codeOf(res)?.[0], list: ids(res.data?.targetingAlerts.edges), port: ids(res.data?.port?.targetingAlerts.edges) };
    };
    expect(await views(frOfficer)).toEqual({ byId: 'NOT_FOUND', list: [], port: [] });
    expect(await views(nlOfficer)).toEqual({ byId: alert.id, list: [alert.id], port: [alert.id] }); // addressed
    const done = await released(beReferent, { recordType: 'TARGETING_ALERT', id: alert.id, addAgencyIds: [fr.id] });
    expect(done).toMatchObject({ __typename: 'TargetingAlert', id: alert.id, version: 2, tlp: 'RED' });
    expect(await views(frOfficer)).toEqual({ byId: alert.id, list: [alert.id], port: [alert.id] });
    expect(await grantsOf(alert.id)).toEqual([fr.id]);
  });

  test('targeting alerts and risk indicators: a private operator is refused on its index of input.addAgencyIds, with the record unchanged', async () => {
    const alert = await make.targetingAlert({ originAgency: be, tlp: Tlp.RED, portOfLoading: await make.port(), portOfDischarge: port, addressedAgencies: [nl] });
    const indicator = await make.riskIndicator({ originAgency: be, tlp: Tlp.RED });
    for (const [recordType, id] of [['TARGETING_ALERT', alert.id], ['RISK_INDICATOR', indicator.id]] as const) {
      const error = await refused(beReferent, { recordType, id, addAgencyIds: [fr.id, operator.id] }, 'BAD_USER_INPUT', 'input.addAgencyIds[1]');
      expect(error.message).toContain('BE-TERMINAL');
      expect(error.message).toContain('law enforcement only');
    }
    // The same answer for an id the viewer does not own or that does not exist: the check never reads the record.
    await refused(nlOfficer, { recordType: 'TARGETING_ALERT', id: alert.id, addAgencyIds: [operator.id] }, 'BAD_USER_INPUT', 'input.addAgencyIds[0]');
    await refused(beReferent, { recordType: 'TARGETING_ALERT', id: randomUUID(), addAgencyIds: [operator.id] }, 'BAD_USER_INPUT', 'input.addAgencyIds[0]');
    const [{ version, tlp }] = await sql<{ version: number; tlp: string }>('select version, tlp from targeting_alert where id = ?', [alert.id]);
    expect({ version, tlp }).toEqual({ version: 1, tlp: 'RED' });
    // A seizure is for the whole alliance: a private operator may be named.
    const seizure = await make.seizure({ port, originAgency: be, tlp: Tlp.RED });
    expect((await released(beOfficer, { id: seizure.id, addAgencyIds: [operator.id] })).version).toBe(2);
  });

  test('a targeting alert is never lowered to AMBER+STRICT (refused on input.lowerTlpTo, as at raise); AMBER is fine', async () => {
    const alert = await make.targetingAlert({ originAgency: be, tlp: Tlp.RED, portOfLoading: await make.port(), portOfDischarge: port, addressedAgencies: [nl] });
    const error = await refused(beOfficer, { recordType: 'TARGETING_ALERT', id: alert.id, lowerTlpTo: 'AMBER_STRICT' }, 'BAD_USER_INPUT', 'input.lowerTlpTo');
    expect(error.message).toContain('AMBER+STRICT');
    const [{ tlp }] = await sql<{ tlp: string }>('select tlp from targeting_alert where id = ?', [alert.id]);
    expect(tlp).toBe('RED');
    expect(await released(beOfficer, { recordType: 'TARGETING_ALERT', id: alert.id, lowerTlpTo: 'AMBER' })).toMatchObject({ tlp: 'AMBER', version: 2 });
    // A RED risk indicator may be lowered to AMBER+STRICT (it names no addressees).
    const indicator = await make.riskIndicator({ originAgency: be, tlp: Tlp.RED });
    expect(await released(beReferent, { recordType: 'RISK_INDICATOR', id: indicator.id, lowerTlpTo: 'AMBER_STRICT' })).toMatchObject({ tlp: 'AMBER_STRICT' });
  });

  test('a RED risk indicator released to another customs agency is visible to it', async () => {
    const indicator = await make.riskIndicator({ originAgency: be, tlp: Tlp.RED });
    const read = (client: Client) => client.send('query($id: ID!) { riskIndicator(id: $id) { id code } }', { id: indicator.id });
    expect(codeOf(await read(nlOfficer))).toEqual(['NOT_FOUND']);
    await refused(beOfficer, { recordType: 'RISK_INDICATOR', id: indicator.id, addAgencyIds: [nl.id] }, 'FORBIDDEN'); // referents write indicators
    expect(await released(beReferent, { recordType: 'RISK_INDICATOR', id: indicator.id, addAgencyIds: [nl.id] })).toMatchObject({ __typename: 'RiskIndicator', version: 2 });
    expect((await read(nlOfficer)).data).toEqual({ riskIndicator: { id: indicator.id, code: indicator.code } });
    expect(codeOf(await read(frOfficer))).toEqual(['NOT_FOUND']);
  });

  test('shows the SIENA handling code its label implies (a seizure keeps the code its reporter chose)', async () => {
    const agency = await make.agency({ code: 'HC-ORIGIN', name: 'Handling code origin' });
    const viewer = await hub.as({ agency, roles: [Role.OFFICER] });
    for (const tlp of Object.values(Tlp)) {
      await make.seizure({ port, originAgency: agency, tlp });
      await make.bestPractice({ originAgency: agency, tlp });
      await make.investigation({ originAgency: agency, tlp });
      await make.partnershipAction({ originAgency: agency, tlp });
      await make.equipmentFunding({ originAgency: agency, beneficiary: agency, tlp });
    }
    const chosen = await make.seizure({ port, originAgency: agency, tlp: Tlp.RED, handlingCode: HandlingCode.H1 });
    const data = await viewer.query(ClassifiedHandlingCodesDocument);
    const graphqlTlp = (tlp: string) => (tlp === 'AMBER_STRICT' ? Tlp.AMBER_STRICT : (tlp as Tlp));
    for (const list of [data.seizures, data.bestPractices, data.investigations, data.partnershipActions, data.equipmentFundings]) {
      const mine = list.edges.map((e) => e.node).filter((n) => n.id !== chosen.id);
      expect(mine.length).toBeGreaterThanOrEqual(5);
      for (const node of mine) expect(node.handlingCode).toBe(HANDLING_CODES[graphqlTlp(node.tlp)]);
      expect(new Set(mine.map((n) => n.tlp))).toEqual(new Set(['CLEAR', 'GREEN', 'AMBER', 'AMBER_STRICT', 'RED']));
    }
    expect(data.seizures.edges.find((e) => e.node.id === chosen.id)?.node.handlingCode).toBe('H1');
    expect(HANDLING_CODES).toEqual({ RED: 'H3', 'AMBER+STRICT': 'H2', AMBER: 'H0', GREEN: null, CLEAR: null });
  });
});

describe('seizure counts and statistics stay exact after a release', () => {
  let countPort: Port;
  let mine: string[]; // nl's view of countPort's seizures, as the rows say

  beforeAll(async () => {
    countPort = await make.port({ unlocode: 'BEZEE', name: 'Zeebrugge' });
    const at = (i: number) => ({
      port: countPort, seizedOn: `${2022 + (i % 2)}-0${1 + (i % 9)}-15`, drugType: i % 3 ? DrugType.COCAINE : DrugType.HEROIN,
      detectionMethod: i % 2 ? DetectionMethod.SCANNER : DetectionMethod.DETECTION_DOG, concealment: i % 2 ? Concealment.RIP_ON_RIP_OFF : Concealment.HIDDEN_IN_CARGO,
    });
    const hidden = [];
    for (let i = 0; i < 12; i++) hidden.push(await make.seizure({ ...at(i), originAgency: be, tlp: i % 2 ? Tlp.RED : Tlp.AMBER_STRICT }));
    const open = [];
    for (let i = 0; i < 7; i++) open.push(await make.seizure({ ...at(i), originAgency: be, tlp: i % 2 ? Tlp.AMBER : Tlp.GREEN }));
    const own = [];
    for (let i = 0; i < 3; i++) own.push(await make.seizure({ ...at(i), originAgency: nl, tlp: Tlp.RED }));
    // 5 of the hidden ones released to nl (and one of them to the partner too), one lowered to AMBER, 5 more released
    // to the partner alone.
    for (const s of hidden.slice(0, 5)) await released(beOfficer, { id: s.id, addAgencyIds: s === hidden[0] ? [nl.id, operator.id] : [nl.id] });
    await released(beOfficer, { id: hidden[5]!.id, lowerTlpTo: 'AMBER' });
    for (const s of hidden.slice(6, 11)) await released(beOfficer, { id: s.id, addAgencyIds: [operator.id] }); // to the partner alone
    mine = [...hidden.slice(0, 6), ...open, ...own].map((s) => s.id).sort();
  });

  const filters: [string, SeizureFilter][] = [
    ['the port alone', { ports: ['BEZEE'] }],
    ['whole years (counted from the rollup)', { ports: ['BEZEE'], seizedFrom: '2023-01-01', seizedTo: '2023-12-31' }],
    ['a drug type and a label', { ports: ['BEZEE'], drugTypes: ['COCAINE'], tlps: ['RED', 'AMBER_STRICT'] }],
    ['the reporting agency', { ports: ['BEZEE'], agencyIds: [] }],
    ['a concealment (counted over the rows)', { ports: ['BEZEE'], concealments: ['RIP_ON_RIP_OFF'] }],
  ];

  test.each(filters)('list and nested counts match the rows (%s)', async (_what, filter) => {
    const given = filter.agencyIds ? { ...filter, agencyIds: [be.id] } : filter;
    const data = (await nlOfficer.query(ReleasedSeizureViewsDocument, { id: mine[0]!, port: 'BEZEE', agency: be.id, filter: given }));
    const all = await nlOfficer.query(`query($filter: SeizureFilter) { seizures(filter: $filter, first: 100) { edges { node { id } } } }`, { filter: given }) as { seizures: { edges: { node: { id: string } }[] } };
    const rows = all.seizures.edges.map((e) => e.node.id);
    expect(rows.every((id) => mine.includes(id))).toBe(true);
    expect(data.seizures.totalCount).toBe(rows.length);
    expect(data.port.seizures.totalCount).toBe(rows.length);
    const ofBe = data.agency.reportedSeizures;
    expect(ofBe.totalCount).toBe(ofBe.edges.length);
  });

  test('the released rows are counted: nl sees 5 released, 1 lowered, 7 open and its own 3', async () => {
    const data = await nlOfficer.query(ReleasedSeizureViewsDocument, { id: mine[0]!, port: 'BEZEE', agency: be.id, filter: { ports: ['BEZEE'] } });
    expect(data.seizures.edges.map((e) => e.node.id).sort()).toEqual(mine);
    expect(data.seizures.totalCount).toBe(16);
    expect(data.agency.reportedSeizures.totalCount).toBe(13);
    // fr sees only the open ones and the lowered one.
    const fr = await frOfficer.query(`query { seizures(filter: { ports: ["BEZEE"] }) { totalCount } }`) as { seizures: { totalCount: number } };
    expect(fr.seizures.totalCount).toBe(8);
  });

  test('a partner with a grant gets the published count of exactly the rows it sees', async () => {
    const res = await partner.query(`query { seizures(filter: { ports: ["BEZEE"] }, first: 100) { totalCount edges { node { id } } } }`) as { seizures: { totalCount: number; edges: { node: { id: string } }[] } };
    const ids = res.seizures.edges.map((e) => e.node.id);
    // 4 GREEN and the 6 released to it: 10, published as 10; without the released rows the count would be 0 or 5.
    expect(ids).toHaveLength(10);
    expect(res.seizures.totalCount).toBe(publishedCount(ids));
    const year = await partner.query(`query { seizures(filter: { ports: ["BEZEE"], seizedFrom: "2022-01-01", seizedTo: "2023-12-31" }) { totalCount } }`) as { seizures: { totalCount: number } };
    expect(year.seizures.totalCount).toBe(publishedCount(ids));
  });

  test('grants cost no statement per row: nested lists of many agencies take as many statements with 1 or 12 grants', async () => {
    const nested = `query { agencies(first: 20) { edges { node { code reportedSeizures(first: 20) { totalCount edges { node { id tlp } } } } } } }`;
    const viewer = await hub.as({ agency: fr, roles: [Role.OFFICER], subject: 'fr-counter' });
    const others = [];
    for (let i = 0; i < 4; i++) others.push(await make.agency({ code: `SC-${i}`, name: `Statement count agency ${i}` }));
    const hidden = [];
    for (const agency of others) for (let i = 0; i < 3; i++) hidden.push(await make.seizure({ port: countPort, originAgency: agency, tlp: Tlp.RED }));
    const releaser = async (agency: Agency) => hub.as({ agency, roles: [Role.OFFICER], subject: `releaser-${agency.id}` });
    await released(await releaser(others[0]!), { id: hidden[0]!.id, addAgencyIds: [fr.id] });
    const before = await hub.statementsDuring(() => viewer.query(nested));
    for (const s of hidden.slice(1)) await released(await releaser(others.find((a) => a.id === s.originAgency.id)!), { id: s.id, addAgencyIds: [fr.id] });
    const seen = await viewer.query(nested) as { agencies: { edges: { node: { reportedSeizures: { totalCount: number; edges: { node: { id: string } }[] } } }[] } };
    const ids = seen.agencies.edges.flatMap((e) => e.node.reportedSeizures.edges.map((n) => n.node.id));
    expect(hidden.every((s) => ids.includes(s.id))).toBe(true);
    for (const e of seen.agencies.edges) expect(e.node.reportedSeizures.totalCount).toBe(e.node.reportedSeizures.edges.length);
    expect(await hub.statementsDuring(() => viewer.query(nested))).toBe(before);
  });

  const groupings: StatisticsDimension[][] = [['YEAR'], ['DRUG_TYPE', 'DETECTION_METHOD'], ['CONCEALMENT']];
  test.each(groupings)('statistics grouped by %s add up to the rows nl sees', async (...groupBy) => {
    for (const filter of [{ ports: ['BEZEE'] }, { ports: ['BEZEE'], seizedFrom: '2022-01-01', seizedTo: '2023-12-31' }] as SeizureFilter[]) {
      const stats = (await nlOfficer.query(ReleasedSeizureStatisticsDocument, { groupBy, filter })).seizureStatistics;
      expect(stats.seizures).toBe(16);
      expect(stats.buckets.reduce((sum, b) => sum + b.seizures, 0)).toBe(16);
      expect(stats.suppressedBuckets).toBe(0);
    }
  });
});
