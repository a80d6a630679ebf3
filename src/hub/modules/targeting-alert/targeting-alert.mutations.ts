// The loop: raise (a customs or police referent or officer), acknowledge (an addressed agency takes the alert on),
// record the control outcome (the agency that acknowledged it; closes the alert). Lookups that can refuse the input
// run before the transaction; the transaction writes everything or nothing, with its audit row.
import type { EntityManager } from '@mikro-orm/postgresql';
import { actingAgencyId } from '../../../auth/viewer.js';
import type { HubContext } from '../../context.js';
import { Tlp } from '../../common/enums.js';
import { badInput, conflict, forbidden, type FieldProblem } from '../../common/errors.js';
import { idempotent, inTransaction, loadForUpdate } from '../../common/mutations.js';
import { Agency, AgencyKind, agencyService } from '../agency/index.js';
import { Port, portService } from '../port/index.js';
import { RiskIndicator, riskIndicatorService } from '../risk-indicator/index.js';
import { Seizure } from '../seizure/index.js';
import { CONTROLLING_KINDS, ControlOutcome, ControlResult, TargetingAlert, TargetingAlertStatus } from './targeting-alert.entity.js';
import { MAX_ADDRESSED_AGENCIES, type AcknowledgeTargetingAlertInput, type RaiseTargetingAlertInput, type RecordControlOutcomeInput } from './targeting-alert.inputs.js';
import { targetingAlertService } from './targeting-alert.service.js';
import { statusOf } from './targeting-alert.status.js';
import { visibleTargetingAlerts } from './targeting-alert.visibility.js';

const MAX_ARRIVAL_AHEAD_MS = 366 * 24 * 3_600_000;

function requireControllingAgency(ctx: HubContext): void {
  if (!ctx.viewer.agencyKind || !CONTROLLING_KINDS.includes(ctx.viewer.agencyKind as AgencyKind)) {
    throw forbidden('Only customs or police agencies raise targeting alerts');
  }
}

/** Checks of the input alone: label, distinct route ports, an arrival the loop can still act on. */
function requireSoundInput(ctx: HubContext, input: RaiseTargetingAlertInput): void {
  const problems: FieldProblem[] = [];
  if (input.tlp === Tlp.CLEAR) problems.push({ field: 'input.tlp', message: 'targeting alerts are never TLP:CLEAR' });
  if (input.tlp === Tlp.AMBER_STRICT) {
    problems.push({ field: 'input.tlp', message: 'TLP:AMBER+STRICT keeps a record to your own agency, so the addressed agencies could not read the alert; use TLP:RED to keep it to them and you' });
  }
  const route = [input.portOfLoading, ...input.transshipmentPorts, input.portOfDischarge];
  if (new Set(route).size !== route.length) problems.push({ field: 'input.transshipmentPorts', message: 'the ports of loading, transshipment and discharge must all differ' });
  const { expiredBefore, now } = ctx.loaders.targetingAlert.clock;
  if (input.expectedArrival < expiredBefore) {
    problems.push({ field: 'input.expectedArrival', message: `is more than ${ctx.settings.targetingAlertExpiryHours} hours ago: the alert would be expired at once` });
  } else if (input.expectedArrival.getTime() > now.getTime() + MAX_ARRIVAL_AHEAD_MS) {
    problems.push({ field: 'input.expectedArrival', message: 'must be within a year from now' });
  }
  if (problems.length) throw badInput(problems);
}

/** The addressed agencies given (each a customs or police agency), or by default those serving the ports ahead. */
async function addressees(ctx: HubContext, input: RaiseTargetingAlertInput, portsAhead: Port[], originId: string): Promise<string[]> {
  if (input.addressedAgencies?.length) {
    const agencies = await agencyService.requireByIds(ctx, input.addressedAgencies, 'input.addressedAgencies');
    const problems = agencies.flatMap((a, i) => (CONTROLLING_KINDS.includes(a.kind) ? [] : [{ field: `input.addressedAgencies[${i}]`, message: `${a.code} is not a customs or police agency` }]));
    if (problems.length) throw badInput(problems);
    return agencies.map((a) => a.id);
  }
  const serving = await ctx.em.find(Agency, {
    kind: { $in: [...CONTROLLING_KINDS] },
    id: { $ne: originId },
    ports: { $some: { id: { $in: portsAhead.map((p) => p.id) } } },
  }, { orderBy: { name: 'asc', id: 'asc' }, limit: MAX_ADDRESSED_AGENCIES + 1, fields: ['id'] });
  if (!serving.length) throw badInput({ field: 'input.addressedAgencies', message: 'no other customs or police agency serves the transshipment ports or the port of discharge: name the agencies to warn' });
  if (serving.length > MAX_ADDRESSED_AGENCIES) throw badInput({ field: 'input.addressedAgencies', message: `more than ${MAX_ADDRESSED_AGENCIES} agencies serve the ports ahead: name the agencies to warn` });
  return serving.map((a) => a.id);
}

/** An alert the viewer may see, for a change by an agency it is addressed to (others: FORBIDDEN, nothing more said). */
async function loadAddressed(ctx: HubContext, em: EntityManager, id: string, version: number, what: string): Promise<TargetingAlert> {
  return loadForUpdate(em, TargetingAlert, id, version, visibleTargetingAlerts(ctx.viewer), async (alert) => {
    const addressed = await em.count(TargetingAlert, { id: alert.id, addressedAgencies: { $some: { id: ctx.viewer.agencyId! } } });
    if (!addressed) throw forbidden(`Only an agency the alert is addressed to may ${what}`);
  });
}

function requireStatus(ctx: HubContext, alert: TargetingAlert, expected: TargetingAlertStatus, action: string): void {
  const status = statusOf(alert, ctx.loaders.targetingAlert.clock);
  if (status === expected) return;
  const why: Record<TargetingAlertStatus, string> = {
    OPEN: 'it has not been acknowledged yet: acknowledge it first',
    ACKNOWLEDGED: 'it was already acknowledged',
    CLOSED: 'it is closed: its outcome was recorded',
    EXPIRED: 'it expired (its expected arrival is long past)',
  };
  throw conflict(`Cannot ${action} targeting alert ${alert.id}: ${why[status]}`);
}

/** The outcome's fields must fit the outcome: a result (and for SEIZURE a seizure) when controlled, a reason when not. */
function requireCoherentOutcome(ctx: HubContext, input: RecordControlOutcomeInput, raisedAt?: Date): FieldProblem[] {
  const problems: FieldProblem[] = [];
  const controlled = input.outcome === ControlOutcome.CONTROLLED;
  if (controlled && !input.result) problems.push({ field: 'input.result', message: 'is required when the outcome is CONTROLLED' });
  if (controlled && input.reason) problems.push({ field: 'input.reason', message: 'is only for NOT_CONTROLLED' });
  if (!controlled && !input.reason) problems.push({ field: 'input.reason', message: 'is required when the outcome is NOT_CONTROLLED' });
  if (!controlled && input.result) problems.push({ field: 'input.result', message: 'is only for CONTROLLED' });
  if (input.result === ControlResult.SEIZURE && !input.seizureId) problems.push({ field: 'input.seizureId', message: 'is required when the result is SEIZURE' });
  if (input.seizureId && input.result !== ControlResult.SEIZURE) problems.push({ field: 'input.seizureId', message: 'is only for the result SEIZURE' });
  if (input.controlledAt && input.controlledAt > ctx.loaders.targetingAlert.clock.now) problems.push({ field: 'input.controlledAt', message: 'must not be in the future' });
  if (input.controlledAt && raisedAt && input.controlledAt < raisedAt) problems.push({ field: 'input.controlledAt', message: 'must not be before the alert was raised' });
  return problems;
}

export const targetingAlertMutations = {
  /** A retry with the same idempotency key gets the alert the first request raised. */
  async raise(ctx: HubContext, input: RaiseTargetingAlertInput): Promise<TargetingAlert> {
    const originId = actingAgencyId(ctx.viewer);
    requireControllingAgency(ctx);
    const replay = (id: string) => targetingAlertService.get(ctx, id);
    return idempotent(ctx, { operation: 'raiseTargetingAlert', key: input.idempotencyKey, input, replay }, async (key) => {
      requireSoundInput(ctx, input);
      const [loading, transshipments, discharge, indicators] = await Promise.all([
        portService.requireByUnlocode(ctx, input.portOfLoading, 'input.portOfLoading'),
        portService.requireByUnlocodes(ctx, input.transshipmentPorts, 'input.transshipmentPorts'),
        portService.requireByUnlocode(ctx, input.portOfDischarge, 'input.portOfDischarge'),
        riskIndicatorService.requireByCodes(ctx, input.riskIndicators, 'input.riskIndicators'),
      ]);
      const addressed = await addressees(ctx, input, [...transshipments, discharge], originId);
      return inTransaction(ctx, async (em) => {
        const port = (p: Port) => em.getReference(Port, p.id);
        const alert = new TargetingAlert({
          containerNumber: input.containerNumber,
          vesselImo: input.vesselImo,
          voyage: input.voyage,
          billOfLading: input.billOfLading,
          portOfLoading: port(loading),
          portOfDischarge: port(discharge),
          expectedArrival: input.expectedArrival,
          narrative: input.narrative,
          tlp: input.tlp,
          originAgency: em.getReference(Agency, originId),
        });
        alert.transshipmentPorts.set(transshipments.map(port));
        alert.routePorts.set([loading, ...transshipments, discharge].map(port));
        alert.riskIndicators.set(indicators.map((i) => em.getReference(RiskIndicator, i.id)));
        alert.addressedAgencies.set(addressed.map((id) => em.getReference(Agency, id)));
        await em.persist(alert).flush();
        return alert;
      }, key);
    });
  },

  /** The first addressed agency to acknowledge takes the alert on: it alone records the outcome. */
  async acknowledge(ctx: HubContext, input: AcknowledgeTargetingAlertInput): Promise<TargetingAlert> {
    const agencyId = actingAgencyId(ctx.viewer);
    return inTransaction(ctx, async (em) => {
      const alert = await loadAddressed(ctx, em, input.id, input.version, 'acknowledge it');
      requireStatus(ctx, alert, TargetingAlertStatus.OPEN, 'acknowledge');
      alert.state = TargetingAlertStatus.ACKNOWLEDGED;
      alert.acknowledgedAt = ctx.loaders.targetingAlert.clock.now;
      alert.acknowledgingAgency = em.getReference(Agency, agencyId);
      await em.flush(); // the UPDATE checks the version too: a concurrent acknowledgement is CONFLICT
      return alert;
    });
  },

  async recordOutcome(ctx: HubContext, input: RecordControlOutcomeInput): Promise<TargetingAlert> {
    const agencyId = actingAgencyId(ctx.viewer);
    const shape = requireCoherentOutcome(ctx, input);
    if (shape.length) throw badInput(shape);
    // A seizure the viewer may not see reads exactly as one that does not exist.
    const seizure = input.seizureId ? await ctx.loaders.seizure.byId.load(input.seizureId) : null;
    if (input.seizureId && !seizure) throw badInput({ field: 'input.seizureId', message: `no seizure with id ${input.seizureId}` });
    return inTransaction(ctx, async (em) => {
      const alert = await loadAddressed(ctx, em, input.id, input.version, 'record its control outcome');
      requireStatus(ctx, alert, TargetingAlertStatus.ACKNOWLEDGED, 'record the outcome of');
      if (alert.acknowledgingAgency?.id !== agencyId) throw forbidden('Only the agency that acknowledged the alert records its control outcome');
      const timing = requireCoherentOutcome(ctx, input, alert.createdAt);
      if (timing.length) throw badInput(timing);
      alert.state = TargetingAlertStatus.CLOSED;
      alert.controlOutcome = input.outcome;
      alert.controlResult = input.result ?? null;
      alert.notControlledReason = input.reason ?? null;
      alert.seizure = seizure ? em.getReference(Seizure, seizure.id) : null;
      alert.controlledAt = input.controlledAt ?? ctx.loaders.targetingAlert.clock.now;
      alert.outcomeRemarks = input.remarks ?? null;
      await em.flush();
      return alert;
    });
  },
};
