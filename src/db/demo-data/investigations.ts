// Synthetic coordinated investigations (DEMO-OP- code names), each linked to a handful of the synthetic
// seizures that match its focus, and more of them in the same image for benchmark-sized data. The notes describe modus operandi only: no persons, no real groups.
import { Tlp } from '../../hub/common/enums.js';
import { Investigation, InvestigationStatus } from '../../hub/modules/investigation/index.js';
import { type Agency, AgencyKind } from '../../hub/modules/agency/index.js';
import { Concealment, DrugType } from '../../hub/modules/seizure/index.js';
import type { DemoGraph } from './graph.js';
import type { Random } from './random.js';
import { FLOWS, type Flow, type Weighted } from './seizure-flows.js';
import type { SeizureRow } from './seizures.js';

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

const CODE_WORDS_A = ['AMBER', 'BLUE', 'COLD', 'DARK', 'EAST', 'FAR', 'GREY', 'HIGH', 'IRON', 'LONG', 'NORTH', 'QUIET', 'SALT', 'SILENT', 'WEST', 'WHITE'];
const CODE_WORDS_B = ['ANCHOR', 'BEACON', 'CURRENT', 'DRIFT', 'HARBOUR', 'HULL', 'KEEL', 'LOCK', 'MOORING', 'PILOT', 'QUAY', 'REEF', 'SWELL', 'TIDE', 'WAKE', 'WHARF'];
const STATUS: Weighted<InvestigationStatus> = [[OPEN, 20], [ACTIVE, 45], [SUSPENDED, 10], [CLOSED, 25]];
const LABELS: Weighted<Tlp> = [[Tlp.RED, 60], [Tlp.AMBER_STRICT, 25], [Tlp.AMBER, 15]];
const LEADS = [AgencyKind.POLICE, AgencyKind.CUSTOMS];
const PARTNERS = [AgencyKind.POLICE, AgencyKind.CUSTOMS, AgencyKind.JUDICIAL, AgencyKind.COORDINATION_BODY];
/** One investigation of the catalogue's 8 per this many seizures, beyond them: proportionate at benchmark sizes. */
const SEIZURES_PER_INVESTIGATION = 2000;

/** Ports where seizures of a flow are made, with weights. */
function seizurePorts(flow: Flow): Weighted<string> {
  if (flow.seizedAt === 'origin') return flow.origins;
  if (flow.seizedAt === 'destination') return flow.destinations;
  return flow.transits.map((t) => [t, 1] as const);
}

/** More investigations in the catalogue's image: a flow's drug at one of its seizure ports, led by an agency serving it. */
function generatedSeeds(graph: DemoGraph, random: Random, count: number): InvestigationSeed[] {
  const seeds: InvestigationSeed[] = [];
  for (let n = 1; seeds.length < count; n++) {
    const flow = random.weighted(FLOWS.map((f) => [f, f.weight] as const));
    const port = random.weighted(seizurePorts(flow));
    const leads = graph.agenciesAt(port, LEADS);
    if (leads.length === 0) continue;
    const lead = random.pick(leads);
    const others = graph.agenciesAt(port, PARTNERS).filter((a) => a !== lead);
    const participants = random.sample(others, random.int(1, Math.max(1, others.length))).map((a) => a.code);
    if (random.chance(0.6)) participants.push('EU-EUROPOL');
    seeds.push({
      codeName: `DEMO-OP-${random.pick(CODE_WORDS_A)}-${random.pick(CODE_WORDS_B)}-${String(n).padStart(4, '0')}`,
      lead: lead.code,
      participants,
      status: random.weighted(STATUS),
      openedOn: random.date('2019-06-01', graph.today),
      tlp: random.weighted(LABELS),
      notes: `Synthetic demo case. ${flow.drug.toLowerCase().replace(/_/g, ' ')} seized at ${port}: a series of consignments with the same modus operandi.`,
      focus: { drug: flow.drug, ports: [port] },
    });
  }
  return seeds;
}

/**
 * The investigations (the catalogue's, and one more per SEIZURES_PER_INVESTIGATION seizures), each to be linked to
 * 3 to 12 (catalogue) or 3 to 30 (generated) seizures matching its focus that one of its agencies may see (policy/tlp.ts:
 * AMBER and below any public authority; AMBER+STRICT and RED only the reporting agency, so only when it takes part),
 * reported from a year before it opened. The seizures stream past once (`offer`), in date order; each investigation
 * keeps a uniform sample of its matches (reservoir sampling), so nothing else is kept. A seizure may end up in
 * several investigations' samples (a seizure may serve several investigations).
 */
export class InvestigationLinker {
  readonly investigations: Investigation[];
  private readonly byFocus = new Map<string, { investigation: Investigation; seed: InvestigationSeed; from: string; participants: Set<Agency>; size: number; seen: number; sample: string[] }[]>();
  private readonly random: Random;

  constructor(graph: DemoGraph, seizures: number) {
    const random = graph.random.stream('investigations');
    this.random = graph.random.stream('investigation-links');
    const seeds = [...INVESTIGATIONS, ...generatedSeeds(graph, random, Math.floor(seizures / SEIZURES_PER_INVESTIGATION))];
    this.investigations = seeds.map((seed, index) => {
      const lead = graph.agency(seed.lead);
      const openedOn = graph.notAfterToday(seed.openedOn);
      const investigation = graph.add(new Investigation({
        id: random.uuid(),
        codeName: seed.codeName,
        originAgency: lead,
        status: seed.status,
        openedOn,
        tlp: seed.tlp,
        criminalGroupNotes: seed.notes,
        createdAt: graph.at(openedOn),
        updatedAt: graph.at(openedOn),
      }));
      const participants = [lead, ...seed.participants.map((code) => graph.agency(code))];
      investigation.participants.set(participants);
      const entry = {
        investigation, seed, participants: new Set(participants), seen: 0, sample: [] as string[],
        from: `${Number(openedOn.slice(0, 4)) - 1}${openedOn.slice(4)}`,
        size: index < INVESTIGATIONS.length ? random.int(3, 12) : random.int(3, 30),
      };
      for (const port of seed.focus.ports) {
        const key = `${seed.focus.drug}|${port}`;
        this.byFocus.set(key, [...(this.byFocus.get(key) ?? []), entry]);
      }
      return investigation;
    });
  }

  offer(seizure: SeizureRow): void {
    if (seizure.withdrawnAt) return;
    for (const entry of this.byFocus.get(`${seizure.drugType}|${seizure.port.unlocode}`) ?? []) {
      if (seizure.seizedOn < entry.from) continue;
      if (entry.seed.focus.concealment && seizure.concealment !== entry.seed.focus.concealment) continue;
      const strict = seizure.tlp === Tlp.AMBER_STRICT || seizure.tlp === Tlp.RED;
      if (strict && !entry.participants.has(seizure.originAgency)) continue;
      entry.seen++;
      if (entry.sample.length < entry.size) entry.sample.push(seizure.id);
      else {
        const j = this.random.int(0, entry.seen - 1);
        if (j < entry.size) entry.sample[j] = seizure.id;
      }
    }
  }

  /** [seizure id, investigation id] pairs, once every seizure was offered. */
  *links(): Generator<readonly [string, string]> {
    for (const investigation of this.investigations) {
      const entry = [...this.byFocus.values()].flat().find((e) => e.investigation === investigation)!;
      for (const seizureId of [...entry.sample].sort()) yield [seizureId, investigation.id] as const;
    }
  }
}
