import { Migration } from '@mikro-orm/migrations';

// Written by hand: a seizure may be linked to several investigations (Seizure.investigations, pivot
// "seizure_investigation"), so linking one adds it and takes the seizure from none (README, "Unique keys and links").
// The existing links are copied before the old column goes; going down keeps one link per seizure (the first by
// investigation id), as the old column holds one.
export class Migration20261130110000_seizure_investigations extends Migration {

  override name = 'Migration20261130110000_seizure_investigations';

  override up(): void | Promise<void> {
    this.addSql(`create table "seizure_investigation" ("seizure_id" uuid not null, "investigation_id" uuid not null, primary key ("seizure_id", "investigation_id"));`);
    this.addSql(`alter table "seizure_investigation" add constraint "seizure_investigation_seizure_id_foreign" foreign key ("seizure_id") references "seizure" ("id") on update cascade on delete cascade;`);
    this.addSql(`alter table "seizure_investigation" add constraint "seizure_investigation_investigation_id_foreign" foreign key ("investigation_id") references "investigation" ("id") on update cascade on delete cascade;`);
    // Investigation.seizures looks the pivot up by investigation; the primary key serves the seizure side.
    this.addSql(`create index "seizure_investigation_investigation_id_index" on "seizure_investigation" ("investigation_id");`);

    this.addSql(`insert into "seizure_investigation" ("seizure_id", "investigation_id") select "id", "investigation_id" from "seizure" where "investigation_id" is not null;`);

    this.addSql(`alter table "seizure" drop constraint "seizure_investigation_id_foreign";`);
    this.addSql(`drop index "seizure_investigation_id_index";`);
    this.addSql(`alter table "seizure" drop column "investigation_id";`);
  }

  override down(): void | Promise<void> {
    this.addSql(`alter table "seizure" add "investigation_id" uuid null;`);
    this.addSql(`update "seizure" s set "investigation_id" = (select min(si."investigation_id"::text)::uuid from "seizure_investigation" si where si."seizure_id" = s."id");`);
    this.addSql(`alter table "seizure" add constraint "seizure_investigation_id_foreign" foreign key ("investigation_id") references "investigation" ("id") on delete set null;`);
    this.addSql(`create index "seizure_investigation_id_index" on "seizure" ("investigation_id");`);

    this.addSql(`drop table if exists "seizure_investigation" cascade;`);
  }

}
