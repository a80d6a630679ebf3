// What one request read of audited fields, gathered while it is answered, and the rows that records: at most one
// READ row per outcome (ALLOWED, DENIED), with the fields (`Type.field`) and the ids of the records they were read on,
// as the core writes them. Used by the gateway (fields of other subgraphs, and the ones it withholds) and by the
// member kit (its national trail). No dependency: the member kit runs without the hub.
import type { AuditLogRow } from './audit-log.js';

export type ReadOutcome = 'ALLOWED' | 'DENIED';

export class AuditedReads {
  private readonly outcomes: Record<ReadOutcome, { records: Set<string>; fields: Set<string> }> = {
    ALLOWED: { records: new Set(), fields: new Set() },
    DENIED: { records: new Set(), fields: new Set() },
  };

  /** Reads of `fields` with this outcome, on the record `recordId` (when the type has an id). */
  note(outcome: ReadOutcome, fields: readonly string[], recordId?: unknown): void {
    if (!fields.length) return;
    const reads = this.outcomes[outcome];
    for (const field of fields) reads.fields.add(field);
    if (typeof recordId === 'string') reads.records.add(recordId);
  }

  rows(): AuditLogRow[] {
    return (['ALLOWED', 'DENIED'] as const).filter((outcome) => this.outcomes[outcome].fields.size).map((outcome) => ({
      kind: 'READ',
      recordIds: [...this.outcomes[outcome].records],
      fields: [...this.outcomes[outcome].fields].sort(),
      outcome,
      detail: outcome === 'DENIED' ? 'FORBIDDEN' : null,
    }));
  }
}
