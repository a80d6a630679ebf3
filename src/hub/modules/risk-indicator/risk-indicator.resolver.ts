import { Arg, Args, Ctx, FieldResolver, ID, Mutation, Query, Resolver, Root } from 'type-graphql';
import type { HubContext } from '../../context.js';
import { connectionType, PageArgs } from '../../common/pagination.js';
import { Agency, agencyService } from '../agency/index.js';
import { RiskIndicator } from './risk-indicator.entity.js';
import { CreateRiskIndicatorInput, LocalizedText, RiskIndicatorFilter, UpdateRiskIndicatorInput } from './risk-indicator.inputs.js';
import { riskIndicatorMutations } from './risk-indicator.mutations.js';
import { riskIndicatorService } from './risk-indicator.service.js';

export const RiskIndicatorConnection = connectionType(RiskIndicator);

@Resolver(() => RiskIndicator)
export class RiskIndicatorResolver {
  @Query(() => RiskIndicator, { description: 'One risk indicator by id.' })
  riskIndicator(@Ctx() ctx: HubContext, @Arg('id', () => ID) id: string): Promise<RiskIndicator> {
    return riskIndicatorService.get(ctx, id);
  }

  @Query(() => RiskIndicatorConnection, { description: "The referents' shared catalogue of risk indicators, by code (law enforcement only)." })
  riskIndicators(@Ctx() ctx: HubContext, @Args() page: PageArgs, @Arg('filter', () => RiskIndicatorFilter, { nullable: true }) filter?: RiskIndicatorFilter) {
    return riskIndicatorService.list(ctx, filter, page);
  }

  @FieldResolver(() => [LocalizedText], { nullable: true, description: 'Description in each language given, by language code.' })
  descriptions(@Root() indicator: RiskIndicator): LocalizedText[] {
    return riskIndicatorService.descriptions(indicator);
  }

  @FieldResolver(() => Agency, { nullable: true, description: 'The agency that owns and maintains the indicator.' })
  ownerAgency(@Root() indicator: RiskIndicator, @Ctx() ctx: HubContext): Promise<Agency> {
    return agencyService.of(ctx, indicator.originAgency);
  }

  @Mutation(() => RiskIndicator, { description: "Adds one of your agency's risk indicators to the catalogue (referents)." })
  createRiskIndicator(@Ctx() ctx: HubContext, @Arg('input', () => CreateRiskIndicatorInput) input: CreateRiskIndicatorInput): Promise<RiskIndicator> {
    return riskIndicatorMutations.create(ctx, input);
  }

  @Mutation(() => RiskIndicator, { description: "Changes one of your agency's risk indicators (CONFLICT if it changed since you read it)." })
  updateRiskIndicator(@Ctx() ctx: HubContext, @Arg('input', () => UpdateRiskIndicatorInput) input: UpdateRiskIndicatorInput): Promise<RiskIndicator> {
    return riskIndicatorMutations.update(ctx, input);
  }
}
