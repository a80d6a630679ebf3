// Which classified rows a viewer may see, as SQL (for lists, counts, nested lists, lookups by id) — rows a
// viewer may not see are absent, never FORBIDDEN, so their existence does not leak.
import { raw, type FilterQuery } from '@mikro-orm/postgresql';
import { isLawEnforcement, isMember } from '../../auth/audience.js';
import type { Viewer } from '../../auth/viewer.js';
import type { ClassifiedRecord } from '../common/classified.entity.js';
import { Tlp, type ClassifiedRecordType } from '../common/enums.js';

/** The grant table of releases (common/record-release.entity.ts; the migration that creates it names it too). */
export const RECORD_RELEASE_TABLE = 'record_release';

/**
 * CLEAR: anyone; GREEN: members; AMBER: law enforcement; AMBER+STRICT: the originating agency;
 * RED: the agencies named on the record, as `namedOnRecord(agencyId)` says for the entity.
 * Whatever the label: the agencies the originating agency released the record to (`releasedAs`: the record type
 * its release grants name; releaseRecord). A grant outlives a change of label, so neither a lowered label (RED →
 * AMBER hides it from a private partner named by a release) nor a raised one narrows what was released; and no
 * correction raises a label above the one a release lowered it to (release-floor.ts).
 * Administrators get nothing more by being administrators. Also read by rollups that keep a record's label and
 * originating agency (seizure-rollup.entity.ts) without `releasedAs`: their counts add released rows themselves.
 */
export function visibleRows<T extends Pick<ClassifiedRecord, 'tlp' | 'originAgency'>>(
  viewer: Viewer,
  namedOnRecord: (agencyId: string) => FilterQuery<T>,
  releasedAs?: ClassifiedRecordType,
): FilterQuery<T> {
  const branches: FilterQuery<T>[] = [{ tlp: Tlp.CLEAR } as unknown as FilterQuery<T>];
  if (isMember(viewer)) branches.push({ tlp: Tlp.GREEN } as unknown as FilterQuery<T>);
  if (isLawEnforcement(viewer)) branches.push({ tlp: Tlp.AMBER } as unknown as FilterQuery<T>);
  if (viewer.agencyId) {
    branches.push({ tlp: Tlp.AMBER_STRICT, originAgency: viewer.agencyId } as unknown as FilterQuery<T>);
    branches.push({ $and: [{ tlp: Tlp.RED }, namedOnRecord(viewer.agencyId)] } as unknown as FilterQuery<T>);
    if (releasedAs) branches.push(releasedTo<T>(releasedAs, viewer.agencyId));
  }
  return { $or: branches } as unknown as FilterQuery<T>;
}

/**
 * The records of `recordType` released to `agencyId`: `id in (select …)`, which PostgreSQL runs once per query
 * (a hashed subplan over the grant index), not once per row.
 */
export function releasedTo<T>(recordType: ClassifiedRecordType, agencyId: string): FilterQuery<T> {
  const condition = raw((alias: string) => `${alias}."id" in (select "record_id" from "${RECORD_RELEASE_TABLE}" where "agency_id" = ? and "record_type" = ?)`, [agencyId, recordType]);
  return { [condition]: [] } as unknown as FilterQuery<T>;
}

/** No row at all: what a viewer outside a type's audience sees of it (lists empty, lookups NOT_FOUND). */
export function noRows<T>(): FilterQuery<T> {
  return { id: { $in: [] } } as unknown as FilterQuery<T>;
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

/** `a` is a lower (wider) label than `b`. */
export function isLowerThan(a: Tlp, b: Tlp): boolean {
  return rank[a] < rank[b];
}
