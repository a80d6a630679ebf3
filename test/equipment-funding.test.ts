import type { GraphQLFormattedError } from 'graphql';
import { Role } from '../src/auth/viewer.js';
import { Tlp } from '../src/hub/common/enums.js';
import { AgencyKind, type Agency } from '../src/hub/modules/agency/index.js';
import { EquipmentFunding, EquipmentType } from '../src/hub/modules/equipment-funding/index.js';
import type { Port } from '../src/hub/modules/port/index.js';
import {
  FundingAmountDocument, FundingByIdDocument, FundingLineAddDocument, FundingListDocument, FundingOfPortsAndAgenciesDocument,
  type AddFundingLineInput, type FundingListQueryVariables,
} from './generated/operations.js';
import { Factories } from './support/factories.js';
import { startTestHub, type Client, type TestHub } from './support/hub.js';

let hub: TestHub;
let make: Factories;
let mildeca: Agency; // French drug mission: funds French customs from confiscated proceeds
let belgianFund: Agency;
let frenchCustoms: Agency;
let belgianCustoms: Agency;
let funder: Client; // an administrator of MILDECA: adding funding lines is for administrators
/** A Belgian customs analyst: a member sees the GREEN lines, and every field of a funding line is for members. */
let reader: Client;
let leHavre: Port;
const nextYear = new Date().getUTCFullYear() + 1;

beforeAll(async () => {
  hub = await startTestHub();
  make = new Factories(hub.orm);
  leHavre = await make.port({ unlocode: 'FRLEH', name: 'Le Havre', country: 'FR' });
  const fortDeFrance = await make.port({ unlocode: 'MQFDF', name: 'Fort-de-France', country: 'MQ', overseas: true });
  mildeca = await make.agency({ code: 'FR-MILDECA', name: 'MILDECA', kind: AgencyKind.COORDINATION_BODY, country: 'FR' });
  belgianFund = await make.agency({ code: 'BE-FIN', name: 'Belgian Finance', kind: AgencyKind.COORDINATION_BODY, country: 'BE' });
  frenchCustoms = await make.agency({ code: 'FR-DGDDI', name: 'French Customs', kind: AgencyKind.CUSTOMS, country: 'FR' });
  belgianCustoms = await make.agency({ code: 'BE-AAD', name: 'Belgian Customs', kind: AgencyKind.CUSTOMS, country: 'BE' });
  // Fixed ids make the tie-break between lines of the same year predictable (id descending after year).
  const id = (n: number) => `00000000-0000-4000-8000-00000000000${n}`;
  await make.equipmentFunding({ id: id(4), year: 2024, amountEur: '1250000.00', equipmentType: EquipmentType.SCANNER, description: 'Scanner', originAgency: mildeca, beneficiary: frenchCustoms, port: leHavre });
  await make.equipmentFunding({ id: id(3), year: 2023, amountEur: '80000.00', equipmentType: EquipmentType.DETECTION_DOGS, description: 'Dogs', originAgency: mildeca, beneficiary: frenchCustoms, port: fortDeFrance });
  await make.equipmentFunding({ id: id(2), year: 2024, amountEur: '450000.50', equipmentType: EquipmentType.BOAT, description: 'Boat', originAgency: belgianFund, beneficiary: belgianCustoms, port: null });
  await make.equipmentFunding({ id: id(1), year: 2022, amountEur: '12000.00', equipmentType: EquipmentType.DRONE, description: 'Drone', originAgency: mildeca, beneficiary: frenchCustoms, port: fortDeFrance });
  funder = await hub.as({ agency: mildeca, roles: [Role.ADMIN] });
  reader = await hub.as({ agency: belgianCustoms, roles: [Role.ANALYST] });
});
afterAll(() => hub.close());

const list = async (vars: FundingListQueryVariables = {}, client: Client = reader) => (await client.query(FundingListDocument, vars)).equipmentFundings;
const lines = (page: { edges: { node: { description: string } }[] }) => page.edges.map((e) => e.node.description);
const firstError = (errors: readonly GraphQLFormattedError[] | undefined) => errors?.[0]?.extensions;
const countLines = () => hub.orm.em.fork().count(EquipmentFunding, {});

describe('reading funding lines', () => {
  test('lists the latest year first, with funder, beneficiary, port and exact amounts', async () => {
    const page = await list();
    expect(lines(page)).toEqual(['Scanner', 'Boat', 'Dogs', 'Drone']);
    expect(page.totalCount).toBe(4);
    expect(page.edges[0]!.node).toMatchObject({ year: 2024, amountEur: '1250000.00', equipmentType: 'SCANNER', funder: { code: 'FR-MILDECA' }, beneficiary: { code: 'FR-DGDDI' }, port: { unlocode: 'FRLEH' } });
    expect(page.edges[1]!.node).toMatchObject({ amountEur: '450000.50', funder: { code: 'BE-FIN' }, port: null });
  });

  test('pages with first/after; first is 1..100', async () => {
    const one = await list({ first: 3 });
    expect(lines(one)).toEqual(['Scanner', 'Boat', 'Dogs']);
    expect(one.pageInfo.hasNextPage).toBe(true);
    const two = await list({ first: 3, after: one.pageInfo.endCursor });
    expect(lines(two)).toEqual(['Drone']);
    expect(two.pageInfo.hasNextPage).toBe(false);
    expect(two.totalCount).toBe(4);
    expect(firstError((await reader.send(FundingListDocument, { first: 101 })).errors)).toMatchObject({ code: 'BAD_USER_INPUT', field: 'first' });
  });

  test('filters by years, equipment type, beneficiary, funder, port and beneficiary country', async () => {
    expect(lines(await list({ filter: { years: { from: 2023 } } }))).toEqual(['Scanner', 'Boat', 'Dogs']);
    expect(lines(await list({ filter: { years: { to: 2023 } } }))).toEqual(['Dogs', 'Drone']);
    expect(lines(await list({ filter: { years: { from: 2023, to: 2023 } } }))).toEqual(['Dogs']);
    expect(lines(await list({ filter: { equipmentTypes: ['BOAT', 'DRONE'] } }))).toEqual(['Boat', 'Drone']);
    expect(lines(await list({ filter: { beneficiaryAgencyIds: [belgianCustoms.id] } }))).toEqual(['Boat']);
    expect(lines(await list({ filter: { funderAgencyIds: [mildeca.id] } }))).toEqual(['Scanner', 'Dogs', 'Drone']);
    expect(lines(await list({ filter: { ports: ['mqfdf'] } }))).toEqual(['Dogs', 'Drone']);
    expect(lines(await list({ filter: { ports: ['FRLEH', 'MQFDF'] } }))).toEqual(['Scanner', 'Dogs', 'Drone']);
    expect(lines(await list({ filter: { country: 'be' } }))).toEqual(['Boat']);
    const combined = await list({ filter: { country: 'FR', years: { from: 2023 }, equipmentTypes: ['SCANNER', 'DETECTION_DOGS', 'BOAT'] } });
    expect(lines(combined)).toEqual(['Scanner', 'Dogs']);
    expect(combined.totalCount).toBe(2);
    expect(firstError((await reader.send(FundingListDocument, { filter: { country: 'XX' } })).errors)).toMatchObject({ code: 'BAD_USER_INPUT', field: 'filter.country' });
    expect(firstError((await reader.send(FundingListDocument, { filter: { funderAgencyIds: ['x'] } })).errors)).toMatchObject({ code: 'BAD_USER_INPUT', field: 'filter.funderAgencyIds' });
  });

  test('one funding line by id; NOT_FOUND for an unknown or malformed id', async () => {
    const one = await reader.query(FundingByIdDocument, { id: '00000000-0000-4000-8000-000000000002' });
    expect(one.equipmentFunding).toEqual({ description: 'Boat', funder: { name: 'Belgian Finance' }, port: null });
    for (const id of ['00000000-0000-4000-8000-000000000009', '42']) {
      const missing = await reader.send(FundingByIdDocument, { id });
      expect(firstError(missing.errors)?.code).toBe('NOT_FOUND');
    }
  });

  test('Port.equipmentFundings and Agency.equipmentFundings (as beneficiary), batched, paginated and filtered', async () => {
    const result = await reader.query(FundingOfPortsAndAgenciesDocument, { portFirst: 1 });
    const byPort = Object.fromEntries(result.ports.edges.map((e) => [e.node.unlocode, e.node.equipmentFundings]));
    expect(lines(byPort.MQFDF!)).toEqual(['Dogs']);
    expect(byPort.MQFDF!.totalCount).toBe(2);
    expect(byPort.MQFDF!.pageInfo.hasNextPage).toBe(true);
    expect(byPort.FRLEH!.totalCount).toBe(1);
    const byAgency = Object.fromEntries(result.agencies.edges.map((e) => [e.node.code, e.node.equipmentFundings]));
    expect(lines(byAgency['FR-DGDDI']!)).toEqual(['Scanner', 'Dogs', 'Drone']);
    expect(byAgency['FR-MILDECA']!.totalCount).toBe(0); // a funder is not a beneficiary
    const drones = await reader.query(FundingOfPortsAndAgenciesDocument, { portFirst: 1, filter: { equipmentTypes: ['DRONE'] } });
    const french = drones.agencies.edges.find((e) => e.node.code === 'FR-DGDDI')!.node.equipmentFundings;
    expect(lines(french)).toEqual(['Drone']);
  });

  test('a RED line shows only to its funder and its beneficiary: in lists, counts, nested lists and by id', async () => {
    const safe = await make.equipmentFunding({ year: 2021, description: 'Evidence safe', tlp: Tlp.RED, originAgency: mildeca, beneficiary: frenchCustoms, port: leHavre });
    const [asBeneficiary, asFunder] = await Promise.all([frenchCustoms, mildeca].map((agency) => hub.as({ agency, roles: [Role.ANALYST] })));
    const beneficiaryView = await list({}, asBeneficiary);
    expect(lines(beneficiaryView)).toEqual(['Scanner', 'Boat', 'Dogs', 'Drone', 'Evidence safe']);
    expect(beneficiaryView.totalCount).toBe(5);
    const fundedByMildeca = (await asFunder.query(FundingOfPortsAndAgenciesDocument, {})).agencies.edges.find((e) => e.node.code === 'FR-DGDDI')!.node.equipmentFundings;
    expect(fundedByMildeca.totalCount).toBe(4);
    // Anyone else (here Belgian customs) does not see it anywhere.
    expect((await list()).totalCount).toBe(4);
    const nested = await reader.query(FundingOfPortsAndAgenciesDocument, {});
    const atLeHavre = nested.ports.edges.find((e) => e.node.unlocode === 'FRLEH')!.node.equipmentFundings;
    expect([lines(atLeHavre), atLeHavre.totalCount]).toEqual([['Scanner'], 1]);
    expect(nested.agencies.edges.find((e) => e.node.code === 'FR-DGDDI')!.node.equipmentFundings.totalCount).toBe(3);
    expect(firstError((await reader.send(FundingByIdDocument, { id: safe.id })).errors)?.code).toBe('NOT_FOUND');
  });
});

const add = (client: Client, input: AddFundingLineInput) => client.send(FundingLineAddDocument, { input });
const goodInput = (): AddFundingLineInput => ({
  year: 2025, amountEur: '1234567.89', equipmentType: 'SCANNER', description: 'Container scanner for the port of Le Havre',
  beneficiaryAgencyId: frenchCustoms.id, port: 'frleh', tlp: 'GREEN',
});

// An annotated table (not test.each's overloads) so that each ill-typed case is refused on its own line.
const invalidInputs: [string, string, () => Partial<AddFundingLineInput>][] = [
  ['an amount with 3 decimals ("1.005")', 'input.amountEur', () => ({ amountEur: '1.005' })],
  ['a zero amount', 'input.amountEur', () => ({ amountEur: '0.00' })],
  ['a negative amount', 'input.amountEur', () => ({ amountEur: '-10.00' })],
  // @ts-expect-error a JSON number, not a string: the generated types refuse it, and so must GraphQL
  ['an amount written as a float', 'input.amountEur', () => ({ amountEur: 12.5 })],
  ['an amount in exponent notation', 'input.amountEur', () => ({ amountEur: '1e6' })],
  ['an amount of 10^12 EUR', 'input.amountEur', () => ({ amountEur: '1000000000000' })],
  ['year 1999', 'input.year', () => ({ year: 1999 })],
  ['the year after next', 'input.year', () => ({ year: nextYear + 1 })],
  ['an unknown beneficiary', 'input.beneficiaryAgencyId', () => ({ beneficiaryAgencyId: '00000000-0000-4000-8000-000000000099' })],
  ['a malformed beneficiary id', 'input.beneficiaryAgencyId', () => ({ beneficiaryAgencyId: 'french-customs' })],
  ['an unknown port', 'input.port', () => ({ port: 'FRZZZ' })],
  ['a malformed port', 'input.port', () => ({ port: 'Le Havre' })],
  ['a 2-character description', 'input.description', () => ({ description: 'ab' })],
  ['a 501-character description', 'input.description', () => ({ description: 'd'.repeat(501) })],
  // @ts-expect-error not an EquipmentType: the generated types refuse it, and so must GraphQL
  ['an unknown equipment type', 'input.equipmentType', () => ({ equipmentType: 'SUBMARINE' })],
];

describe('addFundingLine', () => {
  test('adds a line funded by the acting agency; "1234567.89" round-trips exactly', async () => {
    const result = await add(funder, goodInput());
    expect(result.errors).toBeUndefined();
    const added = result.data!.addFundingLine;
    expect(added).toMatchObject({ year: 2025, amountEur: '1234567.89', funder: { code: 'FR-MILDECA' }, beneficiary: { code: 'FR-DGDDI' }, port: { unlocode: 'FRLEH' } });
    const reread = await funder.query(FundingAmountDocument, { id: added.id });
    expect(reread.equipmentFunding.amountEur).toBe('1234567.89');
    const noPort = await add(funder, { ...goodInput(), port: undefined, description: 'Drug test kits' });
    expect(noPort.data!.addFundingLine.port).toBeNull();
  });

  test('years 2000 and next year are accepted', async () => {
    for (const year of [2000, nextYear]) {
      const result = await add(funder, { ...goodInput(), year });
      expect(result.data?.addFundingLine.year).toBe(year);
    }
  });

  test.each(invalidInputs)('%s is BAD_USER_INPUT on %s and writes nothing', async (_case, field, bad) => {
    const before = await countLines();
    const result = await add(funder, { ...goodInput(), ...bad() });
    expect(firstError(result.errors)).toMatchObject({ code: 'BAD_USER_INPUT', field });
    expect(await countLines()).toBe(before);
  });

  test.each<[string, () => Promise<Client>, string]>([
    ['an anonymous viewer', async () => hub, 'UNAUTHENTICATED'],
    ['an analyst of the funding agency', () => hub.as({ agency: mildeca, roles: [Role.ANALYST] }), 'FORBIDDEN'],
    ['an officer of the beneficiary', () => hub.as({ agency: frenchCustoms, roles: [Role.OFFICER] }), 'FORBIDDEN'],
    ['a referent of the beneficiary', () => hub.as({ agency: frenchCustoms, roles: [Role.REFERENT] }), 'FORBIDDEN'],
  ])('adding is for administrators: %s is refused with %s and nothing is written', async (_who, client, code) => {
    const before = await countLines();
    const result = await add(await client(), goodInput());
    expect(result.data ?? null).toBeNull();
    expect(firstError(result.errors)?.code).toBe(code);
    expect(await countLines()).toBe(before);
  });

  test('a private partner is refused with FORBIDDEN and nothing is written', async () => {
    const operator = await make.agency({ code: 'DEMO-TERMINAL', name: 'Demo Terminal Operator', kind: AgencyKind.PRIVATE_OPERATOR, country: 'FR' });
    const before = await countLines();
    const result = await add(await hub.as({ agency: operator, roles: [Role.PARTNER] }), goodInput());
    expect(firstError(result.errors)?.code).toBe('FORBIDDEN');
    expect(await countLines()).toBe(before);
  });

  test('the line is funded by the administrator\'s own agency, whatever it benefits', async () => {
    const result = await add(await hub.as({ agency: belgianFund, roles: [Role.ADMIN] }), { ...goodInput(), description: 'Belgian money for French customs', tlp: 'RED' });
    expect(result.data!.addFundingLine).toMatchObject({ funder: { code: 'BE-FIN' }, beneficiary: { code: 'FR-DGDDI' }, tlp: 'RED' });
  });
});
