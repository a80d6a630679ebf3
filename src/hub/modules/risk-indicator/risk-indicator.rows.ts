import type { FilterQuery } from '@mikro-orm/postgresql';
import type { Viewer } from '../../../auth/viewer.js';
import type { SortKeys } from '../../common/pagination.js';
import { escapeLike } from '../../common/sql.js';
import type { RiskIndicator } from './risk-indicator.entity.js';
import type { RiskIndicatorFilter } from './risk-indicator.inputs.js';
import { visibleRiskIndicators } from './risk-indicator.visibility.js';

export const riskIndicatorOrder: SortKeys<RiskIndicator> = [['code', 'asc']];

export function riskIndicatorWhere(viewer: Viewer, filter: RiskIndicatorFilter | null | undefined): FilterQuery<RiskIndicator> {
  const where: FilterQuery<RiskIndicator>[] = [visibleRiskIndicators(viewer)];
  if (filter?.ownerAgencyIds?.length) where.push({ originAgency: { $in: filter.ownerAgencyIds } });
  if (filter?.search) where.push({ code: { $ilike: `%${escapeLike(filter.search)}%` } });
  return { $and: where };
}
