import { Migration } from '@mikro-orm/migrations';

// Generated (MemberSubgraph): the member subgraphs administrators register (src/hub/modules/subgraph-registry), read
// by every gateway (src/gateway/registry-database.ts). The runtime role both connect as gets its rights from the grants
// made after every migration run (src/db/roles.ts): the core writes rows, the gateway only selects them. `headers`
// holds references to the gateway's environment variables, never a secret.

export class Migration20261130120000_member_subgraph extends Migration {

  override name = 'Migration20261130120000_member_subgraph';

  override up(): void | Promise<void> {
    this.addSql(`create table "member_subgraph" ("id" uuid not null, "created_at" timestamptz not null, "updated_at" timestamptz not null, "version" int not null default 1, "name" varchar(49) not null, "url" varchar(500) not null, "public" boolean not null default false, "headers" jsonb not null default '[]', "timeout_ms" int null, "retired_at" timestamptz null, "registered_by" varchar(400) not null, primary key ("id"));`);
    this.addSql(`alter table "member_subgraph" add constraint "member_subgraph_name_unique" unique ("name");`);
  }

  override down(): void | Promise<void> {
    this.addSql(`drop table if exists "member_subgraph" cascade;`);
  }

}
