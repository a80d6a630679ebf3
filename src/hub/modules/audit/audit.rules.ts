import { ADMIN, connectionPolicy, sameAccess, type FieldPolicy } from '../../policy/field-policy.js';

const fields = ['id', 'at', 'kind', 'viewerSubject', 'viewerName', 'agency', 'roles', 'operationName', 'recordIds', 'fields', 'outcome', 'detail', 'keys'] as const;

export const auditPolicy: FieldPolicy = {
  Query: { auditEvents: ADMIN, auditIntegrity: ADMIN },
  AuditEvent: sameAccess(fields, ADMIN),
  AuditKey: sameAccess(['name', 'value'], ADMIN),
  AuditIntegrity: sameAccess(['verified', 'rows', 'lastSeq', 'lastHash', 'firstBrokenAt', 'brokenEventId', 'problem', 'message'], ADMIN),
  ...connectionPolicy('AuditEvent'),
};
