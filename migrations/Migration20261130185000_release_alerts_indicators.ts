import { Migration } from '@mikro-orm/migrations';

export class Migration20261130185000_release_alerts_indicators extends Migration {

  override name = 'Migration20261130185000_release_alerts_indicators';

  override up(): void | Promise<void> {
    this.addSql(`alter table "record_release" drop constraint "record_release_record_type_check";`);
    this.addSql(`alter table "record_release" add constraint "record_release_record_type_check" check ("record_type" in ('Seizure', 'BestPractice', 'Investigation', 'PartnershipAction', 'EquipmentFunding', 'TargetingAlert', 'RiskIndicator'));`);
  }

  override down(): void | Promise<void> {
    this.addSql(`alter table "record_release" drop constraint "record_release_record_type_check";`);
    this.addSql(`alter table "record_release" add constraint "record_release_record_type_check" check ("record_type" in ('Seizure', 'BestPractice', 'Investigation', 'PartnershipAction', 'EquipmentFunding'));`);
  }

}
