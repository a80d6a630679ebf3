import { registerEnumType } from 'type-graphql';
import { Role } from '../../auth/viewer.js';

// The identity layer's roles, as the hub's schema shows them (registered here: auth/ loads no GraphQL server library).
registerEnumType(Role, { name: 'Role', description: 'Capabilities a member holds.' });
export { Role };

/** TLP 2.0 (FIRST). Stored with the label's own spelling; GraphQL names cannot hold '+'. */
export enum Tlp {
  CLEAR = 'CLEAR',
  GREEN = 'GREEN',
  AMBER = 'AMBER',
  AMBER_STRICT = 'AMBER+STRICT',
  RED = 'RED',
}
registerEnumType(Tlp, {
  name: 'Tlp',
  description: 'Traffic Light Protocol 2.0 label.',
  valuesConfig: {
    CLEAR: { description: 'TLP:CLEAR — anyone.' },
    GREEN: { description: 'TLP:GREEN — any authenticated alliance member.' },
    AMBER: { description: 'TLP:AMBER — law-enforcement members (public authorities).' },
    AMBER_STRICT: { description: 'TLP:AMBER+STRICT — only the originating agency.' },
    RED: { description: 'TLP:RED — only the agencies named on the record.' },
  },
});

/** Europol SIENA handling codes. */
export enum HandlingCode {
  H0 = 'H0',
  H1 = 'H1',
  H2 = 'H2',
  H3 = 'H3',
}
registerEnumType(HandlingCode, {
  name: 'HandlingCode',
  description: 'Europol SIENA handling code.',
  valuesConfig: {
    H0: { description: 'Law-enforcement purposes only.' },
    H1: { description: "Not for judicial proceedings without the provider's permission." },
    H2: { description: 'No onward dissemination without permission.' },
    H3: { description: 'Other restrictions.' },
  },
});

/**
 * The classified record types (ClassifiedRecord), by GraphQL type name: what `releaseRecord` names and the release
 * grants (record-release.entity.ts) keep. A new classified entity adds itself here and in the release registry
 * (modules/release/release.registry.ts).
 */
export enum ClassifiedRecordType {
  SEIZURE = 'Seizure',
  BEST_PRACTICE = 'BestPractice',
  INVESTIGATION = 'Investigation',
  PARTNERSHIP_ACTION = 'PartnershipAction',
  EQUIPMENT_FUNDING = 'EquipmentFunding',
  TARGETING_ALERT = 'TargetingAlert',
  RISK_INDICATOR = 'RiskIndicator',
}
registerEnumType(ClassifiedRecordType, { name: 'ClassifiedRecordType', description: 'A type of record that carries a TLP label and an originating agency.' });
