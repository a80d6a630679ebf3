// Demo equipment funding lines: MILDECA funding French customs equipment at mainland and overseas ports
// from its fund of confiscated drug assets, and DG TAXUD's Customs Control Equipment Instrument (CCEI)
// funding member states' customs. Amounts are illustrative, exact to the cent.
import { Tlp } from '../../hub/common/enums.js';
import { AgencyKind } from '../../hub/modules/agency/index.js';
import { EquipmentFunding, EquipmentType } from '../../hub/modules/equipment-funding/index.js';
import { AGENCIES } from './agencies.js';
import type { DemoGraph } from './graph.js';
import { decimalFromUnits } from './random.js';
import type { Weighted } from './seizure-flows.js';

/** Amount range in whole euros and what the line buys. */
const EQUIPMENT: Readonly<Record<EquipmentType, { min: number; max: number; what: string }>> = {
  SCANNER: { min: 800_000, max: 4_500_000, what: 'container scanner' },
  DETECTION_DOGS: { min: 40_000, max: 250_000, what: 'detection dog team and kennels' },
  BOAT: { min: 300_000, max: 2_500_000, what: 'coastal patrol boat' },
  VEHICLE: { min: 40_000, max: 200_000, what: 'intervention vehicles' },
  DRONE: { min: 20_000, max: 150_000, what: 'surveillance drones' },
  ENDOSCOPE: { min: 5_000, max: 60_000, what: 'endoscopes and reefer inspection tools' },
  DRUG_TEST_KITS: { min: 5_000, max: 50_000, what: 'drug identification kits' },
  IT_SYSTEM: { min: 100_000, max: 900_000, what: 'image analysis and targeting software' },
  OTHER: { min: 10_000, max: 120_000, what: 'protective and search equipment' },
};
const TYPES: Weighted<EquipmentType> = [
  [EquipmentType.SCANNER, 4], [EquipmentType.DETECTION_DOGS, 5], [EquipmentType.BOAT, 3], [EquipmentType.VEHICLE, 4],
  [EquipmentType.DRONE, 3], [EquipmentType.ENDOSCOPE, 4], [EquipmentType.DRUG_TEST_KITS, 3], [EquipmentType.IT_SYSTEM, 2], [EquipmentType.OTHER, 1],
];
const TLP: Weighted<Tlp> = [[Tlp.CLEAR, 30], [Tlp.GREEN, 50], [Tlp.AMBER, 20]];
const MILDECA_LINES = 28;
const CCEI_LINES = 12;

export function createFundingLines(graph: DemoGraph): EquipmentFunding[] {
  const random = graph.random.stream('funding');
  const thisYear = Number(graph.today.slice(0, 4));
  const line = (funder: string, beneficiary: string, ports: readonly string[], years: [number, number], programme: string) => {
    const type = random.weighted(TYPES);
    const { min, max, what } = EQUIPMENT[type];
    const port = graph.port(random.pick(ports));
    const year = Math.min(random.int(...years), thisYear);
    const created = graph.at(graph.notAfterToday(`${year}-${String(random.int(3, 11)).padStart(2, '0')}-15`));
    return graph.add(new EquipmentFunding({
      originAgency: graph.agency(funder),
      beneficiary: graph.agency(beneficiary),
      port,
      year,
      amountEur: decimalFromUnits(random.int(min, max) * 100 + random.int(0, 99), 2),
      equipmentType: type,
      description: `${what[0]!.toUpperCase()}${what.slice(1)} for ${port.name} (${programme}, demo data)`,
      tlp: random.weighted(TLP),
      createdAt: created,
      updatedAt: created,
    }));
  };
  const frenchPorts = AGENCIES.find((a) => a.code === 'FR-DGDDI')!.ports;
  const memberCustoms = AGENCIES.filter((a) => a.kind === AgencyKind.CUSTOMS && a.country !== 'FR' && a.ports.length > 0);
  return [
    ...Array.from({ length: MILDECA_LINES }, () => line('FR-MILDECA', 'FR-DGDDI', frenchPorts, [2021, 2025], 'MILDECA fund of confiscated drug assets')),
    ...Array.from({ length: CCEI_LINES }, () => {
      const customs = random.pick(memberCustoms);
      return line('EU-TAXUD', customs.code, customs.ports, [2022, 2025], 'Customs Control Equipment Instrument');
    }),
  ];
}
