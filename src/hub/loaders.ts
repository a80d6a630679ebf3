// Every module's per-request loaders, made fresh for each request by the context builder.
import type { EntityManager } from '@mikro-orm/postgresql';
import { portLoaders } from './modules/port/index.js';

export function createLoaders(em: EntityManager) {
  return {
    port: portLoaders(em),
  };
}

export type Loaders = ReturnType<typeof createLoaders>;
