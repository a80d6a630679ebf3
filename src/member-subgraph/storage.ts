// The national unit's own storage: a SQLite file (node:sqlite, nothing to install). Every read takes a batch of
// keys, so a request costs one query per kind of data however many ports or seizures it touches.
// The alliance only reads: the national unit's own systems write through `insert…` / `recordFollowUp`.
import { DatabaseSync, type SQLInputValue, type StatementSync } from 'node:sqlite';
import type { AuditLogRow } from '../audit-log/audit-log.js';
import { clientOperationName } from '../audit-log/operation-name.js';
import type { Viewer } from '../auth/viewer.js';

export interface TargetingRow {
  unlocode: string;
  periodStart: string;
  periodEnd: string;
  containersScreened: number;
  containersFlagged: number;
  inspections: number;
  hits: number;
}

export interface AlertRow {
  reference: string;
  unlocode: string;
  raisedOn: string;
  containerNumber: string;
  riskLevel: 'LOW' | 'MEDIUM' | 'HIGH';
  reason: string;
  status: 'OPEN' | 'INSPECTED' | 'CLEARED' | 'SEIZED';
}

export interface FollowUpRow {
  seizureId: string;
  status: 'UNDER_INVESTIGATION' | 'REFERRED_TO_PROSECUTOR' | 'CLOSED';
  prosecutorCaseReference: string | null;
  notes: string | null;
  updatedOn: string;
}

/**
 * The national follow-up of an alliance targeting alert (keyed by the alliance's alert id). `agencyId` is the
 * alliance agency (its id in the alliance graph) the alert was addressed to and the unit follows it up for: only its
 * members are served the row (resolvers.ts).
 */
export interface AlertFollowUpRow {
  alertId: string;
  agencyId: string;
  caseReference: string;
  status: 'RECEIVED' | 'INSPECTION_SCHEDULED' | 'INSPECTED_NOTHING_FOUND' | 'INSPECTED_SEIZURE' | 'NOT_INSPECTED';
  actions: string[];
  inspectionSlot: { date: string; startsAt: string; endsAt: string } | null;
  remarks: string | null;
  updatedOn: string;
}

/** Where a page of alerts starts: after this (raisedOn, reference), in the order newest first. */
export interface AlertCursor {
  raisedOn: string;
  reference: string;
}

const TABLES = `
CREATE TABLE IF NOT EXISTS national_targeting (
  unlocode TEXT PRIMARY KEY, period_start TEXT NOT NULL, period_end TEXT NOT NULL,
  containers_screened INTEGER NOT NULL, containers_flagged INTEGER NOT NULL, inspections INTEGER NOT NULL, hits INTEGER NOT NULL
) STRICT;
CREATE TABLE IF NOT EXISTS national_alert (
  reference TEXT PRIMARY KEY, unlocode TEXT NOT NULL, raised_on TEXT NOT NULL, container_number TEXT NOT NULL,
  risk_level TEXT NOT NULL, reason TEXT NOT NULL, status TEXT NOT NULL
) STRICT;
CREATE INDEX IF NOT EXISTS national_alert_page ON national_alert (unlocode, raised_on DESC, reference DESC);
CREATE TABLE IF NOT EXISTS national_follow_up (
  seizure_id TEXT PRIMARY KEY, status TEXT NOT NULL, prosecutor_case_reference TEXT, notes TEXT, updated_on TEXT NOT NULL
) STRICT;
CREATE TABLE IF NOT EXISTS national_alert_follow_up (
  alert_id TEXT PRIMARY KEY, agency_id TEXT NOT NULL, case_reference TEXT NOT NULL, status TEXT NOT NULL, actions TEXT NOT NULL,
  inspection_date TEXT, inspection_starts_at TEXT, inspection_ends_at TEXT, remarks TEXT, updated_on TEXT NOT NULL
) STRICT;
CREATE TABLE IF NOT EXISTS audit_event (
  seq INTEGER PRIMARY KEY AUTOINCREMENT, at TEXT NOT NULL, viewer_subject TEXT, viewer_name TEXT, agency_id TEXT, roles TEXT NOT NULL,
  operation_name TEXT, kind TEXT NOT NULL, outcome TEXT NOT NULL, fields TEXT NOT NULL, record_ids TEXT NOT NULL, detail TEXT, via TEXT NOT NULL
) STRICT;
CREATE TRIGGER IF NOT EXISTS audit_event_append_only_update BEFORE UPDATE ON audit_event BEGIN SELECT RAISE(ABORT, 'audit_event is append-only'); END;
CREATE TRIGGER IF NOT EXISTS audit_event_append_only_delete BEFORE DELETE ON audit_event BEGIN SELECT RAISE(ABORT, 'audit_event is append-only'); END;
`;

/** A row of the national audit trail (member-subgraph/audit.ts), as stored. */
export interface NationalAuditRow {
  seq: number;
  at: string;
  viewerSubject: string | null;
  agencyId: string | null;
  roles: string[];
  operationName: string | null;
  kind: string;
  outcome: string;
  fields: string[];
  recordIds: string[];
  detail: string | null;
  /** What vouched for the request: gateway-signature, router-secret or user-token. */
  via: string;
}

// Keys travel as one JSON array parameter (json_each), so one prepared statement serves any batch size.
const KEYS = 'SELECT value FROM json_each(:keys)';

const TARGETING = `SELECT unlocode, period_start AS periodStart, period_end AS periodEnd, containers_screened AS containersScreened,
  containers_flagged AS containersFlagged, inspections, hits FROM national_targeting WHERE unlocode IN (${KEYS})`;

// The first `limit` alerts of each port after the cursor (when given), newest first; ties broken by reference.
const ALERT_PAGES = `SELECT reference, unlocode, raisedOn, containerNumber, riskLevel, reason, status FROM (
  SELECT reference, unlocode, raised_on AS raisedOn, container_number AS containerNumber, risk_level AS riskLevel, reason, status,
    ROW_NUMBER() OVER (PARTITION BY unlocode ORDER BY raised_on DESC, reference DESC) AS position
  FROM national_alert
  WHERE unlocode IN (${KEYS}) AND (:afterDate IS NULL OR raised_on < :afterDate OR (raised_on = :afterDate AND reference < :afterRef))
) WHERE position <= :limit ORDER BY unlocode, position`;

const ALERT_COUNTS = `SELECT unlocode, COUNT(*) AS total FROM national_alert WHERE unlocode IN (${KEYS}) GROUP BY unlocode`;

const FOLLOW_UPS = `SELECT seizure_id AS seizureId, status, prosecutor_case_reference AS prosecutorCaseReference, notes,
  updated_on AS updatedOn FROM national_follow_up WHERE seizure_id IN (${KEYS})`;

const ALERT_FOLLOW_UPS = `SELECT alert_id AS alertId, agency_id AS agencyId, case_reference AS caseReference, status, actions,
  inspection_date AS inspectionDate, inspection_starts_at AS inspectionStartsAt, inspection_ends_at AS inspectionEndsAt, remarks,
  updated_on AS updatedOn FROM national_alert_follow_up WHERE alert_id IN (${KEYS})`;

interface StoredAlertFollowUp extends Omit<AlertFollowUpRow, 'actions' | 'inspectionSlot'> {
  actions: string;
  inspectionDate: string | null;
  inspectionStartsAt: string | null;
  inspectionEndsAt: string | null;
}

function alertFollowUpOf({ actions, inspectionDate, inspectionStartsAt, inspectionEndsAt, ...row }: StoredAlertFollowUp): AlertFollowUpRow {
  const inspectionSlot = inspectionDate && inspectionStartsAt && inspectionEndsAt ? { date: inspectionDate, startsAt: inspectionStartsAt, endsAt: inspectionEndsAt } : null;
  return { ...row, actions: JSON.parse(actions) as string[], inspectionSlot };
}

function byKey<T>(rows: T[], key: (row: T) => string): Map<string, T> {
  return new Map(rows.map((row) => [key(row), row]));
}

export class MemberStorage {
  private readonly db: DatabaseSync;
  private readonly statements = new Map<string, StatementSync>();

  /** Opens (or creates) the database file and its tables; ':memory:' for a throw-away one. */
  constructor(file: string) {
    this.db = new DatabaseSync(file);
    // Write-ahead log: a commit (every audited request writes its trail rows) is one append and one fsync of the
    // log instead of a rollback journal's several, and readers never wait for it. `synchronous = FULL` keeps each
    // commit durable before the answer leaves, as the national trail needs.
    if (file !== ':memory:') this.db.exec('PRAGMA journal_mode = WAL; PRAGMA synchronous = FULL;');
    this.db.exec(TABLES);
  }

  /** Statements are prepared once and reused: SQLite then parses each query a single time. */
  private statement(sql: string): StatementSync {
    let statement = this.statements.get(sql);
    if (!statement) this.statements.set(sql, (statement = this.db.prepare(sql)));
    return statement;
  }

  private all<T>(sql: string, params: Record<string, SQLInputValue> = {}): T[] {
    return this.statement(sql).all(params) as unknown as T[];
  }

  targetingFor(unlocodes: readonly string[]): Map<string, TargetingRow> {
    return byKey(this.all<TargetingRow>(TARGETING, { keys: JSON.stringify(unlocodes) }), (r) => r.unlocode);
  }

  /** Up to `limit` alerts per port after `after`; ports without alerts get an empty list. */
  alertPages(unlocodes: readonly string[], limit: number, after: AlertCursor | null): Map<string, AlertRow[]> {
    const rows = this.all<AlertRow>(ALERT_PAGES, {
      keys: JSON.stringify(unlocodes), afterDate: after?.raisedOn ?? null, afterRef: after?.reference ?? null, limit,
    });
    const pages = new Map<string, AlertRow[]>(unlocodes.map((code) => [code, []]));
    for (const row of rows) pages.get(row.unlocode)?.push(row);
    return pages;
  }

  alertCounts(unlocodes: readonly string[]): Map<string, number> {
    const rows = this.all<{ unlocode: string; total: number }>(ALERT_COUNTS, { keys: JSON.stringify(unlocodes) });
    return new Map(rows.map((r) => [r.unlocode, r.total]));
  }

  followUpsFor(seizureIds: readonly string[]): Map<string, FollowUpRow> {
    return byKey(this.all<FollowUpRow>(FOLLOW_UPS, { keys: JSON.stringify(seizureIds) }), (r) => r.seizureId);
  }

  alertFollowUpsFor(alertIds: readonly string[]): Map<string, AlertFollowUpRow> {
    return byKey(this.all<StoredAlertFollowUp>(ALERT_FOLLOW_UPS, { keys: JSON.stringify(alertIds) }).map(alertFollowUpOf), (r) => r.alertId);
  }

  /** The ports the unit has national data for, sorted. */
  coveredPorts(): string[] {
    return this.all<{ unlocode: string }>(`SELECT unlocode FROM national_targeting UNION SELECT unlocode FROM national_alert ORDER BY 1`).map((r) => r.unlocode);
  }

  isEmpty(): boolean {
    return this.all(`SELECT 1 FROM national_targeting UNION ALL SELECT 1 FROM national_alert LIMIT 1`).length === 0;
  }

  /** Appends a request's audit rows, all or none. */
  appendAudit(viewer: Viewer, rows: readonly AuditLogRow[], operationName: string | null, via: string): void {
    const insert = this.statement(`INSERT INTO audit_event (at, viewer_subject, viewer_name, agency_id, roles, operation_name, kind, outcome, fields, record_ids, detail, via)
      VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`);
    const at = new Date().toISOString();
    this.db.exec('BEGIN IMMEDIATE');
    try {
      for (const row of rows) {
        insert.run(at, viewer.subject, viewer.name, viewer.agencyId, JSON.stringify([...viewer.roles]), clientOperationName(operationName), row.kind, row.outcome,
          JSON.stringify(row.fields), JSON.stringify(row.recordIds), row.detail, via);
      }
      this.db.exec('COMMIT');
    } catch (error) {
      this.db.exec('ROLLBACK');
      throw error;
    }
  }

  /** The national audit trail, oldest first (for the unit's own inspectors; never served through the graph). */
  auditTrail(options: { subject?: string; limit?: number } = {}): NationalAuditRow[] {
    const rows = this.all<Record<string, string | number | null>>(
      `SELECT seq, at, viewer_subject, agency_id, roles, operation_name, kind, outcome, fields, record_ids, detail, via FROM audit_event
       WHERE (:subject IS NULL OR viewer_subject = :subject) ORDER BY seq LIMIT :limit`,
      { subject: options.subject ?? null, limit: options.limit ?? 1000 });
    return rows.map((r) => ({
      seq: Number(r.seq), at: String(r.at), viewerSubject: r.viewer_subject as string | null, agencyId: r.agency_id as string | null,
      roles: JSON.parse(String(r.roles)) as string[], operationName: r.operation_name as string | null, kind: String(r.kind), outcome: String(r.outcome),
      fields: JSON.parse(String(r.fields)) as string[], recordIds: JSON.parse(String(r.record_ids)) as string[], detail: r.detail as string | null, via: String(r.via),
    }));
  }

  insertTargeting(row: TargetingRow): void {
    this.statement(`INSERT INTO national_targeting VALUES (?, ?, ?, ?, ?, ?, ?)`)
      .run(row.unlocode, row.periodStart, row.periodEnd, row.containersScreened, row.containersFlagged, row.inspections, row.hits);
  }

  insertAlert(row: AlertRow): void {
    this.statement(`INSERT INTO national_alert VALUES (?, ?, ?, ?, ?, ?, ?)`)
      .run(row.reference, row.unlocode, row.raisedOn, row.containerNumber, row.riskLevel, row.reason, row.status);
  }

  /** Creates or replaces the follow-up of a seizure (keyed by the alliance's seizure id). */
  recordFollowUp(row: FollowUpRow): void {
    this.statement(`INSERT OR REPLACE INTO national_follow_up VALUES (?, ?, ?, ?, ?)`)
      .run(row.seizureId, row.status, row.prosecutorCaseReference, row.notes, row.updatedOn);
  }

  /**
   * Creates or replaces the national follow-up of an alliance targeting alert: what the national targeting system's
   * import writes for each alert addressed to the agency (README, "Plugging in your national targeting system").
   */
  recordAlertFollowUp(row: AlertFollowUpRow): void {
    this.statement(`INSERT OR REPLACE INTO national_alert_follow_up VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`)
      .run(row.alertId, row.agencyId, row.caseReference, row.status, JSON.stringify(row.actions), row.inspectionSlot?.date ?? null,
        row.inspectionSlot?.startsAt ?? null, row.inspectionSlot?.endsAt ?? null, row.remarks, row.updatedOn);
  }

  /** Runs `work` in one transaction: all of it is written, or none. */
  transaction(work: () => void): void {
    this.db.exec('BEGIN');
    try {
      work();
      this.db.exec('COMMIT');
    } catch (error) {
      this.db.exec('ROLLBACK');
      throw error;
    }
  }

  close(): void {
    this.db.close();
  }
}
