import { Role } from '../../../auth/viewer.js';
import { connectionPolicy, LAW_ENFORCEMENT, PUBLIC, roles, sameAccess, type FieldPolicy } from '../../policy/field-policy.js';

// Basic facts go to whoever may see the row (its TLP audience, filtered in SQL). The link to an investigation is one:
// the investigation's own row filter decides (the service loads it through the viewer's loader), so a link to an
// investigation the viewer may not see reads exactly like no link, null with no error (README, "Unique keys and links").
const basicFacts = ['id', 'reference', 'seizedOn', 'port', 'reportingAgency', 'drugType', 'quantity', 'unit', 'detectionMethod', 'investigation', 'tlp', 'handlingCode', 'withdrawnAt', 'createdAt', 'updatedAt', 'version'] as const;
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
