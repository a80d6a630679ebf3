import { ADMIN, connectionPolicy, PUBLIC, sameAccess, type FieldPolicy } from '../../policy/field-policy.js';

const fields = ['id', 'year', 'amountEur', 'equipmentType', 'description', 'tlp', 'handlingCode', 'funder', 'beneficiary', 'port', 'createdAt', 'updatedAt', 'version'] as const;

export const equipmentFundingPolicy: FieldPolicy = {
  Query: { equipmentFunding: PUBLIC, equipmentFundings: PUBLIC },
  Mutation: { addFundingLine: ADMIN },
  EquipmentFunding: sameAccess(fields, PUBLIC),
  Port: { equipmentFundings: PUBLIC },
  Agency: { equipmentFundings: PUBLIC },
  ...connectionPolicy('EquipmentFunding'),
};
