import type { FilterQuery } from '@mikro-orm/postgresql';
import { originOnly, releasedTo, visibleRows } from '../../policy/tlp.js';
import { ClassifiedRecordType } from '../../common/enums.js';
import type { Viewer } from '../../../auth/viewer.js';
import type { SeizureRollup } from './seizure-rollup.entity.js';
import type { Seizure } from './seizure.entity.js';

/** The rows the viewer may see (policy/tlp.ts). RED seizures: the reporting agency only. Withdrawn ones stay visible to those who saw them. */
export function visibleSeizures(viewer: Viewer): FilterQuery<Seizure> {
  return visibleRows<Seizure>(viewer, originOnly, ClassifiedRecordType.SEIZURE);
}

/**
 * The same rule on the rollup's cells (they keep each seizure's label and reporting agency): the cells of the visible
 * seizures, but for those released to the viewer's agency (releasedOnlySeizures), which cells cannot know.
 */
export function visibleSeizureCells(viewer: Viewer): FilterQuery<SeizureRollup> {
  return visibleRows<SeizureRollup>(viewer, originOnly);
}

/**
 * The seizures the viewer sees only because they were released to its agency: the rows counts add to the cells
 * (whose rule cannot know grants); null for a viewer without an agency, to whom nothing is released.
 */
export function releasedOnlySeizures(viewer: Viewer): FilterQuery<Seizure> | null {
  if (!viewer.agencyId) return null;
  return { $and: [releasedTo<Seizure>(ClassifiedRecordType.SEIZURE, viewer.agencyId), { $not: visibleRows<Seizure>(viewer, originOnly) }] } as FilterQuery<Seizure>;
}
