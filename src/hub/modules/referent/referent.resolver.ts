import { Arg, Args, Ctx, FieldResolver, ID, Mutation, Query, Resolver, Root } from 'type-graphql';
import type { HubContext } from '../../context.js';
import { connectionType, PageArgs } from '../../common/pagination.js';
import { Agency } from '../agency/index.js';
import { Port, PortConnection } from '../port/index.js';
import { Referent } from './referent.entity.js';
import { ReferentFilter, RegisterReferentInput, UpdateReferentInput } from './referent.inputs.js';
import { referentMutations } from './referent.mutations.js';
import { referentService } from './referent.service.js';

export const ReferentConnection = connectionType(Referent);

@Resolver(() => Referent)
export class ReferentResolver {
  @Query(() => Referent, { description: 'One referent by id.' })
  referent(@Ctx() ctx: HubContext, @Arg('id', () => ID) id: string): Promise<Referent> {
    return referentService.get(ctx, id);
  }

  @Query(() => ReferentConnection, { description: 'Referents of the network, ordered by full name.' })
  referents(@Ctx() ctx: HubContext, @Args() page: PageArgs, @Arg('filter', () => ReferentFilter, { nullable: true }) filter?: ReferentFilter) {
    return referentService.list(ctx, filter, page);
  }

  @FieldResolver(() => Agency, { description: 'The agency the referent works for.' })
  agency(@Root() referent: Referent, @Ctx() ctx: HubContext): Promise<Agency> {
    return referentService.agencyOf(ctx, referent);
  }

  @FieldResolver(() => PortConnection, { description: 'Ports the referent covers, by name.' })
  ports(@Root() referent: Referent, @Ctx() ctx: HubContext, @Args() page: PageArgs) {
    return referentService.portsOf(ctx, referent, page);
  }

  @Mutation(() => Referent, { description: "Registers a referent in the acting agency (the signed-in viewer's)." })
  registerReferent(@Ctx() ctx: HubContext, @Arg('input', () => RegisterReferentInput) input: RegisterReferentInput): Promise<Referent> {
    return referentMutations.register(ctx, input);
  }

  @Mutation(() => Referent, { description: 'Updates a referent; refused with CONFLICT when `version` is stale.' })
  updateReferent(@Ctx() ctx: HubContext, @Arg('input', () => UpdateReferentInput) input: UpdateReferentInput): Promise<Referent> {
    return referentMutations.update(ctx, input);
  }
}

@Resolver(() => Port)
export class PortReferentsResolver {
  @FieldResolver(() => ReferentConnection, { description: 'Referents covering the port, by full name.' })
  referents(@Root() port: Port, @Ctx() ctx: HubContext, @Args() page: PageArgs, @Arg('filter', () => ReferentFilter, { nullable: true }) filter?: ReferentFilter) {
    return referentService.ofPort(ctx, port, filter, page);
  }
}

@Resolver(() => Agency)
export class AgencyReferentsResolver {
  @FieldResolver(() => ReferentConnection, { description: 'Referents working for the agency, by full name.' })
  referents(@Root() agency: Agency, @Ctx() ctx: HubContext, @Args() page: PageArgs, @Arg('filter', () => ReferentFilter, { nullable: true }) filter?: ReferentFilter) {
    return referentService.ofAgency(ctx, agency, filter, page);
  }
}
