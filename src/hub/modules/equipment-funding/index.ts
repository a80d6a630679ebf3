export { EquipmentFunding, EquipmentType } from './equipment-funding.entity.js';
export { EquipmentFundingFilter } from './equipment-funding.inputs.js';
export { equipmentFundingService } from './equipment-funding.service.js';
export { equipmentFundingWhere, equipmentFundingOrder } from './equipment-funding.rows.js';
export { equipmentFundingLoaders } from './equipment-funding.loaders.js';
export { EquipmentFundingConnection } from './equipment-funding.resolver.js';

import { AgencyEquipmentFundingsResolver, EquipmentFundingResolver, PortEquipmentFundingsResolver } from './equipment-funding.resolver.js';
export const equipmentFundingResolvers = [EquipmentFundingResolver, AgencyEquipmentFundingsResolver, PortEquipmentFundingsResolver] as const;
export { equipmentFundingPolicy } from './equipment-funding.rules.js';
export { visibleEquipmentFundings } from './equipment-funding.visibility.js';
