import type { EntityManager } from '@mikro-orm/postgresql';
import type { Viewer } from '../../../auth/viewer.js';
import { GroupedPages } from '../../common/grouped-pages.js';
import { byKeyLoader } from '../../common/loaders.js';
import { Agency, agencyOrder, agencyWhere } from '../agency/index.js';
import { Seizure } from '../seizure/index.js';
import { Investigation } from './investigation.entity.js';
import type { InvestigationFilter } from './investigation.inputs.js';
import { investigationOrder, investigationWhere } from './investigation.rows.js';
import { visibleInvestigations } from './investigation.visibility.js';

export function investigationLoaders(em: EntityManager, viewer: Viewer) {
  const scope = (filter: InvestigationFilter | null | undefined) => investigationWhere(viewer, filter);
  return {
    byId: byKeyLoader(em, Investigation, 'id', visibleInvestigations(viewer)),
    /** Participating agencies by investigation. */
    participants: new GroupedPages(em, Agency, { collection: [Investigation, 'participants'] }, agencyOrder, agencyWhere),
    /** Investigations by participating agency: those whose `participants` hold it. */
    ofParticipant: new GroupedPages(em, Investigation, { ownCollection: 'participants' }, investigationOrder, scope),
    /** Investigations a seizure is linked to (Seizure.investigations), those the viewer may see only. */
    ofSeizure: new GroupedPages(em, Investigation, { collection: [Seizure, 'investigations'] }, investigationOrder, scope),
  };
}
