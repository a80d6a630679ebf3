// Synthetic seizures: DEMO- references, routes drawn from seizure-flows.ts, exact decimal quantities,
// ISO 6346 container numbers with computed check digits, and a mix of TLP labels and handling codes.
import { HandlingCode, Tlp } from '../../hub/common/enums.js';
import { containerCheckDigit } from '../../hub/common/validators.js';
import { type Agency, AgencyKind } from '../../hub/modules/agency/index.js';
import type { Port } from '../../hub/modules/port/index.js';
import { Concealment, DetectionMethod, type DrugType, type QuantityUnit } from '../../hub/modules/seizure/index.js';
import type { DemoGraph } from './graph.js';
import { decimalFromUnits, type Random } from './random.js';
import { FLOWS, type Flow, type Weighted } from './seizure-flows.js';

// From 2019: a million seizures (benchmarks) spread over eight years rather than five.
const YEARS: Weighted<number> = [[2019, 10], [2020, 12], [2021, 15], [2022, 18], [2023, 21], [2024, 23], [2025, 23], [2026, 24]];
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

/**
 * The seizure dates' distribution: a year by its weight (years up to this one), then a day uniformly among its days
 * up to today. As a function of u in [0, 1), increasing, so that sorted draws of u give dates in order.
 */
function dateScale(today: string): (u: number) => string {
  const thisYear = Number(today.slice(0, 4));
  const years = YEARS.filter(([y]) => y <= thisYear);
  const total = years.reduce((sum, [, w]) => sum + w, 0);
  let from = 0;
  const spans = years.map(([year, weight]) => {
    const start = Date.parse(`${year}-01-01T00:00:00Z`);
    const last = Date.parse(`${year < thisYear ? `${year}-12-31` : today}T00:00:00Z`);
    const span = { year, start, days: Math.round((last - start) / 86_400_000) + 1, from, to: from + weight / total };
    from = span.to;
    return span;
  });
  return (u) => {
    const span = spans.find((s) => u < s.to) ?? spans[spans.length - 1]!;
    const day = Math.min(span.days - 1, Math.floor(((u - span.from) / (span.to - span.from)) * span.days));
    return new Date(span.start + Math.max(0, day) * 86_400_000).toISOString().slice(0, 10);
  };
}

/**
 * `count` dates in increasing order, drawn as the order statistics of `count` uniform draws one after the other
 * (each the next-smallest of the remaining ones: u' = 1 - (1 - u) · V^(1/remaining)), so that the seizures come out
 * in date order without holding them all: the same distribution as drawing every date and sorting.
 */
function* sortedDates(random: Random, today: string, count: number): Generator<string> {
  const scale = dateScale(today);
  let u = 0;
  for (let remaining = count; remaining > 0; remaining--) {
    u = 1 - (1 - u) * Math.pow(1 - random.next(), 1 / remaining);
    yield scale(Math.min(u, 1 - Number.EPSILON));
  }
}

/** One seizure without its date and reference. */
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
    route,
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
  };
}

/** A generated seizure: its columns, and what the investigations and the audit trail need to know of it. */
export interface SeizureRow {
  id: string;
  reference: string;
  seizedOn: string;
  port: Port;
  originAgency: Agency;
  drugType: DrugType;
  quantity: string;
  unit: QuantityUnit;
  detectionMethod: DetectionMethod;
  concealment: Concealment;
  containerNumber: string | null;
  vesselName: string | null;
  originPort: Port;
  transitPorts: Port[];
  destinationPort: Port;
  riskIndicators: string[];
  tlp: Tlp;
  handlingCode: HandlingCode | null;
  createdAt: Date;
  withdrawnAt: Date | null;
  withdrawalReason: string | null;
}

/**
 * `count` seizures over the years of YEARS (never after today), one at a time in date order, referenced
 * DEMO-YYYY-NNNNNN in that order. Nothing is kept: a caller writes them in chunks. The same seed gives the same
 * seizures (ids included), whatever the caller does with them.
 */
export function* generateSeizures(graph: DemoGraph, count: number): Generator<SeizureRow> {
  const random = graph.random.stream('seizures');
  const dates = sortedDates(graph.random.stream('seizure-dates'), graph.today, count);
  const perYear = new Map<string, number>();
  for (const seizedOn of dates) {
    const year = seizedOn.slice(0, 4);
    const number = (perYear.get(year) ?? 0) + 1;
    perYear.set(year, number);
    const id = random.uuid();
    const { route, withdrawn, reportedAfterDays, ...fields } = draftSeizure(graph, random);
    yield {
      id,
      ...fields,
      reference: `DEMO-${year}-${String(number).padStart(6, '0')}`,
      seizedOn,
      port: route.seizedAt,
      originPort: route.origin,
      transitPorts: route.transits,
      destinationPort: route.destination,
      createdAt: graph.at(graph.daysAfter(seizedOn, reportedAfterDays)),
      withdrawnAt: withdrawn ? graph.at(graph.daysAfter(seizedOn, reportedAfterDays + 5)) : null,
      withdrawalReason: withdrawn ? 'Demo data: duplicate of an earlier report' : null,
    };
  }
}
