import type { EntityManager } from '@mikro-orm/postgresql';
import type { Viewer } from '../../../auth/viewer.js';
import { GroupedPages } from '../../common/grouped-pages.js';
import { byKeyLoader } from '../../common/loaders.js';
import { Port, portOrder } from '../port/index.js';
import { Agency } from './agency.entity.js';
import { agencyOrder } from './agency.service.js';

export function agencyLoaders(em: EntityManager, _viewer: Viewer) {
  return {
    byId: byKeyLoader(em, Agency),
    byCode: byKeyLoader(em, Agency, 'code'),
    /** Agencies by port. */
    ofPort: new GroupedPages(em, Agency, { pivot: 'agency_port', parentColumn: 'port_id', childColumn: 'agency_id' }, agencyOrder),
    /** Ports by agency. */
    ports: new GroupedPages(em, Port, { pivot: 'agency_port', parentColumn: 'agency_id', childColumn: 'port_id' }, portOrder),
  };
}
