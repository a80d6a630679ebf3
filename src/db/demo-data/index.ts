// Loads the demo graph into an empty database: every port of sea-ports.json (or a reason why not), real
// public agencies, and clearly synthetic referents, seizures, best practices, investigations, partnership
// actions, funding lines and audit rows, deterministic from a seed (ids included).
//
// Any size with flat memory: the seizures are generated one at a time in date order (seizures.ts) and written in
// chunks of `chunkSize` rows, each chunk one INSERT of one JSON parameter (bulk.ts), never through the ORM's unit
// of work; the investigations keep a bounded sample of the seizures they link. One transaction for everything but
// the synthetic audit rows: a failure leaves the database empty. The audit rows follow in committed chunks
// (audit-trail.ts says why), resumed by a later start if the load stops part-way.
import type { EntityManager, MikroORM } from '@mikro-orm/postgresql';
import { todayUtc } from '../../hub/common/validators.js';
import { Agency } from '../../hub/modules/agency/index.js';
import { Port } from '../../hub/modules/port/index.js';
import { RiskIndicator } from '../../hub/modules/risk-indicator/index.js';
import { Seizure } from '../../hub/modules/seizure/index.js';
import { AGENCIES } from './agencies.js';
import { unfinishedLoad, writeAuditTrail, writeLoadMarker } from './audit-trail.js';
import { createBestPractices } from './best-practices.js';
import { entityWriter, pivotWriter } from './bulk.js';
import { createFundingLines } from './funding.js';
import { DemoGraph, persisted } from './graph.js';
import { InvestigationLinker } from './investigations.js';
import { createPartnershipActions } from './partnerships.js';
import { importSeaPorts, readSeaPorts, type PortImportReport } from './ports.js';
import { progress } from './progress.js';
import { Random } from './random.js';
import { createReferents } from './referents.js';
import { generateSeizures, type SeizureRow } from './seizures.js';
import { alertPeriodStart, createTargetingAlerts, TargetingAlertSeizures } from './targeting-alerts.js';

export type { PortImportReport } from './ports.js';

export interface DemoDataOptions {
  /** Same seed, same graph. */
  seed: number;
  /** How many synthetic seizures to create. */
  seizures: number;
  /** Receives a one-line summary and one line per skipped port entry (and, for big loads off a terminal, progress). */
  log?: (line: string) => void;
  /** "Now" for the dates (tests); defaults to the current time. */
  now?: Date;
  /** Rows per INSERT (tests: the data does not depend on it). */
  chunkSize?: number;
}

export type DemoDataReport =
  | { skipped: true }
  | {
      skipped: false;
      ports: PortImportReport;
      agencies: number;
      referents: number;
      seizures: number;
      seizuresLinkedToInvestigations: number;
      bestPractices: number;
      investigations: number;
      partnershipActions: number;
      equipmentFundings: number;
      riskIndicators: number;
      targetingAlerts: number;
      auditEvents: number;
      durationMs: number;
    };

/** Serialises concurrent loaders (two hubs starting on one empty database): only the first one loads. */
const LOCK_KEY = 20240124;
const CHUNK_SIZE = 1000;

const SEIZURE_COLUMNS = [
  'id', 'createdAt', 'updatedAt', 'tlp', 'originAgency', 'reference', 'seizedOn', 'port', 'drugType', 'quantity', 'unit',
  'detectionMethod', 'concealment', 'containerNumber', 'vesselName', 'originPort', 'destinationPort', 'riskIndicators',
  'handlingCode', 'withdrawnAt', 'withdrawalReason',
] as const;
type SeizureColumns = Record<(typeof SEIZURE_COLUMNS)[number], unknown>;

function seizureColumns(s: SeizureRow): SeizureColumns {
  return {
    id: s.id, createdAt: s.createdAt, updatedAt: s.createdAt, tlp: s.tlp, originAgency: s.originAgency.id, reference: s.reference,
    seizedOn: s.seizedOn, port: s.port.id, drugType: s.drugType, quantity: s.quantity, unit: s.unit, detectionMethod: s.detectionMethod,
    concealment: s.concealment, containerNumber: s.containerNumber, vesselName: s.vesselName, originPort: s.originPort.id,
    destinationPort: s.destinationPort.id, riskIndicators: s.riskIndicators, handlingCode: s.handlingCode, withdrawnAt: s.withdrawnAt,
    withdrawalReason: s.withdrawalReason,
  };
}

/** The ports and agencies, persisted, and the graph the generators share. */
function baseGraph(em: EntityManager, options: DemoDataOptions, now: Date) {
  const ids = new Random(options.seed).stream('ids');
  const { rows, report: ports } = importSeaPorts(readSeaPorts());
  const portsByCode = new Map(rows.map((row) => [row.unlocode, persisted(em, new Port({ ...row, id: ids.uuid() }))]));
  const agenciesByCode = new Map(
    AGENCIES.map(({ ports: _served, ...seed }) => [seed.code, persisted(em, new Agency({ ...seed, id: ids.uuid() }))] as const),
  );
  const served = new Map(AGENCIES.map((a) => [a.code, a.ports]));
  const graph = new DemoGraph(em, new Random(options.seed), todayUtc(now), now, portsByCode, agenciesByCode, served);
  for (const [code, agency] of agenciesByCode) agency.ports.set(served.get(code)!.map((p) => graph.port(p)));
  return { graph, ports, served, agencies: agenciesByCode.size };
}

export async function loadDemoData(orm: MikroORM, options: DemoDataOptions): Promise<DemoDataReport> {
  const started = performance.now();
  const now = options.now ?? new Date();
  const log = options.log ?? (() => undefined);
  const chunkSize = options.chunkSize ?? CHUNK_SIZE;
  const result = await orm.em.fork().transactional(async (em) => {
    await em.execute('select pg_advisory_xact_lock(?)', [LOCK_KEY]);
    if ((await em.count(Port, {})) > 0) return null;

    const { graph, ports, served, agencies } = baseGraph(em, options, now);
    const referents = createReferents(graph, (code) => served.get(code) ?? []);
    const linker = new InvestigationLinker(graph, options.seizures);
    const alertSeizures = new TargetingAlertSeizures(graph.random.stream('targeting-alert-seizures'), alertPeriodStart(graph), 64);
    const bestPractices = createBestPractices(graph);
    const partnershipActions = createPartnershipActions(graph);
    const fundings = createFundingLines(graph);
    await em.flush();

    // The seizures, streamed: each chunk's transit ports right after it (the pivot numbers them in insertion order).
    // Flushed only after its seizures' chunk (their rows must exist first): at most 2 per seizure of one chunk.
    const transits = pivotWriter(em, Seizure, 'transitPorts', Number.MAX_SAFE_INTEGER);
    const seizures = entityWriter<SeizureColumns>(em, Seizure, SEIZURE_COLUMNS, chunkSize, () => transits.end().then(() => undefined));
    const shown = progress('Demo data: seizures', options.seizures, log);
    let done = 0;
    for (const seizure of generateSeizures(graph, options.seizures)) {
      linker.offer(seizure);
      alertSeizures.offer(seizure);
      await seizures.add(seizureColumns(seizure));
      for (const port of seizure.transitPorts) await transits.add([seizure.id, port.id]);
      shown.tick(++done);
    }
    await seizures.end();
    await transits.end();
    shown.end();
    const links = pivotWriter(em, Seizure, 'investigations', chunkSize);
    for (const link of linker.links()) await links.add(link);
    await links.end();
    // The alerts after the seizures: those that led to a seizure link one that is written.
    const alerts = createTargetingAlerts(graph, alertSeizures);
    await em.flush();
    const [{ linked }] = await em.execute<{ linked: string }[]>('select count(distinct "seizure_id")::text as linked from "seizure_investigation"');
    await writeLoadMarker(em, { seed: options.seed, seizures: options.seizures, now: now.toISOString() }, now);
    em.clear();
    return {
      graph,
      report: {
        skipped: false as const,
        ports,
        agencies,
        referents: referents.length,
        seizures: done,
        seizuresLinkedToInvestigations: Number(linked),
        bestPractices: bestPractices.length,
        investigations: linker.investigations.length,
        partnershipActions: partnershipActions.length,
        equipmentFundings: fundings.length,
        riskIndicators: await em.count(RiskIndicator, {}),
        targetingAlerts: alerts.length,
        auditEvents: 0,
        durationMs: 0,
      },
    };
  });
  if (!result) {
    const resumed = await resumeAuditTrail(orm, options, log);
    if (!resumed) log('Demo data: the database already has ports; nothing loaded.');
    return { skipped: true };
  }
  const { report, graph } = result;
  report.auditEvents = await writeAuditTrail(orm, graph, options.seizures, progress('Demo data: audit rows', options.seizures, log));
  // Every chunk of seizures updated the rollup's cells (one version per chunk): compact it, so counts read a table
  // the size of its cells, not of the load's history (ordinary writes leave this to autovacuum).
  await orm.em.getConnection().execute('vacuum (full, analyze) "seizure_rollup"');
  report.durationMs = Math.round(performance.now() - started);
  const { ports } = report;
  log(
    `Demo data loaded in ${(report.durationMs / 1000).toFixed(1)} s: ${ports.imported} of ${ports.total} ports ` +
      `(${ports.skipped.length} skipped, ${ports.withoutCoordinates} without coordinates), ${report.agencies} agencies, ` +
      `${report.referents} referents, ${report.seizures} seizures, ${report.bestPractices} best practices, ` +
      `${report.investigations} investigations, ${report.partnershipActions} partnership actions, ${report.equipmentFundings} funding lines, ` +
      `${report.riskIndicators} risk indicators, ${report.targetingAlerts} targeting alerts, ` +
      `${report.auditEvents} audit rows.`,
  );
  for (const { code, reason } of ports.skipped) log(`  port ${code} skipped: ${reason}`);
  for (const { code, note } of ports.notes) log(`  port ${code}: ${note}`);
  return report;
}

/** A load whose audit rows were not all written (stopped part-way): its graph rebuilt from the same seed, the rest appended. */
async function resumeAuditTrail(orm: MikroORM, options: DemoDataOptions, log: (line: string) => void): Promise<boolean> {
  const marker = await unfinishedLoad(orm);
  if (!marker) return false;
  const em = orm.em.fork();
  // Ids and codes as loaded: the graph's lookups, read back (never written: this EntityManager is not flushed).
  const { graph } = baseGraph(em, { ...options, seed: marker.seed }, new Date(marker.now));
  const rows = await writeAuditTrail(orm, graph, marker.seizures, progress('Demo data: audit rows (resumed)', marker.seizures, log));
  em.clear();
  log(`Demo data: the audit rows of an earlier load (seed ${marker.seed}, ${marker.seizures} seizures) completed: ${rows} in all.`);
  return true;
}
