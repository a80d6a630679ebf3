import { Arg, Args, Ctx, FieldResolver, ID, Mutation, Query, Resolver, Root } from 'type-graphql';
import type { HubContext } from '../../context.js';
import { connectionType, PageArgs } from '../../common/pagination.js';
import { Agency, agencyService } from '../agency/index.js';
import { Port } from '../port/index.js';
import { EquipmentFunding } from './equipment-funding.entity.js';
import { AddFundingLineInput, EquipmentFundingFilter } from './equipment-funding.inputs.js';
import { equipmentFundingMutations } from './equipment-funding.mutations.js';
import { equipmentFundingService } from './equipment-funding.service.js';

export const EquipmentFundingConnection = connectionType(EquipmentFunding);

@Resolver(() => EquipmentFunding)
export class EquipmentFundingResolver {
  @Query(() => EquipmentFunding, { description: 'One funding line by id.' })
  equipmentFunding(@Ctx() ctx: HubContext, @Arg('id', () => ID) id: string): Promise<EquipmentFunding> {
    return equipmentFundingService.get(ctx, id);
  }

  @Query(() => EquipmentFundingConnection, { description: 'Funding lines, latest year first.' })
  equipmentFundings(
    @Ctx() ctx: HubContext,
    @Args() page: PageArgs,
    @Arg('filter', () => EquipmentFundingFilter, { nullable: true }) filter?: EquipmentFundingFilter,
  ) {
    return equipmentFundingService.list(ctx, filter, page);
  }

  @FieldResolver(() => Agency, { description: 'The agency paying for the equipment.' })
  funder(@Root() funding: EquipmentFunding, @Ctx() ctx: HubContext): Promise<Agency> {
    return agencyService.of(ctx, funding.originAgency);
  }

  @FieldResolver(() => Agency, { description: 'The agency receiving the equipment.' })
  beneficiary(@Root() funding: EquipmentFunding, @Ctx() ctx: HubContext): Promise<Agency> {
    return agencyService.of(ctx, funding.beneficiary);
  }

  @FieldResolver(() => Port, { nullable: true, description: 'The port where the equipment is used, if it is for one port.' })
  port(@Root() funding: EquipmentFunding, @Ctx() ctx: HubContext): Promise<Port | null> {
    return equipmentFundingService.portOf(ctx, funding);
  }

  @Mutation(() => EquipmentFunding, { description: 'Adds a funding line paid by your agency.' })
  addFundingLine(@Ctx() ctx: HubContext, @Arg('input', () => AddFundingLineInput) input: AddFundingLineInput): Promise<EquipmentFunding> {
    return equipmentFundingMutations.addLine(ctx, input);
  }
}

@Resolver(() => Agency)
export class AgencyEquipmentFundingsResolver {
  @FieldResolver(() => EquipmentFundingConnection, { description: 'Funding lines the agency benefits from, latest year first.' })
  equipmentFundings(
    @Root() agency: Agency,
    @Ctx() ctx: HubContext,
    @Args() page: PageArgs,
    @Arg('filter', () => EquipmentFundingFilter, { nullable: true }) filter?: EquipmentFundingFilter,
  ) {
    return equipmentFundingService.fundingsOfBeneficiary(ctx, agency, filter, page);
  }
}

@Resolver(() => Port)
export class PortEquipmentFundingsResolver {
  @FieldResolver(() => EquipmentFundingConnection, { description: 'Funding lines for equipment used at the port, latest year first.' })
  equipmentFundings(
    @Root() port: Port,
    @Ctx() ctx: HubContext,
    @Args() page: PageArgs,
    @Arg('filter', () => EquipmentFundingFilter, { nullable: true }) filter?: EquipmentFundingFilter,
  ) {
    return equipmentFundingService.fundingsOfPort(ctx, port, filter, page);
  }
}
