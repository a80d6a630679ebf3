// Writes: register a referent in the acting agency, update a referent's profile. One transaction each.
import { UniqueConstraintViolationException } from '@mikro-orm/core';
import { actingAgencyId } from '../../../auth/viewer.js';
import { isAdmin } from '../../../auth/audience.js';
import type { HubContext } from '../../context.js';
import { conflict, forbidden } from '../../common/errors.js';
import { idempotent, inTransaction, loadForUpdate } from '../../common/mutations.js';
import { Agency } from '../agency/index.js';
import { Port, portService } from '../port/index.js';
import { Referent } from './referent.entity.js';
import { referentService } from './referent.service.js';
import { visibleReferents } from './referent.visibility.js';
import type { RegisterReferentInput, UpdateReferentInput } from './referent.inputs.js';

// A person (identity-provider subject) has at most one profile in an agency. The subject is never exposed, so the key
// is per agency: only the acting agency's referents are counted, and whether another agency bound the subject makes no
// difference to the answer. The unique key (agency, subject) is the backstop, with the same answer.
const subjectTaken = () => conflict('A referent of your agency is already registered with this subject');

export const referentMutations = {
  /** A new referent in the acting (administrator's) agency; a retry with the same idempotency key gets the first one. */
  async register(ctx: HubContext, input: RegisterReferentInput): Promise<Referent> {
    const agencyId = actingAgencyId(ctx.viewer);
    const replay = (id: string) => referentService.get(ctx, id);
    return idempotent(ctx, { operation: 'registerReferent', key: input.idempotencyKey, input, replay }, async (key) => {
      const ports = await portService.requireByUnlocodes(ctx, input.ports, 'input.ports');
      return inTransaction(ctx, async (em) => {
        if (input.subject != null && (await em.count(Referent, { agency: agencyId, subject: input.subject }))) throw subjectTaken();
        const referent = new Referent({
          fullName: input.fullName,
          agency: em.getReference(Agency, agencyId),
          expertise: input.expertise,
          languages: input.languages,
          email: input.email ?? null,
          phone: input.phone ?? null,
          activeSince: input.activeSince,
          subject: input.subject ?? null,
        });
        referent.ports.set(ports.map((port) => em.getReference(Port, port.id)));
        try {
          await em.persist(referent).flush();
        } catch (error) {
          if (error instanceof UniqueConstraintViolationException) throw subjectTaken();
          throw error;
        }
        return referent;
      }, key);
    });
  },

  /** Referents edit their own profile; an administrator edits the profiles of the agency's referents. */
  async update(ctx: HubContext, input: UpdateReferentInput): Promise<Referent> {
    actingAgencyId(ctx.viewer);
    const ports = input.ports ? await portService.requireByUnlocodes(ctx, input.ports, 'input.ports') : null;
    return inTransaction(ctx, async (em) => {
      const referent = await loadForUpdate(em, Referent, input.id, input.version, visibleReferents(ctx.viewer), (record) => {
        // Their own profile: bound to their subject, in their agency (the key the subject is unique under).
        const ownProfile = record.subject != null && record.subject === ctx.viewer.subject && record.agency.id === ctx.viewer.agencyId;
        const agencyAdmin = isAdmin(ctx.viewer) && record.agency.id === ctx.viewer.agencyId;
        if (!ownProfile && !agencyAdmin) {
          throw forbidden("Referents edit their own profile; administrators their agency's referents");
        }
      });
      if (input.fullName != null) referent.fullName = input.fullName;
      if (input.expertise != null) referent.expertise = input.expertise;
      if (input.languages != null) referent.languages = input.languages;
      if (input.email !== undefined) referent.email = input.email;
      if (input.phone !== undefined) referent.phone = input.phone;
      if (input.activeSince != null) referent.activeSince = input.activeSince;
      if (ports) {
        await referent.ports.init();
        referent.ports.set(ports.map((port) => em.getReference(Port, port.id)));
      }
      // Every accepted update is a new version, even one that only changes the ports (a pivot-only change).
      referent.updatedAt = new Date();
      return referent;
    });
  },
};
