import { ADMIN, connectionPolicy, sameAccess, type FieldPolicy } from '../../policy/field-policy.js';

const fields = ['id', 'at', 'kind', 'viewerSubject', 'viewerName', 'agency', 'roles', 'operationName', 'recordIds', 'fields', 'outcome', 'detail'] as const;

export const auditPolicy: FieldPolicy = {
  Query: { auditEvents: ADMIN },
  AuditEvent: sameAccess(fields, ADMIN),
  ...connectionPolicy('AuditEvent'),
};
