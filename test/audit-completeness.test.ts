// A complete audit trail through the real gateway: every law-enforcement-only field of every subgraph of the demo is
// audited when it is read (whichever subgraph serves it) and when the gateway refuses it; a refused change is on
// record with the same facts whatever the shape of the request (inline arguments or variables).
import { randomUUID } from 'node:crypto';
import { buildSchema, getNamedType, isCompositeType, isNonNullType, type GraphQLSchema } from 'graphql';
import pg from 'pg';
import { TokenVerifier } from '../src/auth/tokens.js';
import { Role } from '../src/auth/viewer.js';
import { sensitiveFields } from '../src/gateway/policy.js';
import { startGateway } from '../src/gateway/server.js';
import { silentLogger } from '../src/observability/logger.js';
import { Tlp } from '../src/hub/common/enums.js';
import { AgencyKind, type Agency } from '../src/hub/modules/agency/index.js';
import { DetectionMethod, DrugType, QuantityUnit, Seizure } from '../src/hub/modules/seizure/index.js';
import { composeDemoSupergraph, printApiSchema } from '../src/scripts/supergraph.js';
import { Factories } from './support/factories.js';
import { startTestFederation, type TestFederation } from './support/federation.js';
import { TEST_AUDIENCE } from './support/hub.js';

interface AuditRowInDb {
  kind: string;
  outcome: string;
  record_ids: string[];
  fields: string[];
  viewer_subject: string | null;
  agency_id: string | null;
  roles: string[];
  operation_name: string | null;
  detail: string | null;
  keys: Record<string, string>;
}

const followUpSeizureId = randomUUID();
let fed: TestFederation;
let api: GraphQLSchema;
let lawEnforcementFields: string[];
let customs: Agency;
let terminal: Agency;
const ids: Record<string, string> = {};

/**
 * How a test reaches one record of each type that has a LAW_ENFORCEMENT field, and the record's id. A type that gains
 * such a field fails the table test below until it has an entry here.
 */
const REACH: Record<string, { read: (selection: string) => string; id: () => string; partnersNeverReach?: true }> = {
  Seizure: { read: (s) => `seizure(id: "${ids.seizure}") { ${s} }`, id: () => ids.seizure! },
  Port: { read: (s) => `port(unlocode: "BEANR") { ${s} }`, id: () => ids.port! },
  Referent: { read: (s) => `referent(id: "${ids.referent}") { ${s} }`, id: () => ids.referent! },
  Investigation: { read: (s) => `investigation(id: "${ids.investigation}") { ${s} }`, id: () => ids.investigation! },
  TargetingAlert: { read: (s) => `targetingAlert(id: "${ids.alert}") { ${s} }`, id: () => ids.alert!, partnersNeverReach: true },
  RiskIndicator: { read: (s) => `riskIndicator(id: "${ids.indicator}") { ${s} }`, id: () => ids.indicator!, partnersNeverReach: true },
};

beforeAll(async () => {
  fed = await startTestFederation({ demoFollowUpSeizureIds: [followUpSeizureId] });
  const make = new Factories(fed.core.orm);
  const antwerp = await make.port({ unlocode: 'BEANR', name: 'Antwerp', country: 'BE' });
  customs = await make.agency({ code: 'BE-AADA', kind: AgencyKind.CUSTOMS });
  terminal = await make.agency({ code: 'DEMO-TERMINAL', kind: AgencyKind.PRIVATE_OPERATOR });
  // The seizure the demo member subgraph has a national follow-up (with a prosecutor's reference) for.
  const seizure = new Seizure({
    reference: 'DEMO-AUDIT-FOLLOWED', seizedOn: '2024-03-01', port: antwerp, originAgency: customs, drugType: DrugType.COCAINE, quantity: '80',
    unit: QuantityUnit.KG, detectionMethod: DetectionMethod.SCANNER, tlp: Tlp.GREEN, riskIndicators: ['DEMO: reefer'], containerNumber: 'CSQU3054383',
  });
  seizure.id = followUpSeizureId;
  await fed.core.orm.em.fork().persist(seizure).flush();
  ids.seizure = seizure.id;
  ids.port = antwerp.id;
  ids.referent = (await make.referent({ agency: customs, ports: [antwerp] })).id;
  // GREEN, so that a private partner sees the record and only its law-enforcement field is refused.
  ids.investigation = (await make.investigation({ originAgency: customs, participants: [terminal], tlp: Tlp.GREEN, criminalGroupNotes: 'DEMO: notes' })).id;
  // GREEN too, but alerts and risk indicators never reach a private partner at any label (their rows are filtered).
  const indicator = await make.riskIndicator({ originAgency: customs, tlp: Tlp.GREEN });
  ids.indicator = indicator.id;
  ids.alert = (await make.targetingAlert({ originAgency: customs, tlp: Tlp.GREEN, portOfLoading: antwerp, portOfDischarge: await make.port(), addressedAgencies: [customs], riskIndicators: [indicator], seizure })).id;

  const supergraph = await composeDemoSupergraph();
  api = buildSchema(printApiSchema(supergraph));
  lawEnforcementFields = [...sensitiveFields(supergraph)].filter(([, audience]) => audience === 'LAW_ENFORCEMENT').map(([coordinate]) => coordinate).sort();
});
afterAll(() => fed.close());

async function rowsOf(subject: string): Promise<AuditRowInDb[]> {
  return fed.core.orm.em.fork().getConnection().execute<AuditRowInDb[]>(
    `select "kind", "outcome", "record_ids", "fields", "viewer_subject", "agency_id", "roles", "operation_name", "detail", "keys" from "audit_event" where "viewer_subject" = ? order by "at", "id"`,
    [`urn:test:issuer#${subject}`],
  );
}

/** The selection that reads `Type.field`: the field itself, with `__typename` under it when it returns an object. */
function selectionOf(coordinate: string): string {
  const [type, field] = coordinate.split('.') as [string, string];
  const definition = (api.getType(type) as { getFields?: () => Record<string, { type: Parameters<typeof getNamedType>[0]; args: readonly { type: unknown; defaultValue: unknown }[] }> })?.getFields?.()[field];
  if (!definition) throw new Error(`${coordinate} is not in the API schema`);
  if (definition.args.some((a) => isNonNullType(a.type) && a.defaultValue === undefined)) throw new Error(`${coordinate} has required arguments: give it a selection here`);
  return isCompositeType(getNamedType(definition.type)) ? `${field} { __typename }` : field;
}

test('the demo has law-enforcement-only fields in the core and in the member subgraph', () => {
  expect(lawEnforcementFields).toEqual(expect.arrayContaining(['Seizure.containerNumber', 'Referent.email', 'Investigation.criminalGroupNotes', 'Port.nationalAlerts', 'Seizure.nationalFollowUp']));
  const unreachable = lawEnforcementFields.filter((coordinate) => !REACH[coordinate.split('.')[0]!]);
  expect(unreachable).toEqual([]); // give their type an entry in REACH
});

describe.each([['law enforcement', true], ['a private partner', false]] as const)('every LAW_ENFORCEMENT field read by %s', (_who, lawEnforcement) => {
  test('is audited, with its record, once', async () => {
    const checked: string[] = [];
    for (const coordinate of lawEnforcementFields) {
      const [type, field] = coordinate.split('.') as [string, string];
      const reach = REACH[type]!;
      const subject = `${lawEnforcement ? 'le' : 'partner'}-${type}-${field}`;
      const client = await fed.as(lawEnforcement ? { agency: 'BE-AADA', roles: [Role.OFFICER], subject } : { agency: 'DEMO-TERMINAL', roles: [Role.PARTNER], subject });
      const operationName = `AuditComplete_${type}_${field}`;
      const res = await client.send(`query ${operationName} { ${reach.read(selectionOf(coordinate))} }`);
      const root = Object.keys(res.data ?? {})[0];
      if (!lawEnforcement && reach.partnersNeverReach) {
        // The row filter keeps the record from private partners at any label: not found, so no field is read or refused.
        expect({ coordinate, data: res.data, errors: res.errors?.map((e) => e.extensions?.code) }).toEqual({ coordinate, data: null, errors: ['NOT_FOUND'] });
        expect({ coordinate, rows: (await rowsOf(subject)).filter((row) => row.fields.includes(coordinate)) }).toEqual({ coordinate, rows: [] });
        checked.push(coordinate);
        continue;
      }
      expect({ coordinate, record: root && (res.data as Record<string, unknown>)[root] !== null }).toEqual({ coordinate, record: true });
      if (lawEnforcement) expect({ coordinate, errors: res.errors }).toEqual({ coordinate, errors: undefined });
      else expect({ coordinate, errors: res.errors?.map((e) => [e.path?.at(-1), e.extensions?.code]) }).toEqual({ coordinate, errors: [[field, 'FORBIDDEN']] });

      const rows = (await rowsOf(subject)).filter((row) => row.fields.includes(coordinate));
      // One row names the field: the core's for what it serves, the gateway's for the rest and for every refusal.
      expect({ coordinate, rows: rows.map((r) => ({ kind: r.kind, outcome: r.outcome, record: r.record_ids.includes(reach.id()) })) })
        .toEqual({ coordinate, rows: [{ kind: 'READ', outcome: lawEnforcement ? 'ALLOWED' : 'DENIED', record: true }] });
      expect(rows[0]).toMatchObject({ viewer_subject: `urn:test:issuer#${subject}`, agency_id: lawEnforcement ? customs.id : terminal.id, roles: [lawEnforcement ? 'OFFICER' : 'PARTNER'] });
      if (!lawEnforcement) expect(rows[0]!.detail).toBe('FORBIDDEN');
      checked.push(coordinate);
    }
    expect(checked).toEqual(lawEnforcementFields);
  });
});

test("the gateway's rows carry the client's operation name and every record read, in lists too", async () => {
  const officer = await fed.as({ agency: 'BE-AADA', roles: [Role.OFFICER], subject: 'lists' });
  const res = await officer.send(`query NationalAlertsOfPorts {
    ports(first: 5) { edges { node { unlocode nationalAlerts(first: 1) { edges { node { reference containerNumber } } } } } }
    seizure(id: "${ids.seizure}") { reference nationalFollowUp { prosecutorCaseReference } }
  }`);
  expect(res.errors).toBeUndefined();
  expect((res.data as { seizure: { nationalFollowUp: { prosecutorCaseReference: string | null } } }).seizure.nationalFollowUp).not.toBeNull();
  const rows = await rowsOf('lists');
  const gateway = rows.filter((r) => r.operation_name === 'NationalAlertsOfPorts');
  expect(gateway).toEqual([expect.objectContaining({
    kind: 'READ', outcome: 'ALLOWED', fields: ['Port.nationalAlerts', 'Seizure.nationalFollowUp'], record_ids: expect.arrayContaining([ids.port, ids.seizure]), keys: {},
  })]);
  // The markers the gateway added to learn the ids are not in the answer.
  expect(JSON.stringify(res.data)).not.toMatch(/__audit_|"id"/);
});

test('a field the request skips (@include, @skip) is neither audited nor refused', async () => {
  const query = `query Conditional($with: Boolean!) { seizure(id: "${ids.seizure}") { reference nationalFollowUp @include(if: $with) { status } containerNumber @skip(if: true) } }`;
  const officer = await fed.as({ agency: 'BE-AADA', roles: [Role.OFFICER], subject: 'conditional-le' });
  const partner = await fed.as({ agency: 'DEMO-TERMINAL', roles: [Role.PARTNER], subject: 'conditional-partner' });
  const skipped = await officer.send(query, { with: false });
  expect(skipped.errors).toBeUndefined();
  expect(skipped.data).toEqual({ seizure: { reference: 'DEMO-AUDIT-FOLLOWED' } });
  expect((await partner.send(query, { with: false })).errors).toBeUndefined();
  expect([...(await rowsOf('conditional-le')), ...(await rowsOf('conditional-partner'))]).toEqual([]);
  await officer.send(query, { with: true });
  expect((await rowsOf('conditional-le')).map((r) => [r.outcome, r.fields, r.record_ids])).toEqual([['ALLOWED', ['Seizure.nationalFollowUp'], [ids.seizure]]]);
  const refused = await partner.send(query, { with: true });
  expect(refused.errors?.map((e) => e.path?.join('.'))).toEqual(['seizure.nationalFollowUp']);
  expect((await rowsOf('conditional-partner')).map((r) => [r.outcome, r.fields, r.record_ids])).toEqual([['DENIED', ['Seizure.nationalFollowUp'], [ids.seizure]]]);
});

test('a client may not use the aliases the gateway reserves for its markers', async () => {
  const officer = await fed.as({ agency: 'BE-AADA', roles: [Role.OFFICER] });
  const res = await officer.send(`query { port(unlocode: "BEANR") { __audit_0: name nationalAlerts(first: 1) { totalCount } } }`);
  expect(res.data ?? null).toBeNull();
  expect(res.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
});

test('nothing is served unaudited: when the gateway cannot write its rows, the answer is withheld', async () => {
  const unreachable = new pg.Pool({ connectionString: 'postgres://nobody@127.0.0.1:1/none', connectionTimeoutMillis: 500 });
  unreachable.on('error', () => undefined);
  const gateway = await startGateway({
    host: '127.0.0.1', port: 0, core: { name: 'core', url: fed.core.url }, registry: { file: fed.registryFile }, signer: fed.core.gatewaySigner,
    verifier: new TokenVerifier([fed.issuer.issuer], TEST_AUDIENCE), logger: silentLogger, audit: { pool: unreachable },
  });
  try {
    const token = await fed.issuer.sign({ subject: 'unaudited', agency: 'BE-AADA', roles: [Role.OFFICER] }, { audience: TEST_AUDIENCE });
    const send = async (query: string) => {
      const res = await fetch(gateway.url, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` }, body: JSON.stringify({ query }) });
      return { status: res.status, body: (await res.json()) as { data?: unknown; errors?: { extensions?: { code?: string } }[] } };
    };
    const audited = await send('query { port(unlocode: "BEANR") { name nationalAlerts(first: 1) { totalCount } } }');
    expect(audited.status).toBe(503);
    expect(audited.body.data ?? null).toBeNull();
    expect(audited.body.errors?.map((e) => e.extensions?.code)).toEqual(['DATABASE_UNAVAILABLE']);
    // What needs no audit row is served as usual.
    const plain = await send('query { port(unlocode: "BEANR") { name } }');
    expect(plain.body).toEqual({ data: { port: { name: 'Antwerp' } } });
  } finally {
    await gateway.stop();
    await unreachable.end();
  }
});

describe('a refused change records the same facts whatever the shape of the request', () => {
  const withdrawInline = (id: string) => `mutation WithdrawInline { withdrawSeizure(input: { id: "${id}", version: 1, reason: "DEMO: test" }) { id } }`;
  const withdrawVariables = 'mutation WithdrawWithVariables($input: WithdrawSeizureInput!) { withdrawSeizure(input: $input) { id } }';
  const withdrawMixed = 'mutation WithdrawMixed($id: ID!) { withdrawSeizure(input: { id: $id, version: 1, reason: "DEMO: test" }) { id } }';
  const recordInline = `mutation RecordInline { recordSeizure(input: { reference: "DEMO-REFUSED-1", seizedOn: "2024-05-01", port: "BEANR", drugType: COCAINE, quantity: "12", unit: KG, detectionMethod: SCANNER, tlp: AMBER }) { id } }`;
  const recordVariables = 'mutation RecordWithVariables($input: RecordSeizureInput!) { recordSeizure(input: $input) { id } }';
  const recordInput = { reference: 'DEMO-REFUSED-1', seizedOn: '2024-05-01', port: 'BEANR', drugType: 'COCAINE', quantity: '12', unit: 'KG', detectionMethod: 'SCANNER', tlp: 'AMBER' };

  test('withdrawSeizure and recordSeizure: inline, with variables, or both', async () => {
    const analyst = await fed.as({ agency: 'BE-AADA', roles: [Role.ANALYST], subject: 'shapes' });
    for (const res of [
      await analyst.send(withdrawInline(ids.seizure!)),
      await analyst.send(withdrawVariables, { input: { id: ids.seizure, version: 1, reason: 'DEMO: test' } }),
      await analyst.send(withdrawMixed, { id: ids.seizure }),
      await analyst.send(recordInline),
      await analyst.send(recordVariables, { input: recordInput }),
    ]) expect(res.errors?.map((e) => e.extensions?.code)).toEqual(['FORBIDDEN']);
    const writes = (await rowsOf('shapes')).filter((r) => r.kind === 'WRITE');
    expect(writes.map((r) => [r.fields, r.outcome, r.detail, r.record_ids, r.keys])).toEqual([
      ...Array.from({ length: 3 }, () => [['Mutation.withdrawSeizure'], 'DENIED', 'FORBIDDEN', [ids.seizure], {}]),
      ...Array.from({ length: 2 }, () => [['Mutation.recordSeizure'], 'DENIED', 'FORBIDDEN', [], { reference: 'DEMO-REFUSED-1', agencyId: customs.id }]),
    ]);
  });

  test('a refused openInvestigation records the code name and the acting agency', async () => {
    const officer = await fed.as({ agency: 'BE-AADA', roles: [Role.OFFICER], subject: 'no-investigator' });
    const inline = await officer.send(`mutation OpenInline { openInvestigation(input: { codeName: "DEMO-OP-REFUSED", openedOn: "2024-05-01" }) { id } }`);
    const variables = await officer.send('mutation OpenWithVariables($input: OpenInvestigationInput!) { openInvestigation(input: $input) { id } }', { input: { codeName: 'DEMO-OP-REFUSED', openedOn: '2024-05-01' } });
    for (const res of [inline, variables]) expect(res.errors?.map((e) => e.extensions?.code)).toEqual(['FORBIDDEN']);
    const writes = (await rowsOf('no-investigator')).filter((r) => r.kind === 'WRITE');
    expect(writes).toEqual([inline, variables].map(() => expect.objectContaining({
      fields: ['Mutation.openInvestigation'], outcome: 'DENIED', agency_id: customs.id, keys: { codeName: 'DEMO-OP-REFUSED', agencyId: customs.id },
    })));
  });

  test('a change that is made records its keys too, and administrators read them', async () => {
    const officer = await fed.as({ agency: 'BE-AADA', roles: [Role.OFFICER], subject: 'recorder' });
    const made = await officer.send(recordInline.replace('RecordInline', 'RecordMade').replace('DEMO-REFUSED-1', 'DEMO-MADE-1'));
    expect(made.errors).toBeUndefined();
    const id = (made.data as { recordSeizure: { id: string } }).recordSeizure.id;
    const admin = await fed.as({ agency: 'BE-AADA', roles: [Role.ADMIN], subject: 'auditor' });
    const res = await admin.send(`query { auditEvents(filter: { recordId: "${id}" }) { edges { node { kind outcome fields keys { name value } } } } }`);
    expect(res.errors).toBeUndefined();
    // (The AMBER seizure the mutation answered with is a read of its own.)
    expect((res.data as { auditEvents: { edges: { node: { kind: string } }[] } }).auditEvents.edges.map((e) => e.node).filter((e) => e.kind === 'WRITE')).toEqual([
      { kind: 'WRITE', outcome: 'ALLOWED', fields: ['Mutation.recordSeizure'], keys: [{ name: 'agencyId', value: customs.id }, { name: 'reference', value: 'DEMO-MADE-1' }] },
    ]);
  });
});
