// The request's audit notes, gathered while it runs and written once at the end (audit.writer.ts).
import type { Viewer } from '../../../auth/viewer.js';
import { AuditKind, AuditOutcome } from './audit.entity.js';

export interface AuditRow {
  kind: AuditKind;
  recordIds: string[];
  fields: string[];
  outcome: AuditOutcome;
  detail: string | null;
}

export class AuditTrail {
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

  write(field: string, recordIds: string[], outcome: AuditOutcome, detail: string | null = null): void {
    this.writes.push({ kind: AuditKind.WRITE, recordIds, fields: [field], outcome, detail });
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
