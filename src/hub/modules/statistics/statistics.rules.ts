import { PUBLIC, sameAccess, type FieldPolicy } from '../../policy/field-policy.js';

// Aggregates are PUBLIC: the service counts only rows the viewer may see, refuses CONCEALMENT grouping outside
// law enforcement and suppresses small buckets, so every field here is plainly allowed.
const statisticsFields = ['buckets', 'suppressedBuckets', 'hasMoreBuckets', 'seizures'] as const;
const bucketFields = ['year', 'month', 'country', 'port', 'drugType', 'detectionMethod', 'concealment', 'seizures', 'quantityKg'] as const;

export const statisticsPolicy: FieldPolicy = {
  Query: { seizureStatistics: PUBLIC },
  SeizureStatistics: sameAccess(statisticsFields, PUBLIC),
  SeizureBucket: sameAccess(bucketFields, PUBLIC),
};
