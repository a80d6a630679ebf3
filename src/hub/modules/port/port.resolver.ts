import { Arg, Args, Ctx, ID, Query, Resolver } from 'type-graphql';
import type { HubContext } from '../../context.js';
import { connectionType, PageArgs } from '../../common/pagination.js';
import { UnLocodeScalar } from '../../common/scalars.js';
import { Port } from './port.entity.js';
import { PortFilter } from './port.inputs.js';
import { portService } from './port.service.js';

export const PortConnection = connectionType(Port);

@Resolver(() => Port)
export class PortResolver {
  @Query(() => Port, { description: 'One port, by id or by UN/LOCODE (give exactly one).' })
  port(
    @Ctx() ctx: HubContext,
    @Arg('id', () => ID, { nullable: true }) id?: string,
    @Arg('unlocode', () => UnLocodeScalar, { nullable: true }) unlocode?: string,
  ): Promise<Port> {
    return portService.get(ctx, id, unlocode);
  }

  @Query(() => PortConnection, { description: 'Ports, ordered by name.' })
  ports(
    @Ctx() ctx: HubContext,
    @Args() page: PageArgs,
    @Arg('filter', () => PortFilter, { nullable: true }) filter?: PortFilter,
  ) {
    return portService.list(ctx, filter, page);
  }
}
