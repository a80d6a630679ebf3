import { Migration } from '@mikro-orm/migrations';

// Written by hand: the gateway's rate-limit counters (src/limits/rate-limit.ts; rate-limiter-flexible's own shape,
// not an entity, skipped by the schema diff). Created here, by the owner, because the runtime role the gateway
// connects as may not create tables. A database where an earlier gateway created it keeps it (ownership handed to
// the owner role: src/db/embedded-postgres.ts, README "Database and migrations").
export class Migration20261130100100_rate_limit_table extends Migration {

  override name = 'Migration20261130100100_rate_limit_table';

  override up(): void | Promise<void> {
    this.addSql(`create table if not exists "rate_limit" ("key" varchar(255) primary key, "points" integer not null default 0, "expire" bigint);`);
  }

  override down(): void | Promise<void> {
    this.addSql(`drop table if exists "rate_limit";`);
  }

}
