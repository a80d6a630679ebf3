import { registerEnumType } from 'type-graphql';
import { ROUNDING_BASE, SMALLEST_PUBLISHED_BUCKET } from '../../common/disclosure.js';

/**
 * MONTH buckets are counted over the seizure rows (the rollup keeps whole years), through the seized_on index: the
 * period bounds the rows read, as the rollup's year cells bound them otherwise.
 */
export const MAX_MONTH_PERIOD = 60;

/** What seizure statistics can be grouped by (1 to 3 distinct dimensions per query). */
export enum StatisticsDimension {
  YEAR = 'YEAR',
  MONTH = 'MONTH',
  COUNTRY = 'COUNTRY',
  PORT = 'PORT',
  DRUG_TYPE = 'DRUG_TYPE',
  DETECTION_METHOD = 'DETECTION_METHOD',
  CONCEALMENT = 'CONCEALMENT',
}
registerEnumType(StatisticsDimension, {
  name: 'StatisticsDimension',
  description: 'A dimension seizure statistics are grouped by.',
  valuesConfig: {
    YEAR: { description: 'Calendar year of the seizure.' },
    MONTH: { description: `Calendar month of the seizure ("YYYY-MM"). Needs a period (filter.seizedFrom and filter.seizedTo) of at most ${MAX_MONTH_PERIOD} months: months are counted over the seizures themselves.` },
    COUNTRY: { description: "Country of the seizure's port." },
    PORT: { description: 'Port of the seizure.' },
    DRUG_TYPE: { description: 'Drug type.' },
    DETECTION_METHOD: { description: 'How the drugs were detected.' },
    CONCEALMENT: { description: 'Concealment method (an operational detail: law enforcement only).' },
  },
});

export const MIN_DIMENSIONS = 1;
export const MAX_DIMENSIONS = 3;
export const DEFAULT_BUCKETS = 100;
export const MAX_BUCKETS = 1000;

/** Outside law enforcement (DOMAIN.md, PUBLIC audience): small buckets are suppressed, every figure is rounded (common/disclosure.ts). */
export const SMALLEST_BUCKET_NOTE = `Outside law enforcement, buckets of fewer than ${SMALLEST_PUBLISHED_BUCKET} seizures are left out (counted in suppressedBuckets), and every count is rounded at random to a multiple of ${ROUNDING_BASE} (the same records always give the same figure; README, "Statistics: disclosure control").`;
