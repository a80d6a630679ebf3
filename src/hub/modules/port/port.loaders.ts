import type { EntityManager } from '@mikro-orm/postgresql';
import { byKeyLoader } from '../../common/loaders.js';
import { Port } from './port.entity.js';

export function portLoaders(em: EntityManager) {
  return {
    byId: byKeyLoader(em, Port),
    byUnlocode: byKeyLoader(em, Port, 'unlocode'),
  };
}
