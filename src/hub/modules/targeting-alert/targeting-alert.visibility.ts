import type { FilterQuery } from '@mikro-orm/postgresql';
import { isLawEnforcement } from '../../../auth/audience.js';
import type { Viewer } from '../../../auth/viewer.js';
import { ClassifiedRecordType } from '../../common/enums.js';
import { noRows, visibleRows } from '../../policy/tlp.js';
import type { TargetingAlert } from './targeting-alert.entity.js';

/**
 * The alerts the viewer may see (policy/tlp.ts), and never any to a viewer outside law enforcement: private partners
 * (and anonymous viewers) get no alert at any label, here in the SQL, whatever the field rules say. RED alerts: the
 * raising agency and the addressed agencies (`$some`: an EXISTS on the pivot, no repeated rows), and agencies the
 * raising agency released it to (releaseRecord) — never a private partner, refused above whatever a grant says.
 */
export function visibleTargetingAlerts(viewer: Viewer): FilterQuery<TargetingAlert> {
  if (!isLawEnforcement(viewer)) return noRows<TargetingAlert>();
  return visibleRows<TargetingAlert>(viewer, (agencyId) => ({ $or: [{ originAgency: agencyId }, { addressedAgencies: { $some: { id: agencyId } } }] }), ClassifiedRecordType.TARGETING_ALERT);
}
