// Referents maintain their agency's part of the shared catalogue: create (the code is namespaced by the agency) and
// update (descriptions, label). One transaction each, audited, creates idempotent.
import { UniqueConstraintViolationException } from '@mikro-orm/core';
import { actingAgencyId } from '../../../auth/viewer.js';
import type { HubContext } from '../../context.js';
import { Tlp } from '../../common/enums.js';
import { badInput, conflict } from '../../common/errors.js';
import { idempotent, inTransaction, loadForUpdate, requireOwnAgency } from '../../common/mutations.js';
import { requireWithinReleaseFloor } from '../../policy/release-floor.js';
import { Agency } from '../agency/index.js';
import { RiskIndicator, type Descriptions } from './risk-indicator.entity.js';
import type { CreateRiskIndicatorInput, LocalizedTextInput, UpdateRiskIndicatorInput } from './risk-indicator.inputs.js';
import { riskIndicatorService } from './risk-indicator.service.js';
import { visibleRiskIndicators } from './risk-indicator.visibility.js';

function requireLabel(tlp: Tlp | null | undefined): void {
  if (tlp === Tlp.CLEAR) throw badInput({ field: 'input.tlp', message: 'risk indicators are never TLP:CLEAR (law enforcement only)' });
}

function descriptionsOf(texts: readonly LocalizedTextInput[]): Descriptions {
  const seen = new Set<string>();
  const problems = texts.flatMap((t, i) => (seen.has(t.language) ? [{ field: `input.descriptions[${i}].language`, message: `${t.language} is given twice` }] : (seen.add(t.language), [])));
  if (problems.length) throw badInput(problems);
  return Object.fromEntries(texts.map((t) => [t.language, t.text]));
}

/**
 * The code is `<agency code>/<local code>` and local codes hold no "/": a code can only clash with one of the acting
 * agency's own indicators, all of which its referents see (AMBER+STRICT and RED name the owner). So the conflict
 * tells nothing of any indicator the viewer may not see; the unique key is the backstop for a concurrent create.
 */
const codeTaken = (code: string) => conflict(`Your agency already has a risk indicator with the code ${code}`);

export const riskIndicatorMutations = {
  async create(ctx: HubContext, input: CreateRiskIndicatorInput): Promise<RiskIndicator> {
    const agencyId = actingAgencyId(ctx.viewer);
    requireLabel(input.tlp);
    const descriptions = descriptionsOf(input.descriptions);
    const replay = (id: string) => riskIndicatorService.get(ctx, id);
    return idempotent(ctx, { operation: 'createRiskIndicator', key: input.idempotencyKey, input, replay }, async (key) => {
      const agency = (await ctx.loaders.agency.byId.load(agencyId))!;
      const code = `${agency.code}/${input.code}`;
      return inTransaction(ctx, async (em) => {
        if (await em.count(RiskIndicator, { code })) throw codeTaken(code);
        const indicator = new RiskIndicator({ code, descriptions, tlp: input.tlp, originAgency: em.getReference(Agency, agencyId) });
        try {
          await em.persist(indicator).flush();
        } catch (error) {
          if (error instanceof UniqueConstraintViolationException) throw codeTaken(code);
          throw error;
        }
        return indicator;
      }, key);
    });
  },

  async update(ctx: HubContext, input: UpdateRiskIndicatorInput): Promise<RiskIndicator> {
    actingAgencyId(ctx.viewer);
    requireLabel(input.tlp);
    if (input.tlp === null) throw badInput({ field: 'input.tlp', message: 'is required: give a value or leave it out' });
    const descriptions = input.descriptions ? descriptionsOf(input.descriptions) : undefined;
    return inTransaction(ctx, async (em) => {
      const indicator = await loadForUpdate(em, RiskIndicator, input.id, input.version, visibleRiskIndicators(ctx.viewer), (record) => requireOwnAgency(ctx, record, 'risk indicator'));
      requireWithinReleaseFloor(indicator, input.tlp); // nothing released is taken back by a higher label
      if (descriptions) indicator.descriptions = descriptions;
      if (input.tlp) indicator.tlp = input.tlp;
      indicator.updatedAt = new Date();
      await em.flush();
      return indicator;
    });
  },
};
