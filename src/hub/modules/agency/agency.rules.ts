import { allow, type IRules } from '../../policy/shield-lib.js';
import { admin, connectionRules, sameRule } from '../../policy/rules.js';

// The agency directory is public (PUBLIC audience); managing it is for administrators.
const fields = ['id', 'code', 'name', 'kind', 'country', 'website', 'createdAt', 'updatedAt', 'version'] as const;

export const agencyRules: IRules = {
  Query: { agency: allow, agencies: allow },
  Mutation: { createAgency: admin, updateAgency: admin },
  Agency: { ...sameRule(fields, allow), ports: allow },
  // Rows of the nested list are public ports.
  Port: { agencies: allow },
  ...connectionRules('Agency'),
};
