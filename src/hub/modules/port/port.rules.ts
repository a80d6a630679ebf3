import { ADMIN, connectionPolicy, PUBLIC, sameAccess, type FieldPolicy } from '../../policy/field-policy.js';

// The port directory is public. Nested lists other modules hang on Port are declared there.
const fields = ['id', 'unlocode', 'name', 'city', 'province', 'country', 'latitude', 'longitude', 'timezone', 'overseas', 'memberSince', 'createdAt', 'updatedAt', 'version'] as const;

export const portPolicy: FieldPolicy = {
  Query: { port: PUBLIC, ports: PUBLIC },
  Mutation: { createPort: ADMIN, updatePort: ADMIN },
  Port: sameAccess(fields, PUBLIC),
  ...connectionPolicy('Port'),
  PageInfo: sameAccess(['hasNextPage', 'hasPreviousPage', 'startCursor', 'endCursor'], PUBLIC),
};
