import type { FilterQuery } from '@mikro-orm/postgresql';
import { visibleRows } from '../../policy/tlp.js';
import { ClassifiedRecordType } from '../../common/enums.js';
import type { Viewer } from '../../../auth/viewer.js';
import type { EquipmentFunding } from './equipment-funding.entity.js';

/** The rows the viewer may see (policy/tlp.ts). RED lines: the funder and the beneficiary. */
export function visibleEquipmentFundings(viewer: Viewer): FilterQuery<EquipmentFunding> {
  return visibleRows<EquipmentFunding>(viewer, (agencyId) => ({ $or: [{ originAgency: agencyId }, { beneficiary: agencyId }] }), ClassifiedRecordType.EQUIPMENT_FUNDING);
}
