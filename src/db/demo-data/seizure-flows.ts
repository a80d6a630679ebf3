// Trafficking flows the synthetic seizures are drawn from, after the patterns the EU drugs agency and Europol
// describe in public reports: cocaine from South American and Caribbean ports, often via transshipment hubs,
// into the big North Sea ports and the French Caribbean; cannabis resin from Moroccan ports into the
// Mediterranean; synthetic drugs leaving from North Sea ports; captagon seized in transit in the Mediterranean.
import { Concealment, DrugType, QuantityUnit } from '../../hub/modules/seizure/index.js';

export type Weighted<T> = readonly (readonly [T, number])[];

export interface Flow {
  drug: DrugType;
  /** Share of all seizures. */
  weight: number;
  origins: Weighted<string>;
  /** Candidate transshipment ports; 0..maxTransits of them, in the drawn order. */
  transits: readonly string[];
  maxTransits: number;
  destinations: Weighted<string>;
  /** Which port of the route the seizure is made at (always one an alliance agency serves). */
  seizedAt: 'destination' | 'origin' | 'transit';
  unit: QuantityUnit;
  /** Quantity range in 10^-scale of the unit (grams for KG with scale 3). */
  scale: 0 | 3;
  min: number;
  max: number;
  concealments: Weighted<Concealment>;
}

const { RIP_ON_RIP_OFF, HIDDEN_IN_CARGO, CONTAINER_STRUCTURE, REEFER_UNIT, VESSEL_HULL_OR_SEA_CHEST, PIN_CODE_FRAUD, EXTRACTION_TEAM, INSIDER_HELP } = Concealment;

const COCAINE_CONCEALMENT: Weighted<Concealment> = [
  [RIP_ON_RIP_OFF, 38], [HIDDEN_IN_CARGO, 20], [REEFER_UNIT, 12], [CONTAINER_STRUCTURE, 10],
  [VESSEL_HULL_OR_SEA_CHEST, 5], [PIN_CODE_FRAUD, 6], [EXTRACTION_TEAM, 5], [INSIDER_HELP, 4],
];
const CARGO_CONCEALMENT: Weighted<Concealment> = [[HIDDEN_IN_CARGO, 60], [CONTAINER_STRUCTURE, 25], [RIP_ON_RIP_OFF, 10], [INSIDER_HELP, 5]];
const LATIN_AMERICA: Weighted<string> = [
  ['ECGYE', 20], ['BRSSZ', 12], ['COCTG', 10], ['PAONX', 8], ['PECLL', 6], ['CRLIO', 6], ['COBUN', 5], ['ECPBO', 5],
  ['PABLB', 4], ['GTSTC', 3], ['DOCAU', 3], ['COSMR', 3], ['BRPNG', 3], ['GYGEO', 2], ['SRPBM', 2], ['VEPBL', 2], ['CLSAI', 2],
];
const ATLANTIC_HUBS = ['PAONX', 'PABLB', 'JMKIN', 'DOCAU', 'MAPTM', 'GHTEM', 'TGLFW', 'CIABJ', 'MTMAR'];

export const FLOWS: readonly Flow[] = [
  {
    drug: DrugType.COCAINE, weight: 56, origins: LATIN_AMERICA, transits: ATLANTIC_HUBS, maxTransits: 2,
    destinations: [
      ['BEANR', 24], ['NLRTM', 22], ['DEHAM', 8], ['FRLEH', 7], ['ESALG', 5], ['ESVLC', 5], ['ITGIT', 4], ['ITGOA', 4],
      ['PTSIE', 3], ['PTLEI', 2], ['GRPIR', 3], ['FRDKK', 2], ['FRMRS', 2], ['DEBRV', 2], ['BEZEE', 2], ['ESBCN', 2],
      ['PLGDN', 1], ['SIKOP', 1], ['HRRJK', 1], ['IEDUB', 1], ['SEGOT', 1], ['ITTRS', 1], ['NLVLI', 1],
    ],
    seizedAt: 'destination', unit: QuantityUnit.KG, scale: 3, min: 5_000, max: 9_000_000, concealments: COCAINE_CONCEALMENT,
  },
  {
    // Cocaine seized in transit at the Iberian transshipment hubs, bound for the North Sea ports.
    drug: DrugType.COCAINE, weight: 6, origins: LATIN_AMERICA, transits: ['ESALG', 'PTSIE', 'ESVLC'], maxTransits: 1,
    destinations: [['BEANR', 3], ['NLRTM', 3], ['DEHAM', 1], ['ITGOA', 1]],
    seizedAt: 'transit', unit: QuantityUnit.KG, scale: 3, min: 20_000, max: 4_000_000, concealments: COCAINE_CONCEALMENT,
  },
  {
    // The French Caribbean and Réunion: smaller loads, often by sailing boats and feeder vessels.
    drug: DrugType.COCAINE, weight: 8,
    origins: [['VEPBL', 4], ['COSMR', 3], ['COCTG', 3], ['GYGEO', 3], ['SRPBM', 3], ['DOCAU', 2], ['BRSSZ', 2], ['PAONX', 2]],
    transits: ['JMKIN', 'DOCAU', 'PAONX'], maxTransits: 1,
    destinations: [['MQFDF', 4], ['GPPTP', 4], ['GFDDC', 2], ['RELPT', 1]],
    seizedAt: 'destination', unit: QuantityUnit.KG, scale: 3, min: 1_000, max: 1_500_000, concealments: COCAINE_CONCEALMENT,
  },
  {
    drug: DrugType.CANNABIS_RESIN, weight: 10, origins: [['MATNG', 4], ['MAPTM', 4], ['MACAS', 2]], transits: [], maxTransits: 0,
    destinations: [['ESALG', 6], ['ESVLC', 3], ['FRMRS', 3], ['ITGOA', 2], ['ITGIT', 1], ['ESBCN', 2], ['NLRTM', 2], ['BEANR', 2], ['PTLIS', 1]],
    seizedAt: 'destination', unit: QuantityUnit.KG, scale: 3, min: 20_000, max: 20_000_000,
    concealments: [[HIDDEN_IN_CARGO, 50], [CONTAINER_STRUCTURE, 20], [VESSEL_HULL_OR_SEA_CHEST, 10], [REEFER_UNIT, 10], [INSIDER_HELP, 10]],
  },
  {
    drug: DrugType.HERBAL_CANNABIS, weight: 4, origins: [['JMKIN', 3], ['ZADUR', 2], ['CAHAL', 2], ['USNYC', 2], ['GHTEM', 1]],
    transits: ['MAPTM', 'ESALG'], maxTransits: 1,
    destinations: [['NLRTM', 3], ['BEANR', 3], ['IEDUB', 2], ['DEHAM', 1], ['FRLEH', 1]],
    seizedAt: 'destination', unit: QuantityUnit.KG, scale: 3, min: 10_000, max: 3_000_000, concealments: CARGO_CONCEALMENT,
  },
  {
    drug: DrugType.HEROIN, weight: 3, origins: [['IRBND', 4], ['PKKHI', 3], ['INNSA', 1]], transits: ['AEJEA', 'TRMER'], maxTransits: 1,
    destinations: [['BEANR', 3], ['NLRTM', 3], ['ITGIT', 2], ['GRPIR', 2], ['DEHAM', 1]],
    seizedAt: 'destination', unit: QuantityUnit.KG, scale: 3, min: 2_000, max: 600_000, concealments: CARGO_CONCEALMENT,
  },
  {
    // Ecstasy leaving Europe for Oceania: seized at the port of loading.
    drug: DrugType.MDMA, weight: 3, origins: [['NLRTM', 3], ['BEANR', 2]], transits: ['SGSIN'], maxTransits: 1,
    destinations: [['AUSYD', 3], ['AUMEL', 2], ['NZAKL', 1]],
    seizedAt: 'origin', unit: QuantityUnit.TABLETS, scale: 0, min: 5_000, max: 2_000_000, concealments: CARGO_CONCEALMENT,
  },
  {
    // Captagon from the eastern Mediterranean to the Gulf, seized in transit at Mediterranean ports.
    drug: DrugType.AMPHETAMINE, weight: 3, origins: [['SYLTK', 3], ['LBBEY', 1]], transits: ['ITSAL', 'GRPIR', 'ITGIT'], maxTransits: 1,
    destinations: [['SAJED', 3], ['AEJEA', 1]],
    seizedAt: 'transit', unit: QuantityUnit.TABLETS, scale: 0, min: 100_000, max: 15_000_000, concealments: CARGO_CONCEALMENT,
  },
  {
    drug: DrugType.METHAMPHETAMINE, weight: 2, origins: [['MXZLO', 4], ['PAONX', 1]], transits: ['PABLB'], maxTransits: 1,
    destinations: [['NLRTM', 3], ['BEANR', 2], ['DEHAM', 1]],
    seizedAt: 'destination', unit: QuantityUnit.KG, scale: 3, min: 5_000, max: 2_000_000, concealments: CARGO_CONCEALMENT,
  },
  {
    drug: DrugType.NEW_PSYCHOACTIVE_SUBSTANCES, weight: 2, origins: [['CNSHA', 3], ['INNSA', 1]], transits: ['SGSIN'], maxTransits: 1,
    destinations: [['NLRTM', 3], ['BEANR', 2], ['PLGDN', 2], ['DEHAM', 1]],
    seizedAt: 'destination', unit: QuantityUnit.KG, scale: 3, min: 1_000, max: 500_000, concealments: CARGO_CONCEALMENT,
  },
  {
    drug: DrugType.PRECURSORS, weight: 3, origins: [['CNSHA', 3], ['CNNGB', 2], ['INNSA', 1]], transits: ['SGSIN'], maxTransits: 1,
    destinations: [['NLRTM', 3], ['BEANR', 3], ['DEHAM', 1], ['PLGDN', 1], ['SIKOP', 1]],
    seizedAt: 'destination', unit: QuantityUnit.LITRES, scale: 3, min: 100_000, max: 40_000_000, concealments: CARGO_CONCEALMENT,
  },
];
