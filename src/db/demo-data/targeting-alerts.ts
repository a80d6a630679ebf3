// Synthetic targeting alerts of the referents' network and the shared catalogue of risk indicators they cite.
// Routes follow the flows of seizure-flows.ts: South American and West African ports of loading, transshipment at
// the Atlantic and Mediterranean hubs, discharge at the North Sea and Mediterranean ports. The raiser is a customs
// agency of a transshipment port, of the port of discharge (pre-arrival analysis) or the French network
// coordinator; the alert is addressed as raiseTargetingAlert addresses it by default (customs and police agencies
// serving the ports ahead, the raiser's own aside). About 70 % of closed alerts are controlled, and 10 to 15 % of
// controls find drugs: those alerts are built from synthetic seizures detected by risk analysis (same container, route
// and reporting agency), so the seizure an outcome links exists and its reporting agency, which recorded the outcome,
// may see it. Everything says DEMO: containers with DEMO owner codes, DEMO- voyages and bills of lading, IMO numbers
// below the range assigned to ships (so no real vessel is implied), narratives starting "DEMO:".
import { Tlp } from '../../hub/common/enums.js';
import { imoNumberProblem } from '../../hub/common/validators.js';
import { type Agency, AgencyKind } from '../../hub/modules/agency/index.js';
import type { Port } from '../../hub/modules/port/index.js';
import { RiskIndicator } from '../../hub/modules/risk-indicator/index.js';
import { DetectionMethod, Seizure } from '../../hub/modules/seizure/index.js';
import { CONTROLLING_KINDS, ControlOutcome, ControlResult, NotControlledReason, TargetingAlert, TargetingAlertStatus } from '../../hub/modules/targeting-alert/index.js';
import type { DemoGraph } from './graph.js';
import type { Random } from './random.js';
import type { Weighted } from './seizure-flows.js';
import { INDICATORS, LANGUAGE, type IndicatorSeed } from './targeting-indicators.js';
import { containerNumber, type SeizureRow } from './seizures.js';

/** Alerts in the demo, whatever the number of seizures (a network's few hundred a year and a half). */
export const DEMO_ALERTS = 320;
/** Alerts are raised over the last this many days. */
const PERIOD_DAYS = 540;
/** The demo's statuses assume the default expiry (TARGETING_ALERT_EXPIRY_HOURS). */
const EXPIRY_DAYS = 7;
const HOUR = 3_600_000;
const DAY = 24 * HOUR;

interface AlertFlow {
  weight: number;
  loading: Weighted<string>;
  transshipment: readonly string[];
  maxTransshipments: number;
  discharge: Weighted<string>;
}

const SOUTH_AMERICA: Weighted<string> = [['ECGYE', 20], ['BRSSZ', 12], ['COCTG', 10], ['PECLL', 6], ['CRLIO', 6], ['COBUN', 5], ['BRRIG', 3], ['PABLB', 4]];
const WEST_AFRICA: Weighted<string> = [['CIABJ', 5], ['GHTEM', 4], ['TGLFW', 4], ['SNDKR', 3], ['BJCOO', 2], ['NGAPP', 2], ['CMDLA', 2], ['GNCKY', 1]];
const NORTH_SEA: Weighted<string> = [['BEANR', 26], ['NLRTM', 24], ['DEHAM', 10], ['FRLEH', 8], ['DEBRV', 3], ['FRDKK', 3]];
const MEDITERRANEAN: Weighted<string> = [['ESVLC', 6], ['ESBCN', 4], ['ITGOA', 5], ['FRMRS', 4], ['ITSPE', 2], ['GRPIR', 2]];

const FLOWS: readonly AlertFlow[] = [
  { weight: 45, loading: SOUTH_AMERICA, transshipment: ['PAONX', 'ESALG', 'PTSIE', 'MAPTM', 'ITGIT'], maxTransshipments: 2, discharge: NORTH_SEA },
  { weight: 15, loading: SOUTH_AMERICA, transshipment: ['ESALG', 'MAPTM', 'ITGIT', 'MTMAR'], maxTransshipments: 1, discharge: MEDITERRANEAN },
  { weight: 25, loading: WEST_AFRICA, transshipment: ['MAPTM', 'ESALG', 'PTSIE'], maxTransshipments: 1, discharge: NORTH_SEA },
  { weight: 15, loading: WEST_AFRICA, transshipment: ['MAPTM', 'ESALG', 'MTMAR'], maxTransshipments: 1, discharge: MEDITERRANEAN },
];
const LOADING_COUNTRIES = new Set([...SOUTH_AMERICA, ...WEST_AFRICA].map(([code]) => code.slice(0, 2)));

/** The network's coordinator raises alerts from loading-side analysis (it serves no port on these routes). */
const COORDINATOR = 'FR-DGDDI';
const TLP: Weighted<Tlp> = [[Tlp.AMBER, 80], [Tlp.RED, 12], [Tlp.GREEN, 8]];
const NOT_CONTROLLED: Weighted<NotControlledReason> = [
  [NotControlledReason.INSUFFICIENT_GROUNDS, 35], [NotControlledReason.ALREADY_DEPARTED, 30], [NotControlledReason.CAPACITY, 20], [NotControlledReason.NOT_ARRIVED, 15],
];
const NARRATIVES = [
  'DEMO: synthetic alert. Manifest and booking data flagged by the risk profile; please control on arrival and report back.',
  'DEMO: synthetic alert. Same consignee and forwarder as an earlier positive control on this route.',
  'DEMO: synthetic alert. Reefer container of fruit, unusual booking pattern; rip-on/rip-off suspected.',
  'DEMO: synthetic alert. Container stayed longer than usual at the transshipment hub before being reloaded.',
];

/** Seizures an alert may have led to: detected by risk analysis at their destination in a container, in the period. */
export class TargetingAlertSeizures {
  private readonly sample: SeizureRow[] = [];
  private seen = 0;

  constructor(private readonly random: Random, private readonly from: string, private readonly size: number) {}

  /** Keeps a uniform sample of the seizures that fit (reservoir sampling): the seizures stream past once. */
  offer(seizure: SeizureRow): void {
    const fits = seizure.detectionMethod === DetectionMethod.RISK_ANALYSIS && seizure.containerNumber !== null && seizure.port === seizure.destinationPort
      && seizure.seizedOn >= this.from && seizure.withdrawnAt === null && CONTROLLING_KINDS.includes(seizure.originAgency.kind)
      && LOADING_COUNTRIES.has(seizure.originPort.country) && seizure.transitPorts.every((p) => p !== seizure.originPort);
    if (!fits) return;
    this.seen++;
    if (this.sample.length < this.size) this.sample.push(seizure);
    else {
      const j = this.random.int(0, this.seen - 1);
      if (j < this.size) this.sample[j] = seizure;
    }
  }

  seizures(): SeizureRow[] {
    return [...this.sample].sort((a, b) => a.reference.localeCompare(b.reference));
  }
}

/** A valid IMO number below 5000000 (never a ship's): 7 digits, check digit from weights 7…2. */
function demoImo(random: Random): string {
  const first6 = String(random.int(100_000, 499_999));
  let sum = 0;
  for (let i = 0; i < 6; i++) sum += Number(first6[i]) * (7 - i);
  const imo = `${first6}${sum % 10}`;
  if (imoNumberProblem(imo)) throw new Error(`demo data: bad IMO ${imo}`);
  return imo;
}

interface Route {
  loading: Port;
  transshipments: Port[];
  discharge: Port;
}

/** Raiser and addressees as raiseTargetingAlert would make them; null when nobody could be warned. */
function raiserAndAddressees(graph: DemoGraph, random: Random, route: Route, not?: Agency): { raiser: Agency; addressed: Agency[] } | null {
  const ahead = [...route.transshipments, route.discharge];
  const customsOf = (port: Port) => graph.agenciesAt(port.unlocode, [AgencyKind.CUSTOMS]);
  const candidates = [
    ...(random.chance(0.5) ? route.transshipments.flatMap(customsOf) : []),
    ...(random.chance(0.5) ? customsOf(route.discharge) : []),
    graph.agency(COORDINATOR),
  ].filter((a) => a !== not);
  for (const raiser of candidates) {
    const addressed = [...new Set(ahead.flatMap((p) => graph.agenciesAt(p.unlocode, CONTROLLING_KINDS)))].filter((a) => a !== raiser);
    if (addressed.length && (!not || addressed.includes(not))) return { raiser, addressed };
  }
  return null;
}

function drawRoute(graph: DemoGraph, random: Random): Route {
  const flow = random.weighted(FLOWS.map((f) => [f, f.weight] as const));
  const loading = random.weighted(flow.loading);
  const discharge = random.weighted(flow.discharge);
  const transshipments = random.sample(flow.transshipment.filter((p) => p !== discharge), random.int(0, flow.maxTransshipments));
  return { loading: graph.port(loading), transshipments: transshipments.map((p) => graph.port(p)), discharge: graph.port(discharge) };
}

/** 1 to 3 indicators the raiser may see (RED ones are their owner's only), favouring those that work when `seized`. */
function citedIndicators(random: Random, catalogue: readonly (readonly [IndicatorSeed, RiskIndicator])[], raiser: Agency, seized: boolean): RiskIndicator[] {
  const visible = catalogue.filter(([seed]) => seed.tlp !== Tlp.RED || seed.owner === raiser.code);
  const picked = new Set<RiskIndicator>();
  const count = random.int(1, 3);
  while (picked.size < count) picked.add(random.weighted(visible.map(([seed, indicator]) => [indicator, seized ? seed.lift * seed.lift : 1] as const)));
  return [...picked].sort((a, b) => a.code.localeCompare(b.code));
}

/** The alert's dates and stored outcome, for an alert raised at `raisedAt` and expected at `arrival`. */
function progressOf(graph: DemoGraph, random: Random, raisedAt: Date, arrival: Date) {
  const now = graph.now.getTime();
  const acknowledgedAt = new Date(Math.min(now, raisedAt.getTime() + random.int(1, 36) * HOUR));
  const controlledAt = new Date(Math.min(now, Math.max(acknowledgedAt.getTime(), arrival.getTime() - 12 * HOUR) + random.int(2, 60) * HOUR));
  const expired = arrival.getTime() + EXPIRY_DAYS * DAY < now;
  const roll = random.next();
  // Past the expiry most alerts were closed in time; recent ones are still on their way.
  const state = expired
    ? (roll < 0.88 ? TargetingAlertStatus.CLOSED : roll < 0.93 ? TargetingAlertStatus.ACKNOWLEDGED : TargetingAlertStatus.OPEN)
    : (controlledAt.getTime() < now - HOUR && roll < 0.5 ? TargetingAlertStatus.CLOSED : roll < 0.75 ? TargetingAlertStatus.ACKNOWLEDGED : TargetingAlertStatus.OPEN);
  return { state, acknowledgedAt, controlledAt };
}

/**
 * The catalogue and the alerts, persisted (written at the next flush). `seizures`: those alerts may have led to;
 * about one in eight controls uses one, as long as the sample lasts.
 */
export function createTargetingAlerts(graph: DemoGraph, seizures: TargetingAlertSeizures, count = DEMO_ALERTS): TargetingAlert[] {
  const random = graph.random.stream('targeting-alerts');
  const catalogue = INDICATORS.map((seed) => [seed, graph.add(new RiskIndicator({
    id: random.uuid(),
    code: `${seed.owner}/${seed.local}`,
    descriptions: { en: seed.en, [LANGUAGE[seed.owner]!]: seed.own },
    tlp: seed.tlp,
    originAgency: graph.agency(seed.owner),
    createdAt: new Date(graph.now.getTime() - (PERIOD_DAYS + 30) * DAY),
  }))] as const);
  const pool = seizures.seizures();
  const alerts: TargetingAlert[] = [];
  let n = 0;
  const make = (route: Route, raised: Date, arrival: Date, raiser: Agency, addressed: Agency[], container: string, seized: boolean) => {
    const year = raised.toISOString().slice(0, 4);
    const alert = graph.add(new TargetingAlert({
      id: random.uuid(),
      containerNumber: container,
      vesselImo: random.chance(0.85) ? demoImo(random) : null,
      voyage: random.chance(0.9) ? `DEMO-${String(random.int(1, 999)).padStart(3, '0')}${random.pick(['N', 'S', 'E', 'W'])}` : null,
      billOfLading: random.chance(0.8) ? `DEMO-BL-${year}-${String(++n).padStart(5, '0')}` : null,
      portOfLoading: route.loading,
      portOfDischarge: route.discharge,
      expectedArrival: arrival,
      narrative: random.pick(NARRATIVES),
      tlp: random.weighted(TLP),
      originAgency: raiser,
      createdAt: raised,
      updatedAt: raised,
    }));
    alert.transshipmentPorts.set(route.transshipments);
    alert.routePorts.set([route.loading, ...route.transshipments, route.discharge]);
    alert.riskIndicators.set(citedIndicators(random, catalogue, raiser, seized));
    alert.addressedAgencies.set(addressed);
    alerts.push(alert);
    return alert;
  };
  const acknowledge = (alert: TargetingAlert, by: Agency, at: Date) => Object.assign(alert, { state: TargetingAlertStatus.ACKNOWLEDGED, acknowledgingAgency: by, acknowledgedAt: at, updatedAt: at });
  const close = (alert: TargetingAlert, at: Date, outcome: Partial<TargetingAlert>) => Object.assign(alert, { state: TargetingAlertStatus.CLOSED, controlledAt: at, updatedAt: at, ...outcome });

  // Alerts whose control found drugs: from the seizures, about one in eight of the controls made.
  const seizureAlerts = Math.min(pool.length, Math.round(count * 0.7 * 0.72 * 0.125));
  for (const seizure of pool.slice(0, seizureAlerts)) {
    const route = { loading: seizure.originPort, transshipments: seizure.transitPorts, discharge: seizure.destinationPort };
    const people = raiserAndAddressees(graph, random, route, seizure.originAgency);
    if (!people) continue;
    const controlledAt = new Date(Math.min(graph.now.getTime(), Date.parse(`${seizure.seizedOn}T09:00:00Z`)));
    const arrival = new Date(controlledAt.getTime() - random.int(2, 30) * HOUR);
    const raised = new Date(arrival.getTime() - random.int(3, 14) * DAY - random.int(0, 23) * HOUR);
    const alert = make(route, raised, arrival, people.raiser, people.addressed, seizure.containerNumber!, true);
    acknowledge(alert, seizure.originAgency, new Date(Math.min(raised.getTime() + random.int(1, 24) * HOUR, controlledAt.getTime())));
    close(alert, controlledAt, { controlOutcome: ControlOutcome.CONTROLLED, controlResult: ControlResult.SEIZURE, seizure: graph.em.getReference(Seizure, seizure.id) });
  }

  // The others: no finding, a discrepancy, not controlled, or still on their way.
  const start = graph.now.getTime() - PERIOD_DAYS * DAY;
  while (alerts.length < count) {
    const route = drawRoute(graph, random);
    const people = raiserAndAddressees(graph, random, route);
    if (!people) continue;
    const raised = new Date(start + random.int(0, PERIOD_DAYS * 24 - 1) * HOUR);
    const arrival = new Date(raised.getTime() + random.int(4, 21) * DAY + random.int(0, 23) * HOUR);
    const alert = make(route, raised, arrival, people.raiser, people.addressed, containerNumber(random), false);
    const { state, acknowledgedAt, controlledAt } = progressOf(graph, random, raised, arrival);
    if (state === TargetingAlertStatus.OPEN) continue;
    const customs = people.addressed.filter((a) => a.kind === AgencyKind.CUSTOMS);
    acknowledge(alert, random.pick(customs.length ? customs : people.addressed), acknowledgedAt);
    if (state === TargetingAlertStatus.ACKNOWLEDGED) continue;
    if (random.chance(0.72)) close(alert, controlledAt, { controlOutcome: ControlOutcome.CONTROLLED, controlResult: random.chance(0.16) ? ControlResult.DISCREPANCY : ControlResult.NO_FINDING });
    else close(alert, controlledAt, { controlOutcome: ControlOutcome.NOT_CONTROLLED, notControlledReason: random.weighted(NOT_CONTROLLED) });
  }
  return alerts;
}

/** The first day of the period alerts are raised in: seizures before it led to none. */
export function alertPeriodStart(graph: DemoGraph): string {
  return new Date(graph.now.getTime() - (PERIOD_DAYS - 14) * DAY).toISOString().slice(0, 10);
}
