// Administrators manage the membership: agencies and the ports they serve.
import type { HubContext } from '../../context.js';
import { badInput, conflict } from '../../common/errors.js';
import { idempotent, inTransaction, loadForUpdate } from '../../common/mutations.js';
import { Port, portService } from '../port/index.js';
import { Agency, AgencyKind } from './agency.entity.js';
import type { CreateAgencyInput, UpdateAgencyInput } from './agency.inputs.js';
import { agencyService } from './agency.service.js';

/** Only EU bodies have no country. */
function checkCountry(kind: AgencyKind, country: string | null | undefined): void {
  if (kind !== AgencyKind.EU_BODY && !country) throw badInput({ field: 'input.country', message: `a ${kind} agency needs a country` });
}

export const agencyMutations = {
  /** A retry with the same idempotency key gets the agency the first request created. */
  async create(ctx: HubContext, input: CreateAgencyInput): Promise<Agency> {
    const replay = (id: string) => agencyService.get(ctx, id);
    return idempotent(ctx, { operation: 'createAgency', key: input.idempotencyKey, input, replay }, async (key) => {
      checkCountry(input.kind, input.country);
      if (await ctx.loaders.agency.byCode.load(input.code)) throw conflict(`An agency with code ${input.code} already exists`);
      const ports = await portService.requireByUnlocodes(ctx, input.ports ?? [], 'input.ports');
      return inTransaction(ctx, async (em) => {
        const agency = new Agency({
          code: input.code, name: input.name, kind: input.kind, country: input.country ?? null, website: input.website ?? null,
        });
        agency.ports.set(ports.map((p) => em.getReference(Port, p.id)));
        await em.persist(agency).flush();
        return agency;
      }, key);
    });
  },

  async update(ctx: HubContext, input: UpdateAgencyInput): Promise<Agency> {
    if (input.name === null) throw badInput({ field: 'input.name', message: 'an agency keeps a name; leave it out to keep the current one' });
    if (input.kind === null) throw badInput({ field: 'input.kind', message: 'an agency keeps a kind; leave it out to keep the current one' });
    const ports = input.ports == null ? null : await portService.requireByUnlocodes(ctx, input.ports, 'input.ports');
    return inTransaction(ctx, async (em) => {
      const agency = await loadForUpdate(em, Agency, input.id, input.version);
      const kind = input.kind ?? agency.kind;
      const country = input.country === undefined ? agency.country : input.country;
      checkCountry(kind, country);
      agency.kind = kind;
      agency.country = country;
      if (input.name) agency.name = input.name;
      if (input.website !== undefined) agency.website = input.website;
      if (ports) {
        await agency.ports.init();
        agency.ports.set(ports.map((p) => em.getReference(Port, p.id)));
      }
      agency.updatedAt = new Date(); // bumps the version even when only the ports changed
      await em.flush();
      return agency;
    });
  },
};
