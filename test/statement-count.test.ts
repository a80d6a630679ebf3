// No N+1: the number of SQL statements of a nested query must not grow with the number of rows.
import { Tlp } from '../src/hub/common/enums.js';
import { Agency, AgencyKind } from '../src/hub/modules/agency/index.js';
import { Investigation } from '../src/hub/modules/investigation/index.js';
import { Port } from '../src/hub/modules/port/index.js';
import { Referent } from '../src/hub/modules/referent/index.js';
import { DetectionMethod, DrugType, QuantityUnit, Seizure } from '../src/hub/modules/seizure/index.js';
import { RiskIndicator } from '../src/hub/modules/risk-indicator/index.js';
import { TargetingAlert, TargetingAlertStatus, ControlOutcome, ControlResult } from '../src/hub/modules/targeting-alert/index.js';
import { PortsOverviewDocument, PortsTargetingAlertsDocument, TargetingAlertsOverviewDocument } from './generated/operations.js';
import { Role } from '../src/auth/viewer.js';
import { startTestHub, type Client, type TestHub } from './support/hub.js';

let hub: TestHub;
let analyst: Client;

function code(i: number): string {
  const letters = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ';
  return `ES${letters[Math.floor(i / 26) % 26]}${letters[i % 26]}Z`;
}

beforeAll(async () => {
  hub = await startTestHub();
  // 100 ports, each with 2 agencies, 2 referents and 12 seizures whose routes have 2 transit ports, each seizure linked
  // to its agency's investigation.
  const em = hub.orm.em.fork();
  const alertsOf: { port: Port; agencies: Agency[]; indicators: RiskIndicator[] }[] = [];
  const origin = new Port({ unlocode: 'ECGYE', name: 'Guayaquil', country: 'EC' });
  const transits = [
    new Port({ unlocode: 'PAONX', name: 'Manzanillo', country: 'PA' }),
    new Port({ unlocode: 'MAPTM', name: 'Tanger Med', country: 'MA' }),
  ];
  em.persist([origin, ...transits]);
  for (let i = 0; i < 100; i++) {
    const port = new Port({ unlocode: code(i), name: `Puerto ${String(i).padStart(3, '0')}`, country: 'ES' });
    const agencies = [0, 1].map((k) => {
      const agency = new Agency({ code: `ES-${i}-${k}`, name: `Agency ${i}/${k}`, kind: AgencyKind.CUSTOMS, country: 'ES' });
      agency.ports.add(port);
      return agency;
    });
    for (let k = 0; k < 2; k++) {
      const referent = new Referent({ fullName: `Demo Referent ${i}/${k}`, agency: agencies[k], activeSince: '2023-01-01', languages: ['es'], expertise: [] });
      referent.ports.add(port);
      em.persist(referent);
    }
    const investigation = new Investigation({ codeName: `DEMO-OP-N1-${i}`, openedOn: '2024-01-01', tlp: Tlp.GREEN, originAgency: agencies[0]! });
    investigation.participants.add(agencies[0]!);
    em.persist(investigation);
    // Two targeting alerts per port: from Guayaquil via the transit ports, citing two indicators, addressed to both
    // agencies, the second closed with a seizure.
    const indicators = [0, 1].map((k) => new RiskIndicator({ code: `ES-${i}-0/RI-${k}`, descriptions: { en: 'Demo' }, tlp: Tlp.AMBER, originAgency: agencies[0]! }));
    em.persist(indicators);
    alertsOf.push({ port, agencies, indicators });
    for (let s = 0; s < 12; s++) {
      const seizure = new Seizure({
        reference: `DEMO-N1-${i}-${s}`, seizedOn: `2024-01-${String(s + 1).padStart(2, '0')}`, port, originAgency: agencies[0],
        drugType: DrugType.COCAINE, quantity: '10', unit: QuantityUnit.KG, detectionMethod: DetectionMethod.SCANNER,
        tlp: Tlp.GREEN, riskIndicators: [], originPort: origin, destinationPort: port,
      });
      seizure.transitPorts.set(transits);
      seizure.investigations.add(investigation);
      em.persist(seizure);
    }
    em.persist([port, ...agencies]);
  }
  await em.flush();
  for (const [i, { port, agencies, indicators }] of alertsOf.entries()) {
    const seizure = await em.findOneOrFail(Seizure, { reference: `DEMO-N1-${i}-0` });
    for (let k = 0; k < 2; k++) {
      const alert = new TargetingAlert({
        containerNumber: 'CSQU3054383', portOfLoading: origin, portOfDischarge: port, expectedArrival: new Date(Date.now() + 86_400_000),
        tlp: Tlp.AMBER, originAgency: agencies[1]!, createdAt: new Date(Date.UTC(2024, 0, 1 + i, k)),
      });
      alert.transshipmentPorts.set(transits);
      alert.routePorts.set([origin, ...transits, port]);
      alert.riskIndicators.set(indicators);
      alert.addressedAgencies.set(agencies);
      if (k === 1) Object.assign(alert, { state: TargetingAlertStatus.CLOSED, acknowledgingAgency: agencies[0], acknowledgedAt: new Date(), controlOutcome: ControlOutcome.CONTROLLED, controlResult: ControlResult.SEIZURE, seizure, controlledAt: new Date() });
      em.persist(alert);
    }
  }
  await em.flush();
  // A law-enforcement analyst sees every row and field this query asks for.
  analyst = await hub.as({ agency: await em.findOneOrFail(Agency, { code: 'ES-0-0' }), roles: [Role.ANALYST] });
});
afterAll(() => hub.close());

async function statementsFor(first: number): Promise<{ count: number; ports: number }> {
  hub.statements.length = 0;
  const data = await analyst.query(PortsOverviewDocument, { first });
  const count = hub.statements.length;
  // The answer is complete: every port of the page has its agencies, referents and 10 seizures with routes.
  const demoPorts = data.ports.edges.filter((e) => e.node.unlocode.startsWith('ES'));
  for (const { node } of demoPorts) {
    expect(node.agencies.totalCount).toBe(2);
    expect(node.referents.totalCount).toBe(2);
    expect(node.seizures.totalCount).toBe(12);
    expect(node.seizures.edges).toHaveLength(10);
    expect(node.seizures.edges[0]!.node.seizedOn).toBe('2024-01-12');
    expect(node.seizures.edges[0]!.node.route!.map((p) => p.unlocode)).toEqual(['ECGYE', 'PAONX', 'MAPTM', node.unlocode]);
    expect(node.seizures.edges[0]!.node.investigations).toMatchObject({ totalCount: 1, edges: [{ node: { codeName: expect.stringMatching(/^DEMO-OP-N1-/) } }] });
  }
  return { count, ports: demoPorts.length };
}

test('the same number of SQL statements for 10 ports as for 100', async () => {
  const ten = await statementsFor(10);
  const hundred = await statementsFor(100);
  // By name, Guayaquil and Manzanillo (route ports) come first, Tanger Med last.
  expect(ten.ports).toBe(8);
  expect(hundred.ports).toBe(98);
  expect(hundred.count).toBe(ten.count);
  expect(ten.count).toBeLessThanOrEqual(15);
});

test('targeting alerts: the same number of SQL statements for 10 alerts as for 100, and for 10 ports as for 100', async () => {
  const alerts = async (first: number) => {
    hub.statements.length = 0;
    const data = await analyst.query(TargetingAlertsOverviewDocument, { first });
    const count = hub.statements.length;
    expect(data.targetingAlerts.edges).toHaveLength(first);
    for (const { node } of data.targetingAlerts.edges) {
      expect(node.transshipmentPorts!.map((p) => p.unlocode)).toEqual(['PAONX', 'MAPTM']);
      expect(node.riskIndicators).toHaveLength(2);
      expect(node.addressedAgencies).toHaveLength(2);
      expect(node.raisingAgency!.code).toMatch(/^ES-\d+-1$/);
    }
    expect(data.targetingAlerts.edges.filter((e) => e.node.seizure?.alert?.id === e.node.id)).toHaveLength(first / 2);
    return count;
  };
  expect(await alerts(100)).toBe(await alerts(10));

  const ports = async (first: number) => {
    hub.statements.length = 0;
    const data = await analyst.query(PortsTargetingAlertsDocument, { first });
    const count = hub.statements.length;
    const demo = data.ports.edges.filter((e) => e.node.unlocode.startsWith('ES'));
    for (const { node } of demo) {
      expect(node.targetingAlerts.totalCount).toBe(2);
      expect(node.targetingAlerts.edges[0]!.node).toMatchObject({ status: 'CLOSED', seizure: { reference: expect.stringMatching(/^DEMO-N1-/) } });
    }
    return { count, ports: demo.length };
  };
  const ten = await ports(10);
  const hundred = await ports(100);
  expect(hundred.ports).toBe(98);
  expect(hundred.count).toBe(ten.count);
  expect(ten.count).toBeLessThanOrEqual(15);
});
