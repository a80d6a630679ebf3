import { Migration } from '@mikro-orm/migrations';

// Targeting alerts and the risk indicator catalogue (README, "Targeting alerts"). Generated, plus the pivots' indexes
// on the side the lists look them up by (the primary keys serve the alert side).

export class Migration20261130170000_targeting_alerts extends Migration {

  override name = 'Migration20261130170000_targeting_alerts';

  override up(): void | Promise<void> {
    this.addSql(`create table "risk_indicator" ("id" uuid not null, "created_at" timestamptz not null, "updated_at" timestamptz not null, "version" int not null default 1, "tlp" text not null, "origin_agency_id" uuid not null, "code" varchar(73) not null, "descriptions" jsonb not null, primary key ("id"));`);
    this.addSql(`create index "risk_indicator_tlp_index" on "risk_indicator" ("tlp");`);
    this.addSql(`create index "risk_indicator_origin_agency_id_index" on "risk_indicator" ("origin_agency_id");`);
    this.addSql(`alter table "risk_indicator" add constraint "risk_indicator_code_unique" unique ("code");`);
    this.addSql(`create index "risk_indicator_code_id_index" on "risk_indicator" ("code", "id");`);

    this.addSql(`create table "targeting_alert" ("id" uuid not null, "created_at" timestamptz not null, "updated_at" timestamptz not null, "version" int not null default 1, "tlp" text not null, "origin_agency_id" uuid not null, "container_number" varchar(11) not null, "vessel_imo" varchar(7) null, "voyage" varchar(20) null, "bill_of_lading" varchar(35) null, "port_of_loading_id" uuid not null, "port_of_discharge_id" uuid not null, "expected_arrival" timestamptz not null, "narrative" text null, "state" text not null default 'OPEN', "acknowledged_at" timestamptz null, "acknowledging_agency_id" uuid null, "control_outcome" text null, "control_result" text null, "not_controlled_reason" text null, "controlled_at" timestamptz null, "outcome_remarks" text null, "seizure_id" uuid null, primary key ("id"));`);
    this.addSql(`create index "targeting_alert_tlp_index" on "targeting_alert" ("tlp");`);
    this.addSql(`create index "targeting_alert_origin_agency_id_index" on "targeting_alert" ("origin_agency_id");`);
    this.addSql(`create index "targeting_alert_container_number_index" on "targeting_alert" ("container_number");`);
    this.addSql(`create index "targeting_alert_port_of_loading_id_index" on "targeting_alert" ("port_of_loading_id");`);
    this.addSql(`create index "targeting_alert_port_of_discharge_id_index" on "targeting_alert" ("port_of_discharge_id");`);
    this.addSql(`create index "targeting_alert_state_index" on "targeting_alert" ("state");`);
    this.addSql(`create index "targeting_alert_seizure_id_index" on "targeting_alert" ("seizure_id");`);
    this.addSql(`create index "targeting_alert_origin_agency_id_created_at_id_index" on "targeting_alert" ("origin_agency_id", "created_at", "id");`);
    this.addSql(`create index "targeting_alert_created_at_id_index" on "targeting_alert" ("created_at", "id");`);

    this.addSql(`create table "targeting_alert_transshipment_port" ("position" serial primary key, "targeting_alert_id" uuid not null, "port_id" uuid not null);`);

    this.addSql(`create table "targeting_alert_route_port" ("targeting_alert_id" uuid not null, "port_id" uuid not null, primary key ("targeting_alert_id", "port_id"));`);

    this.addSql(`create table "targeting_alert_risk_indicator" ("targeting_alert_id" uuid not null, "risk_indicator_id" uuid not null, primary key ("targeting_alert_id", "risk_indicator_id"));`);

    this.addSql(`create table "targeting_alert_addressee" ("targeting_alert_id" uuid not null, "agency_id" uuid not null, primary key ("targeting_alert_id", "agency_id"));`);

    // Transshipment ports by alert in route order; alerts by route port (Port.targetingAlerts, filter.ports); alerts by
    // cited indicator (filter.riskIndicators, statistics); alerts by addressed agency (filter.addressedToMe).
    this.addSql(`create index "targeting_alert_transshipment_port_alert_position_index" on "targeting_alert_transshipment_port" ("targeting_alert_id", "position");`);
    this.addSql(`create index "targeting_alert_route_port_port_id_index" on "targeting_alert_route_port" ("port_id");`);
    this.addSql(`create index "targeting_alert_risk_indicator_risk_indicator_id_index" on "targeting_alert_risk_indicator" ("risk_indicator_id");`);
    this.addSql(`create index "targeting_alert_addressee_agency_id_index" on "targeting_alert_addressee" ("agency_id");`);

    this.addSql(`alter table "risk_indicator" add constraint "risk_indicator_origin_agency_id_foreign" foreign key ("origin_agency_id") references "agency" ("id");`);
    this.addSql(`alter table "risk_indicator" add constraint "risk_indicator_tlp_check" check ("tlp" in ('CLEAR', 'GREEN', 'AMBER', 'AMBER+STRICT', 'RED'));`);

    this.addSql(`alter table "targeting_alert" add constraint "targeting_alert_origin_agency_id_foreign" foreign key ("origin_agency_id") references "agency" ("id");`);
    this.addSql(`alter table "targeting_alert" add constraint "targeting_alert_port_of_loading_id_foreign" foreign key ("port_of_loading_id") references "port" ("id");`);
    this.addSql(`alter table "targeting_alert" add constraint "targeting_alert_port_of_discharge_id_foreign" foreign key ("port_of_discharge_id") references "port" ("id");`);
    this.addSql(`alter table "targeting_alert" add constraint "targeting_alert_acknowledging_agency_id_foreign" foreign key ("acknowledging_agency_id") references "agency" ("id") on delete set null;`);
    this.addSql(`alter table "targeting_alert" add constraint "targeting_alert_seizure_id_foreign" foreign key ("seizure_id") references "seizure" ("id") on delete set null;`);
    this.addSql(`alter table "targeting_alert" add constraint "targeting_alert_tlp_check" check ("tlp" in ('CLEAR', 'GREEN', 'AMBER', 'AMBER+STRICT', 'RED'));`);
    this.addSql(`alter table "targeting_alert" add constraint "targeting_alert_state_check" check ("state" in ('OPEN', 'ACKNOWLEDGED', 'CLOSED'));`);
    this.addSql(`alter table "targeting_alert" add constraint "targeting_alert_control_outcome_check" check ("control_outcome" in ('CONTROLLED', 'NOT_CONTROLLED'));`);
    this.addSql(`alter table "targeting_alert" add constraint "targeting_alert_control_result_check" check ("control_result" in ('NO_FINDING', 'DISCREPANCY', 'SEIZURE'));`);
    this.addSql(`alter table "targeting_alert" add constraint "targeting_alert_not_controlled_reason_check" check ("not_controlled_reason" in ('ALREADY_DEPARTED', 'NOT_ARRIVED', 'INSUFFICIENT_GROUNDS', 'CAPACITY'));`);

    this.addSql(`alter table "targeting_alert_transshipment_port" add constraint "targeting_alert_transshipment_port_targeting_alert_id_foreign" foreign key ("targeting_alert_id") references "targeting_alert" ("id") on update cascade on delete cascade;`);
    this.addSql(`alter table "targeting_alert_transshipment_port" add constraint "targeting_alert_transshipment_port_port_id_foreign" foreign key ("port_id") references "port" ("id") on update cascade on delete cascade;`);

    this.addSql(`alter table "targeting_alert_route_port" add constraint "targeting_alert_route_port_targeting_alert_id_foreign" foreign key ("targeting_alert_id") references "targeting_alert" ("id") on update cascade on delete cascade;`);
    this.addSql(`alter table "targeting_alert_route_port" add constraint "targeting_alert_route_port_port_id_foreign" foreign key ("port_id") references "port" ("id") on update cascade on delete cascade;`);

    this.addSql(`alter table "targeting_alert_risk_indicator" add constraint "targeting_alert_risk_indicator_targeting_alert_id_foreign" foreign key ("targeting_alert_id") references "targeting_alert" ("id") on update cascade on delete cascade;`);
    this.addSql(`alter table "targeting_alert_risk_indicator" add constraint "targeting_alert_risk_indicator_risk_indicator_id_foreign" foreign key ("risk_indicator_id") references "risk_indicator" ("id") on update cascade on delete cascade;`);

    this.addSql(`alter table "targeting_alert_addressee" add constraint "targeting_alert_addressee_targeting_alert_id_foreign" foreign key ("targeting_alert_id") references "targeting_alert" ("id") on update cascade on delete cascade;`);
    this.addSql(`alter table "targeting_alert_addressee" add constraint "targeting_alert_addressee_agency_id_foreign" foreign key ("agency_id") references "agency" ("id") on update cascade on delete cascade;`);
  }

  override down(): void | Promise<void> {
    this.addSql(`alter table "targeting_alert_risk_indicator" drop constraint "targeting_alert_risk_indicator_risk_indicator_id_foreign";`);
    this.addSql(`alter table "targeting_alert_transshipment_port" drop constraint "targeting_alert_transshipment_port_targeting_alert_id_foreign";`);
    this.addSql(`alter table "targeting_alert_route_port" drop constraint "targeting_alert_route_port_targeting_alert_id_foreign";`);
    this.addSql(`alter table "targeting_alert_risk_indicator" drop constraint "targeting_alert_risk_indicator_targeting_alert_id_foreign";`);
    this.addSql(`alter table "targeting_alert_addressee" drop constraint "targeting_alert_addressee_targeting_alert_id_foreign";`);

    this.addSql(`drop table if exists "risk_indicator" cascade;`);
    this.addSql(`drop table if exists "targeting_alert" cascade;`);
    this.addSql(`drop table if exists "targeting_alert_transshipment_port" cascade;`);
    this.addSql(`drop table if exists "targeting_alert_route_port" cascade;`);
    this.addSql(`drop table if exists "targeting_alert_risk_indicator" cascade;`);
    this.addSql(`drop table if exists "targeting_alert_addressee" cascade;`);
  }

}
