import { allow, type IRules } from '../../policy/shield-lib.js';
import { Role } from '../../../auth/viewer.js';
import { anyRole, connectionRules, lawEnforcement, sameRule } from '../../policy/rules.js';

const fields = ['id', 'codeName', 'status', 'openedOn', 'tlp', 'leadAgency', 'participants', 'createdAt', 'updatedAt', 'version'] as const;

export const investigationRules: IRules = {
  Query: { investigation: allow, investigations: allow },
  Mutation: {
    openInvestigation: anyRole(Role.INVESTIGATOR),
    linkSeizuresToInvestigation: anyRole(Role.INVESTIGATOR),
    updateInvestigationStatus: anyRole(Role.INVESTIGATOR),
  },
  // Notes on criminal groups are operational: law enforcement only, even on a row a partner could see.
  Investigation: { ...sameRule(fields, allow), criminalGroupNotes: lawEnforcement },
  Agency: { investigations: allow },
  ...connectionRules('Investigation'),
};
