import { Role } from '../../../auth/viewer.js';
import { ADMIN, ALLIANCE, connectionPolicy, LAW_ENFORCEMENT, PUBLIC, roles, sameAccess, type FieldPolicy } from '../../policy/field-policy.js';

// Referents are visible to alliance members (rows are filtered in SQL for anyone else); their contact
// details are personal data for law enforcement only.
const memberFields = ['id', 'fullName', 'agency', 'ports', 'expertise', 'languages', 'activeSince', 'createdAt', 'updatedAt', 'version'] as const;

export const referentPolicy: FieldPolicy = {
  Query: { referent: PUBLIC, referents: PUBLIC },
  Mutation: { registerReferent: ADMIN, updateReferent: roles(Role.REFERENT, Role.ADMIN) },
  Referent: { ...sameAccess(memberFields, ALLIANCE), email: LAW_ENFORCEMENT, phone: LAW_ENFORCEMENT },
  Port: { referents: PUBLIC },
  Agency: { referents: PUBLIC },
  ...connectionPolicy('Referent'),
};
