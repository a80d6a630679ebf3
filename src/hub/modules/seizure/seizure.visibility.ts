import type { FilterQuery } from '@mikro-orm/postgresql';
import { originOnly, visibleRows } from '../../policy/tlp.js';
import type { Viewer } from '../../../auth/viewer.js';
import type { SeizureRollup } from './seizure-rollup.entity.js';
import type { Seizure } from './seizure.entity.js';

/** The rows the viewer may see (policy/tlp.ts). RED seizures: the reporting agency only. Withdrawn ones stay visible to those who saw them. */
export function visibleSeizures(viewer: Viewer): FilterQuery<Seizure> {
  return visibleRows<Seizure>(viewer, originOnly);
}

/** The same rule on the rollup's cells (they keep each seizure's label and reporting agency): the cells of the visible seizures. */
export function visibleSeizureCells(viewer: Viewer): FilterQuery<SeizureRollup> {
  return visibleRows<SeizureRollup>(viewer, originOnly);
}
