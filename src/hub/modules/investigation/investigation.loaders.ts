import type { EntityManager } from '@mikro-orm/postgresql';
import type { Viewer } from '../../../auth/viewer.js';
import { GroupedPages } from '../../common/grouped-pages.js';
import { byKeyLoader } from '../../common/loaders.js';
import { Agency, agencyOrder } from '../agency/index.js';
import { Investigation } from './investigation.entity.js';
import { investigationOrder } from './investigation.service.js';
import { visibleInvestigations } from './investigation.visibility.js';

const participantPivot = 'investigation_participant';

export function investigationLoaders(em: EntityManager, viewer: Viewer) {
  return {
    byId: byKeyLoader(em, Investigation, 'id', visibleInvestigations(viewer)),
    /** Participating agencies by investigation. */
    participants: new GroupedPages(em, Agency, { pivot: participantPivot, parentColumn: 'investigation_id', childColumn: 'agency_id' }, agencyOrder),
    /** Investigations by participating agency. */
    ofParticipant: new GroupedPages(em, Investigation, { pivot: participantPivot, parentColumn: 'agency_id', childColumn: 'investigation_id' }, investigationOrder),
  };
}
