// Existence oracles (README, "Unique keys and links"): a record a viewer may not see does not exist for that viewer,
// so no answer may differ by whether it exists.
// (a) Every unique key of the database has a rule: a write using a value held by a record the viewer may not see
//     gets exactly the answer it gets when no record holds the value (the pg catalogue is walked, so a new unique
//     key without a rule fails here).
// (b) Every relation field of the served schema (a field whose type is a record with an id, a union of such, or a
//     connection) is walked: for each, the target is hidden from the viewer, then removed, and the two answers must
//     be exactly equal. A new relation field without a scenario or a stated reason to skip fails here.
import { getNamedType, isIntrospectionType, isObjectType, isUnionType, type GraphQLSchema } from 'graphql';
import { Role } from '../src/auth/viewer.js';
import { Tlp } from '../src/hub/common/enums.js';
import { AgencyKind, type Agency } from '../src/hub/modules/agency/index.js';
import type { Port } from '../src/hub/modules/port/index.js';
import { buildHubSchemas } from '../src/hub/schema.js';
import { Factories } from './support/factories.js';
import { startTestHub, type Client, type GraphQLResponse, type TestHub } from './support/hub.js';

let hub: TestHub;
let make: Factories;
let schema: GraphQLSchema;
let viewerAgency: Agency; // Belgian customs: the law-enforcement viewer's agency
let partnerAgency: Agency; // a private operator: the partner viewer's agency
let officer: Client; // law enforcement, with every role that writes operational records
let partner: Client;
let admin: Client; // an administrator of the viewer's agency

const WRITER_ROLES = [Role.OFFICER, Role.INVESTIGATOR, Role.REFERENT, Role.ANALYST];

beforeAll(async () => {
  hub = await startTestHub();
  make = new Factories(hub.orm);
  schema = (await buildHubSchemas()).LAW_ENFORCEMENT;
  viewerAgency = await make.agency({ code: 'EO-VIEWER', name: 'Viewer customs', kind: AgencyKind.CUSTOMS, country: 'BE' });
  partnerAgency = await make.agency({ code: 'EO-PARTNER', name: 'Demo terminal operator', kind: AgencyKind.PRIVATE_OPERATOR, country: 'BE' });
  officer = await hub.as({ agency: viewerAgency, roles: WRITER_ROLES });
  partner = await hub.as({ agency: partnerAgency, roles: [Role.PARTNER] });
  admin = await hub.as({ agency: viewerAgency, roles: [Role.ADMIN] });
});
afterAll(() => hub.close());

const sql = (query: string, params: unknown[] = []) => hub.orm.em.fork().execute(query, params);

/** Tables of records, with the pivot tables that hold their collections (cleared before the row goes). */
const PIVOTS: Record<string, [table: string, column: string][]> = {
  seizure: [['seizure_transit_port', 'seizure_id'], ['seizure_investigation', 'seizure_id']],
  investigation: [['investigation_participant', 'investigation_id'], ['seizure_investigation', 'investigation_id']],
  best_practice: [['best_practice_adoption', 'best_practice_id']],
  partnership_action: [['partnership_action_partner', 'partnership_action_id'], ['partnership_action_port', 'partnership_action_id']],
  equipment_funding: [],
  referent: [['referent_port', 'referent_id']],
  targeting_alert: [['targeting_alert_transshipment_port', 'targeting_alert_id'], ['targeting_alert_route_port', 'targeting_alert_id'], ['targeting_alert_risk_indicator', 'targeting_alert_id'], ['targeting_alert_addressee', 'targeting_alert_id']],
  risk_indicator: [['targeting_alert_risk_indicator', 'risk_indicator_id']],
};

/** Makes a record absent: its row and its pivot rows deleted (for an investigation, the seizures' links to it too). */
async function remove(table: keyof typeof PIVOTS, id: string): Promise<void> {
  for (const [pivot, column] of PIVOTS[table]!) await sql(`delete from ${pivot} where ${column} = ?`, [id]);
  await sql(`delete from ${table} where id = ?`, [id]);
}

const send = (client: Client, query: string, variables: Record<string, unknown> = {}) => client.send(query, variables);
const codes = (res: GraphQLResponse<unknown>) => (res.errors ?? []).map((e) => e.extensions?.code);

/** A fresh agency (not the viewer's: its records are the hidden ones) and a fresh port, per world. */
async function world(): Promise<{ owner: Agency; port: Port; ownerClient: Client }> {
  const owner = await make.agency({ kind: AgencyKind.CUSTOMS, country: 'NL' });
  const port = await make.port();
  return { owner, port, ownerClient: await hub.as({ agency: owner, roles: WRITER_ROLES }) };
}

// ---------------------------------------------------------------------------------------------------------------
// (a) Unique keys
// ---------------------------------------------------------------------------------------------------------------

/** A write whose answer must not depend on a record the viewer may not see holding `value`. */
interface UniqueKeyCase {
  /** Why the viewer cannot see the holder (or the value). */
  hidden: string;
  /** Creates the holder of `value`, hidden from `viewer`; returns its table and id. */
  holder(value: string, owner: Agency, port: Port): Promise<{ table: keyof typeof PIVOTS; id: string }>;
  viewer(): Client;
  /** The write; its selection leaves out ids and times, so that two successful writes can answer alike. */
  write(value: string, port: Port): Promise<GraphQLResponse<unknown>>;
  /** Removes what the write created (so the second world starts like the first). */
  undo(value: string): Promise<void>;
  /** The same value held by a record of the viewer's own agency: the key still protects, with a plain message. */
  ownHolder(value: string, port: Port): Promise<unknown>;
  conflict: (value: string) => string;
}

let n = 0;
const fresh = (prefix: string) => `${prefix}-${++n}-${Math.random().toString(36).slice(2, 8).toUpperCase()}`;

const recordSeizure = (reference: string, port: Port) => send(officer, `mutation($input: RecordSeizureInput!) {
  recordSeizure(input: $input) { reference seizedOn quantity tlp version reportingAgency { code } investigations { totalCount } }
}`, { input: { reference, seizedOn: '2024-03-01', port: port.unlocode, drugType: 'COCAINE', quantity: '10', unit: 'KG', detectionMethod: 'SCANNER', tlp: 'AMBER' } });

/** The viewer's own seizure a correction starts from, put back as it was before each world. */
let ownSeizure: { id: string; reference: string } | undefined;
async function ownSeizureToCorrect(port: Port) {
  if (!ownSeizure) {
    const seizure = await make.seizure({ port, originAgency: viewerAgency, tlp: Tlp.AMBER, reference: fresh('EO-OWN') });
    ownSeizure = { id: seizure.id, reference: seizure.reference };
  }
  await sql('update seizure set reference = ?, version = 1 where id = ?', [ownSeizure.reference, ownSeizure.id]);
  return ownSeizure;
}
const correctSeizure = async (id: string, reference: string) => send(officer, `mutation($input: CorrectSeizureInput!) {
  correctSeizure(input: $input) { reference quantity version reportingAgency { code } }
}`, { input: { id, version: 1, reference } });

const hiddenSeizure = (tlp: Tlp) => async (reference: string, owner: Agency, port: Port) =>
  ({ table: 'seizure' as const, id: (await make.seizure({ reference, port, originAgency: owner, tlp })).id });
const hiddenInvestigation = (tlp: Tlp, participants: () => Agency[]) => async (codeName: string, owner: Agency) =>
  ({ table: 'investigation' as const, id: (await make.investigation({ codeName, originAgency: owner, tlp, participants: participants() as never })).id });

const UNIQUE_KEY_CASES: Record<string, UniqueKeyCase[]> = {
  // A seizure's reference: unique per reporting agency.
  seizure_origin_agency_id_reference_unique: [
    ...[Tlp.RED, Tlp.AMBER_STRICT].map((tlp): UniqueKeyCase => ({
      hidden: `recordSeizure: the reference is held by a ${tlp} seizure of another agency`,
      holder: hiddenSeizure(tlp),
      viewer: () => officer,
      write: (reference, port) => recordSeizure(reference, port),
      undo: async (reference) => { await sql('delete from seizure where reference = ? and origin_agency_id = ?', [reference, viewerAgency.id]); },
      ownHolder: (reference, port) => make.seizure({ reference, port, originAgency: viewerAgency, tlp: Tlp.RED }),
      conflict: (reference) => `Your agency already reported a seizure with reference ${reference}`,
    })),
    ...[Tlp.RED, Tlp.AMBER_STRICT].map((tlp): UniqueKeyCase => {
      let current = '';
      return {
        hidden: `correctSeizure: the new reference is held by a ${tlp} seizure of another agency`,
        holder: hiddenSeizure(tlp),
        viewer: () => officer,
        write: async (reference, port) => correctSeizure((current = (await ownSeizureToCorrect(port)).id), reference),
        undo: async () => { await sql('update seizure set reference = ?, version = 1 where id = ?', [ownSeizure!.reference, current]); },
        ownHolder: (reference, port) => make.seizure({ reference, port, originAgency: viewerAgency, tlp: Tlp.AMBER_STRICT }),
        conflict: (reference) => `Your agency already reported a seizure with reference ${reference}`,
      };
    }),
  ],
  // An investigation's code name: unique per lead agency.
  investigation_origin_agency_id_code_name_unique: [
    ...[
      { tlp: Tlp.RED, participants: () => [] as Agency[], why: 'a RED investigation of another agency the viewer takes no part in' },
      { tlp: Tlp.AMBER_STRICT, participants: () => [viewerAgency], why: 'an AMBER+STRICT investigation another agency leads (the viewer takes part)' },
    ].map(({ tlp, participants, why }): UniqueKeyCase => ({
      hidden: `openInvestigation: the code name is held by ${why}`,
      holder: hiddenInvestigation(tlp, participants),
      viewer: () => officer,
      write: (codeName) => send(officer, `mutation($input: OpenInvestigationInput!) {
        openInvestigation(input: $input) { codeName status tlp version openedOn leadAgency { code } participants { totalCount } seizures { totalCount } }
      }`, { input: { codeName, openedOn: '2024-06-01', tlp: 'RED' } }),
      undo: async (codeName) => {
        const rows = await sql('select id from investigation where code_name = ? and origin_agency_id = ?', [codeName, viewerAgency.id]);
        for (const row of rows as { id: string }[]) await remove('investigation', row.id);
      },
      ownHolder: (codeName) => make.investigation({ codeName, originAgency: viewerAgency, tlp: Tlp.RED }),
      conflict: (codeName) => `Your agency already leads an investigation with the code name "${codeName}"; choose another code name`,
    })),
  ],
  // A referent's identity-provider subject: never exposed (so hidden from every viewer), unique per agency.
  referent_agency_id_subject_unique: [{
    hidden: "registerReferent: the subject is bound to a referent of another agency (the row is visible to members, its subject to no one)",
    holder: async (subject, owner) => ({ table: 'referent', id: (await make.referent({ agency: owner, subject })).id }),
    viewer: () => admin,
    write: (subject, port) => send(admin, `mutation($input: RegisterReferentInput!) {
      registerReferent(input: $input) { fullName expertise languages activeSince version agency { code } ports { totalCount } }
    }`, { input: { fullName: 'Demo Referent Oracle', ports: [port.unlocode], expertise: ['SCANNING'], languages: ['en'], activeSince: '2023-05-01', subject } }),
    undo: async (subject) => {
      const rows = await sql('select id from referent where subject = ? and agency_id = ?', [subject, viewerAgency.id]);
      for (const row of rows as { id: string }[]) await remove('referent', row.id);
    },
    ownHolder: (subject) => make.referent({ agency: viewerAgency, subject }),
    conflict: () => 'A referent of your agency is already registered with this subject',
  }],
};

// A risk indicator's code: `<owner agency code>/<local code>`, unique in the alliance; a create names the local code.
UNIQUE_KEY_CASES.risk_indicator_code_unique = [Tlp.RED, Tlp.AMBER_STRICT].map((tlp): UniqueKeyCase => ({
  hidden: `createRiskIndicator: the local code is used by a ${tlp} indicator of another agency`,
  holder: async (local, owner) => ({ table: 'risk_indicator', id: (await make.riskIndicator({ originAgency: owner, local, tlp })).id }),
  viewer: () => officer,
  write: (local) => send(officer, `mutation($input: CreateRiskIndicatorInput!) {
    createRiskIndicator(input: $input) { code tlp version descriptions { language text } ownerAgency { code } }
  }`, { input: { code: local, descriptions: [{ language: 'en', text: 'Demo indicator' }] } }),
  undo: async (local) => { await sql('delete from risk_indicator where code = ?', [`${viewerAgency.code}/${local}`]); },
  ownHolder: (local) => make.riskIndicator({ originAgency: viewerAgency, local, tlp: Tlp.RED }),
  conflict: (local) => `Your agency already has a risk indicator with the code ${viewerAgency.code}/${local}`,
}));

/** Unique keys no viewer can be kept from: why a write using them cannot tell anything about a hidden record. */
const PUBLIC_OR_NOT_CHOSEN: Record<string, string> = {
  agency_code_unique: 'the agency directory is public: every viewer sees every agency, so its code is no secret',
  port_unlocode_unique: 'the port directory is public: every viewer sees every port, so its UN/LOCODE is no secret',
  idempotency_key_pkey: "per viewer (subject, key): the answer depends only on the viewer's own earlier requests",
  agency_port_pkey: 'pivot (agency, port): written by administrators from public records, de-duplicated',
  best_practice_adoption_pkey: 'pivot (practice, port): adoption names a practice the viewer may see and inserts with on conflict do nothing',
  investigation_participant_pkey: 'pivot (investigation, agency): set once on open, participants de-duplicated',
  seizure_investigation_pkey: "pivot (seizure, investigation): a link already there is kept, not written again, and links are serialised per investigation by its version",
  partnership_action_partner_pkey: 'pivot (action, agency): set on create, partners de-duplicated',
  partnership_action_port_pkey: 'pivot (action, port): set on create, ports de-duplicated',
  referent_port_pkey: "pivot (referent, port): set from the input's distinct ports",
  audit_event_seq_index: "the audit chain's sequence number, filled by a trigger: no client chooses it",
  rate_limit_pkey: "rate-limit counters keyed by client: they guard requests, no record's existence",
  member_subgraph_name_unique: 'the registry of member subgraphs is for administrators only, who see every registration',
  record_release_pkey: "release grants (record, agency): written only by the record's originating agency, with on conflict do nothing (a grant already there is a no-op, never a conflict)",
  targeting_alert_route_port_pkey: 'pivot (alert, port): set once on raise from the route, whose ports all differ',
  targeting_alert_risk_indicator_pkey: 'pivot (alert, indicator): set once on raise from distinct codes the raiser may see',
  targeting_alert_addressee_pkey: 'pivot (alert, agency): set once on raise from distinct agencies of the public directory',
  seizure_rollup_pkey: 'the seizure rollup is written by triggers only (upserts that add, never conflict errors): no client writes it, and counts read from it keep the visibility rule and disclosure control of the rows',
};
/** A primary key on a single column the hub fills itself (uuid ids, serials): no client ever chooses the value. */
const MADE_BY_THE_HUB = /^\w+\((id|position)\)$/;

describe('(a) unique keys', () => {
  test('every unique key of the database has a rule (a case below, or a reason it cannot leak)', async () => {
    const rows = (await sql(`select i.indexrelid::regclass::text as name, t.relname as table,
        array_to_string(array(select a.attname from unnest(i.indkey) k join pg_attribute a on a.attrelid = i.indrelid and a.attnum = k), ',') as columns
      from pg_index i join pg_class t on t.oid = i.indrelid join pg_namespace s on s.oid = t.relnamespace
      where i.indisunique and s.nspname = 'public'`)) as { name: string; table: string; columns: string }[];
    const unruled = rows
      .filter((r) => !(r.name in UNIQUE_KEY_CASES) && !(r.name in PUBLIC_OR_NOT_CHOSEN) && !MADE_BY_THE_HUB.test(`${r.table}(${r.columns})`))
      .map((r) => `${r.name} on ${r.table}(${r.columns})`);
    expect(unruled).toEqual([]);
    const names = new Set(rows.map((r) => r.name));
    expect([...Object.keys(UNIQUE_KEY_CASES), ...Object.keys(PUBLIC_OR_NOT_CHOSEN)].filter((k) => !names.has(k))).toEqual([]);
  });

  const cases = Object.entries(UNIQUE_KEY_CASES).flatMap(([key, list]) => list.map((c) => [key, c.hidden, c] as const));

  test.each(cases)('%s — %s: the same answer as for a value no record holds', async (_key, _hidden, c) => {
    const { owner, port } = await world();
    const value = fresh('EO-KEY');
    const holder = await c.holder(value, owner, port);
    const whileHeld = await c.write(value, port);
    await c.undo(value);
    await remove(holder.table, holder.id);
    const whileFree = await c.write(value, port);
    await c.undo(value);
    expect(whileHeld).toEqual(whileFree);
    expect(whileFree.errors).toBeUndefined(); // a value no record of the agency holds is accepted
  });

  test.each(cases)('%s — %s: held by the own agency, it is still a CONFLICT, from the check and from the key alike', async (_key, _hidden, c) => {
    const { port } = await world();
    const value = fresh('EO-OWN');
    await c.ownHolder(value, port);
    const res = await c.write(value, port);
    expect(res.errors?.map((e) => [e.extensions?.code, e.message])).toEqual([['CONFLICT', c.conflict(value)]]);
  });

  test('concurrent reports with one reference: one is recorded, the others get the check\'s answer (the key is the backstop)', async () => {
    const { port } = await world();
    const reference = fresh('EO-RACE');
    const answers = await Promise.all(Array.from({ length: 6 }, () => recordSeizure(reference, port)));
    expect(answers.filter((a) => !a.errors).length).toBe(1);
    for (const a of answers.filter((a) => a.errors)) {
      expect(a.errors!.map((e) => [e.extensions?.code, e.message])).toEqual([['CONFLICT', `Your agency already reported a seizure with reference ${reference}`]]);
    }
  });

  test("correcting another agency's seizure is refused before its reference is looked at", async () => {
    const { owner, port } = await world();
    const theirs = await make.seizure({ port, originAgency: owner, tlp: Tlp.GREEN });
    const value = fresh('EO-TAKEN');
    const holder = await make.seizure({ reference: value, port, originAgency: owner, tlp: Tlp.RED });
    const whileHeld = await correctSeizure(theirs.id, value);
    await remove('seizure', holder.id);
    const whileFree = await correctSeizure(theirs.id, value);
    expect(whileHeld).toEqual(whileFree);
    expect(codes(whileFree)).toEqual(['FORBIDDEN']);
  });
});

// ---------------------------------------------------------------------------------------------------------------
// (b) Relation fields
// ---------------------------------------------------------------------------------------------------------------

/** A way a record is hidden from a viewer: who looks, and the label the other agency's record carries. */
interface Hiding {
  name: string;
  viewer: () => Client;
  tlp: Tlp;
}
const CLASSIFIED: Hiding[] = [
  { name: 'RED of another agency, from a law-enforcement officer', viewer: () => officer, tlp: Tlp.RED },
  { name: 'AMBER+STRICT of another agency, from a law-enforcement officer', viewer: () => officer, tlp: Tlp.AMBER_STRICT },
  { name: 'AMBER, from a private partner', viewer: () => partner, tlp: Tlp.AMBER },
  { name: 'GREEN, from an anonymous viewer', viewer: () => hub, tlp: Tlp.GREEN },
];
/** Writes: the viewers who may call them. */
const FROM_WRITER = CLASSIFIED.slice(0, 2);
/** Referents are for members: hidden from anonymous viewers (the label is not used). */
const REFERENT: Hiding[] = [{ name: 'a referent, from an anonymous viewer', viewer: () => hub, tlp: Tlp.GREEN }];

interface Built {
  query: string;
  variables: Record<string, unknown>;
  /** Makes the hidden target absent (deleted, or the link cleared). */
  makeAbsent(): Promise<void>;
}
interface Scenario {
  what: string;
  hidings: Hiding[];
  /** A write: the answer must be a refusal, and the owner's answer is not compared (it would change the record). */
  write?: boolean;
  build(tlp: Tlp, w: Awaited<ReturnType<typeof world>>): Promise<Built>;
}

const CONNECTION = 'totalCount edges { cursor node { id } } pageInfo { hasNextPage hasPreviousPage startCursor endCursor }';
const onParent = (root: 'agency' | 'port' | 'investigation' | 'seizure', field: string) =>
  `query($parent: ID!) { ${root}(id: $parent) { id ${field}(first: 5) { ${CONNECTION} } } }`;
const rootList = (field: string, filter: string) =>
  `query($owner: ID!) { ${field}(first: 5, filter: { ${filter}: [$owner] }) { ${CONNECTION} } }`;
const rootById = (field: string) => `query($id: ID!) { ${field}(id: $id) { id } }`;

type Targets = {
  [K in 'seizure' | 'best_practice' | 'investigation' | 'partnership_action' | 'equipment_funding' | 'referent' | 'targeting_alert' | 'risk_indicator']: (tlp: Tlp, w: Awaited<ReturnType<typeof world>>) => Promise<string>;
};
/** A record of the world's owner agency under `tlp`, attached to the world's port wherever it can be. */
const target: Targets = {
  seizure: async (tlp, { owner, port }) => (await make.seizure({ port, originAgency: owner, tlp })).id,
  best_practice: async (tlp, { owner, port }) => (await make.bestPractice({ originAgency: owner, tlp, adoptingPorts: [port] })).id,
  investigation: async (tlp, { owner }) => (await make.investigation({ originAgency: owner, tlp })).id,
  partnership_action: async (tlp, { owner, port }) => (await make.partnershipAction({ originAgency: owner, tlp, partners: [owner], ports: [port] })).id,
  equipment_funding: async (tlp, { owner, port }) => (await make.equipmentFunding({ originAgency: owner, beneficiary: owner, port, tlp })).id,
  referent: async (_tlp, { owner, port }) => (await make.referent({ agency: owner, ports: [port] })).id,
  // Addressed to the owner alone: RED and AMBER+STRICT alerts are then the owner's only.
  targeting_alert: async (tlp, { owner, port }) => (await make.targetingAlert({ originAgency: owner, tlp, portOfLoading: port, portOfDischarge: await make.port(), addressedAgencies: [owner] })).id,
  risk_indicator: async (tlp, { owner }) => (await make.riskIndicator({ originAgency: owner, tlp })).id,
};

/** The target in a nested list of the owner agency or the world's port. */
const nested = (table: keyof Targets, root: 'agency' | 'port', field: string): Scenario => ({
  what: `a ${table} in ${root}.${field}`,
  hidings: table === 'referent' ? REFERENT : CLASSIFIED,
  async build(tlp, w) {
    const id = await target[table](tlp, w);
    return { query: onParent(root, field), variables: { parent: root === 'agency' ? w.owner.id : w.port.id }, makeAbsent: () => remove(table, id) };
  },
});
const byId = (table: keyof Targets, field: string): Scenario => ({
  what: `a ${table} by id`,
  hidings: table === 'referent' ? REFERENT : CLASSIFIED,
  async build(tlp, w) {
    const id = await target[table](tlp, w);
    return { query: rootById(field), variables: { id }, makeAbsent: () => remove(table, id) };
  },
});
const listed = (table: keyof Targets, field: string, filter: string): Scenario => ({
  what: `a ${table} in the root list (filtered by its agency)`,
  hidings: table === 'referent' ? REFERENT : CLASSIFIED,
  async build(tlp, w) {
    const id = await target[table](tlp, w);
    return { query: rootList(field, filter), variables: { owner: w.owner.id }, makeAbsent: () => remove(table, id) };
  },
});
/** A write naming a hidden record by id: refused alike whether it is hidden or absent. */
const writeById = (table: keyof Targets, mutation: string, input: (id: string, w: Awaited<ReturnType<typeof world>>) => Record<string, unknown>, inputType: string): Scenario => ({
  what: `${mutation} on a hidden ${table}`,
  hidings: FROM_WRITER,
  write: true,
  async build(tlp, w) {
    const id = await target[table](tlp, w);
    return { query: `mutation($input: ${inputType}!) { ${mutation}(input: $input) { id } }`, variables: { input: input(id, w) }, makeAbsent: () => remove(table, id) };
  },
});

const ENTITY_TYPES: [keyof Targets, string][] = [
  ['seizure', 'Seizure'], ['best_practice', 'BestPractice'], ['investigation', 'Investigation'],
  ['partnership_action', 'PartnershipAction'], ['equipment_funding', 'EquipmentFunding'], ['targeting_alert', 'TargetingAlert'],
];

const SCENARIOS: Record<string, Scenario[]> = {
  // Links of a visible record: a hidden target is absent from the page and from totalCount
  'Seizure.investigations': [{
    what: 'a hidden investigation holding a visible seizure',
    hidings: CLASSIFIED,
    async build(tlp, w) {
      const investigation = await make.investigation({ originAgency: w.owner, tlp });
      const seizure = await make.seizure({ port: w.port, originAgency: w.owner, tlp: Tlp.CLEAR, investigation });
      return {
        query: onParent('seizure', 'investigations'),
        variables: { parent: seizure.id },
        makeAbsent: async () => { await sql('delete from seizure_investigation where seizure_id = ? and investigation_id = ?', [seizure.id, investigation.id]); },
      };
    },
  }],
  // Nested lists: hidden rows are absent from the page and from totalCount
  'Agency.bestPractices': [nested('best_practice', 'agency', 'bestPractices')],
  'Agency.equipmentFundings': [nested('equipment_funding', 'agency', 'equipmentFundings')],
  'Agency.investigations': [nested('investigation', 'agency', 'investigations')],
  'Agency.partnershipActions': [nested('partnership_action', 'agency', 'partnershipActions')],
  'Agency.referents': [nested('referent', 'agency', 'referents')],
  'Agency.reportedSeizures': [nested('seizure', 'agency', 'reportedSeizures')],
  'Port.adoptedBestPractices': [nested('best_practice', 'port', 'adoptedBestPractices')],
  'Port.equipmentFundings': [nested('equipment_funding', 'port', 'equipmentFundings')],
  'Port.partnershipActions': [nested('partnership_action', 'port', 'partnershipActions')],
  'Port.referents': [nested('referent', 'port', 'referents')],
  'Port.seizures': [nested('seizure', 'port', 'seizures')],
  'Investigation.seizures': [{
    what: 'a hidden seizure linked to a visible investigation',
    hidings: CLASSIFIED,
    async build(tlp, w) {
      const investigation = await make.investigation({ originAgency: w.owner, tlp: Tlp.CLEAR });
      const seizure = await make.seizure({ port: w.port, originAgency: w.owner, tlp, investigation });
      return { query: onParent('investigation', 'seizures'), variables: { parent: investigation.id }, makeAbsent: () => remove('seizure', seizure.id) };
    },
  }],
  'Port.targetingAlerts': [nested('targeting_alert', 'port', 'targetingAlerts')],
  // Links of a visible alert or seizure to a hidden record: read as no link
  'Seizure.alert': [{
    what: 'a hidden alert that led to a visible seizure (the field is refused outside law enforcement)',
    hidings: FROM_WRITER,
    async build(tlp, w) {
      const seizure = await make.seizure({ port: w.port, originAgency: w.owner, tlp: Tlp.CLEAR });
      const alert = await make.targetingAlert({ originAgency: w.owner, tlp, portOfLoading: w.port, portOfDischarge: await make.port(), addressedAgencies: [w.owner], seizure });
      return { query: 'query($id: ID!) { seizure(id: $id) { id alert { id } } }', variables: { id: seizure.id }, makeAbsent: () => remove('targeting_alert', alert.id) };
    },
  }],
  'TargetingAlert.seizure': [{
    what: 'a hidden seizure a visible (AMBER) alert led to',
    hidings: FROM_WRITER,
    async build(tlp, w) {
      const seizure = await make.seizure({ port: w.port, originAgency: w.owner, tlp });
      const alert = await make.targetingAlert({ originAgency: w.owner, tlp: Tlp.AMBER, portOfLoading: w.port, portOfDischarge: await make.port(), addressedAgencies: [w.owner], seizure });
      return {
        query: 'query($id: ID!) { targetingAlert(id: $id) { id seizure { id } } }',
        variables: { id: alert.id },
        makeAbsent: async () => { await sql('update targeting_alert set seizure_id = null where id = ?', [alert.id]); },
      };
    },
  }],
  'TargetingAlert.riskIndicators': [{
    what: 'a hidden indicator a visible (AMBER) alert cites',
    hidings: FROM_WRITER,
    async build(tlp, w) {
      const indicator = await make.riskIndicator({ originAgency: w.owner, tlp });
      const alert = await make.targetingAlert({ originAgency: w.owner, tlp: Tlp.AMBER, portOfLoading: w.port, portOfDischarge: await make.port(), addressedAgencies: [w.owner], riskIndicators: [indicator] });
      return { query: 'query($id: ID!) { targetingAlert(id: $id) { id riskIndicators { id } } }', variables: { id: alert.id }, makeAbsent: () => remove('risk_indicator', indicator.id) };
    },
  }],
  'TargetingBucket.riskIndicator': [{
    what: 'a hidden indicator cited by a visible (AMBER) alert, in the statistics by indicator',
    hidings: FROM_WRITER,
    async build(tlp, w) {
      const indicator = await make.riskIndicator({ originAgency: w.owner, tlp });
      await make.targetingAlert({ originAgency: w.owner, tlp: Tlp.AMBER, portOfLoading: w.port, portOfDischarge: await make.port(), addressedAgencies: [w.owner], riskIndicators: [indicator] });
      return {
        query: 'query($port: UnLocode!) { targetingStatistics(groupBy: [RISK_INDICATOR], filter: { ports: [$port] }) { suppressedBuckets hasMoreBuckets buckets { alerts controlled riskIndicator { id } } } }',
        variables: { port: w.port.unlocode },
        makeAbsent: () => remove('risk_indicator', indicator.id),
      };
    },
  }],
  'Query.targetingAlert': [byId('targeting_alert', 'targetingAlert')],
  'Query.targetingAlerts': [{
    what: 'a targeting_alert in the root list (filtered by a port of its route)',
    hidings: CLASSIFIED,
    async build(tlp, w) {
      const id = await target.targeting_alert(tlp, w);
      return { query: `query($port: UnLocode!) { targetingAlerts(first: 5, filter: { ports: [$port] }) { ${CONNECTION} } }`, variables: { port: w.port.unlocode }, makeAbsent: () => remove('targeting_alert', id) };
    },
  }],
  'Query.riskIndicator': [byId('risk_indicator', 'riskIndicator')],
  'Query.riskIndicators': [listed('risk_indicator', 'riskIndicators', 'ownerAgencyIds')],
  'Mutation.acknowledgeTargetingAlert': [writeById('targeting_alert', 'acknowledgeTargetingAlert', (id) => ({ id, version: 1 }), 'AcknowledgeTargetingAlertInput')],
  'Mutation.recordControlOutcome': [
    writeById('targeting_alert', 'recordControlOutcome', (id) => ({ id, version: 1, outcome: 'NOT_CONTROLLED', reason: 'CAPACITY' }), 'RecordControlOutcomeInput'),
    {
      what: "linking a hidden seizure to the outcome of an alert the viewer's agency acknowledged",
      hidings: FROM_WRITER,
      write: true,
      async build(tlp, w) {
        const alert = await make.targetingAlert({ originAgency: w.owner, tlp: Tlp.AMBER, portOfLoading: w.port, portOfDischarge: await make.port(), addressedAgencies: [viewerAgency], acknowledgedBy: viewerAgency });
        const seizure = await make.seizure({ port: w.port, originAgency: w.owner, tlp });
        return {
          query: 'mutation($input: RecordControlOutcomeInput!) { recordControlOutcome(input: $input) { id } }',
          variables: { input: { id: alert.id, version: 1, outcome: 'CONTROLLED', result: 'SEIZURE', seizureId: seizure.id } },
          makeAbsent: () => remove('seizure', seizure.id),
        };
      },
    },
  ],
  'Mutation.raiseTargetingAlert': [{
    what: 'citing a hidden risk indicator',
    hidings: FROM_WRITER,
    write: true,
    async build(tlp, w) {
      const indicator = await make.riskIndicator({ originAgency: w.owner, tlp });
      return {
        query: 'mutation($input: RaiseTargetingAlertInput!) { raiseTargetingAlert(input: $input) { id } }',
        variables: { input: { containerNumber: 'CSQU3054383', portOfLoading: w.port.unlocode, portOfDischarge: (await make.port()).unlocode, expectedArrival: new Date(Date.now() + 86_400_000).toISOString(), riskIndicators: [indicator.code], addressedAgencies: [w.owner.id] } },
        makeAbsent: () => remove('risk_indicator', indicator.id),
      };
    },
  }],
  'Mutation.updateRiskIndicator': [writeById('risk_indicator', 'updateRiskIndicator', (id) => ({ id, version: 1, tlp: 'GREEN' }), 'UpdateRiskIndicatorInput')],
  // Root lookups and lists
  'Query.seizure': [byId('seizure', 'seizure')],
  'Query.seizures': [listed('seizure', 'seizures', 'agencyIds')],
  'Query.bestPractice': [byId('best_practice', 'bestPractice')],
  'Query.bestPractices': [listed('best_practice', 'bestPractices', 'authorAgencyIds')],
  'Query.investigation': [byId('investigation', 'investigation')],
  'Query.investigations': [listed('investigation', 'investigations', 'leadAgencyIds')],
  'Query.partnershipAction': [byId('partnership_action', 'partnershipAction')],
  'Query.partnershipActions': [listed('partnership_action', 'partnershipActions', 'partnerAgencyIds')],
  'Query.equipmentFunding': [byId('equipment_funding', 'equipmentFunding')],
  'Query.equipmentFundings': [listed('equipment_funding', 'equipmentFundings', 'beneficiaryAgencyIds')],
  'Query.referent': [byId('referent', 'referent')],
  'Query.referents': [listed('referent', 'referents', 'agencyIds')],
  // Federation: a representation of a hidden record resolves like one of a record that does not exist
  'Query._entities': [
    ...ENTITY_TYPES.map(([table, typename]): Scenario => ({
      what: `a ${typename} representation`,
      hidings: CLASSIFIED,
      async build(tlp, w) {
        const id = await target[table](tlp, w);
        return {
          query: `query($r: [_Any!]!) { _entities(representations: $r) { __typename ... on ${typename} { id } } }`,
          variables: { r: [{ __typename: typename, id }] },
          makeAbsent: () => remove(table, id),
        };
      },
    })),
    {
      what: 'a Referent representation',
      hidings: REFERENT,
      async build(tlp, w) {
        const id = await target.referent(tlp, w);
        return { query: 'query($r: [_Any!]!) { _entities(representations: $r) { __typename ... on Referent { id } } }', variables: { r: [{ __typename: 'Referent', id }] }, makeAbsent: () => remove('referent', id) };
      },
    },
  ],
  // Writes naming a record by id
  'Mutation.correctSeizure': [writeById('seizure', 'correctSeizure', (id) => ({ id, version: 1, quantity: '1' }), 'CorrectSeizureInput')],
  'Mutation.withdrawSeizure': [writeById('seizure', 'withdrawSeizure', (id) => ({ id, version: 1, reason: 'Demo withdrawal' }), 'WithdrawSeizureInput')],
  'Mutation.updateInvestigationStatus': [writeById('investigation', 'updateInvestigationStatus', (id) => ({ id, version: 1, status: 'CLOSED' }), 'UpdateInvestigationStatusInput')],
  'Mutation.reviseBestPractice': [writeById('best_practice', 'reviseBestPractice', (id) => ({ id, version: 1, title: 'Demo revision' }), 'ReviseBestPracticeInput')],
  'Mutation.adoptBestPractice': [writeById('best_practice', 'adoptBestPractice', (id, w) => ({ id, port: w.port.unlocode }), 'AdoptBestPracticeInput')],
  // A release names its record by type and id: one not of the viewer's agency, hidden or absent, is the same NOT_FOUND.
  'Mutation.releaseRecord': ENTITY_TYPES.map(([table, typename]): Scenario => ({
    what: `releaseRecord on a hidden ${typename}`,
    hidings: FROM_WRITER,
    write: true,
    async build(tlp, w) {
      const id = await target[table](tlp, w);
      const recordType = typename.replace(/(?<=[a-z])(?=[A-Z])/g, '_').toUpperCase();
      return {
        query: 'mutation($input: ReleaseRecordInput!) { releaseRecord(input: $input) { __typename } }',
        variables: { input: { recordType, id, version: 1, addAgencyIds: [partnerAgency.id] } },
        makeAbsent: () => remove(table, id),
      };
    },
  })),
  'Mutation.linkSeizuresToInvestigation': [
    {
      what: "linking the viewer's seizure to a hidden investigation",
      hidings: FROM_WRITER,
      write: true,
      async build(tlp, w) {
        const investigation = await make.investigation({ originAgency: w.owner, tlp });
        const mine = await make.seizure({ port: w.port, originAgency: viewerAgency, tlp: Tlp.AMBER });
        return {
          query: 'mutation($input: LinkSeizuresInput!) { linkSeizuresToInvestigation(input: $input) { id } }',
          variables: { input: { investigationId: investigation.id, investigationVersion: 1, seizureIds: [mine.id] } },
          makeAbsent: () => remove('investigation', investigation.id),
        };
      },
    },
    {
      what: "linking a hidden seizure to the viewer's investigation",
      hidings: FROM_WRITER,
      write: true,
      async build(tlp, w) {
        const mine = await make.investigation({ originAgency: viewerAgency, tlp: Tlp.RED });
        const seizure = await make.seizure({ port: w.port, originAgency: w.owner, tlp });
        return {
          query: 'mutation($input: LinkSeizuresInput!) { linkSeizuresToInvestigation(input: $input) { id seizures { totalCount } } }',
          variables: { input: { investigationId: mine.id, investigationVersion: 1, seizureIds: [seizure.id] } },
          makeAbsent: () => remove('seizure', seizure.id),
        };
      },
    },
  ],
};

/** Relation fields with no scenario, and why none is needed. Checked against the schema both ways. */
const SKIPS: Record<string, string> = {
  'Mutation.recordSeizure': 'a create: its only existence oracle is the reference, a unique key (part (a))',
  'Mutation.openInvestigation': 'a create: its only existence oracle is the code name, a unique key (part (a)); participants are public agencies',
  'Mutation.registerReferent': 'a create: its only existence oracle is the subject, a unique key (part (a)); ports are public',
  'Mutation.publishBestPractice': 'a create naming no other record',
  'Mutation.createPartnershipAction': 'a create naming only agencies and ports (public directory)',
  'Mutation.addFundingLine': 'a create naming only agencies and ports (public directory)',
  'Mutation.createRiskIndicator': 'a create naming no other record: its only existence oracle is the code, a unique key (part (a))',
  'Mutation.updateReferent': 'referents are visible to every member, and only members (REFERENT, ADMIN) may call it',
  'Query.auditEvents': "administrators' audit trail: not a record of the TLP policy (audit module, test/audit.test.ts)",
  'Query.memberSubgraphs': 'the registry of member subgraphs: administrators only, no TLP record (test/subgraph-registry.test.ts)',
  'Mutation.registerSubgraph': 'the registry of member subgraphs: administrators only, naming no other record',
  'Mutation.updateSubgraph': 'the registry of member subgraphs: administrators only, naming no other record',
  'Mutation.retireSubgraph': 'the registry of member subgraphs: administrators only, naming no other record',
};
/** Targets every viewer sees: the port and agency directories have no hidden rows (their loaders take no viewer). */
const ALWAYS_PUBLIC = new Set(['Port', 'Agency', 'PortConnection', 'AgencyConnection']);

/** Every field whose type is a record with an id, a union of records, or a connection. */
function relationFields(s: GraphQLSchema): { name: string; target: string }[] {
  const fields: { name: string; target: string }[] = [];
  for (const type of Object.values(s.getTypeMap())) {
    if (!isObjectType(type) || isIntrospectionType(type)) continue;
    for (const field of Object.values(type.getFields())) {
      const named = getNamedType(field.type);
      const record = isObjectType(named) && ('id' in named.getFields() || named.name.endsWith('Connection'));
      if (record || isUnionType(named)) fields.push({ name: `${type.name}.${field.name}`, target: named.name });
    }
  }
  return fields;
}

const isEdgeNode = (name: string) => /^\w+Edge\.node$/.test(name);

describe('(b) relation fields', () => {
  test('every relation field of the schema has a scenario or a reason to skip it, and no entry is stale', () => {
    const fields = relationFields(schema);
    expect(fields.length).toBeGreaterThan(60);
    const uncovered = fields.filter((f) => !(f.name in SCENARIOS) && !(f.name in SKIPS) && !ALWAYS_PUBLIC.has(f.target) && !isEdgeNode(f.name));
    expect(uncovered.map((f) => `${f.name}: ${f.target}`)).toEqual([]);
    const known = new Set(fields.map((f) => f.name));
    expect([...Object.keys(SCENARIOS), ...Object.keys(SKIPS)].filter((k) => !known.has(k))).toEqual([]);
    // A scenario is not skipped as well, and a field with a public target needs no scenario.
    expect(Object.keys(SCENARIOS).filter((k) => k in SKIPS)).toEqual([]);
  });

  test('the directories named always public are: anonymous viewers see every port and agency', async () => {
    const counts = await hub.query<{ ports: { totalCount: number }; agencies: { totalCount: number } }, Record<string, never>>('{ ports { totalCount } agencies { totalCount } }');
    const [stored] = (await sql('select (select count(*) from port)::int as ports, (select count(*) from agency)::int as agencies')) as { ports: number; agencies: number }[];
    expect(counts).toEqual({ ports: { totalCount: stored!.ports }, agencies: { totalCount: stored!.agencies } });
  });

  const runs = Object.entries(SCENARIOS).flatMap(([field, scenarios]) =>
    scenarios.flatMap((scenario) => scenario.hidings.map((hiding) => [field, scenario.what, hiding.name, scenario, hiding] as const)));

  test.each(runs)('%s, %s: hidden (%s) reads exactly like absent', async (_field, _what, _hiding, scenario, hiding) => {
    const w = await world();
    const built = await scenario.build(hiding.tlp, w);
    const hidden = await send(hiding.viewer(), built.query, built.variables);
    const seenByOwner = scenario.write ? null : await send(w.ownerClient, built.query, built.variables);
    await built.makeAbsent();
    const absent = await send(hiding.viewer(), built.query, built.variables);

    expect(hidden).toEqual(absent);
    if (scenario.write) {
      expect(absent.data ?? null).toBeNull();
      expect(codes(absent).length).toBe(1);
      expect(['NOT_FOUND', 'BAD_USER_INPUT']).toContain(codes(absent)[0]);
    } else {
      // Not vacuous: those who may see the target do get it (and the absent answer is a plain one, no error but NOT_FOUND).
      expect(seenByOwner).not.toEqual(absent);
      expect(codes(seenByOwner!)).toEqual([]);
      expect(codes(absent).filter((c) => c !== 'NOT_FOUND')).toEqual([]);
    }
  });
});

describe('linking a seizure a hidden investigation holds', () => {
  const LINK = `mutation($input: LinkSeizuresInput!) {
    linkSeizuresToInvestigation(input: $input) { version seizures { totalCount edges { node { investigations { totalCount edges { node { status } } pageInfo { hasNextPage hasPreviousPage } } } } } }
  }`;

  test.each(FROM_WRITER.map((h) => [h.name, h] as const))('(%s) answers exactly like linking an unlinked one, and the hidden investigation keeps it', async (_name, hiding) => {
    const w = await world();
    const theirs = await make.investigation({ originAgency: w.owner, tlp: hiding.tlp });
    const held = await make.seizure({ port: w.port, originAgency: w.owner, tlp: Tlp.CLEAR, investigation: theirs });
    const unlinked = await make.seizure({ port: w.port, originAgency: w.owner, tlp: Tlp.CLEAR });
    const [mine, mineToo] = [await make.investigation({ originAgency: viewerAgency, tlp: Tlp.RED }), await make.investigation({ originAgency: viewerAgency, tlp: Tlp.RED })];
    const link = (investigationId: string, seizureId: string) => send(hiding.viewer(), LINK, { input: { investigationId, investigationVersion: 1, seizureIds: [seizureId] } });

    const whileHeld = await link(mine.id, held.id);
    const whileUnlinked = await link(mineToo.id, unlinked.id);
    expect(whileHeld).toEqual(whileUnlinked);
    expect(whileHeld.errors).toBeUndefined();
    const links = (await sql('select investigation_id as id from seizure_investigation where seizure_id = ? order by investigation_id', [held.id])) as { id: string }[];
    expect(links.map((l) => l.id)).toEqual([mine.id, theirs.id].sort());
  });
});
