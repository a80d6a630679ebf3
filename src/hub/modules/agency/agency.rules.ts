import { ADMIN, connectionPolicy, PUBLIC, sameAccess, type FieldPolicy } from '../../policy/field-policy.js';

// The agency directory is public; managing it is for administrators.
const fields = ['id', 'code', 'name', 'kind', 'country', 'website', 'createdAt', 'updatedAt', 'version'] as const;

export const agencyPolicy: FieldPolicy = {
  Query: { agency: PUBLIC, agencies: PUBLIC },
  Mutation: { createAgency: ADMIN, updateAgency: ADMIN },
  Agency: { ...sameAccess(fields, PUBLIC), ports: PUBLIC },
  // Rows of the nested list are public ports.
  Port: { agencies: PUBLIC },
  ...connectionPolicy('Agency'),
};
