// The demo-data loader on a real database: every port entry imported or reported, known ports filed right,
// synthetic seizures valid and exact, all-or-nothing, loaded once, and the same graph for the same seed.
import type { EntityName } from '@mikro-orm/core';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { EntityManager } from '@mikro-orm/postgresql';
import { loadDemoData, type DemoDataReport } from '../src/db/demo-data/index.js';
import { importSeaPorts } from '../src/db/demo-data/ports.js';
import { containerNumberProblem, parseDecimal, todayUtc } from '../src/hub/common/validators.js';
import { Agency } from '../src/hub/modules/agency/index.js';
import { AuditEvent } from '../src/hub/modules/audit/index.js';
import { BestPractice } from '../src/hub/modules/best-practice/index.js';
import { EquipmentFunding } from '../src/hub/modules/equipment-funding/index.js';
import { Investigation } from '../src/hub/modules/investigation/index.js';
import { PartnershipAction } from '../src/hub/modules/partnership-action/index.js';
import { Port } from '../src/hub/modules/port/index.js';
import { Referent } from '../src/hub/modules/referent/index.js';
import { RiskIndicator } from '../src/hub/modules/risk-indicator/index.js';
import { Seizure } from '../src/hub/modules/seizure/index.js';
import { TargetingAlert } from '../src/hub/modules/targeting-alert/index.js';
import { containerNumberProblem as containerProblem, imoNumberProblem } from '../src/hub/common/validators.js';
import { DEMO_PORTS } from '../src/member-subgraph/demo-data.js';
import { demoAddressedAlerts } from '../src/run/member-demo.js';
import { DemoDataPortDocument } from './generated/operations.js';
import { startTestHub, type TestHub } from './support/hub.js';

const SEED = 20240124;
const SEIZURES = 300;
const dataFile = JSON.parse(readFileSync(new URL('../src/db/demo-data/sea-ports.json', import.meta.url), 'utf8')) as Record<string, unknown>;

let hub: TestHub;
let report: DemoDataReport;
const logged: string[] = [];
const em = (): EntityManager => hub.orm.em.fork();

function loaded(r: DemoDataReport): Extract<DemoDataReport, { skipped: false }> {
  if (r.skipped) throw new Error('expected the demo data to load');
  return r;
}

/** Everything a seizure says, in reference order, hashed: equal digests mean the same seizures. */
async function seizureDigest(target: TestHub): Promise<string> {
  const seizures = await target.orm.em.fork().find(Seizure, {}, {
    populate: ['port', 'originPort', 'destinationPort', 'transitPorts', 'originAgency', 'investigations'],
    orderBy: { reference: 'asc' },
  });
  const lines = seizures.map((s) =>
    [
      s.reference, s.seizedOn, s.port.unlocode, s.originAgency.code, s.drugType, s.quantity, s.unit, s.detectionMethod,
      s.concealment, s.containerNumber, s.vesselName, s.originPort?.unlocode, s.transitPorts.getItems().map((p) => p.unlocode).join('>'),
      s.destinationPort?.unlocode, s.riskIndicators.join('|'), s.tlp, s.handlingCode, s.investigations.getItems().map((i) => i.codeName).sort().join(','), s.withdrawnAt?.toISOString(),
    ].join(';'),
  );
  return createHash('sha256').update(lines.join('\n')).digest('hex');
}

beforeAll(async () => {
  hub = await startTestHub();
  report = await loadDemoData(hub.orm, { seed: SEED, seizures: SEIZURES, log: (line) => logged.push(line) });
}, 120_000);
afterAll(() => hub.close());

describe('ports from src/db/demo-data/sea-ports.json', () => {
  test('every entry is imported or reported as skipped with a reason', async () => {
    const { ports } = loaded(report);
    expect(ports.total).toBe(Object.keys(dataFile).length);
    expect(ports.imported + ports.skipped.length).toBe(Object.keys(dataFile).length);
    expect(await em().count(Port, {})).toBe(ports.imported);
    for (const skipped of ports.skipped) expect(skipped.reason).toMatch(/\w{5,}/);
    // The Netherlands Antilles were dissolved in 2010: their AN codes are no longer ISO 3166-1.
    expect(ports.skipped.map((s) => s.code)).toEqual(expect.arrayContaining(['ANCUR', 'ANSXM', 'ANEUX']));
    expect(ports.skipped.find((s) => s.code === 'ANCUR')!.reason).toBe('UN/LOCODE "AN" is not an ISO 3166-1 country code (country in the file: "Netherlands Antilles")');
    expect(ports.withoutCoordinates).toBe(Object.values(dataFile).filter((e) => !(e as { coordinates?: unknown }).coordinates).length);
  });

  test('the log has a one-line summary and one line per skipped entry', () => {
    const { ports } = loaded(report);
    expect(logged[0]).toMatch(new RegExp(`^Demo data loaded in .* ${ports.imported} of ${ports.total} ports \\(${ports.skipped.length} skipped`));
    for (const { code, reason } of ports.skipped) expect(logged).toContain(`  port ${code} skipped: ${reason}`);
  });

  test('known ports have their country, coordinates, overseas flag and membership', async () => {
    const byCode = new Map((await em().find(Port, { unlocode: ['BEANR', 'MQFDF', 'ECGYE', 'RELPT', 'VNSGN', 'PTPDL', 'ESLPA', 'BHAHD'] })).map((p) => [p.unlocode, p]));
    expect(byCode.get('BEANR')).toMatchObject({ name: 'Antwerpen', country: 'BE', overseas: false, memberSince: '2024-01-24' });
    expect(byCode.get('BEANR')!.latitude).toBeCloseTo(51.2, 0);
    expect(byCode.get('BEANR')!.longitude).toBeCloseTo(4.4, 0);
    expect(byCode.get('MQFDF')).toMatchObject({ country: 'MQ', overseas: true });
    expect(byCode.get('ECGYE')).toMatchObject({ name: 'Guayaquil', country: 'EC', overseas: false, memberSince: null });
    expect(byCode.get('RELPT')).toMatchObject({ country: 'RE', overseas: true }); // "Réunion", matched without accents
    expect(byCode.get('VNSGN')).toMatchObject({ country: 'VN' }); // "Viet Nam", a real naming variant
    expect(byCode.get('PTPDL')).toMatchObject({ country: 'PT', overseas: true }); // Azores, an outermost region
    expect(byCode.get('ESLPA')).toMatchObject({ country: 'ES', overseas: true }); // Canary Islands
    expect(byCode.get('BHAHD')).toMatchObject({ latitude: null, longitude: null }); // no coordinates in the file
  });

  test('answers through GraphQL', async () => {
    const data = await hub.query(DemoDataPortDocument, { unlocode: 'BEANR' });
    expect(data.port).toEqual({ name: 'Antwerpen', country: 'BE' });
  });

  test('entries that contradict themselves or are out of range are reported, not dropped silently', () => {
    const { rows, report: fixture } = importSeaPorts({
      BEZZZ: { name: 'Somewhere', country: 'Netherlands', coordinates: [4.4, 51.2], timezone: 'Europe/Brussels' },
      FRXXX: { name: 'Far away', country: 'France', coordinates: [200, 95], timezone: 'Mars/Olympus' },
      XXABC: { name: 'Nowhere', country: 'France' },
      FRYYY: { name: 'Atlantis', country: 'Atlantis' },
      FRZZZ: { country: 'France' },
    });
    expect(rows.map((r) => [r.unlocode, r.country, r.latitude, r.timezone])).toEqual([
      ['BEZZZ', 'BE', 51.2, 'Europe/Brussels'],
      ['FRXXX', 'FR', null, null],
    ]);
    expect(fixture).toMatchObject({ total: 5, imported: 2, withoutCoordinates: 1 });
    expect(fixture.skipped).toEqual([
      { code: 'XXABC', reason: 'UN/LOCODE "XX" is not an ISO 3166-1 country code (country in the file: "France")' },
      { code: 'FRYYY', reason: 'country "Atlantis" is not an ISO 3166-1 country name' },
      { code: 'FRZZZ', reason: 'no name' },
    ]);
    expect(fixture.notes.map((n) => n.code)).toEqual(['BEZZZ', 'FRXXX', 'FRXXX']);
    expect(fixture.notes[0]!.note).toBe('country "Netherlands" is NL, kept BE from the UN/LOCODE');
  });
});

describe('synthetic records', () => {
  test('seizures have DEMO references, past dates, valid containers and exact quantities', async () => {
    const seizures = await em().find(Seizure, {}, { populate: ['port', 'originPort', 'destinationPort'], orderBy: { reference: 'asc' } });
    expect(seizures).toHaveLength(SEIZURES);
    const today = todayUtc();
    let expectedMilli = 0n;
    for (const s of seizures) {
      expect(s.reference).toMatch(/^DEMO-\d{4}-\d{6}$/);
      expect(s.reference.slice(5, 9)).toBe(s.seizedOn.slice(0, 4));
      expect(s.seizedOn >= '2019-01-01' && s.seizedOn <= today).toBe(true);
      if (s.containerNumber !== null && s.containerNumber !== undefined) expect(containerNumberProblem(s.containerNumber)).toBeNull();
      const parsed = parseDecimal(s.quantity, 14, 3);
      expect(parsed).toHaveProperty('value');
      expect(Number(s.quantity)).toBeGreaterThan(0);
      const [int, frac = ''] = s.quantity.split('.');
      expectedMilli += BigInt(int!) * 1000n + BigInt(frac.padEnd(3, '0'));
      expect(s.originPort).toBeTruthy();
      expect(s.destinationPort).toBeTruthy();
    }
    // The database adds the same exact decimals: nothing went through a float.
    const [{ total }] = await em().execute<{ total: string }[]>('select sum(quantity)::text as total from seizure');
    expect(BigInt(total.replace('.', ''))).toBe(expectedMilli);
    expect(new Set(seizures.map((s) => s.tlp)).size).toBe(5);
    expect(seizures.filter((s) => ['MQ', 'GP', 'GF', 'RE'].includes(s.port.country)).length).toBeGreaterThan(0);
    expect(seizures.filter((s) => s.containerNumber).length).toBeGreaterThan(SEIZURES / 2);
  });

  test('the rest of the graph: agencies with their ports, referents, practices, investigations, actions, funding', async () => {
    const r = loaded(report);
    const fork = em();
    expect(r).toMatchObject({ agencies: await fork.count(Agency, {}), referents: 80, seizures: SEIZURES, bestPractices: 15, investigations: 8, partnershipActions: 10, equipmentFundings: 40 });
    expect(r.agencies).toBeGreaterThanOrEqual(40);
    const dgddi = await fork.findOneOrFail(Agency, { code: 'FR-DGDDI' }, { populate: ['ports'] });
    expect(dgddi.ports.getItems().map((p) => p.unlocode)).toEqual(expect.arrayContaining(['FRLEH', 'MQFDF', 'RELPT']));
    expect(await fork.findOneOrFail(Agency, { code: 'EU-EUROPOL' })).toMatchObject({ kind: 'EU_BODY', country: null });

    const referents = await fork.find(Referent, {}, { populate: ['ports'] });
    for (const referent of referents) {
      expect(referent.fullName).toMatch(/^Demo Referent \d{2} /);
      expect(referent.email).toMatch(/^demo\.referent\d{2}@example\.(org|com|net)$/);
      if (referent.phone) expect(referent.phone).toMatch(/^(\+447700900\d{3}|\+3319900\d{4})$/);
      expect(referent.ports.length).toBeGreaterThan(0);
    }
    const investigations = await fork.find(Investigation, {}, { populate: ['participants'] });
    for (const investigation of investigations) {
      expect(investigation.codeName).toMatch(/^DEMO-OP-/);
      expect(investigation.participants.getItems().map((a) => a.id)).toContain(investigation.originAgency.id);
    }
    expect(r.seizuresLinkedToInvestigations).toBe(await fork.count(Seizure, { investigations: { $some: {} } }));
    expect(r.seizuresLinkedToInvestigations).toBeGreaterThan(0);
    expect(new Set((await fork.find(BestPractice, {})).map((p) => p.language)).size).toBeGreaterThanOrEqual(5);
    const partners = (await fork.find(PartnershipAction, {}, { populate: ['partners'] })).flatMap((a) => a.partners.getItems().map((p) => p.kind));
    expect(partners).toEqual(expect.arrayContaining(['PRIVATE_OPERATOR', 'CUSTOMS', 'PORT_AUTHORITY']));
    const funding = await fork.find(EquipmentFunding, {}, { populate: ['originAgency', 'port'] });
    const mildeca = funding.filter((f) => f.originAgency.code === 'FR-MILDECA');
    expect(mildeca.some((f) => f.port?.overseas)).toBe(true);
    expect(mildeca.some((f) => f.port && !f.port.overseas)).toBe(true);
    for (const line of funding) expect(line.amountEur).toMatch(/^\d+\.\d{2}$/);
  });

  test("targeting alerts: the network's flows, DEMO markers, the loop's rules and plausible hit rates", async () => {
    const r = loaded(report);
    const fork = em();
    const alerts = await fork.find(TargetingAlert, {}, { populate: ['portOfLoading', 'portOfDischarge', 'transshipmentPorts', 'addressedAgencies', 'riskIndicators', 'originAgency', 'acknowledgingAgency', 'seizure'] });
    expect(alerts).toHaveLength(r.targetingAlerts);
    expect(r.targetingAlerts).toBeGreaterThanOrEqual(300);
    expect(r.riskIndicators).toBe(await fork.count(RiskIndicator, {}));
    const southAmericaOrWestAfrica = new Set(['EC', 'BR', 'CO', 'PE', 'CR', 'PA', 'CI', 'GH', 'TG', 'SN', 'BJ', 'NG', 'CM', 'GN', 'GT', 'DO', 'GY', 'SR', 'VE', 'CL']);
    for (const alert of alerts) {
      expect(containerProblem(alert.containerNumber)).toBeNull();
      if (alert.vesselImo) expect(imoNumberProblem(alert.vesselImo)).toBeNull();
      if (alert.voyage) expect(alert.voyage).toMatch(/^DEMO-/);
      if (alert.billOfLading) expect(alert.billOfLading).toMatch(/^DEMO-/);
      expect(alert.narrative).toMatch(/^DEMO: /);
      expect(alert.tlp).not.toBe('CLEAR');
      expect(southAmericaOrWestAfrica.has(alert.portOfLoading.country)).toBe(true);
      expect(alert.riskIndicators.length).toBeGreaterThan(0);
      // Addressed as the API would: customs or police, not the raiser; the acknowledging agency among them.
      const addressed = alert.addressedAgencies.getItems();
      expect(addressed.length).toBeGreaterThan(0);
      expect(addressed.every((a) => ['CUSTOMS', 'POLICE'].includes(a.kind) && a.id !== alert.originAgency.id)).toBe(true);
      if (alert.acknowledgingAgency) expect(addressed.map((a) => a.id)).toContain(alert.acknowledgingAgency.id);
      expect(alert.expectedArrival.getTime()).toBeGreaterThan(alert.createdAt.getTime());
      if (alert.state === 'CLOSED') {
        expect(alert.acknowledgingAgency).not.toBeNull();
        expect(alert.controlledAt!.getTime()).toBeGreaterThanOrEqual(alert.acknowledgedAt!.getTime());
        expect(alert.controlledAt!.getTime()).toBeLessThanOrEqual(Date.now());
        expect(alert.controlOutcome === 'CONTROLLED' ? !!alert.controlResult && !alert.notControlledReason : !alert.controlResult && !!alert.notControlledReason).toBe(true);
        // A seizure outcome links the seizure, reported by the agency that recorded it, with the same container.
        if (alert.controlResult === 'SEIZURE') expect([alert.seizure?.originAgency.id, alert.seizure?.containerNumber]).toEqual([alert.acknowledgingAgency!.id, alert.containerNumber]);
        else expect(alert.seizure).toBeNull();
      }
    }
    const controlled = alerts.filter((a) => a.controlOutcome === 'CONTROLLED');
    const seized = controlled.filter((a) => a.controlResult === 'SEIZURE');
    expect(seized.length / controlled.length).toBeGreaterThan(0.03);
    expect(seized.length / controlled.length).toBeLessThan(0.2);
    expect(new Set(alerts.map((a) => a.state))).toEqual(new Set(['OPEN', 'ACKNOWLEDGED', 'CLOSED']));
    expect(alerts.some((a) => a.transshipmentPorts.length > 0 && ['BE', 'NL', 'DE'].includes(a.portOfDischarge.country))).toBe(true);
    expect(alerts.some((a) => ['ES', 'IT', 'GR'].includes(a.portOfDischarge.country) || a.portOfDischarge.unlocode === 'FRMRS')).toBe(true);
    for (const indicator of await fork.find(RiskIndicator, {}, { populate: ['originAgency'] })) {
      expect(indicator.code.startsWith(`${indicator.originAgency.code}/`)).toBe(true);
      expect(Object.keys(indicator.descriptions)).toContain('en');
    }
  });

  test("the demo member subgraph's national import: recent alerts addressed to the customs of its ports, each with that agency", async () => {
    const addressed = await demoAddressedAlerts(hub.orm);
    expect(addressed.length).toBeGreaterThan(4);
    const alerts = await em().find(TargetingAlert, { id: { $in: addressed.map((a) => a.alertId) } }, { populate: ['addressedAgencies', 'portOfDischarge'] });
    const byId = new Map(alerts.map((a) => [a.id, a]));
    const agencies = new Map((await em().find(Agency, { id: { $in: addressed.map((a) => a.agencyId) } })).map((a) => [a.id, a]));
    for (const { alertId, agencyId, raisedOn, status, expectedOn } of addressed) {
      const alert = byId.get(alertId)!;
      // The national status tells the same story as the alert in the alliance.
      const story = alert.state === 'CLOSED' ? (alert.controlOutcome === 'NOT_CONTROLLED' ? 'NOT_INSPECTED' : alert.controlResult === 'SEIZURE' ? 'INSPECTED_SEIZURE' : 'INSPECTED_NOTHING_FOUND')
        : alert.state === 'ACKNOWLEDGED' ? 'INSPECTION_SCHEDULED' : 'RECEIVED';
      expect(status).toBe(story);
      expect(expectedOn).toBe(alert.expectedArrival.toISOString().slice(0, 10));
      expect(alert.addressedAgencies.getItems().map((a) => a.id)).toContain(agencyId);
      expect(DEMO_PORTS).toContain(alert.portOfDischarge.unlocode);
      expect(agencies.get(agencyId)?.kind).toBe('CUSTOMS');
      expect(raisedOn).toBe(alert.createdAt.toISOString().slice(0, 10));
    }
    expect([...agencies.values()].map((a) => a.code)).toContain('BE-AADA');
    // At most 4 per agency, the same on every run.
    const perAgency = new Map<string, number>();
    for (const { agencyId } of addressed) perAgency.set(agencyId, (perAgency.get(agencyId) ?? 0) + 1);
    expect(Math.max(...perAgency.values())).toBeLessThanOrEqual(4);
    expect(await demoAddressedAlerts(hub.orm)).toEqual(addressed);
  });

  test('a second run loads nothing', async () => {
    const before = await em().count(Seizure, {});
    await expect(loadDemoData(hub.orm, { seed: SEED + 1, seizures: 10 })).resolves.toEqual({ skipped: true });
    expect(await em().count(Seizure, {})).toBe(before);
  });
});

describe('determinism and atomicity', () => {
  let second: TestHub;
  let third: TestHub;
  beforeAll(async () => {
    [second, third] = await Promise.all([startTestHub(), startTestHub()]);
  }, 60_000);
  afterAll(async () => {
    await Promise.all([second?.close(), third?.close()]);
  });

  test('a failure part-way leaves the database empty', async () => {
    // Refuse the rows of the last table the load's transaction writes (the investigations' links, after every
    // seizure chunk), so that everything else was written before (DDL: as the owner; the core's role may not alter tables).
    const sql = (query: string) => second.ownerSql(query);
    await sql('alter table seizure_investigation add constraint refuse_all check (false) not valid');
    await expect(loadDemoData(second.orm, { seed: SEED, seizures: SEIZURES })).rejects.toThrow(/refuse_all/);
    const tables: EntityName<object>[] = [Port, Agency, Seizure, Referent, Investigation, BestPractice, PartnershipAction, EquipmentFunding, AuditEvent];
    for (const entity of tables) {
      expect(await second.orm.em.fork().count(entity, {})).toBe(0);
    }
    await sql('alter table seizure_investigation drop constraint refuse_all');
  }, 120_000);

  test('the same seed builds the same seizures; another seed does not', async () => {
    await loadDemoData(second.orm, { seed: SEED, seizures: SEIZURES });
    await loadDemoData(third.orm, { seed: SEED + 1, seizures: SEIZURES });
    const [first, same, other] = await Promise.all([seizureDigest(hub), seizureDigest(second), seizureDigest(third)]);
    expect(same).toBe(first);
    expect(other).not.toBe(first);
  }, 120_000);
});
