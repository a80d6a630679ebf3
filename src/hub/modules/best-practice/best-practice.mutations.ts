// Writes: publish a practice, revise it, record that a port adopted it. One transaction each.
import { actingAgencyId } from '../../../auth/viewer.js';
import type { HubContext } from '../../context.js';
import { idempotent, inTransaction, loadForUpdate, requireOwnAgency } from '../../common/mutations.js';
import { pivotOf, quoteIdentifier } from '../../common/sql.js';
import { requireWithinReleaseFloor } from '../../policy/release-floor.js';
import { Agency } from '../agency/index.js';
import { portService } from '../port/index.js';
import { BestPractice } from './best-practice.entity.js';
import { bestPracticeService } from './best-practice.service.js';
import { visibleBestPractices } from './best-practice.visibility.js';
import type { AdoptBestPracticeInput, PublishBestPracticeInput, ReviseBestPracticeInput } from './best-practice.inputs.js';

export const bestPracticeMutations = {
  /** A new practice written by the acting agency, as revision 1; a retry with the same idempotency key gets the first one. */
  publish(ctx: HubContext, input: PublishBestPracticeInput): Promise<BestPractice> {
    const agencyId = actingAgencyId(ctx.viewer);
    const replay = (id: string) => bestPracticeService.get(ctx, id);
    return idempotent(ctx, { operation: 'publishBestPractice', key: input.idempotencyKey, input, replay }, (key) =>
      inTransaction(ctx, async (em) => {
        const practice = new BestPractice({
          title: input.title,
          summary: input.summary,
          body: input.body,
          category: input.category,
          language: input.language,
          tlp: input.tlp,
          originAgency: em.getReference(Agency, agencyId),
        });
        em.persist(practice);
        return practice;
      }, key));
  },

  /** Changes the given fields and counts a new revision. Only the authoring agency revises its practices. */
  revise(ctx: HubContext, input: ReviseBestPracticeInput): Promise<BestPractice> {
    actingAgencyId(ctx.viewer);
    return inTransaction(ctx, async (em) => {
      const practice = await loadForUpdate(em, BestPractice, input.id, input.version, visibleBestPractices(ctx.viewer), (record) => requireOwnAgency(ctx, record, 'best practice'));
      requireWithinReleaseFloor(practice, input.tlp); // nothing released is taken back by a higher label
      if (input.title != null) practice.title = input.title;
      if (input.summary != null) practice.summary = input.summary;
      if (input.body != null) practice.body = input.body;
      if (input.category != null) practice.category = input.category;
      if (input.language != null) practice.language = input.language;
      if (input.tlp != null) practice.tlp = input.tlp;
      // Always a change, so every accepted revision is also a new version.
      practice.revision += 1;
      return practice;
    });
  },

  /**
   * Records that a port adopted a practice. Adopting again changes nothing, and two ports (or the same one twice)
   * adopting at once never conflict: adoption is not an edit of the practice, so it needs no version.
   */
  async adopt(ctx: HubContext, input: AdoptBestPracticeInput): Promise<BestPractice> {
    actingAgencyId(ctx.viewer);
    const port = await portService.requireByUnlocode(ctx, input.port, 'input.port');
    const practice = await bestPracticeService.get(ctx, input.id);
    await inTransaction(ctx, (em) => {
      // The pivot of BestPractice.adoptingPorts, its names from the ORM's metadata.
      const adoption = pivotOf(em, BestPractice, 'adoptingPorts');
      const [table, practiceColumn, portColumn] = [adoption.table, adoption.parentColumn, adoption.childColumn].map(quoteIdentifier);
      return em.execute(`insert into ${table} (${practiceColumn}, ${portColumn}) values (?, ?) on conflict do nothing`, [practice.id, port.id]);
    });
    return practice;
  },
};
