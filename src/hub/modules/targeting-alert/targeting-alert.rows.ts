// Which alerts a viewer gets for a filter, and in which order: used by the service for root lists and by the loaders
// for nested lists (Port.targetingAlerts), so both list the same rows.
import type { FilterQuery } from '@mikro-orm/postgresql';
import type { Viewer } from '../../../auth/viewer.js';
import type { SortKeys } from '../../common/pagination.js';
import { noRows } from '../../policy/tlp.js';
import { visibleRiskIndicators } from '../risk-indicator/index.js';
import type { TargetingAlert } from './targeting-alert.entity.js';
import type { TargetingAlertFilter } from './targeting-alert.inputs.js';
import { statusCondition, type AlertClock } from './targeting-alert.status.js';
import { visibleTargetingAlerts } from './targeting-alert.visibility.js';

/** Latest raised first; id breaks ties. */
export const targetingAlertOrder: SortKeys<TargetingAlert> = [['createdAt', 'desc']];

/** The one place alert lists are filtered: the viewer's visibility, then the filter (statuses on the request's clock). */
export function targetingAlertWhere(viewer: Viewer, filter: TargetingAlertFilter | null | undefined, clock: AlertClock): FilterQuery<TargetingAlert> {
  const where: FilterQuery<TargetingAlert>[] = [visibleTargetingAlerts(viewer)];
  if (filter?.ports?.length) where.push({ routePorts: { $some: { unlocode: { $in: filter.ports } } } });
  if (filter?.statuses?.length) where.push(statusCondition(filter.statuses, clock));
  // Only indicators the viewer may see can match: filtering by a hidden one's code finds nothing, as an unknown code.
  if (filter?.riskIndicators?.length) {
    where.push({ riskIndicators: { $some: { $and: [visibleRiskIndicators(viewer), { code: { $in: filter.riskIndicators } }] } } } as FilterQuery<TargetingAlert>);
  }
  if (filter?.from) where.push({ createdAt: { $gte: filter.from } });
  if (filter?.to) where.push({ createdAt: { $lt: filter.to } });
  if (filter?.addressedToMe) where.push(viewer.agencyId ? { addressedAgencies: { $some: { id: viewer.agencyId } } } : noRows<TargetingAlert>());
  return { $and: where };
}
