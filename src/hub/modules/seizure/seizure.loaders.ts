import DataLoader from 'dataloader';
import type { Viewer } from '../../../auth/viewer.js';
import type { EntityManager } from '@mikro-orm/postgresql';
import { GroupedPages } from '../../common/grouped-pages.js';
import { byKeyLoader } from '../../common/loaders.js';
import { executeRaw } from '../../common/sql.js';
import { Port } from '../port/index.js';
import { Seizure } from './seizure.entity.js';
import { seizureOrder } from './seizure.service.js';
import { visibleSeizures } from './seizure.visibility.js';

/**
 * Transit ports of each seizure in route order: one query per batch of seizures. The list is bounded
 * (at most 8 per seizure), so it needs no pagination.
 */
function transitPortsLoader(em: EntityManager) {
  return new DataLoader<string, Port[]>(async (seizureIds) => {
    const placeholders = seizureIds.map(() => '?').join(', ');
    const rows = await executeRaw<Record<string, unknown>[]>(em, 
      `select p.*, stp.seizure_id as "__seizure" from seizure_transit_port stp join port p on p.id = stp.port_id
       where stp.seizure_id in (${placeholders}) order by stp.seizure_id, stp.position`,
      [...seizureIds],
    );
    const bySeizure = new Map<string, Port[]>();
    for (const { __seizure, ...data } of rows) {
      const key = String(__seizure);
      bySeizure.set(key, [...(bySeizure.get(key) ?? []), em.map(Port, data as never)]);
    }
    return seizureIds.map((id) => bySeizure.get(id) ?? []);
  });
}

export function seizureLoaders(em: EntityManager, viewer: Viewer) {
  return {
    byId: byKeyLoader(em, Seizure, 'id', visibleSeizures(viewer)),
    transitPorts: transitPortsLoader(em),
    /** Seizures by the port they were made in. */
    ofPort: new GroupedPages(em, Seizure, { foreignKey: 'port' }, seizureOrder),
    /** Seizures by reporting agency. */
    ofAgency: new GroupedPages(em, Seizure, { foreignKey: 'originAgency' }, seizureOrder),
    /** Seizures linked to an investigation. */
    ofInvestigation: new GroupedPages(em, Seizure, { foreignKey: 'investigation' }, seizureOrder),
  };
}
