import { Migration } from '@mikro-orm/migrations';

export class Migration20261129031747_initial extends Migration {

  override name = 'Migration20261129031747_initial';

  override up(): void | Promise<void> {
    this.addSql(`create table "agency" ("id" uuid not null, "created_at" timestamptz not null, "updated_at" timestamptz not null, "version" int not null default 1, "code" varchar(32) not null, "name" varchar(200) not null, "kind" text not null, "country" varchar(2) null, "website" varchar(300) null, primary key ("id"));`);
    this.addSql(`alter table "agency" add constraint "agency_code_unique" unique ("code");`);
    this.addSql(`create index "agency_kind_index" on "agency" ("kind");`);
    this.addSql(`create index "agency_country_index" on "agency" ("country");`);
    this.addSql(`create index "agency_name_id_index" on "agency" ("name", "id");`);

    this.addSql(`create table "best_practice" ("id" uuid not null, "created_at" timestamptz not null, "updated_at" timestamptz not null, "version" int not null default 1, "tlp" text not null, "origin_agency_id" uuid not null, "title" varchar(200) not null, "summary" varchar(1000) not null, "body" text not null, "category" text not null, "language" varchar(2) not null, "published_at" timestamptz not null, "revision" int not null default 1, primary key ("id"));`);
    this.addSql(`create index "best_practice_tlp_index" on "best_practice" ("tlp");`);
    this.addSql(`create index "best_practice_origin_agency_id_index" on "best_practice" ("origin_agency_id");`);
    this.addSql(`create index "best_practice_category_index" on "best_practice" ("category");`);
    this.addSql(`create index "best_practice_language_index" on "best_practice" ("language");`);
    this.addSql(`create index "best_practice_published_at_id_index" on "best_practice" ("published_at", "id");`);

    this.addSql(`create table "investigation" ("id" uuid not null, "created_at" timestamptz not null, "updated_at" timestamptz not null, "version" int not null default 1, "tlp" text not null, "origin_agency_id" uuid not null, "code_name" varchar(80) not null, "status" text not null default 'OPEN', "opened_on" date not null, "criminal_group_notes" text null, primary key ("id"));`);
    this.addSql(`create index "investigation_tlp_index" on "investigation" ("tlp");`);
    this.addSql(`create index "investigation_origin_agency_id_index" on "investigation" ("origin_agency_id");`);
    this.addSql(`alter table "investigation" add constraint "investigation_code_name_unique" unique ("code_name");`);
    this.addSql(`create index "investigation_status_index" on "investigation" ("status");`);
    this.addSql(`create index "investigation_opened_on_id_index" on "investigation" ("opened_on", "id");`);

    this.addSql(`create table "investigation_participant" ("investigation_id" uuid not null, "agency_id" uuid not null, primary key ("investigation_id", "agency_id"));`);

    this.addSql(`create table "partnership_action" ("id" uuid not null, "created_at" timestamptz not null, "updated_at" timestamptz not null, "version" int not null default 1, "tlp" text not null, "origin_agency_id" uuid not null, "title" varchar(200) not null, "description" varchar(2000) not null, "status" text not null default 'PLANNED', "commitments" text[] not null, "starts_on" date null, primary key ("id"));`);
    this.addSql(`create index "partnership_action_tlp_index" on "partnership_action" ("tlp");`);
    this.addSql(`create index "partnership_action_origin_agency_id_index" on "partnership_action" ("origin_agency_id");`);
    this.addSql(`create index "partnership_action_status_index" on "partnership_action" ("status");`);
    this.addSql(`create index "partnership_action_created_at_id_index" on "partnership_action" ("created_at", "id");`);

    this.addSql(`create table "partnership_action_partner" ("partnership_action_id" uuid not null, "agency_id" uuid not null, primary key ("partnership_action_id", "agency_id"));`);

    this.addSql(`create table "port" ("id" uuid not null, "created_at" timestamptz not null, "updated_at" timestamptz not null, "version" int not null default 1, "unlocode" varchar(5) not null, "name" varchar(120) not null, "city" varchar(120) null, "province" varchar(120) null, "country" varchar(2) not null, "latitude" double precision null, "longitude" double precision null, "timezone" varchar(64) null, "overseas" boolean not null default false, "member_since" date null, primary key ("id"));`);
    this.addSql(`alter table "port" add constraint "port_unlocode_unique" unique ("unlocode");`);
    this.addSql(`create index "port_member_since_index" on "port" ("member_since");`);
    this.addSql(`create index "port_name_id_index" on "port" ("name", "id");`);
    this.addSql(`create index "port_country_name_index" on "port" ("country", "name");`);

    this.addSql(`create table "partnership_action_port" ("partnership_action_id" uuid not null, "port_id" uuid not null, primary key ("partnership_action_id", "port_id"));`);

    this.addSql(`create table "equipment_funding" ("id" uuid not null, "created_at" timestamptz not null, "updated_at" timestamptz not null, "version" int not null default 1, "tlp" text not null, "origin_agency_id" uuid not null, "year" int not null, "amount_eur" numeric(14,2) not null, "equipment_type" text not null, "description" varchar(500) not null, "beneficiary_id" uuid not null, "port_id" uuid null, primary key ("id"));`);
    this.addSql(`create index "equipment_funding_tlp_index" on "equipment_funding" ("tlp");`);
    this.addSql(`create index "equipment_funding_origin_agency_id_index" on "equipment_funding" ("origin_agency_id");`);
    this.addSql(`create index "equipment_funding_equipment_type_index" on "equipment_funding" ("equipment_type");`);
    this.addSql(`create index "equipment_funding_beneficiary_id_index" on "equipment_funding" ("beneficiary_id");`);
    this.addSql(`create index "equipment_funding_port_id_index" on "equipment_funding" ("port_id");`);
    this.addSql(`create index "equipment_funding_year_id_index" on "equipment_funding" ("year", "id");`);

    this.addSql(`create table "best_practice_adoption" ("best_practice_id" uuid not null, "port_id" uuid not null, primary key ("best_practice_id", "port_id"));`);

    this.addSql(`create table "agency_port" ("agency_id" uuid not null, "port_id" uuid not null, primary key ("agency_id", "port_id"));`);

    this.addSql(`create table "referent" ("id" uuid not null, "created_at" timestamptz not null, "updated_at" timestamptz not null, "version" int not null default 1, "full_name" varchar(200) not null, "agency_id" uuid not null, "expertise" text[] not null, "languages" text[] not null, "email" varchar(254) null, "phone" varchar(20) null, "active_since" date not null, "subject" varchar(200) null, primary key ("id"));`);
    this.addSql(`create index "referent_agency_id_index" on "referent" ("agency_id");`);
    this.addSql(`alter table "referent" add constraint "referent_subject_unique" unique ("subject");`);
    this.addSql(`create index "referent_full_name_id_index" on "referent" ("full_name", "id");`);

    this.addSql(`create table "referent_port" ("referent_id" uuid not null, "port_id" uuid not null, primary key ("referent_id", "port_id"));`);

    this.addSql(`create table "seizure" ("id" uuid not null, "created_at" timestamptz not null, "updated_at" timestamptz not null, "version" int not null default 1, "tlp" text not null, "origin_agency_id" uuid not null, "reference" varchar(40) not null, "seized_on" date not null, "port_id" uuid not null, "drug_type" text not null, "quantity" numeric(14,3) not null, "unit" text not null, "detection_method" text not null, "concealment" text null, "container_number" varchar(11) null, "vessel_name" varchar(120) null, "origin_port_id" uuid null, "destination_port_id" uuid null, "risk_indicators" text[] not null, "investigation_id" uuid null, "handling_code" text null, "withdrawn_at" timestamptz null, "withdrawal_reason" varchar(500) null, primary key ("id"));`);
    this.addSql(`create index "seizure_tlp_index" on "seizure" ("tlp");`);
    this.addSql(`create index "seizure_origin_agency_id_index" on "seizure" ("origin_agency_id");`);
    this.addSql(`alter table "seizure" add constraint "seizure_reference_unique" unique ("reference");`);
    this.addSql(`create index "seizure_concealment_index" on "seizure" ("concealment");`);
    this.addSql(`create index "seizure_container_number_index" on "seizure" ("container_number");`);
    this.addSql(`create index "seizure_origin_port_id_index" on "seizure" ("origin_port_id");`);
    this.addSql(`create index "seizure_destination_port_id_index" on "seizure" ("destination_port_id");`);
    this.addSql(`create index "seizure_investigation_id_index" on "seizure" ("investigation_id");`);
    this.addSql(`create index "seizure_drug_type_seized_on_index" on "seizure" ("drug_type", "seized_on");`);
    this.addSql(`create index "seizure_seized_on_id_index" on "seizure" ("seized_on", "id");`);
    this.addSql(`create index "seizure_port_id_seized_on_index" on "seizure" ("port_id", "seized_on");`);

    this.addSql(`create table "seizure_transit_port" ("position" serial primary key, "seizure_id" uuid not null, "port_id" uuid not null);`);

    this.addSql(`alter table "agency" add constraint "agency_kind_check" check ("kind" in ('CUSTOMS', 'POLICE', 'JUDICIAL', 'PORT_AUTHORITY', 'COORDINATION_BODY', 'EU_BODY', 'PRIVATE_OPERATOR'));`);

    this.addSql(`alter table "best_practice" add constraint "best_practice_origin_agency_id_foreign" foreign key ("origin_agency_id") references "agency" ("id");`);
    this.addSql(`alter table "best_practice" add constraint "best_practice_tlp_check" check ("tlp" in ('CLEAR', 'GREEN', 'AMBER', 'AMBER+STRICT', 'RED'));`);
    this.addSql(`alter table "best_practice" add constraint "best_practice_category_check" check ("category" in ('RISK_ASSESSMENT', 'TARGETED_CONTROLS', 'COORDINATED_INVESTIGATION', 'ANTI_CORRUPTION', 'PUBLIC_PRIVATE_PARTNERSHIP', 'EQUIPMENT', 'TRAINING'));`);

    this.addSql(`alter table "investigation" add constraint "investigation_origin_agency_id_foreign" foreign key ("origin_agency_id") references "agency" ("id");`);
    this.addSql(`alter table "investigation" add constraint "investigation_tlp_check" check ("tlp" in ('CLEAR', 'GREEN', 'AMBER', 'AMBER+STRICT', 'RED'));`);
    this.addSql(`alter table "investigation" add constraint "investigation_status_check" check ("status" in ('OPEN', 'ACTIVE', 'SUSPENDED', 'CLOSED'));`);

    this.addSql(`alter table "investigation_participant" add constraint "investigation_participant_investigation_id_foreign" foreign key ("investigation_id") references "investigation" ("id") on update cascade on delete cascade;`);
    this.addSql(`alter table "investigation_participant" add constraint "investigation_participant_agency_id_foreign" foreign key ("agency_id") references "agency" ("id") on update cascade on delete cascade;`);

    this.addSql(`alter table "partnership_action" add constraint "partnership_action_origin_agency_id_foreign" foreign key ("origin_agency_id") references "agency" ("id");`);
    this.addSql(`alter table "partnership_action" add constraint "partnership_action_tlp_check" check ("tlp" in ('CLEAR', 'GREEN', 'AMBER', 'AMBER+STRICT', 'RED'));`);
    this.addSql(`alter table "partnership_action" add constraint "partnership_action_status_check" check ("status" in ('PLANNED', 'IN_PROGRESS', 'COMPLETED', 'CANCELLED'));`);

    this.addSql(`alter table "partnership_action_partner" add constraint "partnership_action_partner_partnership_action_id_foreign" foreign key ("partnership_action_id") references "partnership_action" ("id") on update cascade on delete cascade;`);
    this.addSql(`alter table "partnership_action_partner" add constraint "partnership_action_partner_agency_id_foreign" foreign key ("agency_id") references "agency" ("id") on update cascade on delete cascade;`);

    this.addSql(`alter table "partnership_action_port" add constraint "partnership_action_port_partnership_action_id_foreign" foreign key ("partnership_action_id") references "partnership_action" ("id") on update cascade on delete cascade;`);
    this.addSql(`alter table "partnership_action_port" add constraint "partnership_action_port_port_id_foreign" foreign key ("port_id") references "port" ("id") on update cascade on delete cascade;`);

    this.addSql(`alter table "equipment_funding" add constraint "equipment_funding_origin_agency_id_foreign" foreign key ("origin_agency_id") references "agency" ("id");`);
    this.addSql(`alter table "equipment_funding" add constraint "equipment_funding_beneficiary_id_foreign" foreign key ("beneficiary_id") references "agency" ("id");`);
    this.addSql(`alter table "equipment_funding" add constraint "equipment_funding_port_id_foreign" foreign key ("port_id") references "port" ("id") on delete set null;`);
    this.addSql(`alter table "equipment_funding" add constraint "equipment_funding_tlp_check" check ("tlp" in ('CLEAR', 'GREEN', 'AMBER', 'AMBER+STRICT', 'RED'));`);
    this.addSql(`alter table "equipment_funding" add constraint "equipment_funding_equipment_type_check" check ("equipment_type" in ('SCANNER', 'DETECTION_DOGS', 'BOAT', 'VEHICLE', 'DRONE', 'ENDOSCOPE', 'DRUG_TEST_KITS', 'IT_SYSTEM', 'OTHER'));`);

    this.addSql(`alter table "best_practice_adoption" add constraint "best_practice_adoption_best_practice_id_foreign" foreign key ("best_practice_id") references "best_practice" ("id") on update cascade on delete cascade;`);
    this.addSql(`alter table "best_practice_adoption" add constraint "best_practice_adoption_port_id_foreign" foreign key ("port_id") references "port" ("id") on update cascade on delete cascade;`);

    this.addSql(`alter table "agency_port" add constraint "agency_port_agency_id_foreign" foreign key ("agency_id") references "agency" ("id") on update cascade on delete cascade;`);
    this.addSql(`alter table "agency_port" add constraint "agency_port_port_id_foreign" foreign key ("port_id") references "port" ("id") on update cascade on delete cascade;`);

    this.addSql(`alter table "referent" add constraint "referent_agency_id_foreign" foreign key ("agency_id") references "agency" ("id");`);
    this.addSql(`alter table "referent" add constraint "referent_expertise_check" check ("expertise" <@ array['CONTAINER_TARGETING'::text, 'SCANNING'::text, 'DOCUMENT_CONTROL'::text, 'RISK_ANALYSIS'::text, 'INTEGRITY'::text, 'DETECTION_DOGS'::text, 'MARITIME_SURVEILLANCE'::text]);`);

    this.addSql(`alter table "referent_port" add constraint "referent_port_referent_id_foreign" foreign key ("referent_id") references "referent" ("id") on update cascade on delete cascade;`);
    this.addSql(`alter table "referent_port" add constraint "referent_port_port_id_foreign" foreign key ("port_id") references "port" ("id") on update cascade on delete cascade;`);

    this.addSql(`alter table "seizure" add constraint "seizure_origin_agency_id_foreign" foreign key ("origin_agency_id") references "agency" ("id");`);
    this.addSql(`alter table "seizure" add constraint "seizure_port_id_foreign" foreign key ("port_id") references "port" ("id");`);
    this.addSql(`alter table "seizure" add constraint "seizure_origin_port_id_foreign" foreign key ("origin_port_id") references "port" ("id") on delete set null;`);
    this.addSql(`alter table "seizure" add constraint "seizure_destination_port_id_foreign" foreign key ("destination_port_id") references "port" ("id") on delete set null;`);
    this.addSql(`alter table "seizure" add constraint "seizure_investigation_id_foreign" foreign key ("investigation_id") references "investigation" ("id") on delete set null;`);
    this.addSql(`alter table "seizure" add constraint "seizure_tlp_check" check ("tlp" in ('CLEAR', 'GREEN', 'AMBER', 'AMBER+STRICT', 'RED'));`);
    this.addSql(`alter table "seizure" add constraint "seizure_drug_type_check" check ("drug_type" in ('COCAINE', 'CANNABIS_RESIN', 'HERBAL_CANNABIS', 'HEROIN', 'MDMA', 'AMPHETAMINE', 'METHAMPHETAMINE', 'NEW_PSYCHOACTIVE_SUBSTANCES', 'PRECURSORS'));`);
    this.addSql(`alter table "seizure" add constraint "seizure_unit_check" check ("unit" in ('KG', 'TABLETS', 'DOSES', 'LITRES', 'UNITS'));`);
    this.addSql(`alter table "seizure" add constraint "seizure_detection_method_check" check ("detection_method" in ('RISK_ANALYSIS', 'SCANNER', 'DETECTION_DOG', 'INTELLIGENCE', 'RANDOM_CONTROL'));`);
    this.addSql(`alter table "seizure" add constraint "seizure_concealment_check" check ("concealment" in ('RIP_ON_RIP_OFF', 'HIDDEN_IN_CARGO', 'CONTAINER_STRUCTURE', 'REEFER_UNIT', 'VESSEL_HULL_OR_SEA_CHEST', 'PIN_CODE_FRAUD', 'EXTRACTION_TEAM', 'INSIDER_HELP'));`);
    this.addSql(`alter table "seizure" add constraint "seizure_handling_code_check" check ("handling_code" in ('H0', 'H1', 'H2', 'H3'));`);

    this.addSql(`alter table "seizure_transit_port" add constraint "seizure_transit_port_seizure_id_foreign" foreign key ("seizure_id") references "seizure" ("id") on update cascade on delete cascade;`);
    this.addSql(`alter table "seizure_transit_port" add constraint "seizure_transit_port_port_id_foreign" foreign key ("port_id") references "port" ("id") on update cascade on delete cascade;`);
    // Added by hand: pivot tables are keyed (owner, other); the nested lists read them the other way round too
    // (a port's agencies, referents, adopted practices...), and a seizure's transit ports by seizure.
    this.addSql(`create index "agency_port_port_id_index" on "agency_port" ("port_id");`);
    this.addSql(`create index "referent_port_port_id_index" on "referent_port" ("port_id");`);
    this.addSql(`create index "best_practice_adoption_port_id_index" on "best_practice_adoption" ("port_id");`);
    this.addSql(`create index "investigation_participant_agency_id_index" on "investigation_participant" ("agency_id");`);
    this.addSql(`create index "partnership_action_partner_agency_id_index" on "partnership_action_partner" ("agency_id");`);
    this.addSql(`create index "partnership_action_port_port_id_index" on "partnership_action_port" ("port_id");`);
    this.addSql(`create index "seizure_transit_port_seizure_id_position_index" on "seizure_transit_port" ("seizure_id", "position");`);
  }

  override down(): void | Promise<void> {
    this.addSql(`alter table "best_practice" drop constraint "best_practice_origin_agency_id_foreign";`);
    this.addSql(`alter table "investigation" drop constraint "investigation_origin_agency_id_foreign";`);
    this.addSql(`alter table "investigation_participant" drop constraint "investigation_participant_agency_id_foreign";`);
    this.addSql(`alter table "partnership_action" drop constraint "partnership_action_origin_agency_id_foreign";`);
    this.addSql(`alter table "partnership_action_partner" drop constraint "partnership_action_partner_agency_id_foreign";`);
    this.addSql(`alter table "equipment_funding" drop constraint "equipment_funding_origin_agency_id_foreign";`);
    this.addSql(`alter table "equipment_funding" drop constraint "equipment_funding_beneficiary_id_foreign";`);
    this.addSql(`alter table "agency_port" drop constraint "agency_port_agency_id_foreign";`);
    this.addSql(`alter table "referent" drop constraint "referent_agency_id_foreign";`);
    this.addSql(`alter table "seizure" drop constraint "seizure_origin_agency_id_foreign";`);
    this.addSql(`alter table "best_practice_adoption" drop constraint "best_practice_adoption_best_practice_id_foreign";`);
    this.addSql(`alter table "investigation_participant" drop constraint "investigation_participant_investigation_id_foreign";`);
    this.addSql(`alter table "seizure" drop constraint "seizure_investigation_id_foreign";`);
    this.addSql(`alter table "partnership_action_partner" drop constraint "partnership_action_partner_partnership_action_id_foreign";`);
    this.addSql(`alter table "partnership_action_port" drop constraint "partnership_action_port_partnership_action_id_foreign";`);
    this.addSql(`alter table "partnership_action_port" drop constraint "partnership_action_port_port_id_foreign";`);
    this.addSql(`alter table "equipment_funding" drop constraint "equipment_funding_port_id_foreign";`);
    this.addSql(`alter table "best_practice_adoption" drop constraint "best_practice_adoption_port_id_foreign";`);
    this.addSql(`alter table "agency_port" drop constraint "agency_port_port_id_foreign";`);
    this.addSql(`alter table "referent_port" drop constraint "referent_port_port_id_foreign";`);
    this.addSql(`alter table "seizure" drop constraint "seizure_port_id_foreign";`);
    this.addSql(`alter table "seizure" drop constraint "seizure_origin_port_id_foreign";`);
    this.addSql(`alter table "seizure" drop constraint "seizure_destination_port_id_foreign";`);
    this.addSql(`alter table "seizure_transit_port" drop constraint "seizure_transit_port_port_id_foreign";`);
    this.addSql(`alter table "referent_port" drop constraint "referent_port_referent_id_foreign";`);
    this.addSql(`alter table "seizure_transit_port" drop constraint "seizure_transit_port_seizure_id_foreign";`);

    this.addSql(`drop table if exists "agency" cascade;`);
    this.addSql(`drop table if exists "best_practice" cascade;`);
    this.addSql(`drop table if exists "investigation" cascade;`);
    this.addSql(`drop table if exists "investigation_participant" cascade;`);
    this.addSql(`drop table if exists "partnership_action" cascade;`);
    this.addSql(`drop table if exists "partnership_action_partner" cascade;`);
    this.addSql(`drop table if exists "port" cascade;`);
    this.addSql(`drop table if exists "partnership_action_port" cascade;`);
    this.addSql(`drop table if exists "equipment_funding" cascade;`);
    this.addSql(`drop table if exists "best_practice_adoption" cascade;`);
    this.addSql(`drop table if exists "agency_port" cascade;`);
    this.addSql(`drop table if exists "referent" cascade;`);
    this.addSql(`drop table if exists "referent_port" cascade;`);
    this.addSql(`drop table if exists "seizure" cascade;`);
    this.addSql(`drop table if exists "seizure_transit_port" cascade;`);
  }

}
