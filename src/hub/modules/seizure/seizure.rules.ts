import { Role } from '../../../auth/viewer.js';
import { connectionPolicy, LAW_ENFORCEMENT, PUBLIC, roles, row, sameAccess, type FieldPolicy } from '../../policy/field-policy.js';
import type { Seizure } from './seizure.entity.js';

// Basic facts go to whoever may see the row (its TLP audience, filtered in SQL).
const basicFacts = ['id', 'reference', 'seizedOn', 'port', 'reportingAgency', 'drugType', 'quantity', 'unit', 'detectionMethod', 'tlp', 'handlingCode', 'withdrawnAt', 'createdAt', 'updatedAt', 'version'] as const;
// Operational details never go to private partners, whatever the label.
const operational = ['containerNumber', 'concealment', 'vesselName', 'originPort', 'transitPorts', 'destinationPort', 'route', 'riskIndicators', 'withdrawalReason'] as const;

// The investigation's own row filter decides (its loader filters), so anyone may pass: within PUBLIC.
const linkedInvestigationVisible = row({
  name: 'linkedInvestigationVisible',
  description: 'the link shows only to those who may see the investigation',
  within: PUBLIC,
  allows: async (seizure: Seizure, ctx) => {
    if (!seizure.investigation) return true;
    return (await ctx.loaders.investigation.byId.load(seizure.investigation.id)) !== null;
  },
});

const officer = roles(Role.OFFICER);

export const seizurePolicy: FieldPolicy = {
  Query: { seizure: PUBLIC, seizures: PUBLIC },
  Mutation: { recordSeizure: officer, correctSeizure: officer, withdrawSeizure: officer },
  Seizure: { ...sameAccess(basicFacts, PUBLIC), ...sameAccess(operational, LAW_ENFORCEMENT), investigation: linkedInvestigationVisible },
  Port: { seizures: PUBLIC },
  Agency: { reportedSeizures: PUBLIC },
  Investigation: { seizures: PUBLIC },
  ...connectionPolicy('Seizure'),
};
