// Per request: one EntityManager fork, the viewer, and fresh DataLoaders (nothing cached across requests).
import type { EntityManager, MikroORM } from '@mikro-orm/postgresql';
import type { Viewer } from '../auth/viewer.js';
import { createLoaders, type Loaders } from './loaders.js';
import { AuditTrail } from './modules/audit/index.js';

export interface HubContext {
  em: EntityManager;
  viewer: Viewer;
  loaders: Loaders;
  /** What this request read of AMBER-or-above data and changed; written once at the end (audit.plugin.ts). */
  audit: AuditTrail;
}

export function createContext(orm: MikroORM, viewer: Viewer): HubContext {
  const em = orm.em.fork();
  return { em, viewer, loaders: createLoaders(em, viewer), audit: new AuditTrail(viewer) };
}
