import type { EntityManager } from '@mikro-orm/postgresql';
import type { Viewer } from '../../../auth/viewer.js';
import { GroupedPages } from '../../common/grouped-pages.js';
import { byKeyLoader } from '../../common/loaders.js';
import { EquipmentFunding } from './equipment-funding.entity.js';
import type { EquipmentFundingFilter } from './equipment-funding.inputs.js';
import { equipmentFundingOrder, equipmentFundingWhere } from './equipment-funding.rows.js';
import { visibleEquipmentFundings } from './equipment-funding.visibility.js';

export function equipmentFundingLoaders(em: EntityManager, viewer: Viewer) {
  const scope = (filter: EquipmentFundingFilter | null | undefined) => equipmentFundingWhere(viewer, filter);
  return {
    byId: byKeyLoader(em, EquipmentFunding, 'id', visibleEquipmentFundings(viewer)),
    /** Funding lines by beneficiary agency. */
    ofBeneficiary: new GroupedPages(em, EquipmentFunding, { foreignKey: 'beneficiary' }, equipmentFundingOrder, scope),
    /** Funding lines by port. */
    ofPort: new GroupedPages(em, EquipmentFunding, { foreignKey: 'port' }, equipmentFundingOrder, scope),
  };
}
