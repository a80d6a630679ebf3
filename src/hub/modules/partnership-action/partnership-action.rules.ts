import { allow, type IRules } from '../../policy/shield-lib.js';
import { Role } from '../../../auth/viewer.js';
import { anyRole, connectionRules, sameRule } from '../../policy/rules.js';

const fields = ['id', 'title', 'description', 'status', 'commitments', 'startsOn', 'tlp', 'coordinatingAgency', 'partners', 'ports', 'createdAt', 'updatedAt', 'version'] as const;

export const partnershipActionRules: IRules = {
  Query: { partnershipAction: allow, partnershipActions: allow },
  Mutation: { createPartnershipAction: anyRole(Role.ADMIN) },
  PartnershipAction: sameRule(fields, allow),
  Port: { partnershipActions: allow },
  Agency: { partnershipActions: allow },
  ...connectionRules('PartnershipAction'),
};
