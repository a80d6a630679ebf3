import { Migration } from '@mikro-orm/migrations';

// Written by hand: the chain's columns, table, function and trigger are no entity's (`npm run migration:create`
// diffs to nothing). A hash chain over the audit trail, so that a row deleted or changed by someone the
// append-only triggers do not stop (the table's owner, a superuser) is detected: `npm run audit:verify` and the
// `auditIntegrity` query (src/hub/modules/audit/audit.chain.ts) recompute it.
//
// Each row gets `seq` (1, 2, 3, … in insertion order, no gaps) and `hash` = sha256(previous row's hash ‖ the row's
// content), the first row chaining from 32 zero bytes. The content is the row as JSON (to_jsonb: every column but
// `hash`, `seq` included; fields whose value is null left out; timestamps in UTC), so that a column added to the
// table later is covered without changing this definition. Such a column must leave existing rows null (add it
// nullable, give its default afterwards with ALTER COLUMN … SET DEFAULT): a non-null value on old rows changes
// their content, and the verification reports them as altered, as it should.
//
// The BEFORE INSERT trigger fills `seq` and `hash` whatever the INSERT lists (values given for them are replaced).
// It takes the chain's head (`audit_chain_head`, one row) FOR UPDATE, so concurrent inserts chain one after the
// other: the next waits until the previous one's transaction ends (a rolled-back insert leaves the head as it was).
// It runs as the owner (SECURITY DEFINER): the runtime role can neither write the head nor forge a link.
//
// Existing rows are chained here in the order they were written (at, id). Runs after the migrations that add
// columns to audit_event (their values on existing rows are part of the content).
export class Migration20261130100000_audit_chain extends Migration {

  override name = 'Migration20261130100000_audit_chain';

  override up(): void | Promise<void> {
    this.addSql(`alter table "audit_event" add column "seq" bigint null, add column "hash" bytea null;`);
    this.addSql(`create table "audit_chain_head" ("id" boolean not null default true, "seq" bigint not null, "hash" bytea not null, primary key ("id"), constraint "audit_chain_head_one_row" check ("id"));`);
    this.addSql(`alter table "audit_event" disable trigger "audit_event_no_update_or_delete";`);
    this.addSql(`do $$
      declare
        r "audit_event";
        previous bytea := decode(repeat('00', 32), 'hex');
        n bigint := 0;
        zone text := current_setting('timezone');
      begin
        perform set_config('timezone', 'UTC', true);
        for r in select * from "audit_event" order by "at", "id" loop
          n := n + 1;
          r."seq" := n;
          previous := sha256(previous || convert_to(coalesce((select jsonb_object_agg(f.key, f.value) from jsonb_each(to_jsonb(r) - 'hash') f where jsonb_typeof(f.value) <> 'null'), '{}'::jsonb)::text, 'UTF8'));
          update "audit_event" set "seq" = n, "hash" = previous where "id" = r."id";
        end loop;
        insert into "audit_chain_head" ("id", "seq", "hash") values (true, n, previous);
        perform set_config('timezone', zone, true);
      end
    $$;`);
    this.addSql(`alter table "audit_event" enable trigger "audit_event_no_update_or_delete";`);
    this.addSql(`alter table "audit_event" alter column "seq" set not null, alter column "hash" set not null;`);
    this.addSql(`create unique index "audit_event_seq_index" on "audit_event" ("seq");`);

    this.addSql(`create function "audit_event_chain"() returns trigger language plpgsql security definer set timezone = 'UTC' as $$
      declare
        head record;
      begin
        select "seq", "hash" into head from "audit_chain_head" where "id" for update;
        if not found then
          raise exception 'audit_chain_head has no row: the audit trail cannot be chained' using errcode = 'object_not_in_prerequisite_state';
        end if;
        new."seq" := head."seq" + 1;
        new."hash" := sha256(head."hash" || convert_to(coalesce((select jsonb_object_agg(f.key, f.value) from jsonb_each(to_jsonb(new) - 'hash') f where jsonb_typeof(f.value) <> 'null'), '{}'::jsonb)::text, 'UTF8'));
        update "audit_chain_head" set "seq" = new."seq", "hash" = new."hash" where "id";
        return new;
      end
    $$;`);
    // A security-definer function resolves names in its own search path, the migrations' schema, pg_temp last (so
    // a temporary table of the caller cannot stand in for the head).
    this.addSql(`do $$ begin execute format('alter function "audit_event_chain"() set search_path = pg_catalog, %I, pg_temp', current_schema()); end $$;`);
    this.addSql(`revoke all on function "audit_event_chain"() from public;`);
    this.addSql(`create trigger "audit_event_chain" before insert on "audit_event" for each row execute function "audit_event_chain"();`);
  }

  override down(): void | Promise<void> {
    this.addSql(`drop trigger if exists "audit_event_chain" on "audit_event";`);
    this.addSql(`drop function if exists "audit_event_chain"();`);
    this.addSql(`drop table if exists "audit_chain_head";`);
    this.addSql(`drop index if exists "audit_event_seq_index";`);
    this.addSql(`alter table "audit_event" drop column if exists "hash", drop column if exists "seq";`);
  }

}
