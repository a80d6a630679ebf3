// Writes: add a funding line paid by the acting agency (the funder). One transaction.
import { actingAgencyId } from '../../../auth/viewer.js';
import type { HubContext } from '../../context.js';
import { badInput } from '../../common/errors.js';
import { idempotent, inTransaction } from '../../common/mutations.js';
import { Agency } from '../agency/index.js';
import { Port, portService } from '../port/index.js';
import { EquipmentFunding } from './equipment-funding.entity.js';
import type { AddFundingLineInput } from './equipment-funding.inputs.js';
import { equipmentFundingService } from './equipment-funding.service.js';

export const equipmentFundingMutations = {
  /** A funding line paid by the acting agency (the funder); a retry with the same idempotency key gets the first one. */
  async addLine(ctx: HubContext, input: AddFundingLineInput): Promise<EquipmentFunding> {
    const funderId = actingAgencyId(ctx.viewer);
    const replay = (id: string) => equipmentFundingService.get(ctx, id);
    return idempotent(ctx, { operation: 'addFundingLine', key: input.idempotencyKey, input, replay }, async (key) => {
      const beneficiary = await ctx.loaders.agency.byId.load(input.beneficiaryAgencyId);
      if (!beneficiary) throw badInput({ field: 'input.beneficiaryAgencyId', message: `no agency with id ${input.beneficiaryAgencyId}` });
      const port = input.port ? await portService.requireByUnlocode(ctx, input.port, 'input.port') : undefined;
      return inTransaction(ctx, async (em) => {
        const funding = new EquipmentFunding({
          year: input.year,
          amountEur: input.amountEur,
          equipmentType: input.equipmentType,
          description: input.description,
          tlp: input.tlp,
          originAgency: em.getReference(Agency, funderId),
          beneficiary: em.getReference(Agency, beneficiary.id),
          port: port ? em.getReference(Port, port.id) : null,
        });
        await em.persist(funding).flush();
        return funding;
      }, key);
    });
  },
};
