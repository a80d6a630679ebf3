import type { FilterQuery } from '@mikro-orm/postgresql';
import { isMember } from '../../../auth/audience.js';
import type { Viewer } from '../../../auth/viewer.js';
import { noRows } from '../../policy/tlp.js';
import type { Referent } from './referent.entity.js';

/** Referents are for alliance members: anyone else sees none (lists are empty, lookups NOT_FOUND). */
export function visibleReferents(viewer: Viewer): FilterQuery<Referent> {
  return isMember(viewer) ? {} : noRows<Referent>();
}
