export { Agency, AgencyKind } from './agency.entity.js';
export { AgencyFilter } from './agency.inputs.js';
export { agencyService } from './agency.service.js';
export { agencyWhere, agencyOrder } from './agency.rows.js';
export { agencyLoaders } from './agency.loaders.js';
export { AgencyConnection } from './agency.resolver.js';

import { AgencyResolver, PortAgenciesResolver } from './agency.resolver.js';
export const agencyResolvers = [AgencyResolver, PortAgenciesResolver] as const;
export { agencyPolicy } from './agency.rules.js';
