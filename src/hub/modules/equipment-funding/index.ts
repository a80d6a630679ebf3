export { EquipmentFunding } from './equipment-funding.entity.js';

// To be filled in: loaders, service, resolvers (see the port and agency modules).
import type { EntityManager } from '@mikro-orm/postgresql';
export function equipmentFundingLoaders(_em: EntityManager) {
  return {};
}
export const equipmentFundingResolvers = [] as const;
