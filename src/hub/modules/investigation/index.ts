export { Investigation, InvestigationStatus } from './investigation.entity.js';
export { InvestigationFilter } from './investigation.inputs.js';
export { investigationService } from './investigation.service.js';
export { investigationWhere, investigationOrder } from './investigation.rows.js';
export { investigationLoaders } from './investigation.loaders.js';
export { InvestigationConnection } from './investigation.resolver.js';

import { AgencyInvestigationsResolver, InvestigationResolver, SeizureInvestigationsResolver } from './investigation.resolver.js';
export const investigationResolvers = [InvestigationResolver, AgencyInvestigationsResolver, SeizureInvestigationsResolver] as const;
export { investigationPolicy } from './investigation.rules.js';
export { visibleInvestigations } from './investigation.visibility.js';
