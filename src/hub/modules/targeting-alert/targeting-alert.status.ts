// The status machine: OPEN → ACKNOWLEDGED → CLOSED is stored (`state`); EXPIRED is not, it is what an alert not
// closed becomes TARGETING_ALERT_EXPIRY_HOURS after its expected arrival. So that a filter by status and the status
// shown always agree, both read one clock per request (made with the request's loaders): the filter as a condition
// on the stored columns in SQL, the field from the same instant.
import type { FilterQuery } from '@mikro-orm/postgresql';
import { TargetingAlertStatus, type TargetingAlert } from './targeting-alert.entity.js';

export interface AlertClock {
  now: Date;
  /** An alert not closed whose expected arrival is before this is EXPIRED. */
  expiredBefore: Date;
}

const HOUR_MS = 3_600_000;

export function alertClock(expiryHours: number, now: Date = new Date()): AlertClock {
  return { now, expiredBefore: new Date(now.getTime() - expiryHours * HOUR_MS) };
}

export function statusOf(alert: Pick<TargetingAlert, 'state' | 'expectedArrival'>, clock: AlertClock): TargetingAlertStatus {
  if (alert.state === TargetingAlertStatus.CLOSED) return TargetingAlertStatus.CLOSED;
  return alert.expectedArrival < clock.expiredBefore ? TargetingAlertStatus.EXPIRED : alert.state;
}

/** The alerts whose status (as statusOf computes it on the same clock) is any of `statuses`, as SQL. */
export function statusCondition(statuses: readonly TargetingAlertStatus[], clock: AlertClock): FilterQuery<TargetingAlert> {
  const live = { expectedArrival: { $gte: clock.expiredBefore } };
  const branches = [...new Set(statuses)].map((status): FilterQuery<TargetingAlert> => {
    switch (status) {
      case TargetingAlertStatus.CLOSED: return { state: TargetingAlertStatus.CLOSED };
      case TargetingAlertStatus.EXPIRED: return { state: { $ne: TargetingAlertStatus.CLOSED }, expectedArrival: { $lt: clock.expiredBefore } };
      default: return { state: status, ...live };
    }
  });
  return { $or: branches };
}
