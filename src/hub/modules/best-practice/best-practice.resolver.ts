import { responsePathAsArray, type GraphQLResolveInfo } from 'graphql';
import { Arg, Args, Ctx, FieldResolver, ID, Info, Mutation, Query, Resolver, Root } from 'type-graphql';
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

/** A list's place in the response, e.g. `ports.edges.0.node.adoptedBestPractices` (aliases are distinct places). */
const listKey = (info: GraphQLResolveInfo) => responsePathAsArray(info.path).join('.');
/** The place of the list a node field is in: the field is at `<list>.edges.<i>.node.<field>`. */
const listKeyOfNode = (info: GraphQLResolveInfo) => responsePathAsArray(info.path).slice(0, -4).join('.');

@Resolver(() => BestPractice)
export class BestPracticeResolver {
  @Query(() => BestPractice, { description: 'One best practice by id.' })
  bestPractice(@Ctx() ctx: HubContext, @Arg('id', () => ID) id: string): Promise<BestPractice> {
    return bestPracticeService.get(ctx, id);
  }

  @Query(() => BestPracticeConnection, { description: 'Best practices, most recently published first.' })
  bestPractices(@Ctx() ctx: HubContext, @Info() info: GraphQLResolveInfo, @Args() page: PageArgs, @Arg('filter', () => BestPracticeFilter, { nullable: true }) filter?: BestPracticeFilter) {
    return bestPracticeService.list(ctx, filter, page, listKey(info));
  }

  @FieldResolver(() => String, {
    nullable: true,
    description: 'When the list holding the practice was searched (`filter.search`): an extract of its summary, and of its body for viewers who may read it, around the matched words. HTML: each match in <mark>…</mark>, all other text escaped; at most 320 characters of text. Null in lists that were not searched.',
  })
  searchSnippet(@Root() practice: BestPractice, @Ctx() ctx: HubContext, @Info() info: GraphQLResolveInfo): Promise<string | null> {
    return bestPracticeService.searchSnippetOf(ctx, practice, listKeyOfNode(info));
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
  adoptedBestPractices(@Root() port: Port, @Ctx() ctx: HubContext, @Info() info: GraphQLResolveInfo, @Args() page: PageArgs, @Arg('filter', () => BestPracticeFilter, { nullable: true }) filter?: BestPracticeFilter) {
    return bestPracticeService.adoptedByPort(ctx, port, filter, page, listKey(info));
  }
}

@Resolver(() => Agency)
export class AgencyBestPracticesResolver {
  @FieldResolver(() => BestPracticeConnection, { description: 'Best practices the agency wrote, most recent first.' })
  bestPractices(@Root() agency: Agency, @Ctx() ctx: HubContext, @Info() info: GraphQLResolveInfo, @Args() page: PageArgs, @Arg('filter', () => BestPracticeFilter, { nullable: true }) filter?: BestPracticeFilter) {
    return bestPracticeService.authoredBy(ctx, agency, filter, page, listKey(info));
  }
}
