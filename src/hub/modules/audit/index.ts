export { AuditEvent, AuditKind, AuditOutcome } from './audit.entity.js';
export { AuditTrail } from './audit.trail.js';
export { auditPlugin } from './audit.plugin.js';
export { auditChanges } from './audit.changes.js';
export { auditPolicy } from './audit.rules.js';

import { AuditIntegrityResolver } from './audit.integrity.js';
import { AuditResolver } from './audit.resolver.js';
export const auditResolvers = [AuditResolver, AuditIntegrityResolver] as const;
