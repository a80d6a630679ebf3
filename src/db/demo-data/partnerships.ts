// Demo public-private partnership actions against criminal infiltration and corruption in ports. The
// public partners are real agencies; the private ones are the fictional DEMO operators.
import { Tlp } from '../../hub/common/enums.js';
import { PartnershipAction, PartnershipStatus } from '../../hub/modules/partnership-action/index.js';
import type { DemoGraph } from './graph.js';

interface PartnershipSeed {
  title: string;
  description: string;
  coordinator: string;
  partners: readonly string[];
  ports: readonly string[];
  status: PartnershipStatus;
  startsOn: string | null;
  tlp: Tlp;
  commitments: readonly string[];
}

const { PLANNED, IN_PROGRESS, COMPLETED, CANCELLED } = PartnershipStatus;

const PARTNERSHIPS: readonly PartnershipSeed[] = [
  {
    title: 'Secure container release at Antwerp-Bruges (demo)', coordinator: 'BE-POAB', partners: ['BE-AADA', 'BE-FEDPOL', 'DEMO-TERMINAL-BE'],
    ports: ['BEANR', 'BEZEE'], status: IN_PROGRESS, startsOn: '2024-03-01', tlp: Tlp.GREEN,
    description: 'Replace PIN codes by authenticated release rights for every import container.',
    commitments: ['Port authority: run the release platform', 'Terminal operator: accept only platform releases', 'Customs: share blocked containers in real time'],
  },
  {
    title: 'Terminal access control upgrade in Rotterdam (demo)', coordinator: 'NL-POR', partners: ['NL-DOUANE', 'NL-POLITIE', 'DEMO-REEFER-NL'],
    ports: ['NLRTM'], status: IN_PROGRESS, startsOn: '2024-05-15', tlp: Tlp.GREEN,
    description: 'Personal badges, vetted access and camera coverage at reefer terminals.',
    commitments: ['Port authority: badge system and vetting', 'Operator: cameras at reefer plug-in areas', 'Police: joint review of incidents'],
  },
  {
    title: 'Integrity awareness for dock workers (demo)', coordinator: 'FR-HAROPA', partners: ['FR-DGDDI', 'FR-OFAST', 'DEMO-LINES-FR'],
    ports: ['FRLEH', 'FRURO'], status: COMPLETED, startsOn: '2024-02-01', tlp: Tlp.CLEAR,
    description: 'Sessions for port workers on recruitment attempts and the confidential reporting channel.',
    commitments: ['Customs and police: deliver the sessions', 'Shipping line: release staff to attend'],
  },
  {
    title: 'Reporting channel for terminal staff in Algeciras (demo)', coordinator: 'ES-APBA', partners: ['ES-SVA', 'ES-GC', 'DEMO-TERMINALES-ES'],
    ports: ['ESALG'], status: IN_PROGRESS, startsOn: '2024-10-01', tlp: Tlp.GREEN,
    description: 'A confidential channel for terminal staff to report anomalies and solicitations.',
    commitments: ['Port authority: operate the channel', 'Customs: answer every report within a week'],
  },
  {
    title: 'Reefer seal verification pilot in Hamburg (demo)', coordinator: 'DE-HPA', partners: ['DE-ZOLL', 'DEMO-STEVEDORING-DE'],
    ports: ['DEHAM'], status: PLANNED, startsOn: null, tlp: Tlp.GREEN,
    description: 'Electronic seal checks on discharge for reefers from high-risk ports.',
    commitments: ['Stevedore: read seals at the quay crane', 'Customs: define the high-risk list'],
  },
  {
    title: 'Caribbean ports security dialogue (demo)', coordinator: 'FR-DGDDI', partners: ['FR-OFAST', 'DEMO-LINES-FR'],
    ports: ['MQFDF', 'GPPTP', 'GFDDC'], status: IN_PROGRESS, startsOn: '2024-11-04', tlp: Tlp.AMBER,
    description: 'Quarterly meetings with carriers serving the French Caribbean on contamination risks.',
    commitments: ['Carrier: share booking anomalies', 'Customs: feed back targeting results'],
  },
  {
    title: 'Shared vetting standard for port badges (demo)', coordinator: 'EU-HOME', partners: ['BE-POAB', 'NL-POR', 'FR-HAROPA', 'DE-HPA', 'ES-APBA'],
    ports: ['BEANR', 'NLRTM', 'FRLEH', 'DEHAM', 'ESALG'], status: IN_PROGRESS, startsOn: '2024-06-20', tlp: Tlp.CLEAR,
    description: 'A common minimum standard for background checks before a port badge is issued.',
    commitments: ['Port authorities: apply the standard to new badges', 'Commission: publish guidance'],
  },
  {
    title: 'Scanner results for terminal planning (demo)', coordinator: 'BE-AADA', partners: ['BE-POAB', 'DEMO-TERMINAL-BE'],
    ports: ['BEANR'], status: CANCELLED, startsOn: '2023-09-01', tlp: Tlp.AMBER,
    description: 'Share scanning slots with the terminal so selected containers move straight to the scanner; replaced by the secure release action.',
    commitments: ['Customs: publish scanning slots', 'Terminal operator: plan moves accordingly'],
  },
  {
    title: 'Mediterranean transshipment integrity programme (demo)', coordinator: 'IT-ADM', partners: ['IT-GDF', 'ES-SVA', 'DEMO-TERMINALES-ES'],
    ports: ['ITGIT', 'ESALG', 'ESVLC'], status: PLANNED, startsOn: null, tlp: Tlp.GREEN,
    description: 'Common checks on containers relayed through Mediterranean transshipment hubs.',
    commitments: ['Customs: exchange transshipment risk profiles', 'Terminal operator: flag unusual relay moves'],
  },
  {
    title: 'Protecting port community systems (demo)', coordinator: 'NL-POR', partners: ['NL-DOUANE', 'BE-POAB', 'DEMO-REEFER-NL', 'DEMO-TERMINAL-BE'],
    ports: ['NLRTM', 'BEANR'], status: IN_PROGRESS, startsOn: '2025-01-13', tlp: Tlp.AMBER_STRICT,
    description: 'Stronger authentication and logging on the systems that hold container release data.',
    commitments: ['Port authorities: multi-factor authentication', 'Operators: log and review access to release data'],
  },
];

export function createPartnershipActions(graph: DemoGraph): PartnershipAction[] {
  return PARTNERSHIPS.map(({ coordinator, partners, ports, startsOn, commitments, ...fields }) => {
    const lead = graph.agency(coordinator);
    const starts = startsOn ? graph.notAfterToday(startsOn) : null;
    const created = graph.at(starts ?? graph.notAfterToday('2025-06-01'));
    const action = graph.add(new PartnershipAction({
      ...fields,
      originAgency: lead,
      startsOn: starts,
      commitments: [...commitments],
      createdAt: created,
      updatedAt: created,
    }));
    action.partners.set([lead, ...partners.map((code) => graph.agency(code))]);
    action.ports.set(ports.map((code) => graph.port(code)));
    return action;
  });
}
