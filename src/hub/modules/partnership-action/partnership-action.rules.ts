import { ADMIN, connectionPolicy, PUBLIC, sameAccess, type FieldPolicy } from '../../policy/field-policy.js';

const fields = ['id', 'title', 'description', 'status', 'commitments', 'startsOn', 'tlp', 'handlingCode', 'coordinatingAgency', 'partners', 'ports', 'createdAt', 'updatedAt', 'version'] as const;

export const partnershipActionPolicy: FieldPolicy = {
  Query: { partnershipAction: PUBLIC, partnershipActions: PUBLIC },
  Mutation: { createPartnershipAction: ADMIN },
  PartnershipAction: sameAccess(fields, PUBLIC),
  Port: { partnershipActions: PUBLIC },
  Agency: { partnershipActions: PUBLIC },
  ...connectionPolicy('PartnershipAction'),
};
