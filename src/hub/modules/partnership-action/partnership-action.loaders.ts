import type { EntityManager } from '@mikro-orm/postgresql';
import type { Viewer } from '../../../auth/viewer.js';
import { GroupedPages } from '../../common/grouped-pages.js';
import { byKeyLoader } from '../../common/loaders.js';
import { Agency, agencyOrder, agencyWhere } from '../agency/index.js';
import { Port, portOrder, portWhere } from '../port/index.js';
import { PartnershipAction } from './partnership-action.entity.js';
import type { PartnershipActionFilter } from './partnership-action.inputs.js';
import { partnershipActionOrder, partnershipActionWhere } from './partnership-action.rows.js';
import { visiblePartnershipActions } from './partnership-action.visibility.js';

export function partnershipActionLoaders(em: EntityManager, viewer: Viewer) {
  const scope = (filter: PartnershipActionFilter | null | undefined) => partnershipActionWhere(viewer, filter);
  return {
    byId: byKeyLoader(em, PartnershipAction, 'id', visiblePartnershipActions(viewer)),
    /** Partner agencies by action. */
    partners: new GroupedPages(em, Agency, { collection: [PartnershipAction, 'partners'] }, agencyOrder, agencyWhere),
    /** Ports by action. */
    ports: new GroupedPages(em, Port, { collection: [PartnershipAction, 'ports'] }, portOrder, portWhere),
    /** Actions by partner agency: those whose `partners` hold it. */
    ofPartner: new GroupedPages(em, PartnershipAction, { ownCollection: 'partners' }, partnershipActionOrder, scope),
    /** Actions by port: those whose `ports` hold it. */
    ofPort: new GroupedPages(em, PartnershipAction, { ownCollection: 'ports' }, partnershipActionOrder, scope),
  };
}
