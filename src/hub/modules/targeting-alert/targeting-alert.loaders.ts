import DataLoader from 'dataloader';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { Viewer } from '../../../auth/viewer.js';
import type { HubSettings } from '../../context.js';
import { GroupedPages } from '../../common/grouped-pages.js';
import { byKeyLoader, pivotIdsLoader } from '../../common/loaders.js';
import { isUuid } from '../../../ids.js';
import { TargetingAlert } from './targeting-alert.entity.js';
import type { TargetingAlertFilter } from './targeting-alert.inputs.js';
import { targetingAlertOrder, targetingAlertWhere } from './targeting-alert.rows.js';
import { alertClock } from './targeting-alert.status.js';
import { visibleTargetingAlerts } from './targeting-alert.visibility.js';

/** The alert a seizure came of, per seizure: the latest controlled of those the viewer may see (a hidden one reads as none). */
function alertOfSeizureLoader(em: EntityManager, viewer: Viewer) {
  return new DataLoader<string, TargetingAlert | null>(async (seizureIds) => {
    const wanted = seizureIds.filter(isUuid);
    const alerts = wanted.length
      ? await em.find(TargetingAlert, { $and: [visibleTargetingAlerts(viewer), { seizure: { $in: wanted } }] }, { orderBy: [{ controlledAt: 'desc' }, { id: 'asc' }] })
      : [];
    const bySeizure = new Map<string, TargetingAlert>();
    for (const alert of alerts) if (alert.seizure && !bySeizure.has(alert.seizure.id)) bySeizure.set(alert.seizure.id, alert);
    return seizureIds.map((id) => bySeizure.get(id) ?? null);
  });
}

export function targetingAlertLoaders(em: EntityManager, viewer: Viewer, settings: HubSettings) {
  // One clock per request: the statuses a filter selects are the statuses shown (targeting-alert.status.ts).
  const clock = alertClock(settings.targetingAlertExpiryHours);
  const scope = (filter: TargetingAlertFilter | null | undefined) => targetingAlertWhere(viewer, filter, clock);
  return {
    clock,
    byId: byKeyLoader(em, TargetingAlert, 'id', visibleTargetingAlerts(viewer)),
    /** Alerts whose route includes the port. */
    ofPort: new GroupedPages(em, TargetingAlert, { ownCollection: 'routePorts' }, targetingAlertOrder, scope),
    ofSeizure: alertOfSeizureLoader(em, viewer),
    transshipmentPortIds: pivotIdsLoader(em, TargetingAlert, 'transshipmentPorts'),
    riskIndicatorIds: pivotIdsLoader(em, TargetingAlert, 'riskIndicators'),
    addressedAgencyIds: pivotIdsLoader(em, TargetingAlert, 'addressedAgencies'),
  };
}
