// Synthetic coordinated investigations (DEMO-OP- code names), each linked to a handful of the synthetic
// seizures that match its focus. The notes describe modus operandi only: no persons, no real groups.
import { Tlp } from '../../hub/common/enums.js';
import { Investigation, InvestigationStatus } from '../../hub/modules/investigation/index.js';
import { Concealment, DrugType, type Seizure } from '../../hub/modules/seizure/index.js';
import type { DemoGraph } from './graph.js';

interface InvestigationSeed {
  codeName: string;
  lead: string;
  participants: readonly string[];
  status: InvestigationStatus;
  openedOn: string;
  tlp: Tlp;
  notes: string;
  focus: { drug: DrugType; ports: readonly string[]; concealment?: Concealment };
}

const { OPEN, ACTIVE, SUSPENDED, CLOSED } = InvestigationStatus;

const INVESTIGATIONS: readonly InvestigationSeed[] = [
  {
    codeName: 'DEMO-OP-NORTHERN-TIDE', lead: 'BE-FEDPOL', participants: ['BE-AADA', 'NL-POLITIE', 'NL-DOUANE', 'EU-EUROPOL'],
    status: ACTIVE, openedOn: '2023-02-14', tlp: Tlp.RED, focus: { drug: DrugType.COCAINE, ports: ['BEANR', 'NLRTM'] },
    notes: 'Synthetic demo case. Rip-on/rip-off loads in reefer containers of fruit from Ecuador; extraction teams recovered bags at the terminals within hours of discharge.',
  },
  {
    codeName: 'DEMO-OP-CORAL-REEF', lead: 'FR-OFAST', participants: ['FR-DGDDI', 'FR-JUNALCO', 'EU-EUROPOL'],
    status: ACTIVE, openedOn: '2023-09-05', tlp: Tlp.RED, focus: { drug: DrugType.COCAINE, ports: ['MQFDF', 'GPPTP', 'GFDDC'] },
    notes: 'Synthetic demo case. Loads relayed through the French Caribbean towards mainland ports in feeder containers and on yachts.',
  },
  {
    codeName: 'DEMO-OP-STRAIT-LANTERN', lead: 'ES-GC', participants: ['ES-SVA', 'PT-PJ', 'FR-OFAST'],
    status: CLOSED, openedOn: '2021-06-01', tlp: Tlp.RED, focus: { drug: DrugType.CANNABIS_RESIN, ports: ['ESALG', 'ESVLC', 'FRMRS'] },
    notes: 'Synthetic demo case. Resin hidden in refrigerated vegetable consignments from Moroccan ports; closed after coordinated controls.',
  },
  {
    codeName: 'DEMO-OP-HANSE-FROST', lead: 'DE-BKA', participants: ['DE-ZKA', 'DE-ZOLL', 'NL-POLITIE', 'EU-EUROPOL'],
    status: ACTIVE, openedOn: '2024-04-22', tlp: Tlp.RED, focus: { drug: DrugType.COCAINE, ports: ['DEHAM', 'DEBRV', 'NLRTM'] },
    notes: 'Synthetic demo case. Cocaine in the structure of reefer units, with container moves out of terminal sequence.',
  },
  {
    codeName: 'DEMO-OP-TYRRHENIAN-KEY', lead: 'IT-GDF', participants: ['IT-ADM', 'IT-DCSA', 'EU-EUROPOL'],
    status: OPEN, openedOn: '2025-01-20', tlp: Tlp.RED, focus: { drug: DrugType.COCAINE, ports: ['ITGIT', 'ITGOA'] },
    notes: 'Synthetic demo case. Transshipment at a Mediterranean hub with suspected insider help at the terminal gate.',
  },
  {
    codeName: 'DEMO-OP-LEVANT-PILL', lead: 'IT-DCSA', participants: ['IT-GDF', 'GR-AADE', 'EU-EUROPOL'],
    status: SUSPENDED, openedOn: '2022-11-03', tlp: Tlp.AMBER_STRICT, focus: { drug: DrugType.AMPHETAMINE, ports: ['ITSAL', 'GRPIR', 'ITGIT'] },
    notes: 'Synthetic demo case. Captagon tablets in industrial machinery shipped from the eastern Mediterranean to the Gulf.',
  },
  {
    codeName: 'DEMO-OP-ATLANTIC-SHADOW', lead: 'PT-PJ', participants: ['PT-AT', 'ES-SVA', 'IE-REVENUE', 'EU-EUROPOL'],
    status: ACTIVE, openedOn: '2024-09-10', tlp: Tlp.RED, focus: { drug: DrugType.COCAINE, ports: ['PTSIE', 'PTLEI', 'ESALG', 'IEDUB'] },
    notes: 'Synthetic demo case. Atlantic route via West African transshipment ports, bags placed in legitimate containers.',
  },
  {
    codeName: 'DEMO-OP-DELTA-RELEASE', lead: 'NL-POLITIE', participants: ['NL-OM', 'NL-KMAR', 'BE-FEDPOL', 'EU-EUROJUST'],
    status: CLOSED, openedOn: '2022-03-15', tlp: Tlp.AMBER,
    focus: { drug: DrugType.COCAINE, ports: ['NLRTM', 'BEANR'], concealment: Concealment.PIN_CODE_FRAUD },
    notes: 'Synthetic demo case. Stolen container release (PIN) codes used to collect containers before the consignee.',
  },
];

/** The investigations, with some matching seizures linked (each seizure to at most one investigation). */
export function createInvestigations(graph: DemoGraph, seizures: readonly Seizure[]): Investigation[] {
  const random = graph.random.stream('investigations');
  return INVESTIGATIONS.map((seed) => {
    const lead = graph.agency(seed.lead);
    const openedOn = graph.notAfterToday(seed.openedOn);
    const investigation = graph.add(new Investigation({
      codeName: seed.codeName,
      originAgency: lead,
      status: seed.status,
      openedOn,
      tlp: seed.tlp,
      criminalGroupNotes: seed.notes,
      createdAt: graph.at(openedOn),
      updatedAt: graph.at(openedOn),
    }));
    investigation.participants.set([lead, ...seed.participants.map((code) => graph.agency(code))]);
    const from = `${Number(openedOn.slice(0, 4)) - 1}${openedOn.slice(4)}`;
    const candidates = seizures.filter(
      (s) =>
        s.investigations.count() === 0 &&
        s.drugType === seed.focus.drug &&
        seed.focus.ports.includes(s.port.unlocode) &&
        (!seed.focus.concealment || s.concealment === seed.focus.concealment) &&
        s.seizedOn >= from,
    );
    for (const seizure of random.sample(candidates, random.int(3, 12))) seizure.investigations.add(investigation);
    return investigation;
  });
}
