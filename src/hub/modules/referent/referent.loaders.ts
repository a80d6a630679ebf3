import type { EntityManager } from '@mikro-orm/postgresql';
import type { Viewer } from '../../../auth/viewer.js';
import { GroupedPages } from '../../common/grouped-pages.js';
import { byKeyLoader } from '../../common/loaders.js';
import { Port, portOrder, portWhere } from '../port/index.js';
import { Referent } from './referent.entity.js';
import type { ReferentFilter } from './referent.inputs.js';
import { referentOrder, referentWhere } from './referent.rows.js';
import { visibleReferents } from './referent.visibility.js';

export function referentLoaders(em: EntityManager, viewer: Viewer) {
  const scope = (filter: ReferentFilter | null | undefined) => referentWhere(viewer, filter);
  return {
    byId: byKeyLoader(em, Referent, 'id', visibleReferents(viewer)),
    /** Referents by port covered: those whose `ports` hold it. */
    ofPort: new GroupedPages(em, Referent, { ownCollection: 'ports' }, referentOrder, scope),
    /** Referents by agency. */
    ofAgency: new GroupedPages(em, Referent, { foreignKey: 'agency' }, referentOrder, scope),
    /** Ports by referent. */
    ports: new GroupedPages(em, Port, { collection: [Referent, 'ports'] }, portOrder, portWhere),
  };
}
