export { Seizure } from './seizure.entity.js';

// To be filled in: loaders, service, resolvers (see the port and agency modules).
import type { EntityManager } from '@mikro-orm/postgresql';
export function seizureLoaders(_em: EntityManager) {
  return {};
}
export const seizureResolvers = [] as const;
