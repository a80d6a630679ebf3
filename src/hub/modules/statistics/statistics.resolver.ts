import { Arg, Ctx, Field, FieldResolver, Int, ObjectType, Query, Resolver, Root } from 'type-graphql';
import type { HubContext } from '../../context.js';
import { ROUNDED_COUNT_NOTE, ROUNDED_QUANTITY_NOTE } from '../../common/disclosure.js';
import { CountryCodeScalar, DecimalScalar } from '../../common/scalars.js';
import { Port } from '../port/index.js';
import { Concealment, DetectionMethod, DrugType, SeizureFilter } from '../seizure/index.js';
import { DEFAULT_BUCKETS, MAX_BUCKETS, MAX_DIMENSIONS, SMALLEST_BUCKET_NOTE, StatisticsDimension } from './statistics.inputs.js';
import { statisticsService, type SeizureBucketData, type SeizureStatisticsData } from './statistics.service.js';

@ObjectType({ description: 'The seizures of one combination of the grouped dimensions; dimensions not grouped by are null.' })
export class SeizureBucket implements SeizureBucketData {
  @Field(() => Int, { nullable: true })
  year!: number | null;

  @Field(() => String, { nullable: true, description: 'Calendar month, "YYYY-MM" (when grouped by MONTH).' })
  month!: string | null;

  @Field(() => CountryCodeScalar, { nullable: true, description: "Country of the seizures' port." })
  country!: string | null;

  /** Resolved into `port` through the port loader. */
  portId!: string | null;

  @Field(() => DrugType, { nullable: true })
  drugType!: DrugType | null;

  @Field(() => DetectionMethod, { nullable: true })
  detectionMethod!: DetectionMethod | null;

  @Field(() => Concealment, { nullable: true, description: 'When grouped by CONCEALMENT, null also for seizures without a reported concealment.' })
  concealment!: Concealment | null;

  @Field(() => Int, { description: `Number of seizures in the bucket. ${ROUNDED_COUNT_NOTE}` })
  seizures!: number;

  @Field(() => DecimalScalar, { nullable: true, description: `Sum of the quantities reported in KG; null if none was. Exact for law enforcement. ${ROUNDED_QUANTITY_NOTE}` })
  quantityKg!: string | null;
}

@ObjectType({ description: `Seizure counts by the grouped dimensions, over the seizures the viewer may see. ${SMALLEST_BUCKET_NOTE}` })
export class SeizureStatistics implements SeizureStatisticsData {
  @Field(() => [SeizureBucket], { description: 'Most seizures (as published to the viewer) first, then by the dimension values in the order grouped.' })
  buckets!: SeizureBucket[];

  @Field(() => Int, { description: 'Buckets left out because they hold too few seizures to be shown to this viewer.' })
  suppressedBuckets!: number;

  @Field({ description: 'More buckets exist beyond the `first` returned (suppressed ones aside).' })
  hasMoreBuckets!: boolean;

  @Field(() => Int, {
    description: 'Seizures in all buckets that are shown (on this page or beyond), never in suppressed ones. Outside law enforcement rounded as a cell of its own, not added up from the rounded buckets.',
  })
  seizures!: number;
}

@Resolver()
export class StatisticsResolver {
  @Query(() => SeizureStatistics, { description: 'Aggregate seizure statistics (withdrawn seizures are left out unless filter.includeWithdrawn is true).' })
  seizureStatistics(
    @Ctx() ctx: HubContext,
    @Arg('groupBy', () => [StatisticsDimension], { description: `1 to ${MAX_DIMENSIONS} distinct dimensions.` }) groupBy: StatisticsDimension[],
    @Arg('filter', () => SeizureFilter, { nullable: true }) filter?: SeizureFilter | null,
    @Arg('first', () => Int, { nullable: true, defaultValue: DEFAULT_BUCKETS, description: `Number of buckets, 1 to ${MAX_BUCKETS}.` }) first?: number | null,
  ): Promise<SeizureStatistics> {
    return statisticsService.seizures(ctx, groupBy, filter, first);
  }
}

@Resolver(() => SeizureBucket)
export class SeizureBucketResolver {
  @FieldResolver(() => Port, { nullable: true, description: 'When grouped by PORT.' })
  port(@Root() bucket: SeizureBucket, @Ctx() ctx: HubContext): Promise<Port | null> {
    return statisticsService.port(ctx, bucket);
  }
}
