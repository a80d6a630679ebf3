// Record, correct and withdraw: every lookup that can refuse the input runs before the transaction, and the
// transaction writes everything or nothing.
import type { EntityManager } from '@mikro-orm/postgresql';
import { actingAgencyId } from '../../../auth/viewer.js';
import type { HubContext } from '../../context.js';
import { badInput, conflict } from '../../common/errors.js';
import { idempotent, inTransaction, loadForUpdate, requireOwnAgency, setGiven } from '../../common/mutations.js';
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

/** References are unique; say so plainly instead of surfacing the constraint (which remains the backstop). */
async function ensureReferenceFree(ctx: HubContext, reference: string | null | undefined, exceptId?: string): Promise<void> {
  if (reference == null) return;
  const taken = await ctx.em.count(Seizure, { reference, ...(exceptId ? { id: { $ne: exceptId } } : {}) });
  if (taken) throw conflict(`A seizure with reference ${reference} already exists`);
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
      await ensureReferenceFree(ctx, input.reference);
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
        await em.persist(seizure).flush();
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
    await ensureReferenceFree(ctx, input.reference, input.id);
    return inTransaction(ctx, async (em) => {
      const seizure = await loadForUpdate(em, Seizure, input.id, input.version, visibleSeizures(ctx.viewer), (record) => requireOwnAgency(ctx, record, 'seizure report'));
      if (seizure.withdrawnAt) throw conflict(`Seizure ${input.id} was withdrawn and can no longer be corrected`);
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
      await em.flush();
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
