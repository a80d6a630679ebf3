import { allow, type IRules } from '../../policy/shield-lib.js';
import { Role } from '../../../auth/viewer.js';
import { anyRole, connectionRules, lawEnforcement, member, sameRule } from '../../policy/rules.js';

// Referents are visible to alliance members (rows are filtered in SQL for anyone else); their contact
// details are personal data for law enforcement only.
const memberFields = ['id', 'fullName', 'agency', 'ports', 'expertise', 'languages', 'activeSince', 'createdAt', 'updatedAt', 'version'] as const;

export const referentRules: IRules = {
  Query: { referent: allow, referents: allow },
  Mutation: { registerReferent: anyRole(Role.ADMIN), updateReferent: anyRole(Role.REFERENT, Role.ADMIN) },
  Referent: { ...sameRule(memberFields, member), email: lawEnforcement, phone: lawEnforcement },
  Port: { referents: allow },
  Agency: { referents: allow },
  ...connectionRules('Referent'),
};
