// Administrators manage the port directory.
import type { HubContext } from '../../context.js';
import { badInput, conflict } from '../../common/errors.js';
import { idempotent, inTransaction, loadForUpdate } from '../../common/mutations.js';
import { Port } from './port.entity.js';
import type { CreatePortInput, UpdatePortInput } from './port.inputs.js';
import { portService } from './port.service.js';

/** Given fields only: undefined keeps the current value, null clears an optional one. */
function given<T extends object>(input: T): Partial<T> {
  return Object.fromEntries(Object.entries(input).filter(([, v]) => v !== undefined)) as Partial<T>;
}

export const portMutations = {
  /** A retry with the same idempotency key gets the port the first request created. */
  async create(ctx: HubContext, input: CreatePortInput): Promise<Port> {
    const replay = (id: string) => portService.get(ctx, id);
    return idempotent(ctx, { operation: 'createPort', key: input.idempotencyKey, input, replay }, async (key) => {
      if (await ctx.loaders.port.byUnlocode.load(input.unlocode)) throw conflict(`A port with UN/LOCODE ${input.unlocode} already exists`);
      // The key guards the request; it is not a column of the port.
      const { idempotencyKey: _key, ...fields } = input;
      return inTransaction(ctx, async (em) => {
        const port = Object.assign(new Port(), given(fields), { country: input.unlocode.slice(0, 2), overseas: input.overseas ?? false });
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
      Object.assign(port, given(changes), changes.overseas === null ? { overseas: false } : {});
      port.updatedAt = new Date(); // bumps the version even when nothing else changed
      await em.flush();
      return port;
    });
  },
};
