import { Arg, Args, Ctx, FieldResolver, ID, Mutation, Query, Resolver, Root } from 'type-graphql';
import type { HubContext } from '../../context.js';
import { connectionType, PageArgs } from '../../common/pagination.js';
import { Agency, AgencyConnection, agencyService } from '../agency/index.js';
import { Seizure } from '../seizure/index.js';
import { Investigation } from './investigation.entity.js';
import { InvestigationFilter, LinkSeizuresInput, OpenInvestigationInput, UpdateInvestigationStatusInput } from './investigation.inputs.js';
import { investigationMutations } from './investigation.mutations.js';
import { investigationService } from './investigation.service.js';

export const InvestigationConnection = connectionType(Investigation);

@Resolver(() => Investigation)
export class InvestigationResolver {
  @Query(() => Investigation, { description: 'One investigation by id.' })
  investigation(@Ctx() ctx: HubContext, @Arg('id', () => ID) id: string): Promise<Investigation> {
    return investigationService.get(ctx, id);
  }

  @Query(() => InvestigationConnection, { description: 'Investigations, latest opened first.' })
  investigations(
    @Ctx() ctx: HubContext,
    @Args() page: PageArgs,
    @Arg('filter', () => InvestigationFilter, { nullable: true }) filter?: InvestigationFilter,
  ) {
    return investigationService.list(ctx, filter, page);
  }

  @FieldResolver(() => Agency, { description: 'The agency leading the investigation (it opened it).' })
  leadAgency(@Root() investigation: Investigation, @Ctx() ctx: HubContext): Promise<Agency> {
    return agencyService.of(ctx, investigation.originAgency);
  }

  @FieldResolver(() => AgencyConnection, { description: 'Agencies taking part, the lead included, by name.' })
  participants(@Root() investigation: Investigation, @Ctx() ctx: HubContext, @Args() page: PageArgs) {
    return investigationService.participantsOf(ctx, investigation, page);
  }

  @Mutation(() => Investigation, { description: 'Opens an investigation led by your agency.' })
  openInvestigation(@Ctx() ctx: HubContext, @Arg('input', () => OpenInvestigationInput) input: OpenInvestigationInput): Promise<Investigation> {
    return investigationMutations.open(ctx, input);
  }

  @Mutation(() => Investigation, { description: 'Changes the status of an investigation (CONFLICT if it changed since you read it).' })
  updateInvestigationStatus(
    @Ctx() ctx: HubContext,
    @Arg('input', () => UpdateInvestigationStatusInput) input: UpdateInvestigationStatusInput,
  ): Promise<Investigation> {
    return investigationMutations.updateStatus(ctx, input);
  }

  @Mutation(() => Investigation, { description: 'Links seizures to an investigation; returns it with its new version.' })
  linkSeizuresToInvestigation(@Ctx() ctx: HubContext, @Arg('input', () => LinkSeizuresInput) input: LinkSeizuresInput): Promise<Investigation> {
    return investigationMutations.linkSeizures(ctx, input);
  }
}

@Resolver(() => Agency)
export class AgencyInvestigationsResolver {
  @FieldResolver(() => InvestigationConnection, { description: 'Investigations the agency takes part in, latest opened first.' })
  investigations(
    @Root() agency: Agency,
    @Ctx() ctx: HubContext,
    @Args() page: PageArgs,
    @Arg('filter', () => InvestigationFilter, { nullable: true }) filter?: InvestigationFilter,
  ) {
    return investigationService.investigationsOfAgency(ctx, agency, filter, page);
  }
}

@Resolver(() => Seizure)
export class SeizureInvestigationsResolver {
  @FieldResolver(() => InvestigationConnection, { description: 'Investigations the seizure is linked to that you may see, latest opened first.' })
  investigations(
    @Root() seizure: Seizure,
    @Ctx() ctx: HubContext,
    @Args() page: PageArgs,
    @Arg('filter', () => InvestigationFilter, { nullable: true }) filter?: InvestigationFilter,
  ) {
    return investigationService.investigationsOfSeizure(ctx, seizure, filter, page);
  }
}
