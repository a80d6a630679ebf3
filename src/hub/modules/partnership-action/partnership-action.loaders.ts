import type { EntityManager } from '@mikro-orm/postgresql';
import type { Viewer } from '../../../auth/viewer.js';
import { GroupedPages } from '../../common/grouped-pages.js';
import { byKeyLoader } from '../../common/loaders.js';
import { Agency, agencyOrder } from '../agency/index.js';
import { Port, portOrder } from '../port/index.js';
import { PartnershipAction } from './partnership-action.entity.js';
import { partnershipActionOrder } from './partnership-action.service.js';
import { visiblePartnershipActions } from './partnership-action.visibility.js';

const partnerPivot = { pivot: 'partnership_action_partner', action: 'partnership_action_id', other: 'agency_id' };
const portPivot = { pivot: 'partnership_action_port', action: 'partnership_action_id', other: 'port_id' };

export function partnershipActionLoaders(em: EntityManager, viewer: Viewer) {
  return {
    byId: byKeyLoader(em, PartnershipAction, 'id', visiblePartnershipActions(viewer)),
    /** Partner agencies by action. */
    partners: new GroupedPages(em, Agency, { pivot: partnerPivot.pivot, parentColumn: partnerPivot.action, childColumn: partnerPivot.other }, agencyOrder),
    /** Ports by action. */
    ports: new GroupedPages(em, Port, { pivot: portPivot.pivot, parentColumn: portPivot.action, childColumn: portPivot.other }, portOrder),
    /** Actions by partner agency. */
    ofPartner: new GroupedPages(em, PartnershipAction, { pivot: partnerPivot.pivot, parentColumn: partnerPivot.other, childColumn: partnerPivot.action }, partnershipActionOrder),
    /** Actions by port. */
    ofPort: new GroupedPages(em, PartnershipAction, { pivot: portPivot.pivot, parentColumn: portPivot.other, childColumn: portPivot.action }, partnershipActionOrder),
  };
}
