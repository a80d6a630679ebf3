// Writes: open an investigation, change its status, link seizures to it. One transaction each.
import { UniqueConstraintViolationException } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import { actingAgencyId } from '../../../auth/viewer.js';
import type { HubContext } from '../../context.js';
import { badInput, conflict, forbidden } from '../../common/errors.js';
import { isUuid } from '../../../ids.js';
import { idempotent, inTransaction, loadForUpdate, requireOwnAgency } from '../../common/mutations.js';
import { Agency, agencyService } from '../agency/index.js';
import { Seizure, visibleSeizures } from '../seizure/index.js';
import { Investigation } from './investigation.entity.js';
import { investigationService } from './investigation.service.js';
import { visibleInvestigations } from './investigation.visibility.js';
import type { LinkSeizuresInput, OpenInvestigationInput, UpdateInvestigationStatusInput } from './investigation.inputs.js';

// Code names are unique per lead agency: only the acting agency's own investigations are counted, and its
// investigators see every one of them (RED and AMBER+STRICT name the lead), so a code name held by an investigation
// the viewer may not see, i.e. another agency's, never changes the answer. The unique key is the backstop.
const codeNameTaken = (codeName: string) =>
  conflict(`Your agency already leads an investigation with the code name "${codeName}"; choose another code name`);

const notTakingPart = () => forbidden('Only agencies taking part in the investigation may link seizures to it');

/**
 * The seizures to link, among those the viewer may see: any other id is "no seizure", as if it did not exist.
 * Nothing about the seizures' other investigations is checked or told: linking adds this one to a seizure's
 * investigations and takes it from none, so other links, seen or hidden, never change the answer (README, "Unique
 * keys and links").
 */
async function requireSeizures(ctx: HubContext, em: EntityManager, ids: readonly string[]): Promise<Seizure[]> {
  const seizures = await em.find(Seizure, { $and: [visibleSeizures(ctx.viewer), { id: { $in: ids.filter(isUuid) } }] });
  const byId = new Set(seizures.map((s) => s.id));
  const problems = ids.flatMap((id, i) => (byId.has(id) ? [] : [{ field: `input.seizureIds[${i}]`, message: `no seizure with id ${id}` }]));
  if (problems.length) throw badInput(problems);
  return seizures;
}

export const investigationMutations = {
  /** A retry with the same idempotency key gets the investigation the first request opened. */
  async open(ctx: HubContext, input: OpenInvestigationInput): Promise<Investigation> {
    const leadId = actingAgencyId(ctx.viewer);
    const replay = (id: string) => investigationService.get(ctx, id);
    return idempotent(ctx, { operation: 'openInvestigation', key: input.idempotencyKey, input, replay }, async (key) => {
      const others = await agencyService.requireByIds(ctx, input.participantAgencyIds, 'input.participantAgencyIds');
      // The lead always takes part; a participant named twice is one participant.
      const participantIds = new Set([leadId, ...others.map((a) => a.id)]);
      return inTransaction(ctx, async (em) => {
        if (await em.count(Investigation, { originAgency: leadId, codeName: input.codeName })) throw codeNameTaken(input.codeName);
        const investigation = new Investigation({
          codeName: input.codeName,
          openedOn: input.openedOn,
          criminalGroupNotes: input.criminalGroupNotes ?? null,
          tlp: input.tlp,
          originAgency: em.getReference(Agency, leadId),
        });
        investigation.participants.set([...participantIds].map((id) => em.getReference(Agency, id)));
        try {
          await em.persist(investigation).flush();
        } catch (error) {
          // Someone of the agency took the code name between the check and the insert.
          if (error instanceof UniqueConstraintViolationException) throw codeNameTaken(input.codeName);
          throw error;
        }
        return investigation;
      }, key);
    });
  },

  async updateStatus(ctx: HubContext, input: UpdateInvestigationStatusInput): Promise<Investigation> {
    actingAgencyId(ctx.viewer);
    return inTransaction(ctx, async (em) => {
      const investigation = await loadForUpdate(em, Investigation, input.id, input.version, visibleInvestigations(ctx.viewer), (record) => requireOwnAgency(ctx, record, 'investigation (its lead agency)'));
      investigation.status = input.status;
      await em.flush(); // the UPDATE checks the version too: a change since the read is CONFLICT (errors.ts)
      return investigation;
    });
  },

  /**
   * Adds the investigation to each seizure's investigations (a link already there stays one link) and bumps the
   * investigation's version, so a concurrent link on a stale read is CONFLICT.
   */
  async linkSeizures(ctx: HubContext, input: LinkSeizuresInput): Promise<Investigation> {
    actingAgencyId(ctx.viewer);
    return inTransaction(ctx, async (em) => {
      // Investigators link to investigations their agency takes part in.
      const investigation = await loadForUpdate(em, Investigation, input.investigationId, input.investigationVersion, visibleInvestigations(ctx.viewer), async (record) => {
        if (!(await em.count(Investigation, { id: record.id, participants: { $some: { id: ctx.viewer.agencyId! } } }))) throw notTakingPart();
      });
      // Bump the version first: its UPDATE takes the row lock, so a concurrent link on the same version waits
      // here and then fails its version check before touching any seizure.
      investigation.updatedAt = new Date();
      await em.flush();
      const seizures = await requireSeizures(ctx, em, input.seizureIds);
      // Only this investigation's links are read and added: the seizures' other links are neither loaded nor touched.
      const linked = new Set((await em.find(Seizure, { id: { $in: seizures.map((s) => s.id) }, investigations: { $some: { id: investigation.id } } })).map((s) => s.id));
      for (const seizure of seizures) if (!linked.has(seizure.id)) seizure.investigations.add(investigation);
      await em.flush();
      return investigation;
    });
  },
};
