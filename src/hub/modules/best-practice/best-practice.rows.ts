// Which rows a viewer gets for a filter, and in which order: used by the service for root lists and by the
// loaders for nested lists, so both list the same rows.
import type { FilterQuery } from '@mikro-orm/postgresql';
import { isMember } from '../../../auth/audience.js';
import type { Viewer } from '../../../auth/viewer.js';
import type { SortKeys } from '../../common/pagination.js';
import { escapeLike } from '../../common/sql.js';
import type { BestPractice } from './best-practice.entity.js';
import type { BestPracticeFilter } from './best-practice.inputs.js';
import { visibleBestPractices } from './best-practice.visibility.js';

export const bestPracticeOrder: SortKeys<BestPractice> = [['publishedAt', 'desc']];

export function bestPracticeWhere(viewer: Viewer, filter: BestPracticeFilter | null | undefined): FilterQuery<BestPractice> {
  const where: FilterQuery<BestPractice>[] = [visibleBestPractices(viewer)];
  if (filter?.categories?.length) where.push({ category: { $in: filter.categories } });
  if (filter?.languages?.length) where.push({ language: { $in: filter.languages } });
  if (filter?.port) where.push({ adoptingPorts: { $some: { unlocode: filter.port } } });
  if (filter?.authorAgencyIds?.length) where.push({ originAgency: { $in: filter.authorAgencyIds } });
  if (filter?.tlps?.length) where.push({ tlp: { $in: filter.tlps } });
  if (filter?.search) {
    const like = `%${escapeLike(filter.search)}%`;
    const inText: FilterQuery<BestPractice>[] = [{ title: { $ilike: like } }, { summary: { $ilike: like } }];
    // The body is for members: matching it for anyone else would reveal it one guess at a time.
    if (isMember(viewer)) inText.push({ body: { $ilike: like } });
    where.push({ $or: inText });
  }
  return where.length ? { $and: where } : {};
}
