import type { FilterQuery } from '@mikro-orm/postgresql';
import { visibleRows } from '../../policy/tlp.js';
import { ClassifiedRecordType } from '../../common/enums.js';
import type { Viewer } from '../../../auth/viewer.js';
import type { PartnershipAction } from './partnership-action.entity.js';

/**
 * The rows the viewer may see (policy/tlp.ts). RED actions: the coordinating agency and the partners.
 * `$some` is an EXISTS subquery on the pivot: a join would repeat each row once per partner in nested lists.
 */
export function visiblePartnershipActions(viewer: Viewer): FilterQuery<PartnershipAction> {
  return visibleRows<PartnershipAction>(viewer, (agencyId) => ({ $or: [{ originAgency: agencyId }, { partners: { $some: { id: agencyId } } }] }), ClassifiedRecordType.PARTNERSHIP_ACTION);
}
