import { allow, type IRules } from '../../policy/shield-lib.js';
import { Role } from '../../../auth/viewer.js';
import { anyRole, connectionRules, sameRule } from '../../policy/rules.js';

const fields = ['id', 'year', 'amountEur', 'equipmentType', 'description', 'tlp', 'funder', 'beneficiary', 'port', 'createdAt', 'updatedAt', 'version'] as const;

export const equipmentFundingRules: IRules = {
  Query: { equipmentFunding: allow, equipmentFundings: allow },
  Mutation: { addFundingLine: anyRole(Role.ADMIN) },
  EquipmentFunding: sameRule(fields, allow),
  Port: { equipmentFundings: allow },
  Agency: { equipmentFundings: allow },
  ...connectionRules('EquipmentFunding'),
};
