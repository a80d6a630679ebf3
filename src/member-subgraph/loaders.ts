// Per-request batching: the reference resolvers and fields of one request ask for keys one by one, and each
// loader turns them into one storage query. Made fresh for every request, so nothing is cached across viewers.
import DataLoader from 'dataloader';
import type { CallerVia } from '../auth/subgraph-gate.js';
import type { Viewer } from '../auth/viewer.js';
import type { AuditedReads } from '../audit-log/audited-reads.js';
import type { AlertCursor, AlertFollowUpRow, AlertRow, FollowUpRow, MemberStorage, TargetingRow } from './storage.js';

export type MemberLoaders = ReturnType<typeof createLoaders>;

export interface MemberContext {
  viewer: Viewer;
  /** What vouched for the request (auth/subgraph-gate.ts), kept in the national audit trail. */
  via: CallerVia;
  /** The request's reads of audited fields (audit.ts). */
  reads: AuditedReads;
  loaders: MemberLoaders;
  /** express `res.locals`: operation and outcome for the request's log line. */
  locals: Record<string, unknown>;
}

function batch<V>(read: (keys: readonly string[]) => Map<string, V>, missing: V) {
  // Bounded batches keep each query's JSON key list reasonable whatever the gateway sends.
  return new DataLoader<string, V>(async (keys) => {
    const found = read(keys);
    return keys.map((key) => found.get(key) ?? missing);
  }, { maxBatchSize: 500 });
}

export function createLoaders(storage: MemberStorage) {
  const alertPages = new Map<string, DataLoader<string, AlertRow[]>>();
  return {
    /** One read per request, however often the unit is asked for. */
    coveredPorts: new DataLoader<'unit', string[]>(async (keys) => keys.map(() => storage.coveredPorts())),
    targeting: batch<TargetingRow | null>((keys) => storage.targetingFor(keys), null),
    followUp: batch<FollowUpRow | null>((keys) => storage.followUpsFor(keys), null),
    alertFollowUp: batch<AlertFollowUpRow | null>((keys) => storage.alertFollowUpsFor(keys), null),
    alertCount: batch<number>((keys) => storage.alertCounts(keys), 0),
    /** One loader per page shape (size and cursor): ports asked with the same arguments share one query. */
    alertPage(limit: number, after: AlertCursor | null): DataLoader<string, AlertRow[]> {
      const shape = JSON.stringify([limit, after]);
      let loader = alertPages.get(shape);
      if (!loader) alertPages.set(shape, (loader = batch((keys) => storage.alertPages(keys, limit, after), [])));
      return loader;
    },
  };
}
