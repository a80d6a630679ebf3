import { Migration } from '@mikro-orm/migrations';

// Generated, then completed by hand as Migration20261130190000_release_floor was: the release floor of the two
// classified types that arrived beside it (targeting alerts, risk indicators), with the same constraint and trigger.

export class Migration20261130195000_release_floor_alerts extends Migration {

  override name = 'Migration20261130195000_release_floor_alerts';

  override up(): void | Promise<void> {
    for (const table of ['risk_indicator', 'targeting_alert']) {
      this.addSql(`alter table "${table}" add "release_floor" text null;`);
      this.addSql(`alter table "${table}" add constraint "${table}_release_floor_check" check ("release_floor" in ('CLEAR', 'GREEN', 'AMBER', 'AMBER+STRICT', 'RED'));`);
      this.addSql(`alter table "${table}" add constraint "${table}_tlp_within_release_floor" check ("release_floor" is null or "tlp_rank"("tlp") <= "tlp_rank"("release_floor"));`);
      this.addSql(`create trigger "${table}_release_floor_only_lowers" before update of "release_floor" on "${table}" for each row execute function "release_floor_only_lowers"();`);
    }
  }

  override down(): void | Promise<void> {
    for (const table of ['risk_indicator', 'targeting_alert']) {
      this.addSql(`drop trigger if exists "${table}_release_floor_only_lowers" on "${table}";`);
      this.addSql(`alter table "${table}" drop constraint if exists "${table}_tlp_within_release_floor";`);
      this.addSql(`alter table "${table}" drop constraint if exists "${table}_release_floor_check";`);
      this.addSql(`alter table "${table}" drop column if exists "release_floor";`);
    }
  }

}
