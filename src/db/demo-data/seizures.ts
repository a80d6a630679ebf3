// Synthetic seizures: DEMO- references, routes drawn from seizure-flows.ts, exact decimal quantities,
// ISO 6346 container numbers with computed check digits, and a mix of TLP labels and handling codes.
import { HandlingCode, Tlp } from '../../hub/common/enums.js';
import { containerCheckDigit } from '../../hub/common/validators.js';
import { AgencyKind } from '../../hub/modules/agency/index.js';
import type { Port } from '../../hub/modules/port/index.js';
import { Concealment, DetectionMethod, Seizure } from '../../hub/modules/seizure/index.js';
import type { DemoGraph } from './graph.js';
import { decimalFromUnits, type Random } from './random.js';
import { FLOWS, type Flow, type Weighted } from './seizure-flows.js';

const YEARS: Weighted<number> = [[2021, 15], [2022, 18], [2023, 21], [2024, 23], [2025, 23]];
const TLP: Weighted<Tlp> = [[Tlp.GREEN, 42], [Tlp.AMBER, 35], [Tlp.CLEAR, 8], [Tlp.AMBER_STRICT, 10], [Tlp.RED, 5]];
const HANDLING: Weighted<HandlingCode | null> = [[HandlingCode.H0, 30], [HandlingCode.H1, 30], [HandlingCode.H2, 25], [HandlingCode.H3, 5], [null, 10]];
const DETECTION: Weighted<DetectionMethod> = [
  [DetectionMethod.RISK_ANALYSIS, 40], [DetectionMethod.SCANNER, 25], [DetectionMethod.INTELLIGENCE, 15],
  [DetectionMethod.DETECTION_DOG, 10], [DetectionMethod.RANDOM_CONTROL, 10],
];
const RISK_INDICATORS = [
  'high-risk port of loading', 'transshipment via hub port', 'consignee registered less than six months ago',
  'cargo description inconsistent with HS code', 'freight paid by a third party', 'late change of consignee',
  'seal number anomaly', 'unusual container dwell time', 'consignee address mismatch',
  'reefer set-point inconsistent with cargo', 'low-value cargo on a long route', 'container moved out of terminal sequence',
];
/** Owner codes that spell "demo", so no real carrier is implied (category U: freight container). */
const OWNER_CODES = ['DEM', 'DMO', 'DMX', 'DMY', 'DMZ'];
const VESSELS = [
  'Atlantic Star', 'Caribbean Dawn', 'Pacific Harmony', 'Northern Light', 'Southern Cross', 'Ocean Pioneer',
  'Blue Horizon', 'Sea Falcon', 'Coral Bay', 'Silver Wave', 'Trade Wind', 'Cape Meridian',
];
const PUBLIC_ENFORCEMENT = [AgencyKind.CUSTOMS, AgencyKind.POLICE];

export function containerNumber(random: Random): string {
  const first10 = `${random.pick(OWNER_CODES)}U${String(random.int(0, 999_999)).padStart(6, '0')}`;
  return `${first10}${containerCheckDigit(first10)}`;
}

interface Route {
  origin: Port;
  transits: Port[];
  destination: Port;
  seizedAt: Port;
}

function drawRoute(graph: DemoGraph, random: Random, flow: Flow): Route {
  const origin = random.weighted(flow.origins);
  const destination = random.weighted(flow.destinations);
  const candidates = flow.transits.filter((t) => t !== origin && t !== destination);
  const minTransits = flow.seizedAt === 'transit' ? 1 : 0;
  const transits = random.sample(candidates, random.int(minTransits, Math.min(flow.maxTransits, candidates.length)));
  const seizedAt = flow.seizedAt === 'origin' ? origin : flow.seizedAt === 'transit' ? transits[0]! : destination;
  return {
    origin: graph.port(origin),
    transits: transits.map((t) => graph.port(t)),
    destination: graph.port(destination),
    seizedAt: graph.port(seizedAt),
  };
}

function seizureDate(graph: DemoGraph, random: Random): string {
  const thisYear = Number(graph.today.slice(0, 4));
  const year = random.weighted(YEARS.filter(([y]) => y <= thisYear));
  return random.date(`${year}-01-01`, graph.notAfterToday(`${year}-12-31`));
}

/** One seizure without its reference (given once all are dated, so numbers follow dates). */
function draftSeizure(graph: DemoGraph, random: Random) {
  const flow = random.weighted(FLOWS.map((f) => [f, f.weight] as const));
  const route = drawRoute(graph, random, flow);
  const reporters = graph.agenciesAt(route.seizedAt.unlocode, PUBLIC_ENFORCEMENT);
  if (reporters.length === 0) throw new Error(`demo data: no customs or police agency serves ${route.seizedAt.unlocode}`);
  const customs = reporters.filter((a) => a.kind === AgencyKind.CUSTOMS);
  const reporter = customs.length > 0 && random.chance(0.75) ? random.pick(customs) : random.pick(reporters);
  const concealment = random.weighted(flow.concealments);
  const inContainer = concealment !== Concealment.VESSEL_HULL_OR_SEA_CHEST;
  const tlp = random.weighted(TLP);
  return {
    seizedOn: seizureDate(graph, random),
    route,
    fields: {
      originAgency: reporter,
      drugType: flow.drug,
      quantity: decimalFromUnits(random.logInt(flow.min, flow.max), flow.scale),
      unit: flow.unit,
      detectionMethod: random.weighted(DETECTION),
      concealment,
      containerNumber: inContainer ? containerNumber(random) : null,
      vesselName: random.chance(0.9) ? `DEMO ${random.pick(VESSELS)}` : null,
      riskIndicators: random.sample(RISK_INDICATORS, random.int(0, 3)).sort(),
      tlp,
      handlingCode: tlp === Tlp.CLEAR ? null : random.weighted(HANDLING),
      withdrawn: random.chance(0.01),
      reportedAfterDays: random.int(0, 3),
    },
  };
}

/** `count` seizures over 2021..2025 (never after today), referenced DEMO-YYYY-NNNNNN in date order. */
export function createSeizures(graph: DemoGraph, count: number): Seizure[] {
  const random = graph.random.stream('seizures');
  const drafts = Array.from({ length: count }, (_, index) => ({ index, ...draftSeizure(graph, random) }));
  drafts.sort((a, b) => a.seizedOn.localeCompare(b.seizedOn) || a.index - b.index);
  const perYear = new Map<string, number>();
  return drafts.map(({ seizedOn, route, fields }) => {
    const year = seizedOn.slice(0, 4);
    const number = (perYear.get(year) ?? 0) + 1;
    perYear.set(year, number);
    const { withdrawn, reportedAfterDays, ...columns } = fields;
    const reportedAt = graph.at(graph.daysAfter(seizedOn, reportedAfterDays));
    const seizure = graph.add(new Seizure({
      ...columns,
      reference: `DEMO-${year}-${String(number).padStart(6, '0')}`,
      seizedOn,
      port: route.seizedAt,
      originPort: route.origin,
      destinationPort: route.destination,
      withdrawnAt: withdrawn ? graph.at(graph.daysAfter(seizedOn, reportedAfterDays + 5)) : null,
      withdrawalReason: withdrawn ? 'Demo data: duplicate of an earlier report' : null,
      createdAt: reportedAt,
      updatedAt: reportedAt,
    }));
    seizure.transitPorts.set(route.transits);
    return seizure;
  });
}
