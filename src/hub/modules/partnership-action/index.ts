export { PartnershipAction } from './partnership-action.entity.js';

// To be filled in: loaders, service, resolvers (see the port and agency modules).
import type { EntityManager } from '@mikro-orm/postgresql';
export function partnershipActionLoaders(_em: EntityManager) {
  return {};
}
export const partnershipActionResolvers = [] as const;
