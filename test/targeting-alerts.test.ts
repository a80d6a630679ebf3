// Targeting alerts (README, "Targeting alerts"): raise, the policy on who sees them, the loop (acknowledge, control
// outcome), the status machine with its expiry, lists and their filters, idempotency, audit and federation.
import type { GraphQLFormattedError } from 'graphql';
import { Role } from '../src/auth/viewer.js';
import { Tlp } from '../src/hub/common/enums.js';
import { Agency, AgencyKind } from '../src/hub/modules/agency/index.js';
import type { Port } from '../src/hub/modules/port/index.js';
import type { RiskIndicator } from '../src/hub/modules/risk-indicator/index.js';
import type { Seizure } from '../src/hub/modules/seizure/index.js';
import { TargetingAlert, TargetingAlertStatus } from '../src/hub/modules/targeting-alert/index.js';
import {
  AcknowledgeTargetingAlertDocument, AuditEventsDocument, RaiseTargetingAlertDocument, RecordControlOutcomeDocument, SeizureAlertDocument,
  TargetingAlertBasicsDocument, TargetingAlertByIdDocument, TargetingAlertIdsDocument, TargetingAlertListDocument, TargetingAlertsOfPortDocument,
  type RaiseTargetingAlertInput, type RecordControlOutcomeInput, type TargetingAlertFieldsFragment, type TargetingAlertFilter,
} from './generated/operations.js';
import { Factories } from './support/factories.js';
import { startTestHub, type Client, type TestHub } from './support/hub.js';

const EXPIRY_HOURS = 48;
const HOUR = 3_600_000;

let hub: TestHub;
let make: Factories;
const ports: Record<string, Port> = {};
let fr: Agency; // French customs: raises the alerts
let be: Agency; // Belgian customs (Antwerp)
let bePolice: Agency; // Belgian police (Antwerp)
let ma: Agency; // Moroccan customs (Tanger Med)
let nl: Agency; // Dutch customs (Rotterdam): law enforcement, not addressed
let frReefer: RiskIndicator;
let nlSecret: RiskIndicator; // RED, Dutch customs' own
let frReferent: Client;
let beOfficer: Client;
let bePoliceOfficer: Client;
let nlOfficer: Client;
let nlAdmin: Client;
let partner: Client;
let auditor: Client;

beforeAll(async () => {
  hub = await startTestHub({ targetingAlertExpiryHours: EXPIRY_HOURS });
  make = new Factories(hub.orm);
  for (const [unlocode, name, country] of [['ECGYE', 'Guayaquil', 'EC'], ['MAPTM', 'Tanger Med', 'MA'], ['BEANR', 'Antwerp', 'BE'], ['NLRTM', 'Rotterdam', 'NL'], ['FRLEH', 'Le Havre', 'FR']]) {
    ports[unlocode!] = await make.port({ unlocode, name, country });
  }
  fr = await make.agency({ code: 'FR-DGDDI', name: 'French Customs', kind: AgencyKind.CUSTOMS, country: 'FR', ports: [ports.FRLEH!] });
  be = await make.agency({ code: 'BE-AAD', name: 'Belgian Customs', kind: AgencyKind.CUSTOMS, country: 'BE', ports: [ports.BEANR!] });
  bePolice = await make.agency({ code: 'BE-FEDPOL', name: 'Belgian Federal Police', kind: AgencyKind.POLICE, country: 'BE', ports: [ports.BEANR!] });
  ma = await make.agency({ code: 'MA-ADII', name: 'Moroccan Customs', kind: AgencyKind.CUSTOMS, country: 'MA', ports: [ports.MAPTM!] });
  nl = await make.agency({ code: 'NL-DOUANE', name: 'Dutch Customs', kind: AgencyKind.CUSTOMS, country: 'NL', ports: [ports.NLRTM!] });
  // Serve Antwerp too, but control no containers: never addressed by default.
  await make.agency({ code: 'BE-POA', name: 'Port of Antwerp Authority', kind: AgencyKind.PORT_AUTHORITY, country: 'BE', ports: [ports.BEANR!] });
  const terminal = await make.agency({ code: 'DEMO-TERMINAL', name: 'Demo Terminal', kind: AgencyKind.PRIVATE_OPERATOR, country: 'BE', ports: [ports.BEANR!] });
  frReefer = await make.riskIndicator({ originAgency: fr, local: 'REEFER-SEAL', tlp: Tlp.AMBER });
  await make.riskIndicator({ originAgency: fr, local: 'ROUTE', tlp: Tlp.GREEN });
  nlSecret = await make.riskIndicator({ originAgency: nl, local: 'SECRET', tlp: Tlp.RED });
  frReferent = await hub.as({ agency: fr, roles: [Role.REFERENT] });
  beOfficer = await hub.as({ agency: be, roles: [Role.OFFICER] });
  bePoliceOfficer = await hub.as({ agency: bePolice, roles: [Role.OFFICER] });
  nlOfficer = await hub.as({ agency: nl, roles: [Role.OFFICER] });
  nlAdmin = await hub.as({ agency: nl, roles: [Role.ADMIN, Role.ANALYST] });
  partner = await hub.as({ agency: terminal, roles: [Role.PARTNER] });
  auditor = await hub.as({ agency: nl, roles: [Role.ADMIN] });
});
afterAll(() => hub.close());

const inHours = (hours: number) => new Date(Date.now() + hours * HOUR).toISOString();
const errorOf = (errors: readonly GraphQLFormattedError[] | undefined) => errors?.[0]?.extensions;
const countAlerts = () => hub.orm.em.fork().count(TargetingAlert, {});

function alertInput(overrides: Partial<RaiseTargetingAlertInput> = {}): RaiseTargetingAlertInput {
  return {
    containerNumber: 'CSQU3054383',
    vesselImo: '9074729',
    voyage: 'DEMO-042W',
    billOfLading: 'DEMO-BL-0001',
    portOfLoading: 'ECGYE',
    transshipmentPorts: ['MAPTM'],
    portOfDischarge: 'BEANR',
    expectedArrival: inHours(72),
    riskIndicators: ['FR-DGDDI/REEFER-SEAL'],
    narrative: 'DEMO: reefer seal number differs from the manifest',
    ...overrides,
  };
}

async function raise(overrides: Partial<RaiseTargetingAlertInput> = {}, client: Client = frReferent): Promise<TargetingAlertFieldsFragment> {
  return (await client.query(RaiseTargetingAlertDocument, { input: alertInput(overrides) })).raiseTargetingAlert;
}

const list = async (filter: TargetingAlertFilter | undefined, client: Client) => (await client.query(TargetingAlertListDocument, { first: 100, filter })).targetingAlerts;
const idsIn = (page: { edges: { node: { id: string } }[] }) => page.edges.map((e) => e.node.id);

describe('raising an alert', () => {
  test('by default AMBER, OPEN, addressed to the customs and police agencies serving the ports ahead (not the raiser)', async () => {
    const alert = await raise({ containerNumber: 'csqu 305438 3', vesselImo: 'IMO 9074729' });
    expect(alert).toMatchObject({
      status: 'OPEN', tlp: 'AMBER', version: 1, containerNumber: 'CSQU3054383', vesselImo: '9074729', voyage: 'DEMO-042W', billOfLading: 'DEMO-BL-0001',
      raisingAgency: { code: 'FR-DGDDI' }, portOfLoading: { unlocode: 'ECGYE' }, transshipmentPorts: [{ unlocode: 'MAPTM' }], portOfDischarge: { unlocode: 'BEANR' },
      riskIndicators: [{ code: 'FR-DGDDI/REEFER-SEAL' }], acknowledgedAt: null, acknowledgingAgency: null, controlOutcome: null, seizure: null,
    });
    // The port authority and the terminal operator serve Antwerp too, but do not control containers.
    expect(alert.addressedAgencies!.map((a) => a.code)).toEqual(['BE-FEDPOL', 'BE-AAD', 'MA-ADII'].sort((a, b) => nameOf(a).localeCompare(nameOf(b))));
  });

  test('named addressed agencies replace the default; they must be customs or police agencies', async () => {
    const alert = await raise({ addressedAgencies: [nl.id] });
    expect(alert.addressedAgencies).toEqual([{ code: 'NL-DOUANE' }]);
    const before = await countAlerts();
    const port = await hub.orm.em.fork().findOneOrFail(Agency, { code: 'BE-POA' });
    const res = await frReferent.send(RaiseTargetingAlertDocument, { input: alertInput({ addressedAgencies: [be.id, port.id] }) });
    expect(errorOf(res.errors)).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.addressedAgencies[1]' });
    expect(await countAlerts()).toBe(before);
  });

  test('bad input is BAD_USER_INPUT naming the field, and nothing is written', async () => {
    const before = await countAlerts();
    const cases: [Partial<RaiseTargetingAlertInput>, string, RegExp?][] = [
      [{ containerNumber: 'CSQU3054384' }, 'input.containerNumber', /check digit/],
      [{ containerNumber: 'CSQX3054383' }, 'input.containerNumber'],
      [{ vesselImo: '9074728' }, 'input.vesselImo', /check digit of IMO 9074728 should be 9/],
      [{ vesselImo: '907472' }, 'input.vesselImo', /7 digits/],
      [{ portOfLoading: 'XXABC' }, 'input.portOfLoading'],
      [{ portOfDischarge: 'NLAMS' }, 'input.portOfDischarge', /no port with UN\/LOCODE NLAMS/],
      [{ transshipmentPorts: ['BEANR'] }, 'input.transshipmentPorts', /must all differ/],
      [{ riskIndicators: ['FR-DGDDI/NOPE'] }, 'input.riskIndicators[0]', /no risk indicator with code FR-DGDDI\/NOPE/],
      [{ riskIndicators: [] }, 'input.riskIndicators'],
      [{ tlp: 'CLEAR' }, 'input.tlp', /never TLP:CLEAR/],
      [{ tlp: 'AMBER_STRICT' }, 'input.tlp', /use TLP:RED/],
      [{ expectedArrival: inHours(-EXPIRY_HOURS - 1) }, 'input.expectedArrival', /expired at once/],
      [{ expectedArrival: inHours(24 * 400) }, 'input.expectedArrival'],
      [{ voyage: 'x'.repeat(21) }, 'input.voyage'],
      [{ addressedAgencies: ['not-an-id'] }, 'input.addressedAgencies'],
    ];
    for (const [overrides, field, message] of cases) {
      const res = await frReferent.send(RaiseTargetingAlertDocument, { input: alertInput(overrides) });
      expect({ field, error: errorOf(res.errors) }).toMatchObject({ field, error: { code: 'BAD_USER_INPUT', field } });
      if (message) expect(res.errors![0]!.message).toMatch(message);
    }
    expect(await countAlerts()).toBe(before);
  });

  test("an indicator the raiser may not see reads exactly as one that does not exist", async () => {
    const hidden = await frReferent.send(RaiseTargetingAlertDocument, { input: alertInput({ riskIndicators: [nlSecret.code] }) });
    const absent = await frReferent.send(RaiseTargetingAlertDocument, { input: alertInput({ riskIndicators: ['NL-DOUANE/SECRET2'] }) });
    expect(hidden.errors![0]!.message.replace('SECRET', 'X')).toBe(absent.errors![0]!.message.replace('SECRET2', 'X'));
    expect(errorOf(hidden.errors)).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.riskIndicators[0]' });
  });

  test('only officers and referents of customs or police agencies raise alerts', async () => {
    expect((await raise({}, await hub.as({ agency: bePolice, roles: [Role.OFFICER] }))).raisingAgency).toEqual({ code: 'BE-FEDPOL' });
    const judicial = await make.agency({ code: 'FR-JIRS', name: 'French Prosecutors', kind: AgencyKind.JUDICIAL, country: 'FR' });
    const refusals = [
      [await hub.as({ agency: fr, roles: [Role.ANALYST, Role.INVESTIGATOR] }), 'FORBIDDEN'],
      [nlAdmin, 'FORBIDDEN'],
      [partner, 'FORBIDDEN'],
      [await hub.as({ agency: judicial, roles: [Role.INVESTIGATOR] }), 'FORBIDDEN'],
      [hub, 'UNAUTHENTICATED'],
    ] as const;
    for (const [client, code] of refusals) expect(errorOf((await client.send(RaiseTargetingAlertDocument, { input: alertInput() })).errors)?.code).toBe(code);
  });

  test('a retry with the same idempotency key returns the first alert and writes one', async () => {
    const before = await countAlerts();
    const input = alertInput({ idempotencyKey: 'alert-key-0001' });
    const first = (await frReferent.query(RaiseTargetingAlertDocument, { input })).raiseTargetingAlert;
    const again = (await frReferent.query(RaiseTargetingAlertDocument, { input })).raiseTargetingAlert;
    expect(again.id).toBe(first.id);
    expect(await countAlerts()).toBe(before + 1);
    const other = await frReferent.send(RaiseTargetingAlertDocument, { input: { ...input, voyage: 'DEMO-OTHER' } });
    expect(errorOf(other.errors)?.code).toBe('IDEMPOTENCY_KEY_REUSED');
  });
});

const nameOf = (code: string) => ({ 'BE-FEDPOL': 'Belgian Federal Police', 'BE-AAD': 'Belgian Customs', 'MA-ADII': 'Moroccan Customs' } as Record<string, string>)[code]!;

describe('who sees an alert', () => {
  let amber: TargetingAlertFieldsFragment;
  let red: TargetingAlertFieldsFragment;
  let green: TargetingAlertFieldsFragment;

  beforeAll(async () => {
    amber = await raise({ portOfDischarge: 'NLRTM', transshipmentPorts: [], addressedAgencies: [be.id], voyage: 'DEMO-VIS-A' });
    red = await raise({ portOfDischarge: 'NLRTM', transshipmentPorts: [], addressedAgencies: [be.id], tlp: 'RED', voyage: 'DEMO-VIS-R' });
    green = await raise({ portOfDischarge: 'NLRTM', transshipmentPorts: [], addressedAgencies: [be.id], tlp: 'GREEN', voyage: 'DEMO-VIS-G' });
  });

  const visibleIn = async (client: Client) => {
    const listed = new Set(idsIn((await client.query(TargetingAlertIdsDocument, { first: 100, filter: { ports: ['NLRTM'] } })).targetingAlerts));
    const ofPort = (await client.query(TargetingAlertsOfPortDocument, { unlocode: 'NLRTM', first: 100 })).port.targetingAlerts;
    const byId: Record<string, boolean> = {};
    for (const alert of [amber, red, green]) byId[alert.id] = !(await client.send(TargetingAlertBasicsDocument, { id: alert.id })).errors;
    return { listed: [amber, red, green].map((a) => listed.has(a.id)), byId: [amber, red, green].map((a) => byId[a.id]), ofPort: ofPort.totalCount };
  };

  test('AMBER and GREEN: all law enforcement; RED: the raising and the addressed agencies only', async () => {
    expect(await visibleIn(frReferent)).toMatchObject({ listed: [true, true, true], byId: [true, true, true] });
    expect(await visibleIn(beOfficer)).toMatchObject({ listed: [true, true, true], byId: [true, true, true] });
    const other = await visibleIn(nlOfficer);
    expect(other).toMatchObject({ listed: [true, false, true], byId: [true, false, true] });
    // The hidden RED alert is not counted either.
    expect(other.ofPort).toBe((await visibleIn(beOfficer)).ofPort - 1);
  });

  test('administrators get nothing more by being administrators', async () => {
    expect(await visibleIn(nlAdmin)).toEqual(await visibleIn(nlOfficer));
  });

  test('private partners never see an alert, at any label, nor anonymous viewers: filtered in the rows, not only the fields', async () => {
    for (const client of [partner, hub]) {
      expect(await visibleIn(client)).toEqual({ listed: [false, false, false], byId: [false, false, false], ofPort: 0 });
      expect((await client.query(TargetingAlertIdsDocument, {})).targetingAlerts.totalCount).toBe(0);
    }
    const byId = await partner.send(TargetingAlertBasicsDocument, { id: green.id });
    expect(errorOf(byId.errors)?.code).toBe('NOT_FOUND');
  });

  test('federation: the entity resolves by id for those who may see it, as null for the others', async () => {
    const query = 'query($r: [_Any!]!) { _entities(representations: $r) { ... on TargetingAlert { id voyage } } }';
    const variables = { r: [{ __typename: 'TargetingAlert', id: red.id }] };
    expect((await beOfficer.send(query, variables)).data).toEqual({ _entities: [{ id: red.id, voyage: 'DEMO-VIS-R' }] });
    expect((await nlOfficer.send(query, variables)).data).toEqual({ _entities: [null] });
  });

  test('reading an alert is audited with its record and fields', async () => {
    const reader = await hub.as({ agency: nl, roles: [Role.OFFICER], subject: 'audited-reader' });
    await reader.query(TargetingAlertBasicsDocument, { id: green.id });
    const events = (await auditor.query(AuditEventsDocument, { first: 100, filter: { recordId: green.id } })).auditEvents.edges.map((e) => e.node);
    const read = events.find((e) => e.kind === 'READ' && e.viewerSubject === 'urn:test:issuer#audited-reader');
    expect(read).toMatchObject({ outcome: 'ALLOWED', recordIds: [green.id] });
    expect(read!.fields).toEqual(['TargetingAlert.containerNumber', 'TargetingAlert.id', 'TargetingAlert.status']);
    expect(events.filter((e) => e.kind === 'WRITE').map((e) => e.fields)).toEqual([['Mutation.raiseTargetingAlert']]);
  });
});

describe('the loop: acknowledge, then record the control outcome', () => {
  let seizure: Seizure;
  let hiddenSeizure: Seizure;

  beforeAll(async () => {
    seizure = await make.seizure({ port: ports.BEANR!, originAgency: be, tlp: Tlp.AMBER, reference: 'DEMO-SZ-ALERT' });
    hiddenSeizure = await make.seizure({ port: ports.NLRTM!, originAgency: nl, tlp: Tlp.RED, reference: 'DEMO-SZ-HIDDEN' });
  });

  const acknowledge = (client: Client, alert: { id: string; version: number }) => client.send(AcknowledgeTargetingAlertDocument, { input: { id: alert.id, version: alert.version } });
  const outcome = (client: Client, alert: { id: string; version: number }, input: Omit<RecordControlOutcomeInput, 'id' | 'version'>) =>
    client.send(RecordControlOutcomeDocument, { input: { id: alert.id, version: alert.version, ...input } });

  test('OPEN → ACKNOWLEDGED → CLOSED, each step by its owner, with the seizure linked both ways', async () => {
    const alert = await raise();
    // Not addressed (Dutch customs see the AMBER alert), or a partner: refused; the alert stays OPEN.
    expect(errorOf((await acknowledge(nlOfficer, alert)).errors)?.code).toBe('FORBIDDEN');
    expect(errorOf((await acknowledge(partner, alert)).errors)?.code).toBe('FORBIDDEN');
    expect(errorOf((await acknowledge(frReferent, alert)).errors)?.code).toBe('FORBIDDEN'); // the raiser is not addressed
    // The outcome waits for an acknowledgement.
    expect(errorOf((await outcome(beOfficer, alert, { outcome: 'CONTROLLED', result: 'NO_FINDING' })).errors)).toMatchObject({ code: 'CONFLICT' });

    const acknowledged = (await beOfficer.query(AcknowledgeTargetingAlertDocument, { input: { id: alert.id, version: alert.version } })).acknowledgeTargetingAlert;
    expect(acknowledged).toMatchObject({ status: 'ACKNOWLEDGED', version: 2, acknowledgingAgency: { code: 'BE-AAD' } });
    expect(acknowledged.acknowledgedAt).not.toBeNull();
    // Once taken on, another addressed agency cannot acknowledge it again, nor record its outcome; a stale version is CONFLICT.
    const again = await acknowledge(bePoliceOfficer, acknowledged);
    expect(errorOf(again.errors)?.code).toBe('CONFLICT');
    expect(again.errors![0]!.message).toMatch(/already acknowledged/);
    expect(errorOf((await outcome(bePoliceOfficer, acknowledged, { outcome: 'CONTROLLED', result: 'NO_FINDING' })).errors)?.code).toBe('FORBIDDEN');
    expect(errorOf((await outcome(beOfficer, alert, { outcome: 'CONTROLLED', result: 'NO_FINDING' })).errors)?.code).toBe('CONFLICT');

    const closed = (await beOfficer.query(RecordControlOutcomeDocument, {
      input: { id: alert.id, version: acknowledged.version, outcome: 'CONTROLLED', result: 'SEIZURE', seizureId: seizure.id, remarks: 'DEMO: 120 kg in the reefer unit' },
    })).recordControlOutcome;
    expect(closed).toMatchObject({ status: 'CLOSED', version: 3, controlOutcome: 'CONTROLLED', controlResult: 'SEIZURE', notControlledReason: null, seizure: { reference: 'DEMO-SZ-ALERT' }, outcomeRemarks: 'DEMO: 120 kg in the reefer unit' });
    expect(Date.parse(closed.controlledAt!)).toBeGreaterThanOrEqual(Date.parse(closed.acknowledgedAt!));
    expect((await beOfficer.query(SeizureAlertDocument, { id: seizure.id })).seizure.alert).toEqual({ id: alert.id, containerNumber: 'CSQU3054383' });
    // Closed: nothing more to record.
    expect((await outcome(beOfficer, closed, { outcome: 'NOT_CONTROLLED', reason: 'CAPACITY' })).errors![0]!.message).toMatch(/closed/);
    // The raiser sees the result come back.
    expect((await frReferent.query(TargetingAlertByIdDocument, { id: alert.id })).targetingAlert).toMatchObject({ status: 'CLOSED', controlResult: 'SEIZURE' });
  });

  test('NOT_CONTROLLED with a reason; the outcome must fit (result, reason, seizure, time), named field by field', async () => {
    const alert = await raise();
    const acknowledged = (await bePoliceOfficer.query(AcknowledgeTargetingAlertDocument, { input: { id: alert.id, version: alert.version } })).acknowledgeTargetingAlert;
    const cases: [Omit<RecordControlOutcomeInput, 'id' | 'version'>, string][] = [
      [{ outcome: 'CONTROLLED' }, 'input.result'],
      [{ outcome: 'CONTROLLED', result: 'SEIZURE' }, 'input.seizureId'],
      [{ outcome: 'CONTROLLED', result: 'NO_FINDING', seizureId: seizure.id }, 'input.seizureId'],
      [{ outcome: 'NOT_CONTROLLED' }, 'input.reason'],
      [{ outcome: 'NOT_CONTROLLED', reason: 'CAPACITY', result: 'NO_FINDING' }, 'input.result'],
      [{ outcome: 'CONTROLLED', result: 'NO_FINDING', controlledAt: inHours(1) }, 'input.controlledAt'],
      [{ outcome: 'CONTROLLED', result: 'NO_FINDING', controlledAt: inHours(-1) }, 'input.controlledAt'],
    ];
    for (const [input, field] of cases) expect({ field, error: errorOf((await outcome(bePoliceOfficer, acknowledged, input)).errors) }).toMatchObject({ field, error: { code: 'BAD_USER_INPUT', field } });
    const closed = (await bePoliceOfficer.query(RecordControlOutcomeDocument, { input: { id: alert.id, version: acknowledged.version, outcome: 'NOT_CONTROLLED', reason: 'ALREADY_DEPARTED' } })).recordControlOutcome;
    expect(closed).toMatchObject({ status: 'CLOSED', controlOutcome: 'NOT_CONTROLLED', notControlledReason: 'ALREADY_DEPARTED', controlResult: null, seizure: null });
  });

  test('a seizure the agency may not see reads exactly as one that does not exist', async () => {
    const alert = await raise();
    const acknowledged = (await beOfficer.query(AcknowledgeTargetingAlertDocument, { input: { id: alert.id, version: alert.version } })).acknowledgeTargetingAlert;
    const hidden = await outcome(beOfficer, acknowledged, { outcome: 'CONTROLLED', result: 'SEIZURE', seizureId: hiddenSeizure.id });
    const absent = await outcome(beOfficer, acknowledged, { outcome: 'CONTROLLED', result: 'SEIZURE', seizureId: '00000000-0000-4000-8000-000000000000' });
    expect(hidden.errors![0]!.message.replace(hiddenSeizure.id, 'ID')).toBe(absent.errors![0]!.message.replace('00000000-0000-4000-8000-000000000000', 'ID'));
    expect(errorOf(hidden.errors)).toEqual(expect.objectContaining({ code: 'BAD_USER_INPUT', field: 'input.seizureId' }));
    expect((await beOfficer.query(TargetingAlertBasicsDocument, { id: alert.id })).targetingAlert.status).toBe('ACKNOWLEDGED');
  });

  test('a link to a seizure the viewer may not see reads as no link, both ways', async () => {
    const alert = await make.targetingAlert({ originAgency: nl, portOfLoading: ports.ECGYE!, portOfDischarge: ports.NLRTM!, addressedAgencies: [nl], state: TargetingAlertStatus.CLOSED, seizure: hiddenSeizure, controlledAt: new Date() });
    const read = await beOfficer.send(TargetingAlertByIdDocument, { id: alert.id });
    expect(read.errors).toBeUndefined();
    expect(read.data!.targetingAlert.seizure).toBeNull();
    expect((await nlOfficer.query(TargetingAlertByIdDocument, { id: alert.id })).targetingAlert.seizure).toEqual({ reference: 'DEMO-SZ-HIDDEN' });
    // The seizure's link: the latest controlled alert the viewer may see; a hidden one reads as none.
    const linked = await make.seizure({ port: ports.BEANR!, originAgency: be, tlp: Tlp.AMBER, reference: 'DEMO-SZ-LINKED' });
    const amberAlert = await make.targetingAlert({ originAgency: be, portOfLoading: ports.ECGYE!, portOfDischarge: ports.BEANR!, addressedAgencies: [be], state: TargetingAlertStatus.CLOSED, seizure: linked, controlledAt: new Date(Date.now() - HOUR) });
    const redAlert = await make.targetingAlert({ originAgency: nl, tlp: Tlp.RED, portOfLoading: ports.ECGYE!, portOfDischarge: ports.NLRTM!, addressedAgencies: [nl], state: TargetingAlertStatus.CLOSED, seizure: linked, controlledAt: new Date() });
    expect((await beOfficer.query(SeizureAlertDocument, { id: linked.id })).seizure.alert?.id).toBe(amberAlert.id);
    expect((await nlOfficer.query(SeizureAlertDocument, { id: linked.id })).seizure.alert?.id).toBe(redAlert.id);
    const onlyHidden = await make.seizure({ port: ports.BEANR!, originAgency: be, tlp: Tlp.AMBER, reference: 'DEMO-SZ-ONLY-RED' });
    await make.targetingAlert({ originAgency: nl, tlp: Tlp.RED, portOfLoading: ports.ECGYE!, portOfDischarge: ports.NLRTM!, addressedAgencies: [nl], state: TargetingAlertStatus.CLOSED, seizure: onlyHidden, controlledAt: new Date() });
    const none = await beOfficer.send(SeizureAlertDocument, { id: onlyHidden.id });
    expect(none).toEqual({ data: { seizure: { reference: 'DEMO-SZ-ONLY-RED', alert: null } } });
  });

  test('changes are audited, refusals too', async () => {
    const alert = await raise();
    await acknowledge(nlOfficer, alert); // refused
    await beOfficer.query(AcknowledgeTargetingAlertDocument, { input: { id: alert.id, version: alert.version } });
    const events = (await auditor.query(AuditEventsDocument, { first: 100, filter: { recordId: alert.id } })).auditEvents.edges.map((e) => e.node);
    const writes = events.filter((e) => e.kind === 'WRITE').map((e) => [e.fields[0], e.outcome, e.agency?.code]);
    expect(writes).toEqual(expect.arrayContaining([
      ['Mutation.raiseTargetingAlert', 'ALLOWED', 'FR-DGDDI'],
      ['Mutation.acknowledgeTargetingAlert', 'DENIED', 'NL-DOUANE'],
      ['Mutation.acknowledgeTargetingAlert', 'ALLOWED', 'BE-AAD'],
    ]));
  });
});

describe('status machine: expiry', () => {
  const ageBy = async (id: string, hoursAgo: number) => {
    await hub.ownerSql('update targeting_alert set expected_arrival = $1 where id = $2', [new Date(Date.now() - hoursAgo * HOUR), id]);
  };

  test(`an alert not closed is EXPIRED ${EXPIRY_HOURS} hours (the configured delay) after the expected arrival; filters agree`, async () => {
    const open = await raise({ voyage: 'DEMO-EXP-O' });
    const acknowledged = await raise({ voyage: 'DEMO-EXP-A' });
    await beOfficer.query(AcknowledgeTargetingAlertDocument, { input: { id: acknowledged.id, version: acknowledged.version } });
    const closed = await make.targetingAlert({ originAgency: fr, portOfLoading: ports.ECGYE!, portOfDischarge: ports.BEANR!, addressedAgencies: [be], state: TargetingAlertStatus.CLOSED, controlledAt: new Date() });
    const statusOf = async (id: string) => (await beOfficer.query(TargetingAlertBasicsDocument, { id })).targetingAlert.status;
    const withStatus = async (status: 'OPEN' | 'ACKNOWLEDGED' | 'CLOSED' | 'EXPIRED') => new Set(idsIn(await list({ statuses: [status] }, beOfficer)));

    // Just inside the delay: still live.
    for (const id of [open.id, acknowledged.id, closed.id]) await ageBy(id, EXPIRY_HOURS - 1);
    expect([await statusOf(open.id), await statusOf(acknowledged.id), await statusOf(closed.id)]).toEqual(['OPEN', 'ACKNOWLEDGED', 'CLOSED']);
    expect((await withStatus('OPEN')).has(open.id)).toBe(true);
    expect((await withStatus('EXPIRED')).has(open.id)).toBe(false);

    // Past it: expired, unless closed.
    for (const id of [open.id, acknowledged.id, closed.id]) await ageBy(id, EXPIRY_HOURS + 1);
    expect([await statusOf(open.id), await statusOf(acknowledged.id), await statusOf(closed.id)]).toEqual(['EXPIRED', 'EXPIRED', 'CLOSED']);
    const expired = await withStatus('EXPIRED');
    expect([expired.has(open.id), expired.has(acknowledged.id), expired.has(closed.id)]).toEqual([true, true, false]);
    expect((await withStatus('OPEN')).has(open.id)).toBe(false);
    expect((await withStatus('ACKNOWLEDGED')).has(acknowledged.id)).toBe(false);
    expect((await withStatus('CLOSED')).has(closed.id)).toBe(true);
    // Every alert shown under a status filter shows that status.
    for (const status of ['OPEN', 'ACKNOWLEDGED', 'CLOSED', 'EXPIRED'] as const) {
      const page = await list({ statuses: [status] }, beOfficer);
      expect(new Set(page.edges.map((e) => e.node.status))).toEqual(page.totalCount ? new Set([status]) : new Set());
    }

    // The loop is over: no acknowledgement, no outcome.
    const late = await beOfficer.send(AcknowledgeTargetingAlertDocument, { input: { id: open.id, version: open.version } });
    expect(errorOf(late.errors)?.code).toBe('CONFLICT');
    expect(late.errors![0]!.message).toMatch(/expired/);
    const current = (await beOfficer.query(TargetingAlertByIdDocument, { id: acknowledged.id })).targetingAlert;
    const lateOutcome = await beOfficer.send(RecordControlOutcomeDocument, { input: { id: current.id, version: current.version, outcome: 'NOT_CONTROLLED', reason: 'NOT_ARRIVED' } });
    expect(lateOutcome.errors![0]!.message).toMatch(/expired/);
  });
});

describe('lists and filters', () => {
  let first: TargetingAlertFieldsFragment;
  let second: TargetingAlertFieldsFragment;
  let routeIndicator: RiskIndicator;

  beforeAll(async () => {
    routeIndicator = await make.riskIndicator({ originAgency: ma, local: 'TRANSSHIP', tlp: Tlp.AMBER });
    first = await raise({ portOfLoading: 'FRLEH', transshipmentPorts: [], portOfDischarge: 'MAPTM', riskIndicators: [routeIndicator.code], voyage: 'DEMO-LIST-1' });
    second = await raise({ portOfLoading: 'ECGYE', transshipmentPorts: ['FRLEH'], portOfDischarge: 'NLRTM', addressedAgencies: [nl.id], voyage: 'DEMO-LIST-2' });
  });

  test('by port (any place on the route), indicator, period and addressed to me; latest raised first', async () => {
    const viaLeHavre = idsIn(await list({ ports: ['FRLEH'] }, frReferent));
    expect(viaLeHavre.slice(0, 2)).toEqual([second.id, first.id]);
    expect(idsIn(await list({ riskIndicators: [routeIndicator.code] }, frReferent))).toEqual([first.id]);
    expect(idsIn(await list({ ports: ['FRLEH'], from: new Date(Date.now() - 60_000).toISOString() }, frReferent))).toEqual([second.id, first.id]);
    expect(idsIn(await list({ ports: ['FRLEH'], to: new Date(Date.now() - 3_600_000).toISOString() }, frReferent))).toEqual([]);
    const mine = await list({ addressedToMe: true }, nlOfficer);
    expect(mine.edges.every((e) => e.node.addressedAgencies!.some((a) => a.code === 'NL-DOUANE'))).toBe(true);
    expect(idsIn(mine)).toContain(second.id);
    expect(idsIn(mine)).not.toContain(first.id);
  });

  test('a hidden indicator matches nothing, exactly like an unknown code', async () => {
    const hiddenOnes = await make.targetingAlert({ originAgency: nl, portOfLoading: ports.ECGYE!, portOfDischarge: ports.NLRTM!, riskIndicators: [nlSecret], addressedAgencies: [nl] });
    expect(idsIn(await list({ riskIndicators: [nlSecret.code] }, nlOfficer))).toContain(hiddenOnes.id);
    expect(await list({ riskIndicators: [nlSecret.code] }, frReferent)).toEqual(await list({ riskIndicators: ['NL-DOUANE/UNKNOWN'] }, frReferent));
    // On the alert itself, the hidden indicator is left out.
    expect((await frReferent.query(TargetingAlertByIdDocument, { id: hiddenOnes.id })).targetingAlert.riskIndicators).toEqual([]);
  });

  test('Port.targetingAlerts lists the alerts whose route includes the port, paginated and filtered', async () => {
    const tanger = (await frReferent.query(TargetingAlertsOfPortDocument, { unlocode: 'MAPTM', first: 1 })).port.targetingAlerts;
    expect(tanger.edges).toHaveLength(1);
    expect(tanger.totalCount).toBe((await list({ ports: ['MAPTM'] }, frReferent)).totalCount);
    const byIndicator = (await frReferent.query(TargetingAlertsOfPortDocument, { unlocode: 'MAPTM', first: 10, filter: { riskIndicators: [routeIndicator.code] } })).port.targetingAlerts;
    expect(byIndicator.totalCount).toBe(1);
  });

  test('pages return every alert once; bad arguments are BAD_USER_INPUT naming them', async () => {
    const all = await list(undefined, frReferent);
    const seen: string[] = [];
    let after: string | null | undefined;
    do {
      const page: Awaited<ReturnType<typeof list>> = (await frReferent.query(TargetingAlertListDocument, { first: 3, after })).targetingAlerts;
      seen.push(...idsIn(page));
      after = page.pageInfo.hasNextPage ? page.pageInfo.endCursor : null;
    } while (after);
    expect(seen).toEqual(idsIn(all));
    expect(errorOf((await frReferent.send(TargetingAlertListDocument, { first: 101 })).errors)).toMatchObject({ code: 'BAD_USER_INPUT', field: 'first' });
    expect(errorOf((await frReferent.send(TargetingAlertListDocument, { filter: { ports: ['nope'] } })).errors)).toMatchObject({ code: 'BAD_USER_INPUT', field: 'filter.ports[0]' });
  });
});
