import { Migration } from '@mikro-orm/migrations';

// Generated, then completed by hand: the release floor of every classified record (src/hub/common/classified.entity.ts
// `releaseFloor`), the lowest label a release gave it. The database holds what the services check: the label never
// rises above the floor (a check constraint within the row), and the floor itself only goes down (a trigger refuses
// raising or clearing it), as the grant table only grows. Releases made before this migration lowered labels
// without recording a floor: record_release keeps grants, not labels, so none is backfilled.

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

    this.addSql(`alter table "seizure" add "release_floor" text null;`);
    this.addSql(`alter table "seizure" add constraint "seizure_release_floor_check" check ("release_floor" in ('CLEAR', 'GREEN', 'AMBER', 'AMBER+STRICT', 'RED'));`);
    this.addSql(`alter table "seizure" add constraint "seizure_tlp_within_release_floor" check ("release_floor" is null or "tlp_rank"("tlp") <= "tlp_rank"("release_floor"));`);
    this.addSql(`create trigger "seizure_release_floor_only_lowers" before update of "release_floor" on "seizure" for each row execute function "release_floor_only_lowers"();`);

    this.addSql(`alter table "best_practice" add "release_floor" text null;`);
    this.addSql(`alter table "best_practice" add constraint "best_practice_release_floor_check" check ("release_floor" in ('CLEAR', 'GREEN', 'AMBER', 'AMBER+STRICT', 'RED'));`);
    this.addSql(`alter table "best_practice" add constraint "best_practice_tlp_within_release_floor" check ("release_floor" is null or "tlp_rank"("tlp") <= "tlp_rank"("release_floor"));`);
    this.addSql(`create trigger "best_practice_release_floor_only_lowers" before update of "release_floor" on "best_practice" for each row execute function "release_floor_only_lowers"();`);

    this.addSql(`alter table "investigation" add "release_floor" text null;`);
    this.addSql(`alter table "investigation" add constraint "investigation_release_floor_check" check ("release_floor" in ('CLEAR', 'GREEN', 'AMBER', 'AMBER+STRICT', 'RED'));`);
    this.addSql(`alter table "investigation" add constraint "investigation_tlp_within_release_floor" check ("release_floor" is null or "tlp_rank"("tlp") <= "tlp_rank"("release_floor"));`);
    this.addSql(`create trigger "investigation_release_floor_only_lowers" before update of "release_floor" on "investigation" for each row execute function "release_floor_only_lowers"();`);

    this.addSql(`alter table "partnership_action" add "release_floor" text null;`);
    this.addSql(`alter table "partnership_action" add constraint "partnership_action_release_floor_check" check ("release_floor" in ('CLEAR', 'GREEN', 'AMBER', 'AMBER+STRICT', 'RED'));`);
    this.addSql(`alter table "partnership_action" add constraint "partnership_action_tlp_within_release_floor" check ("release_floor" is null or "tlp_rank"("tlp") <= "tlp_rank"("release_floor"));`);
    this.addSql(`create trigger "partnership_action_release_floor_only_lowers" before update of "release_floor" on "partnership_action" for each row execute function "release_floor_only_lowers"();`);

    this.addSql(`alter table "equipment_funding" add "release_floor" text null;`);
    this.addSql(`alter table "equipment_funding" add constraint "equipment_funding_release_floor_check" check ("release_floor" in ('CLEAR', 'GREEN', 'AMBER', 'AMBER+STRICT', 'RED'));`);
    this.addSql(`alter table "equipment_funding" add constraint "equipment_funding_tlp_within_release_floor" check ("release_floor" is null or "tlp_rank"("tlp") <= "tlp_rank"("release_floor"));`);
    this.addSql(`create trigger "equipment_funding_release_floor_only_lowers" before update of "release_floor" on "equipment_funding" for each row execute function "release_floor_only_lowers"();`);
  }

  override down(): void | Promise<void> {
    this.addSql(`drop trigger if exists "seizure_release_floor_only_lowers" on "seizure";`);
    this.addSql(`alter table "seizure" drop constraint if exists "seizure_tlp_within_release_floor";`);
    this.addSql(`alter table "seizure" drop constraint if exists "seizure_release_floor_check";`);
    this.addSql(`alter table "seizure" drop column if exists "release_floor";`);

    this.addSql(`drop trigger if exists "best_practice_release_floor_only_lowers" on "best_practice";`);
    this.addSql(`alter table "best_practice" drop constraint if exists "best_practice_tlp_within_release_floor";`);
    this.addSql(`alter table "best_practice" drop constraint if exists "best_practice_release_floor_check";`);
    this.addSql(`alter table "best_practice" drop column if exists "release_floor";`);

    this.addSql(`drop trigger if exists "investigation_release_floor_only_lowers" on "investigation";`);
    this.addSql(`alter table "investigation" drop constraint if exists "investigation_tlp_within_release_floor";`);
    this.addSql(`alter table "investigation" drop constraint if exists "investigation_release_floor_check";`);
    this.addSql(`alter table "investigation" drop column if exists "release_floor";`);

    this.addSql(`drop trigger if exists "partnership_action_release_floor_only_lowers" on "partnership_action";`);
    this.addSql(`alter table "partnership_action" drop constraint if exists "partnership_action_tlp_within_release_floor";`);
    this.addSql(`alter table "partnership_action" drop constraint if exists "partnership_action_release_floor_check";`);
    this.addSql(`alter table "partnership_action" drop column if exists "release_floor";`);

    this.addSql(`drop trigger if exists "equipment_funding_release_floor_only_lowers" on "equipment_funding";`);
    this.addSql(`alter table "equipment_funding" drop constraint if exists "equipment_funding_tlp_within_release_floor";`);
    this.addSql(`alter table "equipment_funding" drop constraint if exists "equipment_funding_release_floor_check";`);
    this.addSql(`alter table "equipment_funding" drop column if exists "release_floor";`);
    this.addSql(`drop function if exists "release_floor_only_lowers"();`);
    this.addSql(`drop function if exists "tlp_rank"(text);`);
  }

}
