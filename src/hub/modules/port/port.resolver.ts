import { Arg, Args, Ctx, ID, Mutation, Query, Resolver } from 'type-graphql';
import type { HubContext } from '../../context.js';
import { connectionType, PageArgs } from '../../common/pagination.js';
import { UnLocodeScalar } from '../../common/scalars.js';
import { Port } from './port.entity.js';
import { CreatePortInput, PortFilter, UpdatePortInput } from './port.inputs.js';
import { portMutations } from './port.mutations.js';
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

  @Mutation(() => Port, { description: 'Adds a port to the directory. Administrators only.' })
  createPort(@Ctx() ctx: HubContext, @Arg('input', () => CreatePortInput) input: CreatePortInput): Promise<Port> {
    return portMutations.create(ctx, input);
  }

  @Mutation(() => Port, { description: 'Changes a port of the directory (e.g. alliance membership). Administrators only.' })
  updatePort(@Ctx() ctx: HubContext, @Arg('input', () => UpdatePortInput) input: UpdatePortInput): Promise<Port> {
    return portMutations.update(ctx, input);
  }
}
