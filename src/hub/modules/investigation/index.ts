export { Investigation } from './investigation.entity.js';

// To be filled in: loaders, service, resolvers (see the port and agency modules).
import type { EntityManager } from '@mikro-orm/postgresql';
export function investigationLoaders(_em: EntityManager) {
  return {};
}
export const investigationResolvers = [] as const;
