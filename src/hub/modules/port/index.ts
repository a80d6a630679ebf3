export { Port } from './port.entity.js';
export { PortFilter } from './port.inputs.js';
export { portService } from './port.service.js';
export { portWhere, portOrder } from './port.rows.js';
export { portLoaders } from './port.loaders.js';
export { PortResolver, PortConnection } from './port.resolver.js';

import { PortResolver } from './port.resolver.js';
export const portResolvers = [PortResolver] as const;
export { portPolicy } from './port.rules.js';
