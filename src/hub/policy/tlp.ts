// Which classified rows a viewer may see, as SQL (for lists, counts, nested lists, lookups by id) — rows a
// viewer may not see are absent, never FORBIDDEN, so their existence does not leak.
import type { FilterQuery } from '@mikro-orm/postgresql';
import { isLawEnforcement, isMember } from '../../auth/audience.js';
import type { Viewer } from '../../auth/viewer.js';
import type { ClassifiedRecord } from '../common/classified.entity.js';
import { Tlp } from '../common/enums.js';

/**
 * CLEAR: anyone; GREEN: members; AMBER: law enforcement; AMBER+STRICT: the originating agency;
 * RED: the agencies named on the record, as `namedOnRecord(agencyId)` says for the entity.
 * Administrators get nothing more by being administrators. Also read by rollups that keep a record's label and
 * originating agency (seizure-rollup.entity.ts), so their counts follow the same rule.
 */
export function visibleRows<T extends Pick<ClassifiedRecord, 'tlp' | 'originAgency'>>(
  viewer: Viewer,
  namedOnRecord: (agencyId: string) => FilterQuery<T>,
): FilterQuery<T> {
  const branches: FilterQuery<T>[] = [{ tlp: Tlp.CLEAR } as unknown as FilterQuery<T>];
  if (isMember(viewer)) branches.push({ tlp: Tlp.GREEN } as unknown as FilterQuery<T>);
  if (isLawEnforcement(viewer)) branches.push({ tlp: Tlp.AMBER } as unknown as FilterQuery<T>);
  if (viewer.agencyId) {
    branches.push({ tlp: Tlp.AMBER_STRICT, originAgency: viewer.agencyId } as unknown as FilterQuery<T>);
    branches.push({ $and: [{ tlp: Tlp.RED }, namedOnRecord(viewer.agencyId)] } as unknown as FilterQuery<T>);
  }
  return { $or: branches } as unknown as FilterQuery<T>;
}

/** RED records named only by their originating agency (seizures, best practices). */
export function originOnly<T extends Pick<ClassifiedRecord, 'tlp' | 'originAgency'>>(agencyId: string): FilterQuery<T> {
  return { originAgency: agencyId } as unknown as FilterQuery<T>;
}

const rank: Record<Tlp, number> = { [Tlp.CLEAR]: 0, [Tlp.GREEN]: 1, [Tlp.AMBER]: 2, [Tlp.AMBER_STRICT]: 3, [Tlp.RED]: 4 };

/** AMBER or above: reads of such records are audited. */
export function isAmberOrAbove(tlp: Tlp): boolean {
  return rank[tlp] >= rank[Tlp.AMBER];
}
