// Record, correct and withdraw: every lookup that can refuse the input runs before the transaction, and the
// transaction writes everything or nothing.
import type { EntityManager } from '@mikro-orm/postgresql';
import { actingAgencyId } from '../../../auth/viewer.js';
import type { HubContext } from '../../context.js';
import { badInput, conflict } from '../../common/errors.js';
import { idempotent, inTransaction, loadForUpdate, requireOwnAgency } from '../../common/mutations.js';
import { Agency } from '../agency/index.js';
import { Port, portService } from '../port/index.js';
import { Seizure } from './seizure.entity.js';
import { visibleSeizures } from './seizure.visibility.js';
import type { CorrectSeizureInput, RecordSeizureInput, WithdrawSeizureInput } from './seizure.inputs.js';

/** Columns copied as given; relations are set separately from looked-up ports. */
const PLAIN_FIELDS = ['reference', 'seizedOn', 'drugType', 'quantity', 'unit', 'detectionMethod', 'tlp',
  'concealment', 'containerNumber', 'vesselName', 'riskIndicators', 'handlingCode'] as const;

/** Required on a seizure: a correction may leave them out but not clear them. */
const REQUIRED_FIELDS = ['reference', 'seizedOn', 'port', 'drugType', 'quantity', 'unit', 'detectionMethod', 'tlp'] as const;

type SeizureChanges = Partial<RecordSeizureInput>;

/** Ports named in the input: undefined when not given, null when cleared. */
interface NamedPorts {
  port?: Port;
  originPort?: Port | null;
  destinationPort?: Port | null;
  transitPorts?: Port[];
}

async function lookUpPorts(ctx: HubContext, input: SeizureChanges): Promise<NamedPorts> {
  const one = async (code: string | null | undefined, field: string) =>
    code == null ? code : portService.requireByUnlocode(ctx, code, `input.${field}`);
  const [port, originPort, destinationPort, transitPorts] = await Promise.all([
    one(input.port, 'port'),
    one(input.originPort, 'originPort'),
    one(input.destinationPort, 'destinationPort'),
    input.transitPorts == null ? input.transitPorts : portService.requireByUnlocodes(ctx, input.transitPorts, 'input.transitPorts'),
  ]);
  return { port: port ?? undefined, originPort, destinationPort, transitPorts: transitPorts === null ? [] : transitPorts };
}

/** References are unique; say so plainly instead of surfacing the constraint (which remains the backstop). */
async function ensureReferenceFree(ctx: HubContext, reference: string | null | undefined, exceptId?: string): Promise<void> {
  if (reference == null) return;
  const taken = await ctx.em.count(Seizure, { reference, ...(exceptId ? { id: { $ne: exceptId } } : {}) });
  if (taken) throw conflict(`A seizure with reference ${reference} already exists`);
}

/** Applies the given fields and ports (only those given) to a managed seizure. */
async function apply(em: EntityManager, seizure: Seizure, changes: SeizureChanges, ports: NamedPorts): Promise<void> {
  const target = seizure as unknown as Record<string, unknown>;
  for (const field of PLAIN_FIELDS) {
    const value = changes[field];
    if (value === undefined) continue;
    target[field] = field === 'riskIndicators' ? (value ?? []) : value;
  }
  const ref = (port: Port | null | undefined) => (port ? em.getReference(Port, port.id) : null);
  if (ports.port) seizure.port = ref(ports.port)!;
  if (ports.originPort !== undefined) seizure.originPort = ref(ports.originPort);
  if (ports.destinationPort !== undefined) seizure.destinationPort = ref(ports.destinationPort);
  if (ports.transitPorts !== undefined) {
    if (!seizure.transitPorts.isInitialized()) await seizure.transitPorts.init();
    seizure.transitPorts.set(ports.transitPorts.map((p) => ref(p)!));
  }
}

/** `replay`: the seizure a retried request (same idempotency key) gets back, as the viewer may see it now. */
export async function recordSeizure(ctx: HubContext, input: RecordSeizureInput, replay: (id: string) => Promise<Seizure>): Promise<Seizure> {
  const originAgencyId = actingAgencyId(ctx.viewer);
  return idempotent(ctx, { operation: 'recordSeizure', key: input.idempotencyKey, input, replay }, async (key) => {
    const ports = await lookUpPorts(ctx, input);
    await ensureReferenceFree(ctx, input.reference);
    return inTransaction(ctx, async (em) => {
      const seizure = new Seizure();
      seizure.originAgency = em.getReference(Agency, originAgencyId);
      await apply(em, seizure, { riskIndicators: [], ...input }, ports);
      await em.persist(seizure).flush();
      return seizure;
    }, key);
  });
}

export async function correctSeizure(ctx: HubContext, input: CorrectSeizureInput): Promise<Seizure> {
  actingAgencyId(ctx.viewer);
  const cleared = REQUIRED_FIELDS.filter((field) => input[field] === null);
  if (cleared.length) throw badInput(cleared.map((field) => ({ field: `input.${field}`, message: 'is required: give a value or leave it out' })));
  const { id, version, ...given } = input;
  const changes = given as SeizureChanges;
  const ports = await lookUpPorts(ctx, changes);
  await ensureReferenceFree(ctx, changes.reference, id);
  return inTransaction(ctx, async (em) => {
    const seizure = await loadForUpdate(em, Seizure, id, version, visibleSeizures(ctx.viewer), (record) => requireOwnAgency(ctx, record, 'seizure report'));
    if (seizure.withdrawnAt) throw conflict(`Seizure ${id} was withdrawn and can no longer be corrected`);
    await apply(em, seizure, changes, ports);
    // Every accepted correction is a new version, also when only the transit ports (a pivot) changed.
    seizure.updatedAt = new Date();
    await em.flush();
    return seizure;
  });
}

export async function withdrawSeizure(ctx: HubContext, input: WithdrawSeizureInput): Promise<Seizure> {
  actingAgencyId(ctx.viewer);
  return inTransaction(ctx, async (em) => {
    const seizure = await loadForUpdate(em, Seizure, input.id, input.version, visibleSeizures(ctx.viewer), (record) => requireOwnAgency(ctx, record, 'seizure report'));
    if (seizure.withdrawnAt) throw conflict(`Seizure ${input.id} was already withdrawn`);
    seizure.withdrawnAt = new Date();
    seizure.withdrawalReason = input.reason;
    await em.flush();
    return seizure;
  });
}
