export { Referent, Expertise } from './referent.entity.js';
export { ReferentFilter } from './referent.inputs.js';
export { referentService } from './referent.service.js';
export { referentWhere, referentOrder } from './referent.rows.js';
export { referentLoaders } from './referent.loaders.js';
export { ReferentConnection } from './referent.resolver.js';

import { AgencyReferentsResolver, PortReferentsResolver, ReferentResolver } from './referent.resolver.js';
export const referentResolvers = [ReferentResolver, PortReferentsResolver, AgencyReferentsResolver] as const;
export { referentPolicy } from './referent.rules.js';
export { visibleReferents } from './referent.visibility.js';
