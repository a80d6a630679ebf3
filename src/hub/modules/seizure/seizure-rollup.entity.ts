import { Entity, Enum, Index, ManyToOne, Property } from '@mikro-orm/decorators/legacy';
import { Tlp } from '../../common/enums.js';
import { Agency } from '../agency/agency.entity.js';
import { Port } from '../port/port.entity.js';
import { DetectionMethod, DrugType } from './seizure.entity.js';

/** The detection method of the cells that count every method. */
export const ALL_METHODS = '*';

/**
 * Seizures counted per cell of the dimensions lists and statistics filter and group by (year, port, reporting agency,
 * label, drug type, detection method, withdrawn), maintained by triggers on `seizure` in the same transaction as
 * every write (migration Migration20261130130000_seizure_rollup), so that a count never depends on how many seizures
 * there are. Read-only for the application: only the triggers write it. `keySum` is the sum of the cell's records'
 * disclosure-control keys (common/disclosure.ts), so a figure drawn from cells gets the same rounding as one counted
 * over the rows; `kg` / `kgSeizures`: the KG quantities and how many seizures have one.
 */
// Counts select cells by method level, withdrawn and visibility (label, agency) and add up the rest: all of it in the
// index, so they read no table page (an index-only scan: half the time at 1,000,000 seizures).
@Index({
  name: 'seizure_rollup_visible_cells',
  expression: 'create index "seizure_rollup_visible_cells" on "seizure_rollup" ("detection_method", "withdrawn", "tlp", "origin_agency_id") include ("year", "port_id", "drug_type", "seizures", "key_sum", "kg", "kg_seizures")',
})
@Entity({ tableName: 'seizure_rollup', readonly: true })
export class SeizureRollup {
  @Property({ type: 'smallint', primary: true })
  year!: number;

  @ManyToOne({ entity: () => Port, primary: true })
  port!: Port;

  @ManyToOne({ entity: () => Agency, primary: true })
  originAgency!: Agency;

  @Enum({ items: () => Tlp, primary: true })
  tlp!: Tlp;

  @Enum({ items: () => DrugType, primary: true })
  drugType!: DrugType;

  /** A method, or `ALL_METHODS`: each seizure is counted in its method's cell and in the cell of all methods. */
  @Enum({ items: [...Object.values(DetectionMethod), ALL_METHODS], primary: true })
  detectionMethod!: DetectionMethod | typeof ALL_METHODS;

  @Property({ primary: true })
  withdrawn!: boolean;

  @Property({ type: 'bigint' })
  seizures!: string;

  @Property({ type: 'bigint' })
  keySum!: string;

  @Property({ type: 'decimal', precision: 20, scale: 3 })
  kg!: string;

  @Property({ type: 'bigint' })
  kgSeizures!: string;
}
