// The national trail: this subgraph audits every read of its LAW_ENFORCEMENT fields itself, served (ALLOWED, with
// the ids of the records they were read on) or refused (DENIED), whichever router asked. Behind the hub gateway
// the alliance's trail records them too; behind another router (Hive Gateway, Apollo Router) this trail is the
// only one, so a member state always knows who read its national data. Rows are stored before the answer leaves:
// an answer whose rows cannot be stored is withheld.
import type { ApolloServerPlugin } from '@apollo/server';
import type { AuditLogRow } from '../audit-log/audit-log.js';
import { databaseError } from '../http.js';
import type { Logger } from '../observability/logger.js';
import type { MemberContext } from './loaders.js';
import type { MemberStorage } from './storage.js';

/** What one request read of audited fields. */
export class MemberReads {
  private readonly outcomes = {
    ALLOWED: { records: new Set<string>(), fields: new Set<string>() },
    DENIED: { records: new Set<string>(), fields: new Set<string>() },
  };

  /** A read of `coordinate` (`Type.field`) on `record` (its id, when the type has one). */
  note(outcome: 'ALLOWED' | 'DENIED', coordinate: string, record: unknown): void {
    const reads = this.outcomes[outcome];
    reads.fields.add(coordinate);
    const id = record && typeof record === 'object' ? (record as { id?: unknown }).id : undefined;
    if (typeof id === 'string') reads.records.add(id);
  }

  /** At most one READ row per outcome, as the hub writes them. */
  rows(): AuditLogRow[] {
    return (['ALLOWED', 'DENIED'] as const).filter((outcome) => this.outcomes[outcome].fields.size).map((outcome) => ({
      kind: 'READ',
      recordIds: [...this.outcomes[outcome].records].sort(),
      fields: [...this.outcomes[outcome].fields].sort(),
      outcome,
      detail: outcome === 'DENIED' ? 'FORBIDDEN' : null,
    }));
  }
}

export function memberAuditPlugin(storage: MemberStorage, logger: Logger): ApolloServerPlugin<MemberContext> {
  return {
    async requestDidStart() {
      return {
        async willSendResponse({ contextValue, response, operationName }) {
          const rows = contextValue.reads.rows();
          if (!rows.length) return;
          try {
            storage.appendAudit(contextValue.viewer, rows, operationName ?? null, contextValue.via);
          } catch (error) {
            logger.error({ err: error, auditRows: rows, viewer: contextValue.viewer.subject }, 'national audit trail not written');
            if (response.body.kind !== 'single') return;
            response.body.singleResult = { data: null, errors: [databaseError('DATABASE_UNAVAILABLE')] };
            if (response.http) response.http.status = 503;
          }
        },
      };
    },
  };
}
