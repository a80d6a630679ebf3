import type { IRules } from '../../policy/shield-lib.js';
import { admin, connectionRules, sameRule } from '../../policy/rules.js';

const fields = ['id', 'at', 'kind', 'viewerSubject', 'viewerName', 'agency', 'roles', 'operationName', 'recordIds', 'fields', 'outcome', 'detail'] as const;

export const auditRules: IRules = {
  Query: { auditEvents: admin },
  AuditEvent: sameRule(fields, admin),
  ...connectionRules('AuditEvent'),
};
