import type { EntityManager } from '@mikro-orm/postgresql';
import type { Viewer } from '../../../auth/viewer.js';
import { byKeyLoader } from '../../common/loaders.js';
import { Port } from './port.entity.js';

export function portLoaders(em: EntityManager, _viewer: Viewer) {
  return {
    byId: byKeyLoader(em, Port),
    byUnlocode: byKeyLoader(em, Port, 'unlocode'),
  };
}
