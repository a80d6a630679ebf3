import type { EntityManager } from '@mikro-orm/postgresql';
import type { Viewer } from '../../../auth/viewer.js';
import { GroupedPages } from '../../common/grouped-pages.js';
import { byKeyLoader } from '../../common/loaders.js';
import { Port, portOrder } from '../port/index.js';
import { Referent } from './referent.entity.js';
import { referentOrder } from './referent.service.js';
import { visibleReferents } from './referent.visibility.js';

export function referentLoaders(em: EntityManager, viewer: Viewer) {
  return {
    byId: byKeyLoader(em, Referent, 'id', visibleReferents(viewer)),
    /** Referents by port covered. */
    ofPort: new GroupedPages(em, Referent, { pivot: 'referent_port', parentColumn: 'port_id', childColumn: 'referent_id' }, referentOrder),
    /** Referents by agency. */
    ofAgency: new GroupedPages(em, Referent, { foreignKey: 'agency' }, referentOrder),
    /** Ports by referent. */
    ports: new GroupedPages(em, Port, { pivot: 'referent_port', parentColumn: 'referent_id', childColumn: 'port_id' }, portOrder),
  };
}
