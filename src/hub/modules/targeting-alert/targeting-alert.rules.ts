import { Role } from '../../../auth/viewer.js';
import { connectionPolicy, LAW_ENFORCEMENT, PUBLIC, roles, sameAccess, type FieldPolicy } from '../../policy/field-policy.js';

// Alerts are operational through and through: every field is law enforcement only, and the rows are filtered so in
// SQL too (targeting-alert.visibility.ts: private partners never get an alert, at any label). Lists are PUBLIC as
// fields: outside law enforcement they are empty. Who may acknowledge and record an outcome (an addressed agency, the
// acknowledging one) is the service's check.
const fields = [
  'id', 'containerNumber', 'vesselImo', 'voyage', 'billOfLading', 'portOfLoading', 'transshipmentPorts', 'portOfDischarge',
  'expectedArrival', 'riskIndicators', 'narrative', 'tlp', 'addressedAgencies', 'raisingAgency', 'status', 'acknowledgedAt',
  'acknowledgingAgency', 'controlOutcome', 'controlResult', 'notControlledReason', 'controlledAt', 'outcomeRemarks', 'seizure', 'handlingCode',
  'createdAt', 'updatedAt', 'version',
] as const;
const person = roles(Role.OFFICER, Role.REFERENT);

export const targetingAlertPolicy: FieldPolicy = {
  // Statistics count only the alerts the viewer may see, under disclosure control outside law enforcement.
  Query: { targetingAlert: PUBLIC, targetingAlerts: PUBLIC, targetingStatistics: PUBLIC },
  TargetingStatistics: sameAccess(['buckets', 'suppressedBuckets', 'hasMoreBuckets'], PUBLIC),
  TargetingBucket: sameAccess(['riskIndicator', 'portOfLoading', 'alerts', 'controlled', 'seizures', 'hitRate', 'medianHoursToControl'], PUBLIC),
  Mutation: { raiseTargetingAlert: person, acknowledgeTargetingAlert: person, recordControlOutcome: person },
  TargetingAlert: sameAccess(fields, LAW_ENFORCEMENT),
  Port: { targetingAlerts: PUBLIC },
  Seizure: { alert: LAW_ENFORCEMENT },
  ...connectionPolicy('TargetingAlert'),
};
