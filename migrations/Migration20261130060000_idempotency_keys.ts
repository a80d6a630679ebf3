import { Migration } from '@mikro-orm/migrations';

// Written by hand: the table is owned by src/hub/common/idempotency.ts (not an entity, skipped by the schema diff).
export class Migration20261130060000_idempotency_keys extends Migration {

  override name = 'Migration20261130060000_idempotency_keys';

  override up(): void | Promise<void> {
    // One row per (viewer, key), written in the same transaction as the change it guards: a retried request
    // finds it and gets the first answer, and a change never exists without it (nor it without the change).
    this.addSql(`create table "idempotency_key" ("viewer_subject" varchar(400) not null, "key" varchar(200) not null, "operation" varchar(100) not null, "request_hash" char(64) not null, "result_id" uuid null, "created_at" timestamptz not null default now(), primary key ("viewer_subject", "key"));`);
    this.addSql(`create index "idempotency_key_viewer_subject_created_at_index" on "idempotency_key" ("viewer_subject", "created_at");`);
  }

  override down(): void | Promise<void> {
    this.addSql(`drop table if exists "idempotency_key";`);
  }

}
