import type { EntityManager } from '@mikro-orm/postgresql';
import type { Viewer } from '../../../auth/viewer.js';
import { GroupedPages } from '../../common/grouped-pages.js';
import { byKeyLoader } from '../../common/loaders.js';
import { Port, portOrder } from '../port/index.js';
import { BestPractice } from './best-practice.entity.js';
import { bestPracticeOrder } from './best-practice.service.js';
import { visibleBestPractices } from './best-practice.visibility.js';

const adoption = { pivot: 'best_practice_adoption', practice: 'best_practice_id', port: 'port_id' };

export function bestPracticeLoaders(em: EntityManager, viewer: Viewer) {
  return {
    byId: byKeyLoader(em, BestPractice, 'id', visibleBestPractices(viewer)),
    /** Practices by adopting port. */
    adoptedByPort: new GroupedPages(em, BestPractice, { pivot: adoption.pivot, parentColumn: adoption.port, childColumn: adoption.practice }, bestPracticeOrder),
    /** Practices by author agency. */
    ofAuthor: new GroupedPages(em, BestPractice, { foreignKey: 'originAgency' }, bestPracticeOrder),
    /** Adopting ports by practice. */
    adoptingPorts: new GroupedPages(em, Port, { pivot: adoption.pivot, parentColumn: adoption.practice, childColumn: adoption.port }, portOrder),
  };
}
