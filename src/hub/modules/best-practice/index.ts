export { BestPractice } from './best-practice.entity.js';

// To be filled in: loaders, service, resolvers (see the port and agency modules).
import type { EntityManager } from '@mikro-orm/postgresql';
export function bestPracticeLoaders(_em: EntityManager) {
  return {};
}
export const bestPracticeResolvers = [] as const;
