import { Migration } from '@mikro-orm/migrations';

// Generated, then completed by hand: the release grants (src/hub/common/record-release.entity.ts) are append-only,
// enforced by the database as for the audit trail: a release widens who sees a record and is never taken back.

export class Migration20261130180000_record_release extends Migration {

  override name = 'Migration20261130180000_record_release';

  override up(): void | Promise<void> {
    this.addSql(`create table "record_release" ("record_id" uuid not null, "agency_id" uuid not null, "record_type" text not null, "released_by" varchar(400) not null, "released_at" timestamptz not null, primary key ("record_id", "agency_id"));`);
    this.addSql(`create index "record_release_agency_id_record_type_record_id_index" on "record_release" ("agency_id", "record_type", "record_id");`);

    this.addSql(`alter table "record_release" add constraint "record_release_agency_id_foreign" foreign key ("agency_id") references "agency" ("id") on delete restrict;`);
    this.addSql(`alter table "record_release" add constraint "record_release_record_type_check" check ("record_type" in ('Seizure', 'BestPractice', 'Investigation', 'PartnershipAction', 'EquipmentFunding'));`);

    this.addSql(`create function "record_release_append_only"() returns trigger language plpgsql as $$
      begin
        raise exception 'record_release is append-only: % refused', tg_op using errcode = 'insufficient_privilege';
      end
    $$;`);
    this.addSql(`create trigger "record_release_no_update_or_delete" before update or delete on "record_release" for each row execute function "record_release_append_only"();`);
    this.addSql(`create trigger "record_release_no_truncate" before truncate on "record_release" for each statement execute function "record_release_append_only"();`);
  }

  override down(): void | Promise<void> {
    this.addSql(`drop table if exists "record_release" cascade;`);
    this.addSql(`drop function if exists "record_release_append_only"();`);
  }

}
