import { Migration } from '@mikro-orm/migrations';

// Generated, then completed by hand: the release floor of every classified record (src/hub/common/classified.entity.ts
// `releaseFloor`), the lowest label a release gave it. The database holds what the services check: the label never
// rises above the floor (a check constraint within the row), and the floor itself only goes down (a trigger refuses
// raising or clearing it), as the grant table only grows. Releases made before this migration lowered labels
// without recording a floor: record_release keeps grants, not labels, so none is backfilled.

/** The classified tables at the time of this migration (later ones get their floor in their own migration). */
const CLASSIFIED_TABLES = ['seizure', 'best_practice', 'investigation', 'partnership_action', 'equipment_funding'];

export class Migration20261130190000_release_floor extends Migration {

  override name = 'Migration20261130190000_release_floor';

  override up(): void | Promise<void> {
    // TLP labels from the widest audience to the narrowest; immutable, so check constraints may call it.
    this.addSql(`create function "tlp_rank"(label text) returns int language sql immutable strict parallel safe
      as $$ select array_position(array['CLEAR', 'GREEN', 'AMBER', 'AMBER+STRICT', 'RED'], label) $$;`);
    this.addSql(`create function "release_floor_only_lowers"() returns trigger language plpgsql as $$
      begin
        if old."release_floor" is not null and (new."release_floor" is null or "tlp_rank"(new."release_floor") > "tlp_rank"(old."release_floor")) then
          raise exception '%: a release floor only goes down (% to % refused)', tg_table_name, old."release_floor", coalesce(new."release_floor", 'null')
            using errcode = 'insufficient_privilege';
        end if;
        return new;
      end
    $$;`);

    for (const table of CLASSIFIED_TABLES) {
      this.addSql(`alter table "${table}" add "release_floor" text null;`);
      this.addSql(`alter table "${table}" add constraint "${table}_release_floor_check" check ("release_floor" in ('CLEAR', 'GREEN', 'AMBER', 'AMBER+STRICT', 'RED'));`);
      this.addSql(`alter table "${table}" add constraint "${table}_tlp_within_release_floor" check ("release_floor" is null or "tlp_rank"("tlp") <= "tlp_rank"("release_floor"));`);
      this.addSql(`create trigger "${table}_release_floor_only_lowers" before update of "release_floor" on "${table}" for each row execute function "release_floor_only_lowers"();`);
    }
  }

  override down(): void | Promise<void> {
    for (const table of CLASSIFIED_TABLES) {
      this.addSql(`drop trigger if exists "${table}_release_floor_only_lowers" on "${table}";`);
      this.addSql(`alter table "${table}" drop constraint if exists "${table}_tlp_within_release_floor";`);
      this.addSql(`alter table "${table}" drop constraint if exists "${table}_release_floor_check";`);
      this.addSql(`alter table "${table}" drop column if exists "release_floor";`);
    }
    this.addSql(`drop function if exists "release_floor_only_lowers"();`);
    this.addSql(`drop function if exists "tlp_rank"(text);`);
  }

}
