import type { FilterQuery } from '@mikro-orm/postgresql';
import { isMember } from '../../../auth/audience.js';
import type { Viewer } from '../../../auth/viewer.js';
import { actingAgencyId } from '../../../auth/viewer.js';
import type { HubContext } from '../../context.js';
import { idempotent, inTransaction, loadForUpdate, requireOwnAgency } from '../../common/mutations.js';
import { loadOrNotFound } from '../../common/loaders.js';
import { findPage, type PageArgs, type SortKeys } from '../../common/pagination.js';
import { escapeLike } from '../../common/sql.js';
import { Agency, agencyService } from '../agency/index.js';
import { portService, type Port } from '../port/index.js';
import { BestPractice } from './best-practice.entity.js';
import { visibleBestPractices } from './best-practice.visibility.js';
import type {
  AdoptBestPracticeInput,
  BestPracticeFilter,
  PublishBestPracticeInput,
  ReviseBestPracticeInput,
} from './best-practice.inputs.js';

export const bestPracticeOrder: SortKeys<BestPractice> = [['publishedAt', 'desc']];

export function bestPracticeWhere(viewer: Viewer, filter: BestPracticeFilter | null | undefined): FilterQuery<BestPractice> {
  const where: FilterQuery<BestPractice>[] = [visibleBestPractices(viewer)];
  if (filter?.categories?.length) where.push({ category: { $in: filter.categories } });
  if (filter?.languages?.length) where.push({ language: { $in: filter.languages } });
  if (filter?.port) where.push({ adoptingPorts: { $some: { unlocode: filter.port } } });
  if (filter?.authorAgencyIds?.length) where.push({ originAgency: { $in: filter.authorAgencyIds } });
  if (filter?.tlps?.length) where.push({ tlp: { $in: filter.tlps } });
  if (filter?.search) {
    const like = `%${escapeLike(filter.search)}%`;
    const inText: FilterQuery<BestPractice>[] = [{ title: { $ilike: like } }, { summary: { $ilike: like } }];
    // The body is for members: matching it for anyone else would reveal it one guess at a time.
    if (isMember(viewer)) inText.push({ body: { $ilike: like } });
    where.push({ $or: inText });
  }
  return where.length ? { $and: where } : {};
}


export const bestPracticeService = {
  list(ctx: HubContext, filter: BestPracticeFilter | null | undefined, page: PageArgs) {
    return findPage(ctx.em, BestPractice, bestPracticeWhere(ctx.viewer, filter), bestPracticeOrder, page);
  },

  async get(ctx: HubContext, id: string): Promise<BestPractice> {
    return loadOrNotFound(ctx.loaders.bestPractice.byId, id, 'BestPractice');
  },

  authorOf(ctx: HubContext, practice: BestPractice): Promise<Agency> {
    return agencyService.of(ctx, practice.originAgency);
  },

  /** Ports that adopted a practice (pivot best_practice_adoption), batched across practices. */
  adoptingPortsOf(ctx: HubContext, practice: BestPractice, page: PageArgs) {
    return ctx.loaders.bestPractice.adoptingPorts.load(practice.id, {}, page);
  },

  /** Practices a port adopted, batched across ports. */
  adoptedByPort(ctx: HubContext, port: Port, filter: BestPracticeFilter | null | undefined, page: PageArgs) {
    return ctx.loaders.bestPractice.adoptedByPort.load(port.id, bestPracticeWhere(ctx.viewer, filter), page, filter);
  },

  /** Practices an agency wrote, batched across agencies. */
  authoredBy(ctx: HubContext, agency: Agency, filter: BestPracticeFilter | null | undefined, page: PageArgs) {
    return ctx.loaders.bestPractice.ofAuthor.load(agency.id, bestPracticeWhere(ctx.viewer, filter), page, filter);
  },

  /** A new practice written by the acting agency, as revision 1; a retry with the same idempotency key gets the first one. */
  publish(ctx: HubContext, input: PublishBestPracticeInput): Promise<BestPractice> {
    const agencyId = actingAgencyId(ctx.viewer);
    const replay = (id: string) => bestPracticeService.get(ctx, id);
    return idempotent(ctx, { operation: 'publishBestPractice', key: input.idempotencyKey, input, replay }, (key) =>
      inTransaction(ctx, async (em) => {
        const practice = Object.assign(new BestPractice(), {
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
    await inTransaction(ctx, (em) =>
      em.execute('insert into "best_practice_adoption" ("best_practice_id", "port_id") values (?, ?) on conflict do nothing', [practice.id, port!.id]),
    );
    return practice;
  },
};
