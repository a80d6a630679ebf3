// Administrators manage the port directory.
import type { HubContext } from '../../context.js';
import { badInput, conflict } from '../../common/errors.js';
import { idempotent, inTransaction, loadForUpdate, setGiven } from '../../common/mutations.js';
import { Port } from './port.entity.js';
import type { CreatePortInput, UpdatePortInput } from './port.inputs.js';
import { portService } from './port.service.js';

export const portMutations = {
  /** A retry with the same idempotency key gets the port the first request created. */
  async create(ctx: HubContext, input: CreatePortInput): Promise<Port> {
    const replay = (id: string) => portService.get(ctx, id);
    return idempotent(ctx, { operation: 'createPort', key: input.idempotencyKey, input, replay }, async (key) => {
      if (await ctx.loaders.port.byUnlocode.load(input.unlocode)) throw conflict(`A port with UN/LOCODE ${input.unlocode} already exists`);
      return inTransaction(ctx, async (em) => {
        const port = new Port({
          unlocode: input.unlocode,
          name: input.name,
          country: input.unlocode.slice(0, 2),
          city: input.city,
          province: input.province,
          latitude: input.latitude,
          longitude: input.longitude,
          timezone: input.timezone,
          overseas: input.overseas ?? false,
          memberSince: input.memberSince,
        });
        await em.persist(port).flush();
        return port;
      }, key);
    });
  },

  async update(ctx: HubContext, input: UpdatePortInput): Promise<Port> {
    const { id, version, ...changes } = input;
    return inTransaction(ctx, async (em) => {
      const port = await loadForUpdate(em, Port, id, version);
      if (changes.name === null) throw badInput({ field: 'input.name', message: 'a port keeps a name; leave it out to keep the current one' });
      setGiven(port, {
        name: changes.name,
        city: changes.city,
        province: changes.province,
        latitude: changes.latitude,
        longitude: changes.longitude,
        timezone: changes.timezone,
        overseas: changes.overseas === null ? false : changes.overseas,
        memberSince: changes.memberSince,
      });
      port.updatedAt = new Date(); // bumps the version even when nothing else changed
      await em.flush();
      return port;
    });
  },
};
