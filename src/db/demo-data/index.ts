// Loads the demo graph into an empty database: every port of sea-ports.json (or a reason why not), real
// public agencies, and clearly synthetic referents, seizures, best practices, investigations, partnership
// actions and funding lines, deterministic from a seed. One transaction: a failure leaves the database empty.
import type { MikroORM } from '@mikro-orm/postgresql';
import { todayUtc } from '../../hub/common/validators.js';
import { Agency } from '../../hub/modules/agency/index.js';
import { Port } from '../../hub/modules/port/index.js';
import { AGENCIES } from './agencies.js';
import { createBestPractices } from './best-practices.js';
import { createFundingLines } from './funding.js';
import { DemoGraph, persisted } from './graph.js';
import { createInvestigations } from './investigations.js';
import { createPartnershipActions } from './partnerships.js';
import { importSeaPorts, readSeaPorts, type PortImportReport } from './ports.js';
import { Random } from './random.js';
import { createReferents } from './referents.js';
import { createSeizures } from './seizures.js';

export type { PortImportReport } from './ports.js';

export interface DemoDataOptions {
  /** Same seed, same graph. */
  seed: number;
  /** How many synthetic seizures to create. */
  seizures: number;
  /** Receives a one-line summary and one line per skipped port entry. */
  log?: (line: string) => void;
  /** "Now" for the dates (tests); defaults to the current time. */
  now?: Date;
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
      durationMs: number;
    };

/** Serialises concurrent loaders (two hubs starting on one empty database): only the first one loads. */
const LOCK_KEY = 20240124;

export async function loadDemoData(orm: MikroORM, options: DemoDataOptions): Promise<DemoDataReport> {
  const started = performance.now();
  const now = options.now ?? new Date();
  const log = options.log ?? (() => undefined);
  const report = await orm.em.fork().transactional(async (em) => {
    await em.execute('select pg_advisory_xact_lock(?)', [LOCK_KEY]);
    if ((await em.count(Port, {})) > 0) return null;

    const { rows, report: ports } = importSeaPorts(readSeaPorts());
    const portsByCode = new Map(rows.map((row) => [row.unlocode, persisted(em, new Port(row))]));
    const agenciesByCode = new Map(
      AGENCIES.map(({ ports: _served, ...seed }) => [seed.code, persisted(em, new Agency(seed))] as const),
    );
    const served = new Map(AGENCIES.map((a) => [a.code, a.ports]));
    const graph = new DemoGraph(em, new Random(options.seed), todayUtc(now), now, portsByCode, agenciesByCode, served);
    for (const [code, agency] of agenciesByCode) agency.ports.set(served.get(code)!.map((p) => graph.port(p)));

    const referents = createReferents(graph, (code) => served.get(code) ?? []);
    const seizures = createSeizures(graph, options.seizures);
    const investigations = createInvestigations(graph, seizures);
    const bestPractices = createBestPractices(graph);
    const partnershipActions = createPartnershipActions(graph);
    const fundings = createFundingLines(graph);
    await em.flush();
    return {
      skipped: false as const,
      ports,
      agencies: agenciesByCode.size,
      referents: referents.length,
      seizures: seizures.length,
      seizuresLinkedToInvestigations: seizures.filter((s) => s.investigations.count() > 0).length,
      bestPractices: bestPractices.length,
      investigations: investigations.length,
      partnershipActions: partnershipActions.length,
      equipmentFundings: fundings.length,
      durationMs: 0,
    };
  });
  if (!report) {
    log('Demo data: the database already has ports; nothing loaded.');
    return { skipped: true };
  }
  report.durationMs = Math.round(performance.now() - started);
  const { ports } = report;
  log(
    `Demo data loaded in ${(report.durationMs / 1000).toFixed(1)} s: ${ports.imported} of ${ports.total} ports ` +
      `(${ports.skipped.length} skipped, ${ports.withoutCoordinates} without coordinates), ${report.agencies} agencies, ` +
      `${report.referents} referents, ${report.seizures} seizures, ${report.bestPractices} best practices, ` +
      `${report.investigations} investigations, ${report.partnershipActions} partnership actions, ${report.equipmentFundings} funding lines.`,
  );
  for (const { code, reason } of ports.skipped) log(`  port ${code} skipped: ${reason}`);
  for (const { code, note } of ports.notes) log(`  port ${code}: ${note}`);
  return report;
}
