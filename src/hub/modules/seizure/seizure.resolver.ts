import { Arg, Args, Ctx, FieldResolver, ID, Mutation, Query, Resolver, Root } from 'type-graphql';
import type { HubContext } from '../../context.js';
import { ROUNDED_COUNT_NOTE } from '../../common/disclosure.js';
import { connectionType, PageArgs } from '../../common/pagination.js';
import { Agency, agencyService } from '../agency/index.js';
import { Investigation } from '../investigation/investigation.entity.js';
import { Port } from '../port/index.js';
import { Seizure } from './seizure.entity.js';
import { CorrectSeizureInput, RecordSeizureInput, SeizureFilter, WithdrawSeizureInput } from './seizure.inputs.js';
import { seizureMutations } from './seizure.mutations.js';
import { seizureService } from './seizure.service.js';

export const SeizureConnection = connectionType(Seizure, 'Seizure', ROUNDED_COUNT_NOTE);

const filterArg = { nullable: true, description: 'Withdrawn seizures are left out unless filter.includeWithdrawn is true.' };

@Resolver(() => Seizure)
export class SeizureResolver {
  @Query(() => Seizure, { description: 'One seizure by id (also when withdrawn).' })
  seizure(@Ctx() ctx: HubContext, @Arg('id', () => ID) id: string): Promise<Seizure> {
    return seizureService.get(ctx, id);
  }

  @Query(() => SeizureConnection, { description: 'Seizures, latest first.' })
  seizures(@Ctx() ctx: HubContext, @Args() page: PageArgs, @Arg('filter', () => SeizureFilter, filterArg) filter?: SeizureFilter) {
    return seizureService.list(ctx, filter, page);
  }

  @Mutation(() => Seizure, { description: "Reports a seizure on behalf of the signed-in member's agency." })
  recordSeizure(@Ctx() ctx: HubContext, @Arg('input', () => RecordSeizureInput) input: RecordSeizureInput): Promise<Seizure> {
    return seizureMutations.record(ctx, input);
  }

  @Mutation(() => Seizure, { description: 'Corrects a seizure report: only the given fields change.' })
  correctSeizure(@Ctx() ctx: HubContext, @Arg('input', () => CorrectSeizureInput) input: CorrectSeizureInput): Promise<Seizure> {
    return seizureMutations.correct(ctx, input);
  }

  @Mutation(() => Seizure, { description: 'Withdraws a seizure report (once).' })
  withdrawSeizure(@Ctx() ctx: HubContext, @Arg('input', () => WithdrawSeizureInput) input: WithdrawSeizureInput): Promise<Seizure> {
    return seizureMutations.withdraw(ctx, input);
  }

  @FieldResolver(() => Port, { description: 'Port of the seizure.' })
  port(@Root() seizure: Seizure, @Ctx() ctx: HubContext): Promise<Port> {
    return seizureService.port(ctx, seizure);
  }

  @FieldResolver(() => Agency, { description: 'Agency that reported the seizure.' })
  reportingAgency(@Root() seizure: Seizure, @Ctx() ctx: HubContext): Promise<Agency> {
    return agencyService.of(ctx, seizure.originAgency);
  }

  @FieldResolver(() => Port, { nullable: true, description: 'Port the consignment came from.' })
  originPort(@Root() seizure: Seizure, @Ctx() ctx: HubContext): Promise<Port | null> {
    return seizureService.originPort(ctx, seizure);
  }

  // Nullable, like every field the policy may withhold on a visible row (null + FORBIDDEN, not a lost row).
  @FieldResolver(() => [Port], { nullable: true, description: 'Transit ports between origin and destination, in route order.' })
  transitPorts(@Root() seizure: Seizure, @Ctx() ctx: HubContext): Promise<Port[]> {
    return seizureService.transitPorts(ctx, seizure);
  }

  @FieldResolver(() => Port, { nullable: true, description: 'Port the consignment was bound for.' })
  destinationPort(@Root() seizure: Seizure, @Ctx() ctx: HubContext): Promise<Port | null> {
    return seizureService.destinationPort(ctx, seizure);
  }

  @FieldResolver(() => [Port], { nullable: true, description: 'Origin, transit ports and destination in order; unknown ends are left out.' })
  route(@Root() seizure: Seizure, @Ctx() ctx: HubContext): Promise<Port[]> {
    return seizureService.route(ctx, seizure);
  }
}

@Resolver(() => Port)
export class PortSeizuresResolver {
  @FieldResolver(() => SeizureConnection, { description: 'Seizures made in the port, latest first.' })
  seizures(@Root() port: Port, @Ctx() ctx: HubContext, @Args() page: PageArgs, @Arg('filter', () => SeizureFilter, filterArg) filter?: SeizureFilter) {
    return seizureService.ofPort(ctx, port, filter, page);
  }
}

@Resolver(() => Agency)
export class AgencySeizuresResolver {
  @FieldResolver(() => SeizureConnection, { description: 'Seizures the agency reported, latest first.' })
  reportedSeizures(@Root() agency: Agency, @Ctx() ctx: HubContext, @Args() page: PageArgs, @Arg('filter', () => SeizureFilter, filterArg) filter?: SeizureFilter) {
    return seizureService.reportedBy(ctx, agency, filter, page);
  }
}

@Resolver(() => Investigation)
export class InvestigationSeizuresResolver {
  @FieldResolver(() => SeizureConnection, { description: 'Seizures linked to the investigation, latest first.' })
  seizures(@Root() investigation: Investigation, @Ctx() ctx: HubContext, @Args() page: PageArgs, @Arg('filter', () => SeizureFilter, filterArg) filter?: SeizureFilter) {
    return seizureService.ofInvestigation(ctx, investigation, filter, page);
  }
}
