import { Role } from '../../../auth/viewer.js';
import { connectionPolicy, LAW_ENFORCEMENT, PUBLIC, roles, sameAccess, type FieldPolicy } from '../../policy/field-policy.js';

// Basic facts go to whoever may see the row (its TLP audience, filtered in SQL). The investigations a seizure is
// linked to are listed by the investigation module (Seizure.investigations, investigation.rules.ts), under the
// investigations' own row filter.
const basicFacts = ['id', 'reference', 'seizedOn', 'port', 'reportingAgency', 'drugType', 'quantity', 'unit', 'detectionMethod', 'tlp', 'handlingCode', 'withdrawnAt', 'createdAt', 'updatedAt', 'version'] as const;
// Operational details never go to private partners, whatever the label.
const operational = ['containerNumber', 'concealment', 'vesselName', 'originPort', 'transitPorts', 'destinationPort', 'route', 'riskIndicators', 'withdrawalReason'] as const;

const officer = roles(Role.OFFICER);

export const seizurePolicy: FieldPolicy = {
  Query: { seizure: PUBLIC, seizures: PUBLIC },
  Mutation: { recordSeizure: officer, correctSeizure: officer, withdrawSeizure: officer },
  Seizure: { ...sameAccess(basicFacts, PUBLIC), ...sameAccess(operational, LAW_ENFORCEMENT) },
  Port: { seizures: PUBLIC },
  Agency: { reportedSeizures: PUBLIC },
  Investigation: { seizures: PUBLIC },
  ...connectionPolicy('Seizure'),
};
