// The request's audit notes, gathered while it runs and written once at the end (audit.writer.ts).
import type { AuditLogRow } from '../../../audit-log/audit-log.js';
import type { Viewer } from '../../../auth/viewer.js';
import { AuditKind, AuditOutcome } from './audit.entity.js';

export interface AuditRow extends AuditLogRow {
  kind: AuditKind;
  recordIds: string[];
  fields: string[];
  outcome: AuditOutcome;
}

/** Input fields that name a record by a natural key unique within the acting agency (README, "Unique keys and links"). */
const AGENCY_KEYS = ['reference', 'codeName', 'subject'] as const;
/** Input fields that name a record by a natural key unique in the whole alliance. */
const GLOBAL_KEYS = ['code', 'unlocode'] as const;
/** Mutations whose `code` is local to the acting agency (a risk indicator's catalogue code is `<agency code>/<code>`). */
const AGENCY_SCOPED_CODE = new Set(['Mutation.createRiskIndicator']);
/** Mutations whose input names their record by `name` (a member subgraph's, unique in the registry): kept as `subgraph`. */
const NAMED_SUBGRAPH = new Set(['Mutation.registerSubgraph', 'Mutation.updateSubgraph', 'Mutation.retireSubgraph']);

/**
 * The natural keys a change names, from its input (the argument values, however the request spelled them): a
 * seizure's reference, an investigation's code name, a referent's subject — each with the acting agency
 * (`agencyId`), which they are unique within — or an agency's code, a port's UN/LOCODE, a member subgraph's name.
 */
export function keysOf(input: unknown, viewer: Viewer, field?: string): Record<string, string> {
  const keys: Record<string, string> = {};
  if (!input || typeof input !== 'object') return keys;
  const given = input as Record<string, unknown>;
  if (field && NAMED_SUBGRAPH.has(field) && typeof given.name === 'string') keys.subgraph = given.name;
  for (const name of [...AGENCY_KEYS, ...GLOBAL_KEYS]) if (typeof given[name] === 'string') keys[name] = given[name];
  const scoped = AGENCY_KEYS.some((name) => name in keys) || (field !== undefined && AGENCY_SCOPED_CODE.has(field) && 'code' in keys);
  if (viewer.agencyId && scoped) keys.agencyId = viewer.agencyId;
  return keys;
}

/** Ids a change touched: the one it returns, and the ones its input names (`id`, `…Id`, `…Ids`). */
export function idsOf(result: unknown, input: unknown): string[] {
  const ids = new Set<string>();
  const id = (result as { id?: unknown } | null)?.id;
  if (typeof id === 'string') ids.add(id);
  if (input && typeof input === 'object') {
    for (const [key, value] of Object.entries(input)) {
      if ((key === 'id' || key.endsWith('Id')) && typeof value === 'string') ids.add(value);
      if (key.endsWith('Ids') && Array.isArray(value)) value.filter((v) => typeof v === 'string').forEach((v) => ids.add(v));
    }
  }
  return [...ids];
}

/** The mutation field being resolved (mutations run one after another). */
interface ChangeInProgress {
  field: string;
  responseKey: string;
  input: unknown;
  /** What the change did that its input does not say (describeChange). */
  details?: Record<string, string>;
}

export class AuditTrail {
  /** The operation's name, for every row (set once the operation is known). */
  operationName: string | null = null;
  private current?: ChangeInProgress;
  /** Response keys of changes whose ALLOWED row was committed with the change itself. */
  private readonly recorded = new Set<string>();
  /** Response keys answered from an idempotency key (nothing changed). */
  private readonly replayed = new Set<string>();
  private readonly allowedRecords = new Set<string>();
  private readonly allowedFields = new Set<string>();
  private readonly deniedRecords = new Set<string>();
  private readonly deniedFields = new Set<string>();
  private readonly writes: AuditRow[] = [];

  constructor(readonly viewer: Viewer) {}

  /** Reads of AMBER-or-above records' fields, or of fields whose audience is law enforcement or narrower. */
  read(recordIds: readonly string[], fields: readonly string[], allowed: boolean): void {
    if (!recordIds.length || !fields.length) return;
    const records = allowed ? this.allowedRecords : this.deniedRecords;
    const names = allowed ? this.allowedFields : this.deniedFields;
    for (const id of recordIds) records.add(id);
    for (const field of fields) names.add(field);
  }

  /** A change that did not commit its own row (refused, failed, replayed); `input`: its argument values. */
  write(field: string, result: unknown, input: unknown, outcome: AuditOutcome, detail: string | null = null): void {
    this.writes.push({ kind: AuditKind.WRITE, recordIds: idsOf(result, input), fields: [field], outcome, detail, keys: keysOf(input, this.viewer, field) });
  }

  /** Runs a mutation field's resolver with the change it makes known to its transaction (mutations.ts). */
  async during<T>(field: string, responseKey: string, input: unknown, resolve: () => Promise<T>): Promise<T> {
    this.current = { field, responseKey, input };
    try {
      return await resolve();
    } finally {
      this.current = undefined;
    }
  }

  /**
   * Adds to the ALLOWED row of the change in progress what it did beyond its input (e.g. a release's label before and
   * after, and the agencies it actually added), kept with the row's keys. Called inside the change's transaction.
   */
  describeChange(details: Record<string, string>): void {
    if (this.current) this.current.details = { ...this.current.details, ...details };
  }

  /** The ALLOWED row of the change in progress, to be inserted in its transaction; null outside a mutation. */
  changeRow(result: unknown): AuditRow | null {
    if (!this.current) return null;
    const { field, input, details } = this.current;
    return { kind: AuditKind.WRITE, recordIds: idsOf(result, input), fields: [field], outcome: AuditOutcome.ALLOWED, detail: null, keys: { ...keysOf(input, this.viewer, field), ...details } };
  }

  /** The change in progress committed with its row: the end-of-request write must not add it again. */
  changeCommitted(): void {
    if (this.current) this.recorded.add(this.current.responseKey);
  }

  /** The change in progress was answered from its idempotency key. */
  changeReplayed(): void {
    if (this.current) this.replayed.add(this.current.responseKey);
  }

  isRecorded(responseKey: string): boolean {
    return this.recorded.has(responseKey);
  }

  wasReplayed(responseKey: string): boolean {
    return this.replayed.has(responseKey);
  }

  /** At most one READ row per outcome, plus one row per change. */
  rows(): AuditRow[] {
    const rows: AuditRow[] = [];
    if (this.allowedRecords.size) {
      rows.push({ kind: AuditKind.READ, recordIds: [...this.allowedRecords], fields: [...this.allowedFields].sort(), outcome: AuditOutcome.ALLOWED, detail: null });
    }
    if (this.deniedRecords.size) {
      rows.push({ kind: AuditKind.READ, recordIds: [...this.deniedRecords], fields: [...this.deniedFields].sort(), outcome: AuditOutcome.DENIED, detail: 'FORBIDDEN' });
    }
    return [...rows, ...this.writes];
  }
}
