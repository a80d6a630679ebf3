import { allow, type IRules } from '../../policy/shield-lib.js';
import { admin, connectionRules, sameRule } from '../../policy/rules.js';

// The port directory is public (PUBLIC audience). Nested lists other modules hang on Port are ruled there.
const fields = ['id', 'unlocode', 'name', 'city', 'province', 'country', 'latitude', 'longitude', 'timezone', 'overseas', 'memberSince', 'createdAt', 'updatedAt', 'version'] as const;

export const portRules: IRules = {
  Query: { port: allow, ports: allow },
  Mutation: { createPort: admin, updatePort: admin },
  Port: sameRule(fields, allow),
  ...connectionRules('Port'),
  PageInfo: { hasNextPage: allow, hasPreviousPage: allow, startCursor: allow, endCursor: allow },
};
