// Which rows a viewer gets for a filter, and in which order: used by the service for root lists and by the
// loaders for nested lists, so both list the same rows.
import type { FilterQuery } from '@mikro-orm/postgresql';
import type { Viewer } from '../../../auth/viewer.js';
import type { SortKeys } from '../../common/pagination.js';
import type { BestPractice } from './best-practice.entity.js';
import type { BestPracticeFilter } from './best-practice.inputs.js';
import { matchesSearch } from './best-practice.search.js';
import { visibleBestPractices } from './best-practice.visibility.js';

/** Newest first; a searched root list is ranked instead (best-practice.search.ts). */
export const bestPracticeOrder: SortKeys<BestPractice> = [['publishedAt', 'desc']];

export function bestPracticeWhere(viewer: Viewer, filter: BestPracticeFilter | null | undefined): FilterQuery<BestPractice> {
  const where: FilterQuery<BestPractice>[] = [visibleBestPractices(viewer)];
  if (filter?.categories?.length) where.push({ category: { $in: filter.categories } });
  if (filter?.languages?.length) where.push({ language: { $in: filter.languages } });
  if (filter?.port) where.push({ adoptingPorts: { $some: { unlocode: filter.port } } });
  if (filter?.authorAgencyIds?.length) where.push({ originAgency: { $in: filter.authorAgencyIds } });
  if (filter?.tlps?.length) where.push({ tlp: { $in: filter.tlps } });
  // In each practice's language, over what the viewer may read of it (best-practice.search.ts).
  if (filter?.search) where.push(matchesSearch(viewer, filter.search));
  return where.length ? { $and: where } : {};
}
