import { ADMIN, connectionPolicy, sameAccess, type FieldPolicy } from '../../policy/field-policy.js';

// Administrators manage the federation (DOMAIN.md): the registry, its reads included, is theirs alone.
const fields = ['id', 'name', 'url', 'public', 'headers', 'timeoutMs', 'retiredAt', 'registeredBy', 'createdAt', 'updatedAt', 'version'] as const;

export const subgraphRegistryPolicy: FieldPolicy = {
  Query: { memberSubgraphs: ADMIN },
  Mutation: { registerSubgraph: ADMIN, updateSubgraph: ADMIN, retireSubgraph: ADMIN },
  MemberSubgraph: sameAccess(fields, ADMIN),
  SubgraphHeader: sameAccess(['name', 'fromEnv'], ADMIN),
  ...connectionPolicy('MemberSubgraph'),
};
