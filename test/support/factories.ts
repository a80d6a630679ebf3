// Builders for test data: each returns a persisted entity with sensible synthetic defaults; pass overrides
// for what the test is about. Entities are built by their constructors (which ask for the required fields);
// everything is flushed, so the hub sees it at once.
import type { EntityManager, MikroORM } from '@mikro-orm/postgresql';
import { Tlp } from '../../src/hub/common/enums.js';
import { Agency, AgencyKind, type AgencyProps } from '../../src/hub/modules/agency/agency.entity.js';
import { BestPractice, BestPracticeCategory, type BestPracticeProps } from '../../src/hub/modules/best-practice/best-practice.entity.js';
import { EquipmentFunding, EquipmentType, type EquipmentFundingProps } from '../../src/hub/modules/equipment-funding/equipment-funding.entity.js';
import { Investigation, type InvestigationProps } from '../../src/hub/modules/investigation/investigation.entity.js';
import { PartnershipAction, type PartnershipActionProps } from '../../src/hub/modules/partnership-action/partnership-action.entity.js';
import { Port, type PortProps } from '../../src/hub/modules/port/port.entity.js';
import { Referent, type ReferentProps } from '../../src/hub/modules/referent/referent.entity.js';
import { RiskIndicator, type RiskIndicatorProps } from '../../src/hub/modules/risk-indicator/risk-indicator.entity.js';
import { DetectionMethod, DrugType, QuantityUnit, Seizure, type SeizureProps } from '../../src/hub/modules/seizure/seizure.entity.js';
import { TargetingAlert, TargetingAlertStatus, type TargetingAlertProps } from '../../src/hub/modules/targeting-alert/targeting-alert.entity.js';

let counter = 0;
const next = () => ++counter;

/** Overrides of a constructor's fields (the defaults fill in the rest); `Needed` are those without a default. */
type Props<T, Needed extends keyof T = never> = Partial<T> & Pick<T, Needed>;

export class Factories {
  constructor(private readonly orm: MikroORM) {}

  private async save<T extends object>(entity: T): Promise<T> {
    const em: EntityManager = this.orm.em.fork();
    await em.persist(entity).flush();
    return entity;
  }

  port(props: Props<PortProps> = {}): Promise<Port> {
    const n = next();
    return this.save(new Port({
      unlocode: `BE${String.fromCharCode(65 + (n % 26))}${String.fromCharCode(65 + (Math.floor(n / 26) % 26))}${String.fromCharCode(65 + (Math.floor(n / 676) % 26))}`,
      name: `Test port ${n}`,
      country: 'BE',
      ...props,
    }));
  }

  agency(props: Props<AgencyProps> & { ports?: Port[] } = {}): Promise<Agency> {
    const n = next();
    const { ports = [], ...rest } = props;
    const agency = new Agency({ code: `TEST-${n}`, name: `Test agency ${n}`, kind: AgencyKind.CUSTOMS, country: 'BE', ...rest });
    agency.ports.set(ports);
    return this.save(agency);
  }

  referent(props: Props<ReferentProps, 'agency'> & { ports?: Port[] }): Promise<Referent> {
    const n = next();
    const { ports = [], ...rest } = props;
    const referent = new Referent({
      fullName: `Demo Referent ${n}`,
      activeSince: '2023-05-01',
      languages: ['en'],
      expertise: [],
      email: `referent${n}@example.org`,
      phone: '+3200000000',
      ...rest,
    });
    referent.ports.set(ports);
    return this.save(referent);
  }

  /** `investigation` links one investigation, `investigations` several. */
  seizure(props: Props<SeizureProps, 'port' | 'originAgency'> & { transitPorts?: Port[]; investigation?: Investigation | null; investigations?: Investigation[] }): Promise<Seizure> {
    const n = next();
    const { transitPorts = [], investigation, investigations = investigation ? [investigation] : [], ...rest } = props;
    const seizure = new Seizure({
      reference: `DEMO-T-${n}`,
      seizedOn: '2024-03-01',
      drugType: DrugType.COCAINE,
      quantity: '100',
      unit: QuantityUnit.KG,
      detectionMethod: DetectionMethod.SCANNER,
      tlp: Tlp.GREEN,
      riskIndicators: [],
      ...rest,
    });
    seizure.transitPorts.set(transitPorts);
    seizure.investigations.set(investigations);
    return this.save(seizure);
  }

  bestPractice(props: Props<BestPracticeProps, 'originAgency'> & { adoptingPorts?: Port[] }): Promise<BestPractice> {
    const n = next();
    const { adoptingPorts = [], ...rest } = props;
    const practice = new BestPractice({
      title: `Practice ${n}`,
      summary: `Summary of practice ${n}`,
      body: `Body of practice ${n}`,
      category: BestPracticeCategory.RISK_ASSESSMENT,
      language: 'en',
      tlp: Tlp.CLEAR,
      ...rest,
    });
    practice.adoptingPorts.set(adoptingPorts);
    return this.save(practice);
  }

  investigation(props: Props<InvestigationProps, 'originAgency'> & { participants?: Agency[] }): Promise<Investigation> {
    const n = next();
    const { participants = [], ...rest } = props;
    const investigation = new Investigation({ codeName: `DEMO-OP-${n}`, openedOn: '2024-01-15', tlp: Tlp.RED, ...rest });
    investigation.participants.set([props.originAgency, ...participants.filter((p) => p !== props.originAgency)]);
    return this.save(investigation);
  }

  partnershipAction(props: Props<PartnershipActionProps, 'originAgency'> & { partners?: Agency[]; ports?: Port[] }): Promise<PartnershipAction> {
    const n = next();
    const { partners = [], ports = [], ...rest } = props;
    const action = new PartnershipAction({ title: `Action ${n}`, description: `Demo action ${n}`, tlp: Tlp.GREEN, commitments: [], ...rest });
    action.partners.set(partners);
    action.ports.set(ports);
    return this.save(action);
  }

  equipmentFunding(props: Props<EquipmentFundingProps, 'originAgency' | 'beneficiary'>): Promise<EquipmentFunding> {
    return this.save(new EquipmentFunding({
      year: 2024,
      amountEur: '100000.00',
      equipmentType: EquipmentType.SCANNER,
      description: 'Demo funding line',
      tlp: Tlp.GREEN,
      ...props,
    }));
  }

  /** The code is namespaced by the owner agency, as the hub makes it: `<agency code>/<local>`. */
  riskIndicator(props: Props<RiskIndicatorProps, 'originAgency'> & { local?: string }): Promise<RiskIndicator> {
    const n = next();
    const { local = `RI-${n}`, ...rest } = props;
    return this.save(new RiskIndicator({ code: `${props.originAgency.code}/${local}`, descriptions: { en: `Demo indicator ${n}` }, tlp: Tlp.AMBER, ...rest }));
  }

  /**
   * An alert; `transshipmentPorts` and the two ends make its route. `acknowledgedBy` acknowledges it, `state` sets
   * the stored state (e.g. CLOSED with outcome fields in `rest`).
   */
  targetingAlert(props: Props<TargetingAlertProps, 'originAgency' | 'portOfLoading' | 'portOfDischarge'> & {
    transshipmentPorts?: Port[]; riskIndicators?: RiskIndicator[]; addressedAgencies?: Agency[]; acknowledgedBy?: Agency;
    state?: TargetingAlertStatus.OPEN | TargetingAlertStatus.ACKNOWLEDGED | TargetingAlertStatus.CLOSED; seizure?: Seizure | null;
    outcome?: Pick<TargetingAlert, 'controlOutcome' | 'controlResult' | 'notControlledReason'>; controlledAt?: Date;
  }): Promise<TargetingAlert> {
    const { transshipmentPorts = [], riskIndicators = [], addressedAgencies = [], acknowledgedBy, state, seizure, outcome, controlledAt, ...rest } = props;
    const alert = new TargetingAlert({
      containerNumber: 'CSQU3054383',
      expectedArrival: new Date(Date.now() + 5 * 24 * 3_600_000),
      tlp: Tlp.AMBER,
      ...rest,
    });
    alert.transshipmentPorts.set(transshipmentPorts);
    alert.routePorts.set([props.portOfLoading, ...transshipmentPorts, props.portOfDischarge]);
    alert.riskIndicators.set(riskIndicators);
    alert.addressedAgencies.set(addressedAgencies);
    if (acknowledgedBy) {
      alert.state = TargetingAlertStatus.ACKNOWLEDGED;
      alert.acknowledgingAgency = acknowledgedBy;
      alert.acknowledgedAt = new Date();
    }
    if (state) alert.state = state;
    if (seizure !== undefined) alert.seizure = seizure;
    if (outcome) Object.assign(alert, outcome);
    if (controlledAt) alert.controlledAt = controlledAt;
    return this.save(alert);
  }
}
