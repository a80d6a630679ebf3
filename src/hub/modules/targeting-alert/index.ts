export { CONTROLLING_KINDS, TargetingAlert, TargetingAlertStatus, ControlOutcome, ControlResult, NotControlledReason } from './targeting-alert.entity.js';
export { TargetingAlertFilter } from './targeting-alert.inputs.js';
export { targetingAlertService } from './targeting-alert.service.js';
export { targetingAlertLoaders } from './targeting-alert.loaders.js';
export { visibleTargetingAlerts } from './targeting-alert.visibility.js';
export { TargetingAlertConnection } from './targeting-alert.resolver.js';

import { PortTargetingAlertsResolver, SeizureAlertResolver, TargetingAlertResolver } from './targeting-alert.resolver.js';
import { TargetingBucketResolver, TargetingStatisticsResolver } from './targeting-alert.statistics.resolver.js';
export const targetingAlertResolvers = [TargetingAlertResolver, PortTargetingAlertsResolver, SeizureAlertResolver, TargetingStatisticsResolver, TargetingBucketResolver] as const;
export { TargetingStatisticsDimension } from './targeting-alert.statistics.js';
export { targetingAlertPolicy } from './targeting-alert.rules.js';
