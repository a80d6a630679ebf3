import { allow, type IRules } from '../../policy/shield-lib.js';
import { sameRule } from '../../policy/rules.js';

// Aggregates are PUBLIC: the service counts only rows the viewer may see, refuses CONCEALMENT grouping outside
// law enforcement and suppresses small buckets, so every field here is plainly allowed.
const statisticsFields = ['buckets', 'suppressedBuckets', 'hasMoreBuckets', 'seizures'] as const;
const bucketFields = ['year', 'country', 'port', 'drugType', 'detectionMethod', 'concealment', 'seizures', 'quantityKg'] as const;

export const statisticsRules: IRules = {
  Query: { seizureStatistics: allow },
  SeizureStatistics: sameRule(statisticsFields, allow),
  SeizureBucket: sameRule(bucketFields, allow),
};
