export { StatisticsDimension } from './statistics.inputs.js';
export { statisticsService } from './statistics.service.js';
export { SeizureBucket, SeizureStatistics } from './statistics.resolver.js';

import { SeizureBucketResolver, StatisticsResolver } from './statistics.resolver.js';
export const statisticsResolvers = [StatisticsResolver, SeizureBucketResolver] as const;
export { statisticsPolicy } from './statistics.rules.js';
