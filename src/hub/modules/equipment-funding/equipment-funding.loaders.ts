import type { EntityManager } from '@mikro-orm/postgresql';
import { GroupedPages } from '../../common/grouped-pages.js';
import { byKeyLoader } from '../../common/loaders.js';
import { EquipmentFunding } from './equipment-funding.entity.js';
import { equipmentFundingOrder } from './equipment-funding.service.js';

export function equipmentFundingLoaders(em: EntityManager) {
  return {
    byId: byKeyLoader(em, EquipmentFunding),
    /** Funding lines by beneficiary agency. */
    ofBeneficiary: new GroupedPages(em, EquipmentFunding, { foreignKey: 'beneficiary' }, equipmentFundingOrder),
    /** Funding lines by port. */
    ofPort: new GroupedPages(em, EquipmentFunding, { foreignKey: 'port' }, equipmentFundingOrder),
  };
}
