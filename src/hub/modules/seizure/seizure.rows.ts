// Which rows a viewer gets for a filter, and in which order: used by the service for root lists and by the
// loaders for nested lists, so both list the same rows.
import type { FilterQuery } from '@mikro-orm/postgresql';
import { isLawEnforcement } from '../../../auth/audience.js';
import type { Viewer } from '../../../auth/viewer.js';
import { forbidden } from '../../common/errors.js';
import type { SortKeys } from '../../common/pagination.js';
import type { Seizure } from './seizure.entity.js';
import type { SeizureFilter } from './seizure.inputs.js';
import { visibleSeizures } from './seizure.visibility.js';

/** Latest first; id breaks ties so pages never overlap. */
export const seizureOrder: SortKeys<Seizure> = [['seizedOn', 'desc']];

/** Filtering on operational details is law enforcement only, like the fields: else a filter would reveal them. */
function requireMayFilterOnOperationalDetails(viewer: Viewer, filter: SeizureFilter | null | undefined): void {
  if (!filter || isLawEnforcement(viewer)) return;
  const used = filter.containerNumber != null ? 'containerNumber' : filter.concealments?.length ? 'concealments' : null;
  if (used) {
    throw forbidden(`Not allowed to filter seizures by ${used}`, `filter.${used}`);
  }
}

/** The one place seizure lists are filtered: the viewer's visibility, then the filter. */
export function seizureWhere(viewer: Viewer, filter: SeizureFilter | null | undefined): FilterQuery<Seizure> {
  requireMayFilterOnOperationalDetails(viewer, filter);
  const where: FilterQuery<Seizure>[] = [visibleSeizures(viewer)];
  if (!filter?.includeWithdrawn) where.push({ withdrawnAt: null });
  if (filter?.ports?.length) where.push({ port: { unlocode: { $in: filter.ports } } });
  if (filter?.country) where.push({ port: { country: filter.country } });
  if (filter?.agencyIds?.length) where.push({ originAgency: { $in: filter.agencyIds } });
  if (filter?.drugTypes?.length) where.push({ drugType: { $in: filter.drugTypes } });
  if (filter?.seizedFrom) where.push({ seizedOn: { $gte: filter.seizedFrom } });
  if (filter?.seizedTo) where.push({ seizedOn: { $lte: filter.seizedTo } });
  if (filter?.concealments?.length) where.push({ concealment: { $in: filter.concealments } });
  if (filter?.tlps?.length) where.push({ tlp: { $in: filter.tlps } });
  if (filter?.containerNumber) where.push({ containerNumber: filter.containerNumber });
  return where.length ? { $and: where } : {};
}
