import type { EntityManager } from '@mikro-orm/postgresql';
import type { Viewer } from '../../../auth/viewer.js';
import { GroupedPages } from '../../common/grouped-pages.js';
import { byKeyLoader } from '../../common/loaders.js';
import { Port, portOrder, portWhere } from '../port/index.js';
import { Agency } from './agency.entity.js';
import { agencyOrder, agencyWhere } from './agency.rows.js';

export function agencyLoaders(em: EntityManager, _viewer: Viewer) {
  return {
    byId: byKeyLoader(em, Agency),
    byCode: byKeyLoader(em, Agency, 'code'),
    /** Agencies by port: those whose `ports` hold it. */
    ofPort: new GroupedPages(em, Agency, { ownCollection: 'ports' }, agencyOrder, agencyWhere),
    /** Ports by agency. */
    ports: new GroupedPages(em, Port, { collection: [Agency, 'ports'] }, portOrder, portWhere),
  };
}
