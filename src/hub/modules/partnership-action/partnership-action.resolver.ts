import { Arg, Args, Ctx, FieldResolver, ID, Mutation, Query, Resolver, Root } from 'type-graphql';
import type { HubContext } from '../../context.js';
import { connectionType, PageArgs } from '../../common/pagination.js';
import { Agency, AgencyConnection, agencyService } from '../agency/index.js';
import { Port, PortConnection } from '../port/index.js';
import { PartnershipAction } from './partnership-action.entity.js';
import { CreatePartnershipActionInput, PartnershipActionFilter } from './partnership-action.inputs.js';
import { partnershipActionMutations } from './partnership-action.mutations.js';
import { partnershipActionService } from './partnership-action.service.js';

export const PartnershipActionConnection = connectionType(PartnershipAction);

@Resolver(() => PartnershipAction)
export class PartnershipActionResolver {
  @Query(() => PartnershipAction, { description: 'One partnership action by id.' })
  partnershipAction(@Ctx() ctx: HubContext, @Arg('id', () => ID) id: string): Promise<PartnershipAction> {
    return partnershipActionService.get(ctx, id);
  }

  @Query(() => PartnershipActionConnection, { description: 'Partnership actions, newest first.' })
  partnershipActions(
    @Ctx() ctx: HubContext,
    @Args() page: PageArgs,
    @Arg('filter', () => PartnershipActionFilter, { nullable: true }) filter?: PartnershipActionFilter,
  ) {
    return partnershipActionService.list(ctx, filter, page);
  }

  @FieldResolver(() => Agency, { description: 'The agency coordinating the action (it created it).' })
  coordinatingAgency(@Root() action: PartnershipAction, @Ctx() ctx: HubContext): Promise<Agency> {
    return agencyService.of(ctx, action.originAgency);
  }

  @FieldResolver(() => AgencyConnection, { description: 'Public and private partners, by name.' })
  partners(@Root() action: PartnershipAction, @Ctx() ctx: HubContext, @Args() page: PageArgs) {
    return partnershipActionService.partnersOf(ctx, action, page);
  }

  @FieldResolver(() => PortConnection, { description: 'Ports the action covers, by name.' })
  ports(@Root() action: PartnershipAction, @Ctx() ctx: HubContext, @Args() page: PageArgs) {
    return partnershipActionService.portsOf(ctx, action, page);
  }

  @Mutation(() => PartnershipAction, { description: 'Creates a public-private partnership action coordinated by your agency.' })
  createPartnershipAction(
    @Ctx() ctx: HubContext,
    @Arg('input', () => CreatePartnershipActionInput) input: CreatePartnershipActionInput,
  ): Promise<PartnershipAction> {
    return partnershipActionMutations.create(ctx, input);
  }
}

@Resolver(() => Agency)
export class AgencyPartnershipActionsResolver {
  @FieldResolver(() => PartnershipActionConnection, { description: 'Partnership actions the agency is a partner in, newest first.' })
  partnershipActions(
    @Root() agency: Agency,
    @Ctx() ctx: HubContext,
    @Args() page: PageArgs,
    @Arg('filter', () => PartnershipActionFilter, { nullable: true }) filter?: PartnershipActionFilter,
  ) {
    return partnershipActionService.actionsOfPartner(ctx, agency, filter, page);
  }
}

@Resolver(() => Port)
export class PortPartnershipActionsResolver {
  @FieldResolver(() => PartnershipActionConnection, { description: 'Partnership actions covering the port, newest first.' })
  partnershipActions(
    @Root() port: Port,
    @Ctx() ctx: HubContext,
    @Args() page: PageArgs,
    @Arg('filter', () => PartnershipActionFilter, { nullable: true }) filter?: PartnershipActionFilter,
  ) {
    return partnershipActionService.actionsOfPort(ctx, port, filter, page);
  }
}
