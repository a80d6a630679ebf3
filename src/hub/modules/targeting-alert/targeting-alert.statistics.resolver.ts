import { Arg, Ctx, Field, FieldResolver, Float, Int, ObjectType, Query, registerEnumType, Resolver, Root } from 'type-graphql';
import type { HubContext } from '../../context.js';
import { ROUNDED_COUNT_NOTE, SMALLEST_PUBLISHED_BUCKET } from '../../common/disclosure.js';
import { Port } from '../port/index.js';
import { RiskIndicator } from '../risk-indicator/index.js';
import { TargetingAlertFilter } from './targeting-alert.inputs.js';
import {
  DEFAULT_TARGETING_BUCKETS, MAX_TARGETING_BUCKETS, TargetingStatisticsDimension, targetingStatisticsService,
  type TargetingBucketData, type TargetingStatisticsData,
} from './targeting-alert.statistics.js';

registerEnumType(TargetingStatisticsDimension, {
  name: 'TargetingStatisticsDimension',
  description: 'A dimension targeting statistics are grouped by.',
  valuesConfig: {
    RISK_INDICATOR: { description: 'Each risk indicator you may see that the alerts cite (an alert citing two counts in both).' },
    PORT_OF_LOADING: { description: "The alerts' port of loading." },
  },
});

const NOT_PUBLISHED = `Exact for law enforcement; not published to anyone else (buckets under ${SMALLEST_PUBLISHED_BUCKET} alerts are suppressed for them).`;

@ObjectType({ description: 'The alerts of one combination of the grouped dimensions; dimensions not grouped by are null.' })
export class TargetingBucket implements TargetingBucketData {
  riskIndicatorId!: string | null;
  portOfLoadingId!: string | null;

  @Field(() => Int, { description: `Alerts raised. ${ROUNDED_COUNT_NOTE}` })
  alerts!: number;

  @Field(() => Int, { description: `Alerts whose container was controlled. ${ROUNDED_COUNT_NOTE}` })
  controlled!: number;

  @Field(() => Int, { description: `Controls that led to a seizure. ${ROUNDED_COUNT_NOTE}` })
  seizures!: number;

  @Field(() => Float, { nullable: true, description: `Seizures per controlled alert (0 to 1); null when none was controlled. ${NOT_PUBLISHED}` })
  hitRate!: number | null;

  @Field(() => Float, { nullable: true, description: `Median hours from the alert to the control, over controlled alerts. ${NOT_PUBLISHED}` })
  medianHoursToControl!: number | null;
}

@ObjectType({ description: 'Targeting alert outcomes by risk indicator and/or port of loading, over the alerts you may see (disclosure control as for seizure statistics).' })
export class TargetingStatistics implements TargetingStatisticsData {
  @Field(() => [TargetingBucket], { description: 'Most alerts first, then by indicator code and port UN/LOCODE.' })
  buckets!: TargetingBucket[];

  @Field(() => Int, { description: 'Buckets left out because they hold too few alerts to be shown to this viewer.' })
  suppressedBuckets!: number;

  @Field({ description: 'More buckets exist beyond the `first` returned.' })
  hasMoreBuckets!: boolean;
}

@Resolver()
export class TargetingStatisticsResolver {
  @Query(() => TargetingStatistics, { description: "What the referents' alerts give: alerts, controls, seizures, hit rate and time to control." })
  targetingStatistics(
    @Ctx() ctx: HubContext,
    @Arg('groupBy', () => [TargetingStatisticsDimension], { description: '1 or 2 distinct dimensions.' }) groupBy: TargetingStatisticsDimension[],
    @Arg('filter', () => TargetingAlertFilter, { nullable: true }) filter?: TargetingAlertFilter | null,
    @Arg('first', () => Int, { nullable: true, defaultValue: DEFAULT_TARGETING_BUCKETS, description: `Number of buckets, 1 to ${MAX_TARGETING_BUCKETS}.` }) first?: number | null,
  ): Promise<TargetingStatistics> {
    return targetingStatisticsService.compute(ctx, groupBy, filter, first);
  }
}

@Resolver(() => TargetingBucket)
export class TargetingBucketResolver {
  @FieldResolver(() => RiskIndicator, { nullable: true, description: 'When grouped by RISK_INDICATOR.' })
  riskIndicator(@Root() bucket: TargetingBucket, @Ctx() ctx: HubContext): Promise<RiskIndicator | null> {
    return targetingStatisticsService.riskIndicator(ctx, bucket);
  }

  @FieldResolver(() => Port, { nullable: true, description: 'When grouped by PORT_OF_LOADING.' })
  portOfLoading(@Root() bucket: TargetingBucket, @Ctx() ctx: HubContext): Promise<Port | null> {
    return targetingStatisticsService.portOfLoading(ctx, bucket);
  }
}
