// Every entity the ORM knows, listed explicitly (no folder scan: the same list works compiled and under jest).
import { Agency } from '../hub/modules/agency/agency.entity.js';
import { AuditEvent } from '../hub/modules/audit/audit.entity.js';
import { BestPractice } from '../hub/modules/best-practice/best-practice.entity.js';
import { EquipmentFunding } from '../hub/modules/equipment-funding/equipment-funding.entity.js';
import { Investigation } from '../hub/modules/investigation/investigation.entity.js';
import { PartnershipAction } from '../hub/modules/partnership-action/partnership-action.entity.js';
import { Port } from '../hub/modules/port/port.entity.js';
import { Referent } from '../hub/modules/referent/referent.entity.js';
import { RiskIndicator } from '../hub/modules/risk-indicator/risk-indicator.entity.js';
import { TargetingAlert } from '../hub/modules/targeting-alert/targeting-alert.entity.js';
import { SeizureRollup } from '../hub/modules/seizure/seizure-rollup.entity.js';
import { Seizure } from '../hub/modules/seizure/seizure.entity.js';
import { MemberSubgraph } from '../hub/modules/subgraph-registry/subgraph-registry.entity.js';
import { BaseRecord } from '../hub/common/base.entity.js';
import { ClassifiedRecord } from '../hub/common/classified.entity.js';
import { RecordRelease } from '../hub/common/record-release.entity.js';

export const entities = [
  BaseRecord,
  ClassifiedRecord,
  Port,
  Agency,
  Referent,
  Seizure,
  SeizureRollup,
  BestPractice,
  Investigation,
  PartnershipAction,
  EquipmentFunding,
  RecordRelease,
  RiskIndicator,
  TargetingAlert,
  AuditEvent,
  MemberSubgraph,
];
