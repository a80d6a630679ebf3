// Record, correct and withdraw: every lookup that can refuse the input runs before the transaction (a correction's
// reference is checked in it, once the seizure is known to be the acting agency's), and the transaction writes
// everything or nothing.
import { UniqueConstraintViolationException } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import { actingAgencyId } from '../../../auth/viewer.js';
import type { HubContext } from '../../context.js';
import { badInput, conflict } from '../../common/errors.js';
import { idempotent, inTransaction, loadForUpdate, requireOwnAgency, setGiven } from '../../common/mutations.js';
import { requireWithinReleaseFloor } from '../../policy/release-floor.js';
import { Agency } from '../agency/index.js';
import { Port, portService } from '../port/index.js';
import { Seizure } from './seizure.entity.js';
import { seizureService } from './seizure.service.js';
import { visibleSeizures } from './seizure.visibility.js';
import type { CorrectSeizureInput, RecordSeizureInput, WithdrawSeizureInput } from './seizure.inputs.js';

/** Required on a seizure: a correction may leave them out but not clear them. */
const REQUIRED_FIELDS = ['reference', 'seizedOn', 'port', 'drugType', 'quantity', 'unit', 'detectionMethod', 'tlp'] as const;

/** The route ports an input names: undefined when not given, null (transit ports: []) when cleared. */
interface RoutePorts {
  originPort?: Port | null;
  destinationPort?: Port | null;
  transitPorts?: Port[];
}

/** The seizure's own port when the input names one; null when it clears it (a correction refuses that first). */
function lookUpPort(ctx: HubContext, code: string | null | undefined): Promise<Port | null | undefined> {
  return code == null ? Promise.resolve(code) : portService.requireByUnlocode(ctx, code, 'input.port');
}

async function lookUpRoute(ctx: HubContext, input: RecordSeizureInput | CorrectSeizureInput): Promise<RoutePorts> {
  const one = async (code: string | null | undefined, field: string) =>
    code == null ? code : portService.requireByUnlocode(ctx, code, `input.${field}`);
  const [originPort, destinationPort, transitPorts] = await Promise.all([
    one(input.originPort, 'originPort'),
    one(input.destinationPort, 'destinationPort'),
    input.transitPorts == null ? input.transitPorts : portService.requireByUnlocodes(ctx, input.transitPorts, 'input.transitPorts'),
  ]);
  return { originPort, destinationPort, transitPorts: transitPorts === null ? [] : transitPorts };
}

const referenceTaken = (reference: string) => conflict(`Your agency already reported a seizure with reference ${reference}`);

/**
 * References are unique per reporting agency: say so plainly instead of surfacing the constraint. Only the acting
 * agency's own reports are counted, and its officers see every one of them (AMBER+STRICT and RED name the reporting
 * agency), so a reference held by a report the viewer may not see, i.e. another agency's, never changes the answer.
 */
async function ensureReferenceFree(em: EntityManager, agencyId: string, reference: string | null | undefined, exceptId?: string): Promise<void> {
  if (reference == null) return;
  const taken = await em.count(Seizure, { originAgency: agencyId, reference, ...(exceptId ? { id: { $ne: exceptId } } : {}) });
  if (taken) throw referenceTaken(reference);
}

/** The database's unique key (origin agency, reference) is the backstop for a concurrent report: the same answer as the check. */
async function flushUniqueReference(em: EntityManager, reference: string): Promise<void> {
  try {
    await em.flush();
  } catch (error) {
    if (error instanceof UniqueConstraintViolationException) throw referenceTaken(reference);
    throw error;
  }
}

/** Sets the route ports that are given (only those) on a managed seizure. */
async function setRoute(em: EntityManager, seizure: Seizure, route: RoutePorts): Promise<void> {
  const ref = (port: Port) => em.getReference(Port, port.id);
  if (route.originPort !== undefined) seizure.originPort = route.originPort && ref(route.originPort);
  if (route.destinationPort !== undefined) seizure.destinationPort = route.destinationPort && ref(route.destinationPort);
  if (route.transitPorts !== undefined) {
    if (!seizure.transitPorts.isInitialized()) await seizure.transitPorts.init();
    seizure.transitPorts.set(route.transitPorts.map(ref));
  }
}

export const seizureMutations = {
  /** A seizure reported by the acting agency; a retry with the same idempotency key gets the first one, as the viewer may see it now. */
  async record(ctx: HubContext, input: RecordSeizureInput): Promise<Seizure> {
    const originAgencyId = actingAgencyId(ctx.viewer);
    const replay = (id: string) => seizureService.get(ctx, id);
    return idempotent(ctx, { operation: 'recordSeizure', key: input.idempotencyKey, input, replay }, async (key) => {
      const [port, route] = await Promise.all([portService.requireByUnlocode(ctx, input.port, 'input.port'), lookUpRoute(ctx, input)]);
      await ensureReferenceFree(ctx.em, originAgencyId, input.reference);
      return inTransaction(ctx, async (em) => {
        const seizure = new Seizure({
          reference: input.reference,
          seizedOn: input.seizedOn,
          port: em.getReference(Port, port.id),
          drugType: input.drugType,
          quantity: input.quantity,
          unit: input.unit,
          detectionMethod: input.detectionMethod,
          tlp: input.tlp,
          originAgency: em.getReference(Agency, originAgencyId),
          concealment: input.concealment,
          containerNumber: input.containerNumber,
          vesselName: input.vesselName,
          riskIndicators: input.riskIndicators ?? [],
          handlingCode: input.handlingCode,
        });
        await setRoute(em, seizure, route);
        em.persist(seizure);
        await flushUniqueReference(em, input.reference);
        return seizure;
      }, key);
    });
  },

  /** Changes the given fields (null clears an optional one). Only the reporting agency corrects its reports. */
  async correct(ctx: HubContext, input: CorrectSeizureInput): Promise<Seizure> {
    actingAgencyId(ctx.viewer);
    const cleared = REQUIRED_FIELDS.filter((field) => input[field] === null);
    if (cleared.length) throw badInput(cleared.map((field) => ({ field: `input.${field}`, message: 'is required: give a value or leave it out' })));
    const [port, route] = await Promise.all([lookUpPort(ctx, input.port), lookUpRoute(ctx, input)]);
    return inTransaction(ctx, async (em) => {
      const seizure = await loadForUpdate(em, Seizure, input.id, input.version, visibleSeizures(ctx.viewer), (record) => requireOwnAgency(ctx, record, 'seizure report'));
      if (seizure.withdrawnAt) throw conflict(`Seizure ${input.id} was withdrawn and can no longer be corrected`);
      requireWithinReleaseFloor(seizure, input.tlp); // nothing released is taken back by a higher label
      // After the ownership check: the seizure is the acting agency's, and so is the scope of its reference.
      await ensureReferenceFree(em, seizure.originAgency.id, input.reference, seizure.id);
      // A required field is never null here (refused above); `?? undefined` tells the compiler so.
      setGiven(seizure, {
        reference: input.reference ?? undefined,
        seizedOn: input.seizedOn ?? undefined,
        drugType: input.drugType ?? undefined,
        quantity: input.quantity ?? undefined,
        unit: input.unit ?? undefined,
        detectionMethod: input.detectionMethod ?? undefined,
        tlp: input.tlp ?? undefined,
        concealment: input.concealment,
        containerNumber: input.containerNumber,
        vesselName: input.vesselName,
        riskIndicators: input.riskIndicators === null ? [] : input.riskIndicators,
        handlingCode: input.handlingCode,
        port: port ? em.getReference(Port, port.id) : undefined,
      });
      await setRoute(em, seizure, route);
      // Every accepted correction is a new version, also when only the transit ports (a pivot) changed.
      seizure.updatedAt = new Date();
      await flushUniqueReference(em, seizure.reference);
      return seizure;
    });
  },

  /** Withdraws a report, once; it stays readable. Only the reporting agency withdraws its reports. */
  async withdraw(ctx: HubContext, input: WithdrawSeizureInput): Promise<Seizure> {
    actingAgencyId(ctx.viewer);
    return inTransaction(ctx, async (em) => {
      const seizure = await loadForUpdate(em, Seizure, input.id, input.version, visibleSeizures(ctx.viewer), (record) => requireOwnAgency(ctx, record, 'seizure report'));
      if (seizure.withdrawnAt) throw conflict(`Seizure ${input.id} was already withdrawn`);
      seizure.withdrawnAt = new Date();
      seizure.withdrawalReason = input.reason;
      await em.flush();
      return seizure;
    });
  },
};
