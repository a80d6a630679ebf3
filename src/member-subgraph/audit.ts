// The national trail: this subgraph audits every read of its LAW_ENFORCEMENT fields itself, served (ALLOWED, with
// the ids of the records they were read on) or refused (DENIED), whichever router asked. Behind the hub gateway
// the alliance's trail records them too; behind another router (Hive Gateway, Apollo Router) this trail is the
// only one, so a member state always knows who read its national data. Rows are stored before the answer leaves:
// an answer whose rows cannot be stored is withheld.
import type { ApolloServerPlugin } from '@apollo/server';
import { databaseError } from '../http.js';
import type { Logger } from '../observability/logger.js';
import type { MemberContext } from './loaders.js';
import type { MemberStorage } from './storage.js';

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
