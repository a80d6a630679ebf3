import { Migration } from '@mikro-orm/migrations';

// Written by hand (the entity's `keys` property says the same; `npm run migration:create` diffs to nothing).
// The natural keys a change names (a seizure's reference with the acting agency, an investigation's code name, …),
// so that a refused or failed change is on record with the same facts as one that was made, whatever the shape of
// the request (src/hub/modules/audit/audit.trail.ts, keysOf). Every row written from now on has them (`{}` for
// reads); rows written before keep null: the column is added without a value for them, then given its default, so
// that no existing row changes (the append-only trigger is not involved, and a row's content under the audit hash
// chain stays what it was, whichever of the two migrations a database ran first).
export class Migration20261130090000_audit_keys extends Migration {

  override name = 'Migration20261130090000_audit_keys';

  override up(): void | Promise<void> {
    this.addSql(`alter table "audit_event" add column "keys" jsonb null;`);
    this.addSql(`alter table "audit_event" alter column "keys" set default '{}';`);
    this.addSql(`alter table "audit_event" add constraint "audit_event_keys_object" check (jsonb_typeof("keys") = 'object');`);
  }

  override down(): void | Promise<void> {
    this.addSql(`alter table "audit_event" drop constraint "audit_event_keys_object";`);
    this.addSql(`alter table "audit_event" drop column "keys";`);
  }

}
