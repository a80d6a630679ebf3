export { Agency, AgencyKind } from './agency.entity.js';
export { AgencyFilter } from './agency.inputs.js';
export { agencyService, agencyWhere, agencyOrder } from './agency.service.js';
export { agencyLoaders } from './agency.loaders.js';
export { AgencyConnection } from './agency.resolver.js';

import { AgencyResolver, PortAgenciesResolver } from './agency.resolver.js';
export const agencyResolvers = [AgencyResolver, PortAgenciesResolver] as const;
export { agencyRules } from './agency.rules.js';
