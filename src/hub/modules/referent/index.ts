export { Referent } from './referent.entity.js';

// To be filled in: loaders, service, resolvers (see the port and agency modules).
import type { EntityManager } from '@mikro-orm/postgresql';
export function referentLoaders(_em: EntityManager) {
  return {};
}
export const referentResolvers = [] as const;
