// The release floor (README, "Releasing a record"): once the originating agency released a record at a lower label,
// no correction hides it again from the wider audience that label gave. Grants (record_release) already outlive any
// label change; the floor keeps the audience of the label itself.
import type { ClassifiedRecord } from '../common/classified.entity.js';
import type { Tlp } from '../common/enums.js';
import { badInput } from '../common/errors.js';
import { isLowerThan } from './tlp.js';

/** The floor after a release that lowered the label to `lowered`: the lower of the two, as floors only go down. */
export function lowerReleaseFloor(floor: Tlp | null | undefined, lowered: Tlp): Tlp {
  return floor != null && isLowerThan(floor, lowered) ? floor : lowered;
}

/**
 * Refuses a change of label to `tlp` above the record's release floor. Call it once the viewer is known to be
 * allowed to change the record (its originating agency): the message tells how the record was released, which only
 * its writers may learn. Keeping or lowering the label (below the floor too) is the writer's own choice.
 */
export function requireWithinReleaseFloor(record: Pick<ClassifiedRecord, 'releaseFloor'>, tlp: Tlp | null | undefined, field = 'input.tlp'): void {
  const floor = record.releaseFloor;
  if (tlp == null || floor == null || !isLowerThan(floor, tlp)) return;
  throw badInput({
    field,
    message: `the record was released at ${floor} by its originating agency, and what was released is never taken back: keep the label at ${floor} or lower it, never raise it to ${tlp}`,
  });
}
