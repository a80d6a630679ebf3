// Synthetic audit rows in proportion to the seizures, as the runtime would have written them: each seizure's
// recording (and withdrawal) by an officer of the reporting agency, and about one read in four of its
// law-enforcement fields, in time order. Inserted with the runtime's statement shape so that the chain trigger
// (Migration20261130100000_audit_chain) gives them `seq` and `hash` as it does any row.
//
// Not in the load's transaction: every row updates the chain's one head row, and within one transaction none of
// those row versions can be pruned, so each insert scans all earlier ones (measured: 30,000 rows in one transaction
// 17 s, growing with every chunk; in committed chunks of 1,000, 2 s). The trail is append-only, so a load stopped
// part-way cannot be undone: it is resumed instead. The load's transaction writes a marker row (its seed and size);
// this step then appends the synthetic rows in committed chunks and a closing marker. A later start that finds the
// first marker without the closing one counts the synthetic rows already written, regenerates the same sequence
// and appends the rest.
import type { EntityManager, MikroORM } from '@mikro-orm/postgresql';
import { Tlp } from '../../hub/common/enums.js';
import { AuditEvent } from '../../hub/modules/audit/index.js';
import { AgencyKind } from '../../hub/modules/agency/index.js';
import { entityWriter } from './bulk.js';
import type { DemoGraph } from './graph.js';
import type { Progress } from './progress.js';
import { generateSeizures, type SeizureRow } from './seizures.js';

/** The loader's own subject: its markers. */
export const LOADER_SUBJECT = 'urn:port-alliance-hub:demo-data';
/** The synthetic viewers' subjects start with this. */
const VIEWER_PREFIX = 'urn:demo-data:idp#';
const CHUNK = 1000;
const READ_FIELDS = ['Seizure.containerNumber', 'Seizure.concealment', 'Seizure.route', 'Seizure.vesselName'];

interface Row {
  id: string;
  at: Date;
  kind: 'READ' | 'WRITE';
  viewerSubject: string;
  viewerName: string;
  agency: string | null;
  roles: string[];
  operationName: string;
  recordIds: string[];
  fields: string[];
  outcome: 'ALLOWED';
  detail: null;
  keys: Record<string, string | number>;
}
const PROPERTIES = ['id', 'at', 'kind', 'viewerSubject', 'viewerName', 'agency', 'roles', 'operationName', 'recordIds', 'fields', 'outcome', 'detail', 'keys'] as const;

export interface LoadMarker {
  seed: number;
  seizures: number;
  /** The load's "now" (ISO): the dates depend on it. */
  now: string;
}

/** The marker of a load, written in the load's transaction. */
export async function writeLoadMarker(em: EntityManager, marker: LoadMarker, now: Date): Promise<void> {
  const writer = entityWriter<Row>(em, AuditEvent, PROPERTIES, 1);
  await writer.add(loaderRow('DemoData.load', { ...marker }, now));
  await writer.end();
}

function loaderRow(field: string, keys: Record<string, string | number>, at: Date): Row {
  return {
    id: crypto.randomUUID(), at, kind: 'WRITE', viewerSubject: LOADER_SUBJECT, viewerName: 'Demo data loader', agency: null, roles: [],
    operationName: 'loadDemoData', recordIds: [], fields: [field], outcome: 'ALLOWED', detail: null, keys,
  };
}

/** The marker of a load whose synthetic audit rows are not all written yet, if any. */
export async function unfinishedLoad(orm: MikroORM): Promise<LoadMarker | null> {
  const rows = await orm.em.fork().execute<{ fields: string[]; keys: LoadMarker }[]>(
    `select "fields", "keys" from "audit_event" where "viewer_subject" = ? order by "seq"`, [LOADER_SUBJECT]);
  const last = rows[rows.length - 1];
  return last?.fields[0] === 'DemoData.load' ? last.keys : null;
}

/** Appends the synthetic rows not written yet (all of them on a first run), then the closing marker; returns how many. */
export async function writeAuditTrail(orm: MikroORM, graph: DemoGraph, seizures: number, progress: Progress): Promise<number> {
  const em = orm.em.fork();
  const [{ written }] = await em.execute<{ written: string }[]>(
    `select count(*)::text as written from "audit_event" where "viewer_subject" like ?`, [`${VIEWER_PREFIX}%`]);
  let skip = Number(written);
  // Each chunk in a transaction of its own (see above).
  const writer = entityWriter<Row>(em, AuditEvent, PROPERTIES, CHUNK);
  let total = 0;
  let done = 0;
  for (const row of auditRows(graph, generateSeizures(graph, seizures), () => progress.tick(++done))) {
    total++;
    if (skip > 0) { skip--; continue; }
    await writer.add(row);
  }
  await writer.end();
  await em.fork().transactional(async (tx) => {
    const closing = entityWriter<Row>(tx, AuditEvent, PROPERTIES, 1);
    await closing.add(loaderRow('DemoData.auditTrail', { rows: total }, graph.now));
    await closing.end();
  });
  progress.end();
  return total;
}

/** The synthetic rows in time order: a row is given once no later seizure can have an earlier one. */
function* auditRows(graph: DemoGraph, seizures: Iterable<SeizureRow>, tick: () => void): Generator<Row> {
  const random = graph.random.stream('audit');
  let pending: Row[] = [];
  const release = function* (until: Date | null) {
    pending.sort((a, b) => a.at.getTime() - b.at.getTime() || a.id.localeCompare(b.id));
    const cut = until ? pending.findIndex((r) => r.at > until) : -1;
    const out = cut < 0 ? pending : pending.slice(0, cut);
    pending = cut < 0 ? [] : pending.slice(cut);
    yield* out;
  };
  let day = '';
  for (const s of seizures) {
    if (s.seizedOn !== day) {
      day = s.seizedOn;
      yield* release(graph.at(day));
    }
    tick();
    const officer = (agency: { code: string; id: string }) => {
      const n = random.int(1, 5);
      return { viewerSubject: `${VIEWER_PREFIX}officer-${n}.${agency.code.toLowerCase()}`, viewerName: `Demo Officer ${n} (${agency.code})`, agency: agency.id };
    };
    const write = (field: string, operationName: string, at: Date): Row => ({
      id: random.uuid(), at, kind: 'WRITE', ...officer(s.originAgency), roles: ['OFFICER'], operationName, recordIds: [s.id],
      fields: [`Mutation.${field}`], outcome: 'ALLOWED', detail: null, keys: { reference: s.reference, agencyId: s.originAgency.id },
    });
    pending.push(write('recordSeizure', 'RecordSeizure', s.createdAt));
    if (s.withdrawnAt) pending.push(write('withdrawSeizure', 'WithdrawSeizure', s.withdrawnAt));
    if (random.chance(0.25)) {
      // A reader who may see it: the reporting agency, or for AMBER and below any customs or police agency of the port.
      const others = s.tlp === Tlp.AMBER || s.tlp === Tlp.GREEN || s.tlp === Tlp.CLEAR
        ? graph.agenciesAt(s.port.unlocode, [AgencyKind.CUSTOMS, AgencyKind.POLICE]) : [];
      const reader = others.length && random.chance(0.5) ? random.pick(others) : s.originAgency;
      const at = new Date(Math.min(s.createdAt.getTime() + random.int(1, 48 * 60) * 60_000, graph.now.getTime()));
      pending.push({
        id: random.uuid(), at, kind: 'READ', ...officer(reader), roles: ['OFFICER'], operationName: 'SeizureDetails', recordIds: [s.id],
        fields: random.sample(READ_FIELDS, random.int(1, READ_FIELDS.length)).sort(), outcome: 'ALLOWED', detail: null, keys: {},
      });
    }
  }
  yield* release(null);
}
