// The classified record types releaseRecord can name: one entry per type. A new classified entity (a ClassifiedRecord
// whose visibility passes its ClassifiedRecordType to visibleRows) plugs in with its enum value (common/enums.ts)
// and one entry here.
import type { FilterQuery } from '@mikro-orm/postgresql';
import type { ClassType } from 'type-graphql';
import { Role, type Viewer } from '../../../auth/viewer.js';
import type { ClassifiedRecord } from '../../common/classified.entity.js';
import { ClassifiedRecordType, Tlp } from '../../common/enums.js';
import { BestPractice, visibleBestPractices } from '../best-practice/index.js';
import { EquipmentFunding, visibleEquipmentFundings } from '../equipment-funding/index.js';
import { Investigation, visibleInvestigations } from '../investigation/index.js';
import { PartnershipAction, visiblePartnershipActions } from '../partnership-action/index.js';
import { RiskIndicator, visibleRiskIndicators } from '../risk-indicator/index.js';
import { Seizure, visibleSeizures } from '../seizure/index.js';
import { TargetingAlert, visibleTargetingAlerts } from '../targeting-alert/index.js';

export interface ClassifiedType<T extends ClassifiedRecord = ClassifiedRecord> {
  type: ClassifiedRecordType;
  entity: ClassType<T>;
  /** The rows a viewer may see (the module's *.visibility.ts). */
  visible(viewer: Viewer): FilterQuery<T>;
  /** The roles that write records of this type: a member of the originating agency holding one may release them. */
  releasers: readonly Role[];
  /**
   * Relations to the agencies a RED record of this type names besides its originating agency (participants,
   * partners, beneficiary…): they get grants when the label is lowered from RED, so that lowering hides the record
   * from none of them.
   */
  namedAgencies: readonly string[];
  /**
   * Who could ever see a record of this type, whatever its label or grants: `alliance` (any member agency) or
   * `lawEnforcement` (never a private operator: its visibility refuses them). A release never names an agency
   * outside it: the grant would do nothing, and say otherwise.
   */
  audience: 'alliance' | 'lawEnforcement';
  /** Labels a record of this type never carries (as its create refuses them), with why: a release never lowers to one. */
  refusedLabels: Partial<Record<Tlp, string>>;
}

const entry = <T extends ClassifiedRecord>(e: ClassifiedType<T>) => e as unknown as ClassifiedType;

export const CLASSIFIED_TYPES: readonly ClassifiedType[] = [
  entry({ type: ClassifiedRecordType.SEIZURE, entity: Seizure, visible: visibleSeizures, releasers: [Role.OFFICER], namedAgencies: [], audience: 'alliance', refusedLabels: {} }),
  entry({ type: ClassifiedRecordType.BEST_PRACTICE, entity: BestPractice, visible: visibleBestPractices, releasers: [Role.REFERENT], namedAgencies: [], audience: 'alliance', refusedLabels: {} }),
  entry({ type: ClassifiedRecordType.INVESTIGATION, entity: Investigation, visible: visibleInvestigations, releasers: [Role.INVESTIGATOR], namedAgencies: ['participants'], audience: 'alliance', refusedLabels: {} }),
  entry({ type: ClassifiedRecordType.PARTNERSHIP_ACTION, entity: PartnershipAction, visible: visiblePartnershipActions, releasers: [Role.ADMIN], namedAgencies: ['partners'], audience: 'alliance', refusedLabels: {} }),
  entry({ type: ClassifiedRecordType.EQUIPMENT_FUNDING, entity: EquipmentFunding, visible: visibleEquipmentFundings, releasers: [Role.ADMIN], namedAgencies: ['beneficiary'], audience: 'alliance', refusedLabels: {} }),
  // Alerts and indicators: law enforcement only at any label (their visibility refuses private operators).
  entry({
    type: ClassifiedRecordType.TARGETING_ALERT, entity: TargetingAlert, visible: visibleTargetingAlerts, releasers: [Role.OFFICER, Role.REFERENT], namedAgencies: ['addressedAgencies'], audience: 'lawEnforcement',
    refusedLabels: { [Tlp.AMBER_STRICT]: 'targeting alerts are never TLP:AMBER+STRICT: it keeps a record to the raising agency, so the addressed agencies could not read it; keep it RED or lower it to AMBER' },
  }),
  entry({ type: ClassifiedRecordType.RISK_INDICATOR, entity: RiskIndicator, visible: visibleRiskIndicators, releasers: [Role.REFERENT], namedAgencies: [], audience: 'lawEnforcement', refusedLabels: {} }),
];

export function classifiedType(type: ClassifiedRecordType): ClassifiedType {
  const found = CLASSIFIED_TYPES.find((t) => t.type === type);
  if (!found) throw new Error(`No release registry entry for ${type}`);
  return found;
}

/** Every role that may release some type: the mutation's shield rule (the service checks the record's own). */
export const RELEASER_ROLES: readonly Role[] = [...new Set(CLASSIFIED_TYPES.flatMap((t) => t.releasers))];
