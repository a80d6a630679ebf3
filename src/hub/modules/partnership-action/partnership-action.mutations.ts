// Writes: create a public-private partnership action coordinated by the acting agency. One transaction.
import { actingAgencyId } from '../../../auth/viewer.js';
import type { HubContext } from '../../context.js';
import { badInput } from '../../common/errors.js';
import { idempotent, inTransaction } from '../../common/mutations.js';
import { Agency, AgencyKind, agencyService } from '../agency/index.js';
import { Port, portService } from '../port/index.js';
import { PartnershipAction } from './partnership-action.entity.js';
import type { CreatePartnershipActionInput } from './partnership-action.inputs.js';
import { partnershipActionService } from './partnership-action.service.js';

/** A public-private partnership needs both sides at the table. */
function requireBothSides(partners: Agency[]): void {
  const hasPrivate = partners.some((a) => a.kind === AgencyKind.PRIVATE_OPERATOR);
  const hasPublic = partners.some((a) => a.kind !== AgencyKind.PRIVATE_OPERATOR);
  if (!hasPrivate || !hasPublic) {
    throw badInput({
      field: 'input.partnerAgencyIds',
      message: `a public-private partnership needs at least one private operator and one public agency among its partners (missing: ${hasPrivate ? 'a public agency' : 'a private operator'})`,
    });
  }
}

const uniqueIds = (records: { id: string }[]) => [...new Set(records.map((r) => r.id))];

export const partnershipActionMutations = {
  /** A retry with the same idempotency key gets the action the first request created. */
  async create(ctx: HubContext, input: CreatePartnershipActionInput): Promise<PartnershipAction> {
    const coordinatorId = actingAgencyId(ctx.viewer);
    const replay = (id: string) => partnershipActionService.get(ctx, id);
    return idempotent(ctx, { operation: 'createPartnershipAction', key: input.idempotencyKey, input, replay }, async (key) => {
      const partners = await agencyService.requireByIds(ctx, input.partnerAgencyIds, 'input.partnerAgencyIds');
      requireBothSides(partners);
      const ports = await portService.requireByUnlocodes(ctx, input.ports, 'input.ports');
      return inTransaction(ctx, async (em) => {
        const action = new PartnershipAction({
          title: input.title,
          description: input.description,
          status: input.status,
          commitments: input.commitments,
          startsOn: input.startsOn ?? null,
          tlp: input.tlp,
          originAgency: em.getReference(Agency, coordinatorId),
        });
        action.partners.set(uniqueIds(partners).map((id) => em.getReference(Agency, id)));
        action.ports.set(uniqueIds(ports).map((id) => em.getReference(Port, id)));
        await em.persist(action).flush();
        return action;
      }, key);
    });
  },
};
