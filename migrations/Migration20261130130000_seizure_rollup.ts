import { Migration } from '@mikro-orm/migrations';

// Generated, then completed by hand: the seizure rollup (src/hub/modules/seizure/seizure-rollup.entity.ts) and the
// triggers that keep it equal to the seizures in the same transaction as every write, whatever writes them (the
// ORM, COPY, an operator's SQL). One statement-level trigger per event reads the changed rows from its transition
// tables, so a bulk load costs one upsert per statement, not per row; old and new rows go into ONE upsert ordered by
// cell, so two transactions touching the same cells lock them in the same order (no deadlock); cells left empty are
// deleted. A record's key is the disclosure-control key of src/hub/common/disclosure.ts (first 32 bits of the MD5
// of 'sdc-record:' || id), summed per cell; test/seizure-rollup.test.ts checks both against the rows.

export class Migration20261130130000_seizure_rollup extends Migration {

  override name = 'Migration20261130130000_seizure_rollup';

  override up(): void | Promise<void> {
    this.addSql(`create table "seizure_rollup" ("year" smallint not null, "port_id" uuid not null, "origin_agency_id" uuid not null, "tlp" text not null, "drug_type" text not null, "detection_method" text not null, "withdrawn" boolean not null, "seizures" bigint not null, "key_sum" bigint not null, "kg" numeric(20,3) not null, "kg_seizures" bigint not null, primary key ("year", "port_id", "origin_agency_id", "tlp", "drug_type", "detection_method", "withdrawn"));`);

    this.addSql(`drop index "seizure_port_id_seized_on_index";`);
    this.addSql(`create index "seizure_origin_agency_id_seized_on_id_index" on "seizure" ("origin_agency_id", "seized_on", "id");`);
    this.addSql(`create index "seizure_port_id_seized_on_id_index" on "seizure" ("port_id", "seized_on", "id");`);

    this.addSql(`alter table "seizure_rollup" add constraint "seizure_rollup_port_id_foreign" foreign key ("port_id") references "port" ("id");`);
    this.addSql(`alter table "seizure_rollup" add constraint "seizure_rollup_origin_agency_id_foreign" foreign key ("origin_agency_id") references "agency" ("id");`);
    this.addSql(`alter table "seizure_rollup" add constraint "seizure_rollup_tlp_check" check ("tlp" in ('CLEAR', 'GREEN', 'AMBER', 'AMBER+STRICT', 'RED'));`);
    this.addSql(`alter table "seizure_rollup" add constraint "seizure_rollup_drug_type_check" check ("drug_type" in ('COCAINE', 'CANNABIS_RESIN', 'HERBAL_CANNABIS', 'HEROIN', 'MDMA', 'AMPHETAMINE', 'METHAMPHETAMINE', 'NEW_PSYCHOACTIVE_SUBSTANCES', 'PRECURSORS'));`);
    this.addSql(`alter table "seizure_rollup" add constraint "seizure_rollup_detection_method_check" check ("detection_method" in ('RISK_ANALYSIS', 'SCANNER', 'DETECTION_DOG', 'INTELLIGENCE', 'RANDOM_CONTROL'));`);

    const cell = `extract(year from "seized_on")::smallint as "year", "port_id", "origin_agency_id", "tlp", "drug_type", "detection_method", ("withdrawn_at" is not null) as "withdrawn"`;
    const measures = (sign: string) => `${sign} as "seizures", ${sign} * ('x' || left(md5('sdc-record:' || "id"::text), 8))::bit(32)::bigint as "key_sum", ${sign} * case when "unit" = 'KG' then "quantity" else 0 end as "kg", ${sign} * case when "unit" = 'KG' then 1 else 0 end as "kg_seizures"`;
    const dimensions = '"year", "port_id", "origin_agency_id", "tlp", "drug_type", "detection_method", "withdrawn"';
    const matches = (a: string, b: string) => dimensions.split(', ').map((d) => `${a}.${d} = ${b}.${d}`).join(' and ');
    // Two statements: a statement cannot see the rows its own upsert changed, so empty cells go in a second one.
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
    const removed = `select ${cell}, ${measures('-1')} from "old_rows"`;
    const added = `select ${cell}, ${measures('1')} from "new_rows"`;
    this.addSql(`create function "seizure_rollup_change"() returns trigger language plpgsql as $$
      begin
        if TG_OP = 'INSERT' then ${apply(added)}
        elsif TG_OP = 'DELETE' then ${apply(removed)}
        else ${apply(`${removed} union all ${added}`)}
        end if;
        return null;
      end $$;`);
    this.addSql(`create trigger "seizure_rollup_insert" after insert on "seizure" referencing new table as "new_rows" for each statement execute function "seizure_rollup_change"();`);
    this.addSql(`create trigger "seizure_rollup_update" after update on "seizure" referencing old table as "old_rows" new table as "new_rows" for each statement execute function "seizure_rollup_change"();`);
    this.addSql(`create trigger "seizure_rollup_delete" after delete on "seizure" referencing old table as "old_rows" for each statement execute function "seizure_rollup_change"();`);
    // The seizures already there.
    this.addSql(`insert into "seizure_rollup" (${dimensions}, "seizures", "key_sum", "kg", "kg_seizures")
      select ${dimensions}, sum("seizures"), sum("key_sum"), sum("kg"), sum("kg_seizures") from (select ${cell}, ${measures('1')} from "seizure") "s" group by ${dimensions};`);
  }

  override down(): void | Promise<void> {
    this.addSql(`drop trigger if exists "seizure_rollup_insert" on "seizure";`);
    this.addSql(`drop trigger if exists "seizure_rollup_update" on "seizure";`);
    this.addSql(`drop trigger if exists "seizure_rollup_delete" on "seizure";`);
    this.addSql(`drop function if exists "seizure_rollup_change"();`);
    this.addSql(`drop table if exists "seizure_rollup" cascade;`);

    this.addSql(`drop index "seizure_origin_agency_id_seized_on_id_index";`);
    this.addSql(`drop index "seizure_port_id_seized_on_id_index";`);
    this.addSql(`create index "seizure_port_id_seized_on_index" on "seizure" ("port_id", "seized_on");`);
  }

}
