import type { FilterQuery } from '@mikro-orm/postgresql';
import { visibleRows } from '../../policy/tlp.js';
import { ClassifiedRecordType } from '../../common/enums.js';
import type { Viewer } from '../../../auth/viewer.js';
import type { Investigation } from './investigation.entity.js';

/**
 * The rows the viewer may see (policy/tlp.ts). RED investigations: the participating agencies (the lead is one).
 * `$some` is an EXISTS subquery on the pivot: a join would repeat each row once per participant in nested lists.
 */
export function visibleInvestigations(viewer: Viewer): FilterQuery<Investigation> {
  return visibleRows<Investigation>(viewer, (agencyId) => ({ $or: [{ originAgency: agencyId }, { participants: { $some: { id: agencyId } } }] }), ClassifiedRecordType.INVESTIGATION);
}
