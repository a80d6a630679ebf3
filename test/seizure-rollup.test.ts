// The seizure rollup (issue 12): counts and statistics read from cells that triggers keep equal to the seizures in
// the same transaction as every write. Checked against the rows, recomputed here in TypeScript (the cells' keys with
// the independent disclosure-control implementation of test/support/disclosure.ts), after every kind of write: the
// ORM's inserts and updates, withdrawals, deletes, bulk SQL, and concurrent writes to one cell.
import { readFileSync } from 'node:fs';
import { randomUUID } from 'node:crypto';
import { Role } from '../src/auth/viewer.js';
import { Tlp } from '../src/hub/common/enums.js';
import { AgencyKind, type Agency } from '../src/hub/modules/agency/index.js';
import type { Port } from '../src/hub/modules/port/index.js';
import { DetectionMethod, DrugType, QuantityUnit, Seizure } from '../src/hub/modules/seizure/index.js';
import { publishedCount, recordKey } from './support/disclosure.js';
import { Factories } from './support/factories.js';
import { startTestHub, type Client, type TestHub } from './support/hub.js';

let hub: TestHub;
let make: Factories;
let antwerp: Port;
let rotterdam: Port;
let beCustoms: Agency;
let nlPolice: Agency;

type Cell = { year: number; port_id: string; origin_agency_id: string; tlp: string; drug_type: string; detection_method: string; withdrawn: boolean; seizures: string; key_sum: string; kg: string; kg_seizures: string };

/** The rollup as stored, and as the rows say it must be (keys and sums recomputed here). */
async function rollupAndRows(): Promise<{ stored: string[]; expected: string[] }> {
  const cells = await hub.ownerSql<Cell>('select * from seizure_rollup');
  const rows = await hub.ownerSql<{ id: string; seized_on: string | Date; port_id: string; origin_agency_id: string; tlp: string; drug_type: string; detection_method: string; withdrawn_at: Date | null; quantity: string; unit: string }>('select * from seizure');
  const expected = new Map<string, { n: bigint; key: bigint; kg: number; kgRows: bigint }>();
  // Each seizure counts in its detection method's cell and in the cell of all methods ('*').
  for (const r of rows.flatMap((row) => [row, { ...row, detection_method: '*' }])) {
    const year = new Date(r.seized_on).getUTCFullYear();
    const cell = JSON.stringify([year, r.port_id, r.origin_agency_id, r.tlp, r.drug_type, r.detection_method, r.withdrawn_at !== null]);
    const sum = expected.get(cell) ?? { n: 0n, key: 0n, kg: 0, kgRows: 0n };
    sum.n += 1n;
    sum.key += recordKey(r.id);
    if (r.unit === QuantityUnit.KG) {
      sum.kg += Number(r.quantity);
      sum.kgRows += 1n;
    }
    expected.set(cell, sum);
  }
  return {
    stored: cells.map((c) => JSON.stringify([[c.year, c.port_id, c.origin_agency_id, c.tlp, c.drug_type, c.detection_method, c.withdrawn], c.seizures, c.key_sum, Number(c.kg).toFixed(3), c.kg_seizures])).sort(),
    expected: [...expected].map(([cell, s]) => JSON.stringify([JSON.parse(cell), String(s.n), String(s.key), s.kg.toFixed(3), String(s.kgRows)])).sort(),
  };
}

async function expectRollupEqualsRows(): Promise<void> {
  const { stored, expected } = await rollupAndRows();
  expect(stored).toEqual(expected);
}

beforeAll(async () => {
  hub = await startTestHub();
  make = new Factories(hub.orm);
  antwerp = await make.port({ unlocode: 'BEANR', name: 'Antwerp' });
  rotterdam = await make.port({ unlocode: 'NLRTM', name: 'Rotterdam', country: 'NL' });
  beCustoms = await make.agency({ code: 'BE-CUS', kind: AgencyKind.CUSTOMS, country: 'BE', ports: [antwerp] });
  nlPolice = await make.agency({ code: 'NL-POL', kind: AgencyKind.POLICE, country: 'NL', ports: [rotterdam] });
  await make.agency({ code: 'DEMO-OPERATOR', kind: AgencyKind.PRIVATE_OPERATOR });
});
afterAll(() => hub.close());

test('inserts through the ORM: the cells hold every seizure, once, with its key and KG quantity', async () => {
  const labels = [Tlp.CLEAR, Tlp.GREEN, Tlp.AMBER, Tlp.AMBER_STRICT, Tlp.RED];
  for (let i = 0; i < 25; i++) {
    await make.seizure({
      port: i % 3 ? antwerp : rotterdam, originAgency: i % 2 ? beCustoms : nlPolice, tlp: labels[i % 5]!, seizedOn: `${2022 + (i % 3)}-0${1 + (i % 9)}-15`,
      drugType: i % 4 ? DrugType.COCAINE : DrugType.MDMA, unit: i % 4 ? QuantityUnit.KG : QuantityUnit.TABLETS, quantity: `${10 + i}.250`,
      detectionMethod: i % 2 ? DetectionMethod.SCANNER : DetectionMethod.DETECTION_DOG,
    });
  }
  await expectRollupEqualsRows();
  expect((await hub.ownerSql<{ n: string }>(`select sum(seizures) as n from seizure_rollup where detection_method = '*'`))[0]!.n).toBe('25');
});

test('updates move seizures between cells; withdrawals, deletes and bulk SQL too; emptied cells go', async () => {
  const em = hub.orm.em.fork();
  const seizures = await em.find(Seizure, {}, { orderBy: { reference: 'asc' }, limit: 6 });
  seizures[0]!.tlp = Tlp.RED;
  seizures[1]!.drugType = DrugType.HEROIN;
  seizures[2]!.seizedOn = '2019-06-30';
  seizures[3]!.withdrawnAt = new Date();
  seizures[4]!.quantity = '999.999';
  seizures[5]!.unit = QuantityUnit.TABLETS;
  await em.flush();
  await expectRollupEqualsRows();

  // A cell of its own, emptied by a delete, is gone.
  const lonely = await make.seizure({ port: rotterdam, originAgency: nlPolice, seizedOn: '2015-01-01', tlp: Tlp.CLEAR });
  expect(await hub.ownerSql('select * from seizure_rollup where year = 2015')).toHaveLength(2);
  await hub.ownerSql('delete from seizure where id = $1', [lonely.id]);
  expect(await hub.ownerSql('select * from seizure_rollup where year = 2015')).toHaveLength(0);

  // Bulk SQL: one statement, one upsert.
  await hub.ownerSql(`insert into seizure (id, created_at, updated_at, version, tlp, origin_agency_id, reference, seized_on, port_id, drug_type, quantity, unit, detection_method, risk_indicators)
    select gen_random_uuid(), now(), now(), 1, 'GREEN', $1, 'DEMO-BULK-' || g, date '2023-01-01' + g, $2, 'COCAINE', g, 'KG', 'INTELLIGENCE', '{}' from generate_series(1, 500) g`, [beCustoms.id, antwerp.id]);
  await hub.ownerSql(`update seizure set tlp = 'AMBER' where reference like 'DEMO-BULK-%' and seized_on < date '2023-06-01'`);
  await expectRollupEqualsRows();
});

test('concurrent writes to one cell lose nothing', async () => {
  const officer = await hub.as({ agency: beCustoms, roles: [Role.OFFICER] });
  const before = await hub.ownerSql<{ n: string }>(`select coalesce(sum(seizures), 0) as n from seizure_rollup where year = 2021 and tlp = 'GREEN' and detection_method = '*'`);
  await Promise.all(Array.from({ length: 20 }, (_, i) => officer.query(
    'mutation RollupWrite($input: RecordSeizureInput!) { recordSeizure(input: $input) { id } }',
    { input: { reference: `DEMO-RACE-${i}-${randomUUID().slice(0, 6)}`, seizedOn: '2021-05-05', port: 'BEANR', drugType: 'COCAINE', quantity: '1', unit: 'KG', detectionMethod: 'SCANNER', tlp: 'GREEN' } },
  )));
  const after = await hub.ownerSql<{ n: string }>(`select sum(seizures) as n from seizure_rollup where year = 2021 and tlp = 'GREEN' and detection_method = '*'`);
  expect(Number(after[0]!.n) - Number(before[0]!.n)).toBe(20);
  await expectRollupEqualsRows();
});

describe('counts drawn from the cells equal counts over the rows, for every viewer', () => {
  const viewers: [string, () => Promise<Client>, (tlp: string, agency: string) => boolean, boolean][] = [
    ['anonymous', async () => hub, (tlp) => tlp === 'CLEAR', false],
    ['a partner', async () => hub.as({ agency: { id: (await agency('DEMO-OPERATOR')).id, kind: 'PRIVATE_OPERATOR' }, roles: [Role.PARTNER] }), (tlp) => ['CLEAR', 'GREEN'].includes(tlp), false],
    ['an officer of BE customs', async () => hub.as({ agency: beCustoms, roles: [Role.OFFICER] }), (tlp, agency) => ['CLEAR', 'GREEN', 'AMBER'].includes(tlp) || agency === beCustoms.id, true],
  ];
  const agency = async (code: string) => (await hub.ownerSql<{ id: string }>('select id from agency where code = $1', [code]))[0]!;
  // Filters the cells answer (whole years), and ones they cannot (a period inside a year, a container number).
  const filters: [string, Record<string, unknown>, (r: { seized_on: Date; port: string; drug_type: string; container_number: string | null }) => boolean][] = [
    ['none', {}, () => true],
    ['ports and drug type', { ports: ['BEANR'], drugTypes: ['COCAINE'] }, (r) => r.port === 'BEANR' && r.drug_type === 'COCAINE'],
    ['whole years', { seizedFrom: '2022-01-01', seizedTo: '2023-12-31' }, (r) => r.seized_on.getUTCFullYear() >= 2022 && r.seized_on.getUTCFullYear() <= 2023],
    ['a period inside a year (rows)', { seizedFrom: '2022-03-01', seizedTo: '2022-11-30' }, (r) => r.seized_on >= new Date('2022-03-01') && r.seized_on <= new Date('2022-11-30')],
  ];
  test.each(viewers.flatMap(([who, client, sees, exact]) => filters.map(([name, filter, matches]) => [who, name, client, sees, exact, filter, matches] as const)))(
    '%s, filter: %s', async (_who, _name, client, sees, exact, filter, matches) => {
      const rows = await hub.ownerSql<{ id: string; seized_on: Date; port: string; drug_type: string; tlp: string; origin_agency_id: string; container_number: string | null }>(
        `select s.id, s.seized_on, p.unlocode as port, s.drug_type, s.tlp, s.origin_agency_id, s.container_number from seizure s join port p on p.id = s.port_id where s.withdrawn_at is null`);
      const ids = rows.filter((r) => sees(r.tlp, r.origin_agency_id) && matches(r)).map((r) => r.id);
      const answer = await (await client()).query<{ seizures: { totalCount: number }; port: { seizures: { totalCount: number } } }, Record<string, unknown>>(
        'query RollupCount($filter: SeizureFilter) { seizures(first: 1, filter: $filter) { totalCount } }', { filter });
      expect(answer.seizures.totalCount).toBe(exact ? ids.length : publishedCount(ids));
      expect(ids.length).toBeGreaterThan(0);
    });
});

test('lists, nested lists and statistics read the cells when the filter allows, the rows otherwise', async () => {
  const officer = await hub.as({ agency: beCustoms, roles: [Role.OFFICER] });
  const read = () => officer.query<{ seizures: { totalCount: number }; inside: { totalCount: number }; port: { seizures: { totalCount: number } }; seizureStatistics: { seizures: number } }, Record<string, never>>(
    `query RollupPaths { seizures(first: 1) { totalCount } inside: seizures(first: 1, filter: { seizedFrom: "2022-03-01", seizedTo: "2022-11-30" }) { totalCount }
      port(unlocode: "BEANR") { seizures(first: 1) { totalCount } } seizureStatistics(groupBy: [YEAR]) { seizures } }`, {});
  const before = await read();
  // Marking 1000 more seizures in one of Antwerp's cells (as only a broken trigger could) shows which answers read the cells.
  const where = `port_id = '${antwerp.id}' and tlp = 'GREEN' and not withdrawn and year = 2023 and detection_method = '*'`;
  await hub.ownerSql(`update seizure_rollup set seizures = seizures + 1000 where (${where}) and ctid = (select ctid from seizure_rollup where ${where} limit 1)`);
  try {
    const after = await read();
    expect(after.seizures.totalCount).toBe(before.seizures.totalCount + 1000);
    expect(after.port.seizures.totalCount).toBe(before.port.seizures.totalCount + 1000);
    expect(after.seizureStatistics.seizures).toBe(before.seizureStatistics.seizures + 1000);
    expect(after.inside.totalCount).toBe(before.inside.totalCount);
  } finally {
    await hub.ownerSql(`update seizure_rollup set seizures = seizures - 1000 where seizures > 1000`);
  }
  await expectRollupEqualsRows();
});

test('every field of SeizureFilter is known to the cells (seizureCellsWhere), so a new filter cannot be left out of their counts', () => {
  const api = readFileSync('schema/api.graphql', 'utf8');
  const fields = [.../input SeizureFilter \{([^}]*)\}/.exec(api)![1]!.matchAll(/^\s+(\w+):/gm)].map((m) => m[1]).sort();
  // Kept in the cells, or refused to them (the rows are counted): concealments, containerNumber, partial periods.
  expect(fields).toEqual(['agencyIds', 'concealments', 'containerNumber', 'country', 'drugTypes', 'includeWithdrawn', 'ports', 'seizedFrom', 'seizedTo', 'tlps']);
});
