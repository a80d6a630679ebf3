// releaseRecord: the originating agency widens who sees one of its AMBER+STRICT or RED records (README, "Releasing
// a record"). One transaction: the record's new label and version, the grants, the audit row and the idempotency key.
import { Collection, type EntityManager } from '@mikro-orm/postgresql';
import { hasRole } from '../../../auth/audience.js';
import { actingAgencyId } from '../../../auth/viewer.js';
import type { HubContext } from '../../context.js';
import type { ClassifiedRecord } from '../../common/classified.entity.js';
import { Tlp } from '../../common/enums.js';
import { badInput, forbidden, notFound, type FieldProblem } from '../../common/errors.js';
import { idempotent, inTransaction, loadForUpdate } from '../../common/mutations.js';
import { executeRaw } from '../../common/sql.js';
import { isUuid } from '../../../ids.js';
import { lowerReleaseFloor } from '../../policy/release-floor.js';
import { isLowerThan, RECORD_RELEASE_TABLE } from '../../policy/tlp.js';
import { type Agency, AgencyKind, agencyService } from '../agency/index.js';
import { classifiedType, type ClassifiedType } from './release.registry.js';
import type { ReleaseRecordInput } from './release.inputs.js';

/** The labels a release acts on: the ones whose audience the originating agency chooses. */
const RELEASABLE = new Set<Tlp>([Tlp.AMBER_STRICT, Tlp.RED]);

/** Checks of the input alone, before anything is read. */
function requireSomethingToRelease(input: ReleaseRecordInput): void {
  const problems: FieldProblem[] = [];
  if (!input.addAgencyIds.length && input.lowerTlpTo == null) problems.push({ field: 'input', message: 'name agencies to add (addAgencyIds) or a label to lower to (lowerTlpTo)' });
  // CLEAR is publication to anyone, signed in or not, beyond the alliance: not something a release does.
  if (input.lowerTlpTo === Tlp.CLEAR) problems.push({ field: 'input.lowerTlpTo', message: 'a release shares within the alliance: GREEN at the widest, never CLEAR (the public)' });
  if (problems.length) throw badInput(problems);
}

/** Checks of the input against the record type: a label the type never carries, an agency that could never see it. */
function requireFitForType(kind: ClassifiedType, input: ReleaseRecordInput, agencies: readonly Agency[]): void {
  const problems: FieldProblem[] = [];
  const refusal = input.lowerTlpTo != null ? kind.refusedLabels[input.lowerTlpTo] : undefined;
  if (refusal) problems.push({ field: 'input.lowerTlpTo', message: refusal });
  if (kind.audience === 'lawEnforcement') {
    agencies.forEach((agency, i) => {
      if (agency.kind === AgencyKind.PRIVATE_OPERATOR) {
        problems.push({ field: `input.addAgencyIds[${i}]`, message: `${agency.code} is a private operator, and a ${kind.type} is for law enforcement only: it could never see it` });
      }
    });
  }
  if (problems.length) throw badInput(problems);
}

/** Checks against the record, once the viewer is known to be of its originating agency. */
function requireWidening(record: ClassifiedRecord, input: ReleaseRecordInput): void {
  if (!RELEASABLE.has(record.tlp)) {
    throw badInput({ field: 'input.id', message: `only AMBER+STRICT and RED records are released; this one is ${record.tlp}, which its audience already sees` });
  }
  if (input.lowerTlpTo != null && !isLowerThan(input.lowerTlpTo, record.tlp)) {
    throw badInput({ field: 'input.lowerTlpTo', message: `must be lower than the record's label ${record.tlp}: a release never raises a label` });
  }
}

/** The agencies a RED record names besides its originating agency, read from the relations the registry lists. */
async function namedAgencyIds(em: EntityManager, kind: ClassifiedType, record: ClassifiedRecord): Promise<string[]> {
  if (!kind.namedAgencies.length) return [];
  await em.populate(record, kind.namedAgencies as never);
  return kind.namedAgencies.flatMap((relation) => {
    const value = (record as unknown as Record<string, unknown>)[relation];
    if (value instanceof Collection) return (value.getItems() as { id: string }[]).map((a) => a.id);
    return value && typeof value === 'object' && 'id' in value ? [(value as { id: string }).id] : [];
  });
}

/** Inserts the grants that are not there yet; returns the agencies newly granted. */
async function grant(em: EntityManager, ctx: HubContext, kind: ClassifiedType, recordId: string, agencyIds: readonly string[]): Promise<string[]> {
  if (!agencyIds.length) return [];
  const rows = await executeRaw<{ agency_id: string }[]>(
    em,
    `insert into "${RECORD_RELEASE_TABLE}" ("record_id", "agency_id", "record_type", "released_by", "released_at")
     select ?, a, ?, ?, now() from unnest(?::uuid[]) a
     on conflict ("record_id", "agency_id") do nothing returning "agency_id"`,
    [recordId, kind.type, ctx.viewer.subject, `{${agencyIds.join(',')}}`],
  );
  return rows.map((r) => r.agency_id);
}

export const releaseMutations = {
  async release(ctx: HubContext, input: ReleaseRecordInput): Promise<ClassifiedRecord> {
    const agencyId = actingAgencyId(ctx.viewer);
    const kind = classifiedType(input.recordType);
    requireSomethingToRelease(input);
    const replay = (id: string) => releaseMutations.get(ctx, kind, id);
    return idempotent(ctx, { operation: 'releaseRecord', key: input.idempotencyKey, input, replay }, async (key) => {
      const agencies = await agencyService.requireByIds(ctx, input.addAgencyIds, 'input.addAgencyIds');
      // Before the record is read: the answer depends on the type and the agencies alone, never on the record.
      requireFitForType(kind, input, agencies);
      return inTransaction(ctx, async (em) => {
        // Only the originating agency's own records: any other id, seen or hidden, reads like one that does not exist.
        const scope = { $and: [kind.visible(ctx.viewer), { originAgency: agencyId }] };
        const record = await loadForUpdate(em, kind.entity, input.id, input.version, scope as never, () => {
          if (!kind.releasers.some((role) => hasRole(ctx.viewer, role))) {
            throw forbidden(`Only members of the originating agency holding ${kind.releasers.join(' or ')} may release this ${kind.type}`);
          }
        });
        requireWidening(record, input);
        const from = record.tlp;
        // Lowering a RED record keeps every agency it names: a grant each, so the lower label hides it from none.
        const kept = input.lowerTlpTo != null && from === Tlp.RED ? await namedAgencyIds(em, kind, record) : [];
        const wanted = [...new Set([...agencies.map((a) => a.id), ...kept])].filter((id) => id !== agencyId);
        const added = await grant(em, ctx, kind, record.id, wanted);
        if (input.lowerTlpTo != null) {
          record.tlp = input.lowerTlpTo;
          // In the same UPDATE as the label: corrections never raise it above this again (policy/release-floor.ts).
          record.releaseFloor = lowerReleaseFloor(record.releaseFloor, input.lowerTlpTo);
        }
        if (added.length || record.tlp !== from) {
          record.updatedAt = new Date(); // a new version even when only grants were added
          await em.flush(); // the UPDATE checks the version: a change since the read is CONFLICT
        }
        ctx.audit.describeChange({
          recordType: kind.type,
          tlpFrom: from,
          tlpTo: record.tlp,
          releasedTo: added.sort().join(','),
        });
        return record;
      }, key);
    });
  },

  /** A record of the type, as the viewer may see it now (an idempotent retry's answer). */
  async get(ctx: HubContext, kind: ClassifiedType, id: string): Promise<ClassifiedRecord> {
    const record = isUuid(id) ? await ctx.em.findOne(kind.entity, { $and: [kind.visible(ctx.viewer), { id }] } as never) : null;
    if (!record) throw notFound(kind.type, id);
    return record;
  },
};
