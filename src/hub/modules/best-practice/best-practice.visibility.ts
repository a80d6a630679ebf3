import type { FilterQuery } from '@mikro-orm/postgresql';
import { originOnly, visibleRows } from '../../policy/tlp.js';
import { ClassifiedRecordType } from '../../common/enums.js';
import type { Viewer } from '../../../auth/viewer.js';
import type { BestPractice } from './best-practice.entity.js';

/** The rows the viewer may see (policy/tlp.ts). RED practices: the authoring agency only. */
export function visibleBestPractices(viewer: Viewer): FilterQuery<BestPractice> {
  return visibleRows<BestPractice>(viewer, originOnly, ClassifiedRecordType.BEST_PRACTICE);
}
