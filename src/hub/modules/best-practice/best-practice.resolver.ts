import { Arg, Args, Ctx, FieldResolver, ID, Mutation, Query, Resolver, Root } from 'type-graphql';
import type { HubContext } from '../../context.js';
import { connectionType, PageArgs } from '../../common/pagination.js';
import { Agency } from '../agency/index.js';
import { Port, PortConnection } from '../port/index.js';
import { BestPractice } from './best-practice.entity.js';
import {
  AdoptBestPracticeInput,
  BestPracticeFilter,
  PublishBestPracticeInput,
  ReviseBestPracticeInput,
} from './best-practice.inputs.js';
import { bestPracticeMutations } from './best-practice.mutations.js';
import { bestPracticeService } from './best-practice.service.js';

export const BestPracticeConnection = connectionType(BestPractice);

@Resolver(() => BestPractice)
export class BestPracticeResolver {
  @Query(() => BestPractice, { description: 'One best practice by id.' })
  bestPractice(@Ctx() ctx: HubContext, @Arg('id', () => ID) id: string): Promise<BestPractice> {
    return bestPracticeService.get(ctx, id);
  }

  @Query(() => BestPracticeConnection, { description: 'Best practices, most recently published first.' })
  bestPractices(@Ctx() ctx: HubContext, @Args() page: PageArgs, @Arg('filter', () => BestPracticeFilter, { nullable: true }) filter?: BestPracticeFilter) {
    return bestPracticeService.list(ctx, filter, page);
  }

  @FieldResolver(() => Agency, { description: 'The agency that wrote and published the practice.' })
  authorAgency(@Root() practice: BestPractice, @Ctx() ctx: HubContext): Promise<Agency> {
    return bestPracticeService.authorOf(ctx, practice);
  }

  @FieldResolver(() => PortConnection, { description: 'Ports that adopted the practice, by name.' })
  adoptingPorts(@Root() practice: BestPractice, @Ctx() ctx: HubContext, @Args() page: PageArgs) {
    return bestPracticeService.adoptingPortsOf(ctx, practice, page);
  }

  @Mutation(() => BestPractice, { description: "Publishes a best practice written by the acting agency (the signed-in viewer's)." })
  publishBestPractice(@Ctx() ctx: HubContext, @Arg('input', () => PublishBestPracticeInput) input: PublishBestPracticeInput): Promise<BestPractice> {
    return bestPracticeMutations.publish(ctx, input);
  }

  @Mutation(() => BestPractice, { description: 'Revises a best practice (revision + 1); refused with CONFLICT when `version` is stale.' })
  reviseBestPractice(@Ctx() ctx: HubContext, @Arg('input', () => ReviseBestPracticeInput) input: ReviseBestPracticeInput): Promise<BestPractice> {
    return bestPracticeMutations.revise(ctx, input);
  }

  @Mutation(() => BestPractice, { description: 'Records that a port adopted a best practice; adopting again changes nothing.' })
  adoptBestPractice(@Ctx() ctx: HubContext, @Arg('input', () => AdoptBestPracticeInput) input: AdoptBestPracticeInput): Promise<BestPractice> {
    return bestPracticeMutations.adopt(ctx, input);
  }
}

@Resolver(() => Port)
export class PortBestPracticesResolver {
  @FieldResolver(() => BestPracticeConnection, { description: 'Best practices the port adopted, most recent first.' })
  adoptedBestPractices(@Root() port: Port, @Ctx() ctx: HubContext, @Args() page: PageArgs, @Arg('filter', () => BestPracticeFilter, { nullable: true }) filter?: BestPracticeFilter) {
    return bestPracticeService.adoptedByPort(ctx, port, filter, page);
  }
}

@Resolver(() => Agency)
export class AgencyBestPracticesResolver {
  @FieldResolver(() => BestPracticeConnection, { description: 'Best practices the agency wrote, most recent first.' })
  bestPractices(@Root() agency: Agency, @Ctx() ctx: HubContext, @Args() page: PageArgs, @Arg('filter', () => BestPracticeFilter, { nullable: true }) filter?: BestPracticeFilter) {
    return bestPracticeService.authoredBy(ctx, agency, filter, page);
  }
}
