import { Arg, Args, Ctx, Mutation, Query, Resolver } from 'type-graphql';
import type { HubContext } from '../../context.js';
import { connectionType, PageArgs } from '../../common/pagination.js';
import { MemberSubgraph } from './subgraph-registry.entity.js';
import { MemberSubgraphFilter, RegisterSubgraphInput, RetireSubgraphInput, UpdateSubgraphInput } from './subgraph-registry.inputs.js';
import { subgraphRegistryMutations } from './subgraph-registry.mutations.js';
import { subgraphRegistryService } from './subgraph-registry.service.js';

export const MemberSubgraphConnection = connectionType(MemberSubgraph);

@Resolver(() => MemberSubgraph)
export class SubgraphRegistryResolver {
  @Query(() => MemberSubgraphConnection, { description: 'The member subgraphs registered in the database, by name (the gateway also composes those of its SUBGRAPHS_FILE). Administrators only.' })
  memberSubgraphs(@Ctx() ctx: HubContext, @Args() page: PageArgs, @Arg('filter', () => MemberSubgraphFilter, { nullable: true }) filter?: MemberSubgraphFilter) {
    return subgraphRegistryService.list(ctx, filter, page);
  }

  @Mutation(() => MemberSubgraph, { description: 'Registers a member subgraph: every gateway composes it within seconds (its state is in /readyz). Administrators only.' })
  registerSubgraph(@Ctx() ctx: HubContext, @Arg('input', () => RegisterSubgraphInput) input: RegisterSubgraphInput): Promise<MemberSubgraph> {
    return subgraphRegistryMutations.register(ctx, input);
  }

  @Mutation(() => MemberSubgraph, { description: "Changes a member subgraph's URL, headers, time limit or public flag. Administrators only." })
  updateSubgraph(@Ctx() ctx: HubContext, @Arg('input', () => UpdateSubgraphInput) input: UpdateSubgraphInput): Promise<MemberSubgraph> {
    return subgraphRegistryMutations.update(ctx, input);
  }

  @Mutation(() => MemberSubgraph, { description: 'Retires a member subgraph: the gateways stop composing it within seconds. Administrators only.' })
  retireSubgraph(@Ctx() ctx: HubContext, @Arg('input', () => RetireSubgraphInput) input: RetireSubgraphInput): Promise<MemberSubgraph> {
    return subgraphRegistryMutations.retire(ctx, input);
  }
}
