import { Migration } from '@mikro-orm/migrations';

export class Migration20261129032214_audit_trail extends Migration {

  override name = 'Migration20261129032214_audit_trail';

  override up(): void | Promise<void> {
    this.addSql(`create table "audit_event" ("id" uuid not null, "at" timestamptz not null, "kind" text not null, "viewer_subject" varchar(400) null, "viewer_name" varchar(200) null, "agency_id" uuid null, "roles" text[] not null, "operation_name" varchar(200) null, "record_ids" text[] not null, "fields" text[] not null, "outcome" text not null, "detail" varchar(100) null, primary key ("id"));`);
    this.addSql(`create index "audit_event_viewer_subject_index" on "audit_event" ("viewer_subject");`);
    this.addSql(`create index "audit_event_agency_id_index" on "audit_event" ("agency_id");`);
    this.addSql(`create index "audit_event_at_id_index" on "audit_event" ("at", "id");`);

    this.addSql(`alter table "audit_event" add constraint "audit_event_agency_id_foreign" foreign key ("agency_id") references "agency" ("id") on delete restrict;`);
    this.addSql(`alter table "audit_event" add constraint "audit_event_kind_check" check ("kind" in ('READ', 'WRITE'));`);
    this.addSql(`alter table "audit_event" add constraint "audit_event_roles_check" check ("roles" <@ array['PARTNER'::text, 'ANALYST'::text, 'REFERENT'::text, 'OFFICER'::text, 'INVESTIGATOR'::text, 'ADMIN'::text]);`);
    this.addSql(`alter table "audit_event" add constraint "audit_event_outcome_check" check ("outcome" in ('ALLOWED', 'DENIED', 'FAILED'));`);

    // Added by hand. Entries that read or changed a record are found by its id.
    this.addSql(`create index "audit_event_record_ids_index" on "audit_event" using gin ("record_ids");`);
    // Append-only, enforced by the database itself: whatever role runs the hub (the table owner included),
    // UPDATE, DELETE and TRUNCATE of audit entries fail.
    this.addSql(`create function "audit_event_append_only"() returns trigger language plpgsql as $$
      begin
        raise exception 'audit_event is append-only: % refused', tg_op using errcode = 'insufficient_privilege';
      end
    $$;`);
    this.addSql(`create trigger "audit_event_no_update_or_delete" before update or delete on "audit_event" for each row execute function "audit_event_append_only"();`);
    this.addSql(`create trigger "audit_event_no_truncate" before truncate on "audit_event" for each statement execute function "audit_event_append_only"();`);
  }

  override down(): void | Promise<void> {
    this.addSql(`drop table if exists "audit_event" cascade;`);
    this.addSql(`drop function if exists "audit_event_append_only"();`);
  }

}
