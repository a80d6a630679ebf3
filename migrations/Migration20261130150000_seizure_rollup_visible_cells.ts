import { Migration } from '@mikro-orm/migrations';

// Generated: a covering index for counts over the rollup's cells (seizure-rollup.entity.ts), read index-only.
export class Migration20261130150000_seizure_rollup_visible_cells extends Migration {

  override name = 'Migration20261130150000_seizure_rollup_visible_cells';

  override up(): void | Promise<void> {
    this.addSql(`create index "seizure_rollup_visible_cells" on "seizure_rollup" ("detection_method", "withdrawn", "tlp", "origin_agency_id") include ("year", "port_id", "drug_type", "seizures", "key_sum", "kg", "kg_seizures");`);
  }

  override down(): void | Promise<void> {
    this.addSql(`drop index "seizure_rollup_visible_cells";`);
  }

}
