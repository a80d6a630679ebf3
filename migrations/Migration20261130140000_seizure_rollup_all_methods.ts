import { Migration } from '@mikro-orm/migrations';

// Generated (the check), then completed by hand: every seizure is also counted in the cell of all detection methods
// ('*'), a quarter as many cells as the detailed ones, so counts and statistics that do not filter or group by method
// read that few (src/hub/modules/seizure/seizure-rollup.entity.ts). The trigger function of
// Migration20261130130000_seizure_rollup is replaced by one that writes both; the cells of all methods are added
// for the seizures already there. The rest (one ordered upsert per statement, emptied cells deleted) is unchanged.

const dimensions = '"year", "port_id", "origin_agency_id", "tlp", "drug_type", "detection_method", "withdrawn"';

/** The trigger function: the changed rows' cells, upserted in one ordered statement; emptied cells deleted. */
function rollupFunction(allMethods: boolean): string {
  const matches = (a: string, b: string) => dimensions.split(', ').map((d) => `${a}.${d} = ${b}.${d}`).join(' and ');
  // Each changed row counts in its method's cell (and, with allMethods, in the cell of all methods).
  const cells = (rows: string, sign: string) => `select extract(year from "seized_on")::smallint as "year", "port_id", "origin_agency_id", "tlp", "drug_type", "method" as "detection_method",
      ("withdrawn_at" is not null) as "withdrawn", ${sign} as "seizures", ${sign} * ('x' || left(md5('sdc-record:' || "id"::text), 8))::bit(32)::bigint as "key_sum",
      ${sign} * case when "unit" = 'KG' then "quantity" else 0 end as "kg", ${sign} * case when "unit" = 'KG' then 1 else 0 end as "kg_seizures"
    from ${rows} cross join lateral (values ("detection_method")${allMethods ? ", ('*')" : ''}) as "m"("method")`;
  const apply = (changes: string) => `
    insert into "seizure_rollup" as "r" (${dimensions}, "seizures", "key_sum", "kg", "kg_seizures")
    select ${dimensions}, sum("seizures"), sum("key_sum"), sum("kg"), sum("kg_seizures")
    from (${changes}) "changed" group by ${dimensions}
    having sum("seizures") <> 0 or sum("key_sum") <> 0 or sum("kg") <> 0 or sum("kg_seizures") <> 0
    order by ${dimensions}
    on conflict (${dimensions}) do update set "seizures" = "r"."seizures" + excluded."seizures", "key_sum" = "r"."key_sum" + excluded."key_sum",
      "kg" = "r"."kg" + excluded."kg", "kg_seizures" = "r"."kg_seizures" + excluded."kg_seizures";
    delete from "seizure_rollup" "e" using (select distinct ${dimensions} from (${changes}) "changed") "c"
    where "e"."seizures" = 0 and ${matches('"e"', '"c"')};`;
  const removed = cells('"old_rows"', '-1');
  const added = cells('"new_rows"', '1');
  return `create or replace function "seizure_rollup_change"() returns trigger language plpgsql as $$
    begin
      if TG_OP = 'INSERT' then ${apply(added)}
      elsif TG_OP = 'DELETE' then ${apply(removed)}
      else ${apply(`${removed} union all ${added}`)}
      end if;
      return null;
    end $$;`;
}

export class Migration20261130140000_seizure_rollup_all_methods extends Migration {

  override name = 'Migration20261130140000_seizure_rollup_all_methods';

  override up(): void | Promise<void> {
    this.addSql(`alter table "seizure_rollup" drop constraint "seizure_rollup_detection_method_check";`);
    this.addSql(`alter table "seizure_rollup" add constraint "seizure_rollup_detection_method_check" check ("detection_method" in ('RISK_ANALYSIS', 'SCANNER', 'DETECTION_DOG', 'INTELLIGENCE', 'RANDOM_CONTROL', '*'));`);

    this.addSql(rollupFunction(true));
    this.addSql(`insert into "seizure_rollup" (${dimensions}, "seizures", "key_sum", "kg", "kg_seizures")
      select "year", "port_id", "origin_agency_id", "tlp", "drug_type", '*', "withdrawn", sum("seizures"), sum("key_sum"), sum("kg"), sum("kg_seizures")
      from "seizure_rollup" group by "year", "port_id", "origin_agency_id", "tlp", "drug_type", "withdrawn";`);
  }

  override down(): void | Promise<void> {
    this.addSql(rollupFunction(false));
    this.addSql(`delete from "seizure_rollup" where "detection_method" = '*';`);
    this.addSql(`alter table "seizure_rollup" drop constraint "seizure_rollup_detection_method_check";`);
    this.addSql(`alter table "seizure_rollup" add constraint "seizure_rollup_detection_method_check" check ("detection_method" in ('RISK_ANALYSIS', 'SCANNER', 'DETECTION_DOG', 'INTELLIGENCE', 'RANDOM_CONTROL'));`);
  }

}
