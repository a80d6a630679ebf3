import type { HubContext } from '../../context.js';
import { badInput, notFound } from '../../common/errors.js';
import { findPage, type PageArgs } from '../../common/pagination.js';
import { Port } from './port.entity.js';
import { portOrder, portWhere } from './port.rows.js';
import type { PortFilter } from './port.inputs.js';

export const portService = {
  list(ctx: HubContext, filter: PortFilter | null | undefined, page: PageArgs) {
    return findPage(ctx.em, Port, portWhere(filter), portOrder, page);
  },

  /** By id or by UN/LOCODE: exactly one of them. */
  async get(ctx: HubContext, id?: string | null, unlocode?: string | null): Promise<Port> {
    if ((id == null) === (unlocode == null)) {
      throw badInput({ field: id == null ? 'id' : 'unlocode', message: 'give either id or unlocode, not both' });
    }
    const port = id != null ? await ctx.loaders.port.byId.load(id) : await ctx.loaders.port.byUnlocode.load(unlocode!);
    if (!port) throw notFound('Port', id ?? unlocode!);
    return port;
  },

  /** The port an input names by UN/LOCODE; an unknown code is BAD_USER_INPUT on `field`. */
  async requireByUnlocode(ctx: HubContext, code: string, field: string): Promise<Port> {
    const port = await ctx.loaders.port.byUnlocode.load(code);
    if (!port) throw badInput({ field, message: `no port with UN/LOCODE ${code}` });
    return port;
  },

  /** Ports a list input names; each unknown code is BAD_USER_INPUT on `field[i]`. */
  async requireByUnlocodes(ctx: HubContext, codes: readonly string[], field: string): Promise<Port[]> {
    const ports = await Promise.all(codes.map((c) => ctx.loaders.port.byUnlocode.load(c)));
    const problems = codes.flatMap((code, i) => (ports[i] ? [] : [{ field: `${field}[${i}]`, message: `no port with UN/LOCODE ${code}` }]));
    if (problems.length) throw badInput(problems);
    return ports as Port[];
  },
};
