import { allow, rule, type IRules } from '../../policy/shield-lib.js';
import { Role } from '../../../auth/viewer.js';
import type { HubContext } from '../../context.js';
import { anyRole, connectionRules, lawEnforcement, sameRule } from '../../policy/rules.js';
import type { Seizure } from './seizure.entity.js';

// Basic facts go to whoever may see the row (its TLP audience, filtered in SQL).
const basicFacts = ['id', 'reference', 'seizedOn', 'port', 'reportingAgency', 'drugType', 'quantity', 'unit', 'detectionMethod', 'tlp', 'handlingCode', 'withdrawnAt', 'createdAt', 'updatedAt', 'version'] as const;
// Operational details never go to private partners, whatever the label.
const operational = ['containerNumber', 'concealment', 'vesselName', 'originPort', 'transitPorts', 'destinationPort', 'route', 'riskIndicators', 'withdrawalReason'] as const;

/** The link to an investigation shows only to those who may see that investigation (its loader filters). */
const linkedInvestigationVisible = rule('linkedInvestigationVisible', { cache: 'no_cache' })(async (seizure: Seizure, _a, ctx: HubContext) => {
  if (!seizure.investigation) return true;
  return (await ctx.loaders.investigation.byId.load(seizure.investigation.id)) !== null;
});

export const seizureRules: IRules = {
  Query: { seizure: allow, seizures: allow },
  Mutation: { recordSeizure: anyRole(Role.OFFICER), correctSeizure: anyRole(Role.OFFICER), withdrawSeizure: anyRole(Role.OFFICER) },
  Seizure: { ...sameRule(basicFacts, allow), ...sameRule(operational, lawEnforcement), investigation: linkedInvestigationVisible },
  Port: { seizures: allow },
  Agency: { reportedSeizures: allow },
  Investigation: { seizures: allow },
  ...connectionRules('Seizure'),
};
