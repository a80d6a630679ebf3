import { Arg, Args, Ctx, FieldResolver, ID, Mutation, Query, Resolver, Root } from 'type-graphql';
import type { HubContext } from '../../context.js';
import { connectionType, PageArgs } from '../../common/pagination.js';
import { Port, PortConnection } from '../port/index.js';
import { Agency } from './agency.entity.js';
import { AgencyFilter, CreateAgencyInput, UpdateAgencyInput } from './agency.inputs.js';
import { agencyMutations } from './agency.mutations.js';
import { agencyService } from './agency.service.js';

export const AgencyConnection = connectionType(Agency);

@Resolver(() => Agency)
export class AgencyResolver {
  @Query(() => Agency, { description: 'One agency, by id or by code (give exactly one).' })
  agency(
    @Ctx() ctx: HubContext,
    @Arg('id', () => ID, { nullable: true }) id?: string,
    @Arg('code', () => String, { nullable: true }) code?: string,
  ): Promise<Agency> {
    return agencyService.get(ctx, id, code);
  }

  @Query(() => AgencyConnection, { description: 'Agencies, ordered by name.' })
  agencies(@Ctx() ctx: HubContext, @Args() page: PageArgs, @Arg('filter', () => AgencyFilter, { nullable: true }) filter?: AgencyFilter) {
    return agencyService.list(ctx, filter, page);
  }

  @Mutation(() => Agency, { description: 'Admits an agency to the alliance. Administrators only.' })
  createAgency(@Ctx() ctx: HubContext, @Arg('input', () => CreateAgencyInput) input: CreateAgencyInput): Promise<Agency> {
    return agencyMutations.create(ctx, input);
  }

  @Mutation(() => Agency, { description: 'Changes an agency (name, kind, country, website, ports served). Administrators only.' })
  updateAgency(@Ctx() ctx: HubContext, @Arg('input', () => UpdateAgencyInput) input: UpdateAgencyInput): Promise<Agency> {
    return agencyMutations.update(ctx, input);
  }

  @FieldResolver(() => PortConnection, { description: 'Ports the agency serves, by name.' })
  ports(@Root() agency: Agency, @Ctx() ctx: HubContext, @Args() page: PageArgs) {
    return agencyService.portsOfAgency(ctx, agency, page);
  }
}

@Resolver(() => Port)
export class PortAgenciesResolver {
  @FieldResolver(() => AgencyConnection, { description: 'Agencies serving the port, by name.' })
  agencies(@Root() port: Port, @Ctx() ctx: HubContext, @Args() page: PageArgs, @Arg('filter', () => AgencyFilter, { nullable: true }) filter?: AgencyFilter) {
    return agencyService.agenciesOfPort(ctx, port, filter, page);
  }
}
