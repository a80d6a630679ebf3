import { Role } from '../../../auth/viewer.js';
import { connectionPolicy, LAW_ENFORCEMENT, PUBLIC, roles, sameAccess, type FieldPolicy } from '../../policy/field-policy.js';

// Risk criteria are operational details: law enforcement only, whatever the label (the rows are also filtered so in
// SQL: risk-indicator.visibility.ts). The lists are PUBLIC as fields: a viewer outside law enforcement gets none.
const fields = ['id', 'code', 'descriptions', 'ownerAgency', 'tlp', 'handlingCode', 'createdAt', 'updatedAt', 'version'] as const;
const referent = roles(Role.REFERENT);

export const riskIndicatorPolicy: FieldPolicy = {
  Query: { riskIndicator: PUBLIC, riskIndicators: PUBLIC },
  Mutation: { createRiskIndicator: referent, updateRiskIndicator: referent },
  RiskIndicator: sameAccess(fields, LAW_ENFORCEMENT),
  LocalizedText: sameAccess(['language', 'text'], PUBLIC),
  ...connectionPolicy('RiskIndicator'),
};
