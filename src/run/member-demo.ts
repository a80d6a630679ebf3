// The demo member subgraph's national "import" from the core's demo data: what a member state's own systems would
// feed it (member-subgraph README, "Plugging in your national targeting system"). Used by the preparation step.
import type { MikroORM } from '@mikro-orm/postgresql';
import { Agency, AgencyKind } from '../hub/modules/agency/index.js';
import { Seizure } from '../hub/modules/seizure/index.js';
import { ControlOutcome, ControlResult, TargetingAlert, TargetingAlertStatus } from '../hub/modules/targeting-alert/index.js';
import { DEMO_PORTS, type AddressedAlert } from '../member-subgraph/demo-data.js';

/** Alerts per agency given a national follow-up. */
const FOLLOWED_UP_ALERTS = 4;

/** The national status that matches what the alliance knows of the alert (its stored state and outcome). */
function nationalStatus(alert: Pick<TargetingAlert, 'state' | 'controlOutcome' | 'controlResult'>): AddressedAlert['status'] {
  if (alert.state === TargetingAlertStatus.OPEN) return 'RECEIVED';
  if (alert.state === TargetingAlertStatus.ACKNOWLEDGED) return 'INSPECTION_SCHEDULED';
  if (alert.controlOutcome === ControlOutcome.NOT_CONTROLLED) return 'NOT_INSPECTED';
  return alert.controlResult === ControlResult.SEIZURE ? 'INSPECTED_SEIZURE' : 'INSPECTED_NOTHING_FOUND';
}

/** A few recent seizures at the demo unit's main ports, to give a synthetic national follow-up. */
export async function demoSeizureIds(orm: MikroORM): Promise<string[]> {
  const seizures = await orm.em.fork().find(Seizure, { port: { unlocode: { $in: ['BEANR', 'NLRTM', 'FRLEH'] } } }, { orderBy: { seizedOn: 'desc' }, limit: 6, fields: ['id'] });
  return seizures.map((s) => s.id);
}

/**
 * The latest alerts addressed to each customs agency serving the demo unit's ports and discharged at one of them,
 * each with that agency, so that the unit follows them up for it, with a national status that matches the alert's. Deterministic as the demo data is (ties broken by
 * container number, agencies by code).
 */
export async function demoAddressedAlerts(orm: MikroORM): Promise<AddressedAlert[]> {
  const em = orm.em.fork();
  const ports = [...DEMO_PORTS];
  const agencies = await em.find(Agency, { kind: AgencyKind.CUSTOMS, ports: { unlocode: { $in: ports } } }, { orderBy: { code: 'asc' }, fields: ['id'] });
  const addressed: AddressedAlert[] = [];
  for (const agency of agencies) {
    const alerts = await em.find(TargetingAlert, { addressedAgencies: { $some: { id: agency.id } }, portOfDischarge: { unlocode: { $in: ports } } },
      { orderBy: { createdAt: 'desc', containerNumber: 'asc' }, limit: FOLLOWED_UP_ALERTS, fields: ['id', 'createdAt', 'state', 'controlOutcome', 'controlResult', 'expectedArrival'] });
    for (const alert of alerts) {
      addressed.push({
        alertId: alert.id, agencyId: agency.id, raisedOn: alert.createdAt.toISOString().slice(0, 10), status: nationalStatus(alert),
        expectedOn: alert.expectedArrival.toISOString().slice(0, 10),
      });
    }
  }
  return addressed;
}
