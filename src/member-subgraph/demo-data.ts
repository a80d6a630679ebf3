// Synthetic national data for the demo: deterministic (same rows on every start), clearly fake (DEMO- references,
// DMO owner code), for a handful of big EU ports. A real national unit's systems fill these tables instead.
import type { AlertFollowUpRow, AlertRow, FollowUpRow, MemberStorage, TargetingRow } from './storage.js';

const PERIOD = { periodStart: '2025-01-01', periodEnd: '2025-06-30' };

/** Port, containers screened, flagged, inspected, hits, and how many alerts to generate. */
const PORTS: [unlocode: string, screened: number, flagged: number, inspections: number, hits: number, alerts: number][] = [
  ['BEANR', 1_412_000, 21_180, 6_350, 412, 45],
  ['NLRTM', 1_688_500, 25_320, 7_120, 389, 38],
  ['FRLEH', 702_300, 9_840, 2_910, 97, 24],
  ['DEHAM', 1_205_900, 14_470, 4_020, 133, 21],
  ['ESALG', 958_400, 12_460, 3_380, 151, 17],
];

/** The ports the demo unit publishes national data for. */
export const DEMO_PORTS: readonly string[] = PORTS.map(([unlocode]) => unlocode);

const REASONS = [
  'DEMO: route via a transhipment hub on the watch list',
  'DEMO: consignee registered less than three months ago',
  'DEMO: reefer temperature log inconsistent with the declared cargo',
  'DEMO: seal number differs from the one declared',
  'DEMO: declared weight unusual for the goods described',
];
const RISK_LEVELS: AlertRow['riskLevel'][] = ['HIGH', 'MEDIUM', 'LOW', 'MEDIUM'];
const STATUSES: AlertRow['status'][] = ['OPEN', 'INSPECTED', 'CLEARED', 'INSPECTED', 'SEIZED', 'CLEARED'];

/** ISO 6346 letter values: A=10 upwards, skipping multiples of 11. */
function letterValue(letter: string): number {
  let value = 10;
  for (let c = 65; c < letter.charCodeAt(0); c++) if (++value % 11 === 0) value++;
  return value;
}

/** A valid container number for a synthetic owner code: the check digit is computed, as ISO 6346 says. */
export function demoContainerNumber(serial: number): string {
  const first10 = `DMOU${String(serial).padStart(6, '0')}`;
  let sum = 0;
  for (let i = 0; i < 10; i++) {
    const ch = first10[i]!;
    sum += (/\d/.test(ch) ? Number(ch) : letterValue(ch)) * 2 ** i;
  }
  return `${first10}${(sum % 11) % 10}`;
}

function daysBefore(date: string, days: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() - days);
  return d.toISOString().slice(0, 10);
}

function alertsFor(unlocode: string, portIndex: number, count: number): AlertRow[] {
  return Array.from({ length: count }, (_, i) => ({
    reference: `DEMO-ALERT-${unlocode}-${String(i + 1).padStart(4, '0')}`,
    unlocode,
    // Two alerts a day, so pages also have to order alerts raised the same day (by reference).
    raisedOn: daysBefore(PERIOD.periodEnd, Math.floor(i / 2) * 3 + portIndex),
    containerNumber: demoContainerNumber(portIndex * 10_000 + i * 37 + 1),
    riskLevel: RISK_LEVELS[(i + portIndex) % RISK_LEVELS.length]!,
    reason: REASONS[(i * 3 + portIndex) % REASONS.length]!,
    status: i < 4 ? 'OPEN' : STATUSES[(i + portIndex) % STATUSES.length]!,
  }));
}

/** Follow-ups for seizures the demo knows the ids of (the core creates them, so their ids vary by run). */
function followUpsFor(seizureIds: readonly string[]): FollowUpRow[] {
  const statuses: FollowUpRow['status'][] = ['UNDER_INVESTIGATION', 'REFERRED_TO_PROSECUTOR', 'CLOSED'];
  return seizureIds.map((seizureId, i) => {
    const status = statuses[i % statuses.length]!;
    return {
      seizureId,
      status,
      prosecutorCaseReference: status === 'UNDER_INVESTIGATION' ? null : `DEMO-PROS-2025-${String(i + 1).padStart(4, '0')}`,
      notes: 'DEMO: synthetic follow-up of the national port control unit',
      updatedOn: daysBefore(PERIOD.periodEnd, i * 2),
    };
  });
}

/** An alliance targeting alert addressed to an agency the national unit follows alerts up for. */
export interface AddressedAlert {
  alertId: string;
  /** The addressed agency's id in the alliance graph. */
  agencyId: string;
  /** When the alert was raised (YYYY-MM-DD): the follow-up's dates come a few days later. */
  raisedOn: string;
  /** What the unit did, when the import knows it (e.g. from the alert's state in the alliance); cycled through otherwise. */
  status?: AlertFollowUpRow['status'];
  /** The container's expected arrival (YYYY-MM-DD): the day a scheduled inspection is booked. */
  expectedOn?: string;
}

const ALERT_FOLLOW_UP_STATUSES: AlertFollowUpRow['status'][] = ['INSPECTION_SCHEDULED', 'INSPECTED_NOTHING_FOUND', 'RECEIVED', 'INSPECTED_SEIZURE', 'NOT_INSPECTED'];
const ALERT_ACTIONS: Record<AlertFollowUpRow['status'], string[]> = {
  RECEIVED: ['DEMO: alert received in the national targeting system'],
  INSPECTION_SCHEDULED: ['DEMO: alert received in the national targeting system', 'DEMO: container put on hold at the terminal', 'DEMO: scanner slot booked'],
  INSPECTED_NOTHING_FOUND: ['DEMO: alert received in the national targeting system', 'DEMO: container scanned', 'DEMO: physical inspection, nothing found'],
  INSPECTED_SEIZURE: ['DEMO: alert received in the national targeting system', 'DEMO: container scanned', 'DEMO: physical inspection, illicit goods found', 'DEMO: case referred to the investigation service'],
  NOT_INSPECTED: ['DEMO: alert received in the national targeting system', 'DEMO: container already released when the alert was read'],
};

/** A synthetic national follow-up for each alert, in the order given (the caller's order is deterministic). */
function alertFollowUpsFor(alerts: readonly AddressedAlert[]): AlertFollowUpRow[] {
  return alerts.map(({ alertId, agencyId, raisedOn, expectedOn, ...known }, i) => {
    const status = known.status ?? ALERT_FOLLOW_UP_STATUSES[i % ALERT_FOLLOW_UP_STATUSES.length]!;
    const updatedOn = daysBefore(raisedOn, -1);
    return {
      alertId,
      agencyId,
      caseReference: `DEMO-CASE-${raisedOn.slice(0, 4)}-${String(i + 1).padStart(4, '0')}`,
      status,
      actions: ALERT_ACTIONS[status],
      inspectionSlot: status === 'INSPECTION_SCHEDULED' ? { date: expectedOn ?? daysBefore(raisedOn, -3), startsAt: '08:00', endsAt: '10:00' } : null,
      remarks: status === 'NOT_INSPECTED' ? 'DEMO: synthetic remark, the container had left the terminal' : 'DEMO: synthetic follow-up of the national port control unit',
      updatedOn,
    };
  });
}

/**
 * Fills an empty database with the demo ports and alerts, in one transaction. Follow-ups are (re)written on every
 * start for the seizure ids and addressed alerts given, since the core's ids change when its demo database is rebuilt.
 */
export function seedDemoData(storage: MemberStorage, followUpSeizureIds: readonly string[] = [], addressedAlerts: readonly AddressedAlert[] = []): void {
  const empty = storage.isEmpty();
  storage.transaction(() => {
    if (empty) {
      PORTS.forEach(([unlocode, containersScreened, containersFlagged, inspections, hits, alerts], portIndex) => {
        const targeting: TargetingRow = { unlocode, ...PERIOD, containersScreened, containersFlagged, inspections, hits };
        storage.insertTargeting(targeting);
        for (const alert of alertsFor(unlocode, portIndex, alerts)) storage.insertAlert(alert);
      });
    }
    for (const followUp of followUpsFor(followUpSeizureIds)) storage.recordFollowUp(followUp);
    for (const followUp of alertFollowUpsFor(addressedAlerts)) storage.recordAlertFollowUp(followUp);
  });
}
