import { Role } from '../../../auth/viewer.js';
import { connectionPolicy, LAW_ENFORCEMENT, PUBLIC, roles, sameAccess, type FieldPolicy } from '../../policy/field-policy.js';

const fields = ['id', 'codeName', 'status', 'openedOn', 'tlp', 'handlingCode', 'leadAgency', 'participants', 'createdAt', 'updatedAt', 'version'] as const;

export const investigationPolicy: FieldPolicy = {
  Query: { investigation: PUBLIC, investigations: PUBLIC },
  Mutation: {
    openInvestigation: roles(Role.INVESTIGATOR),
    linkSeizuresToInvestigation: roles(Role.INVESTIGATOR),
    updateInvestigationStatus: roles(Role.INVESTIGATOR),
  },
  // Notes on criminal groups are operational: law enforcement only, even on a row a partner could see.
  Investigation: { ...sameAccess(fields, PUBLIC), criminalGroupNotes: LAW_ENFORCEMENT },
  Agency: { investigations: PUBLIC },
  // Rows are filtered: a seizure lists only the investigations the viewer may see (a hidden one is absent, uncounted).
  Seizure: { investigations: PUBLIC },
  ...connectionPolicy('Investigation'),
};
