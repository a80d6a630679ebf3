import { Migration } from '@mikro-orm/migrations';

// Written by hand (the entities' @Unique declarations say the same; `npm run migration:create` diffs to nothing).
// Keys a record of another agency could hold are unique per owning agency, so that no answer differs by whether a
// record the viewer may not see holds the value (README, "Unique keys and links"): a seizure's reference per
// reporting agency, an investigation's code name per lead agency, a referent's identity-provider subject per agency.
export class Migration20261130070000_unique_keys_per_agency extends Migration {

  override name = 'Migration20261130070000_unique_keys_per_agency';

  override up(): void | Promise<void> {
    this.addSql(`alter table "investigation" drop constraint "investigation_code_name_unique";`);
    this.addSql(`alter table "investigation" add constraint "investigation_origin_agency_id_code_name_unique" unique ("origin_agency_id", "code_name");`);

    this.addSql(`alter table "referent" drop constraint "referent_subject_unique";`);
    this.addSql(`alter table "referent" add constraint "referent_agency_id_subject_unique" unique ("agency_id", "subject");`);

    this.addSql(`alter table "seizure" drop constraint "seizure_reference_unique";`);
    this.addSql(`alter table "seizure" add constraint "seizure_origin_agency_id_reference_unique" unique ("origin_agency_id", "reference");`);
  }

  // Fails if two agencies have meanwhile used the same value: the global keys cannot hold such data.
  override down(): void | Promise<void> {
    this.addSql(`alter table "investigation" drop constraint "investigation_origin_agency_id_code_name_unique";`);
    this.addSql(`alter table "investigation" add constraint "investigation_code_name_unique" unique ("code_name");`);

    this.addSql(`alter table "referent" drop constraint "referent_agency_id_subject_unique";`);
    this.addSql(`alter table "referent" add constraint "referent_subject_unique" unique ("subject");`);

    this.addSql(`alter table "seizure" drop constraint "seizure_origin_agency_id_reference_unique";`);
    this.addSql(`alter table "seizure" add constraint "seizure_reference_unique" unique ("reference");`);
  }

}
