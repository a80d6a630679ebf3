// Per request: one EntityManager fork, the viewer, and fresh DataLoaders (nothing cached across requests).
import type { EntityManager, MikroORM } from '@mikro-orm/postgresql';
import type { Viewer } from '../auth/viewer.js';
import { createLoaders, type Loaders } from './loaders.js';

export interface HubContext {
  em: EntityManager;
  viewer: Viewer;
  loaders: Loaders;
}

export function createContext(orm: MikroORM, viewer: Viewer): HubContext {
  const em = orm.em.fork();
  return { em, viewer, loaders: createLoaders(em) };
}
