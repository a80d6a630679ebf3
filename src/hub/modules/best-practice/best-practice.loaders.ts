import type { EntityManager } from '@mikro-orm/postgresql';
import type { Viewer } from '../../../auth/viewer.js';
import { GroupedPages } from '../../common/grouped-pages.js';
import { byKeyLoader } from '../../common/loaders.js';
import { Port, portOrder, portWhere } from '../port/index.js';
import { BestPractice } from './best-practice.entity.js';
import type { BestPracticeFilter } from './best-practice.inputs.js';
import { bestPracticeOrder, bestPracticeWhere } from './best-practice.rows.js';
import { SearchSnippets } from './best-practice.search.js';
import { visibleBestPractices } from './best-practice.visibility.js';

export function bestPracticeLoaders(em: EntityManager, viewer: Viewer) {
  const scope = (filter: BestPracticeFilter | null | undefined) => bestPracticeWhere(viewer, filter);
  return {
    byId: byKeyLoader(em, BestPractice, 'id', visibleBestPractices(viewer)),
    /** Practices by adopting port: those whose `adoptingPorts` hold it. */
    adoptedByPort: new GroupedPages(em, BestPractice, { ownCollection: 'adoptingPorts' }, bestPracticeOrder, scope),
    /** Practices by author agency. */
    ofAuthor: new GroupedPages(em, BestPractice, { foreignKey: 'originAgency' }, bestPracticeOrder, scope),
    /** Adopting ports by practice. */
    adoptingPorts: new GroupedPages(em, Port, { collection: [BestPractice, 'adoptingPorts'] }, portOrder, portWhere),
    /** Snippets of the practices of searched lists, one statement per search. */
    searchSnippets: new SearchSnippets(em, viewer, visibleBestPractices(viewer)),
  };
}
