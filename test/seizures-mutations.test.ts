// Recording, correcting and withdrawing seizures: validation of every field, one transaction each, optimistic
// locking, and who may write (OFFICERs, and only of the reporting agency). Reads are in seizures.test.ts.
import type { TypedDocumentNode } from '@graphql-typed-document-node/core';
import { Role } from '../src/auth/viewer.js';
import { AgencyKind, type Agency } from '../src/hub/modules/agency/index.js';
import { Seizure } from '../src/hub/modules/seizure/index.js';
import {
  SeizureCorrectDocument, SeizureFullDocument, SeizureListDocument, SeizureRecordDocument, SeizureWithdrawDocument,
  type SeizureFieldsFragment, type RecordSeizureInput,
} from './generated/operations.js';
import { Factories } from './support/factories.js';
import { startTestHub, type Client, type TestHub } from './support/hub.js';

let hub: TestHub;
let make: Factories;
let officer: Client;
let agency: Agency;
let otherAgency: Agency;

beforeAll(async () => {
  hub = await startTestHub();
  make = new Factories(hub.orm);
  for (const [unlocode, name, country] of [['BEANR', 'Antwerp', 'BE'], ['NLRTM', 'Rotterdam', 'NL'], ['ECGYE', 'Guayaquil', 'EC'],
    ['PABLB', 'Balboa', 'PA'], ['ESALG', 'Algeciras', 'ES'], ['PTSIE', 'Sines', 'PT'], ['MAPTM', 'Tanger Med', 'MA'],
    ['ESVLC', 'Valencia', 'ES'], ['GBFXT', 'Felixstowe', 'GB'], ['DEHAM', 'Hamburg', 'DE'], ['ITGIT', 'Gioia Tauro', 'IT']] as const) {
    await make.port({ unlocode, name, country });
  }
  agency = await make.agency({ code: 'BE-AAD', name: 'Belgian Customs' });
  otherAgency = await make.agency({ code: 'NL-DOUANE', name: 'Dutch Customs', country: 'NL' });
  officer = await hub.as({ agency, roles: [Role.OFFICER] });
});
afterAll(() => hub.close());

let n = 0;
/** A minimal valid report; tests override what they are about. */
const report = (overrides: Partial<RecordSeizureInput> = {}): RecordSeizureInput => ({
  reference: `DEMO-M-${++n}`, seizedOn: '2024-05-02', port: 'BEANR', drugType: 'COCAINE', quantity: '12.5', unit: 'KG',
  detectionMethod: 'SCANNER', tlp: 'GREEN', ...overrides,
});

const countSeizures = () => hub.orm.em.fork().count(Seizure, {});
const row = (id: string) => hub.orm.em.fork().findOneOrFail(Seizure, { id }, { populate: ['transitPorts'] });

async function recorded(overrides: Partial<RecordSeizureInput> = {}): Promise<SeizureFieldsFragment> {
  return (await officer.query(SeizureRecordDocument, { input: report(overrides) })).recordSeizure;
}

type Mutation<TInput> = TypedDocumentNode<unknown, { input: TInput }>;

/** Sends a mutation that must be refused with `code` (and `field`), and checks that no seizure was added. */
async function refused<TInput>(mutation: Mutation<TInput>, input: NoInfer<TInput>, code: string, field?: string) {
  return refusedFor(officer, mutation, input, code, field);
}

async function refusedFor<TInput>(client: Client, mutation: Mutation<TInput>, input: NoInfer<TInput>, code: string, field?: string) {
  const before = await countSeizures();
  const res = await client.send(mutation, { input });
  expect(res.data ?? null).toBeNull();
  expect(res.errors?.[0]?.extensions).toMatchObject({ code, ...(field ? { field } : {}) });
  expect(await countSeizures()).toBe(before);
  return res;
}

const isoDate = (offsetDays: number) => new Date(Date.now() + offsetDays * 86_400_000).toISOString().slice(0, 10);

test('recording a seizure stores every field, in the reporting agency of the signed-in member', async () => {
  const seizure = await recorded({
    reference: 'DEMO-2024_0001', seizedOn: isoDate(0), quantity: '1250.125', concealment: 'RIP_ON_RIP_OFF', containerNumber: 'csqu 305438 3',
    vesselName: 'MSC Demo', originPort: 'ECGYE', transitPorts: ['PABLB', 'ESALG'], destinationPort: 'BEANR',
    riskIndicators: ['unusual route', 'new consignee'], tlp: 'AMBER', handlingCode: 'H1',
  });
  expect(seizure).toMatchObject({
    reference: 'DEMO-2024_0001', seizedOn: isoDate(0), port: { unlocode: 'BEANR' }, reportingAgency: { code: 'BE-AAD' },
    drugType: 'COCAINE', quantity: '1250.125', unit: 'KG', detectionMethod: 'SCANNER', concealment: 'RIP_ON_RIP_OFF',
    containerNumber: 'CSQU3054383', vesselName: 'MSC Demo', originPort: { unlocode: 'ECGYE' },
    transitPorts: [{ unlocode: 'PABLB' }, { unlocode: 'ESALG' }], destinationPort: { unlocode: 'BEANR' },
    route: [{ unlocode: 'ECGYE' }, { unlocode: 'PABLB' }, { unlocode: 'ESALG' }, { unlocode: 'BEANR' }],
    riskIndicators: ['unusual route', 'new consignee'], tlp: 'AMBER', handlingCode: 'H1', version: 1, withdrawnAt: null,
  });
  const again = await officer.query(SeizureFullDocument, { id: seizure.id });
  expect(again.seizure).toEqual(seizure);
});

test('the optional details may be left out', async () => {
  const seizure = await recorded();
  expect(seizure).toMatchObject({ concealment: null, containerNumber: null, vesselName: null, originPort: null, transitPorts: [],
    destinationPort: null, route: [], riskIndicators: [], handlingCode: null });
});

test('the ISO 6346 check digit is verified', async () => {
  expect((await recorded({ containerNumber: 'CSQU3054383' })).containerNumber).toBe('CSQU3054383');
  await refused(SeizureRecordDocument, report({ containerNumber: 'CSQU3054384' }), 'BAD_USER_INPUT', 'input.containerNumber');
  await refused(SeizureRecordDocument, report({ containerNumber: 'CSQX3054383' }), 'BAD_USER_INPUT', 'input.containerNumber');
});

test('the seizure date must be a real date, not in the future', async () => {
  expect((await recorded({ seizedOn: isoDate(-1) })).seizedOn).toBe(isoDate(-1));
  await refused(SeizureRecordDocument, report({ seizedOn: isoDate(1) }), 'BAD_USER_INPUT', 'input.seizedOn');
  await refused(SeizureRecordDocument, report({ seizedOn: '2024-02-30' }), 'BAD_USER_INPUT', 'input.seizedOn');
  await refused(SeizureRecordDocument, report({ seizedOn: '02/05/2024' }), 'BAD_USER_INPUT', 'input.seizedOn');
});

test('quantities are exact positive decimals written as strings', async () => {
  expect((await recorded({ quantity: '12.345' })).quantity).toBe('12.345');
  await refused(SeizureRecordDocument, report({ quantity: '12.3456' }), 'BAD_USER_INPUT', 'input.quantity');
  await refused(SeizureRecordDocument, report({ quantity: '0' }), 'BAD_USER_INPUT', 'input.quantity');
  await refused(SeizureRecordDocument, report({ quantity: '0.000' }), 'BAD_USER_INPUT', 'input.quantity');
  // a JSON number where the Decimal scalar wants a string: deliberately ill-typed, the scalar must refuse it
  await refused(SeizureRecordDocument, report({ quantity: 12.5 as unknown as string }), 'BAD_USER_INPUT', 'input.quantity');
  await refused(SeizureRecordDocument, report({ quantity: '-3' }), 'BAD_USER_INPUT', 'input.quantity');
  await refused(SeizureRecordDocument, report({ quantity: '1e3' }), 'BAD_USER_INPUT', 'input.quantity');
});

test('reference, vessel name and risk indicators are bounded', async () => {
  expect((await recorded({ reference: 'A'.repeat(40) })).reference).toBe('A'.repeat(40));
  await refused(SeizureRecordDocument, report({ reference: 'A'.repeat(41) }), 'BAD_USER_INPUT', 'input.reference');
  await refused(SeizureRecordDocument, report({ reference: 'DEMO 1' }), 'BAD_USER_INPUT', 'input.reference');
  await refused(SeizureRecordDocument, report({ reference: '' }), 'BAD_USER_INPUT', 'input.reference');
  await refused(SeizureRecordDocument, report({ vesselName: 'V'.repeat(121) }), 'BAD_USER_INPUT', 'input.vesselName');
  const tooMany = Array.from({ length: 21 }, (_, i) => `indicator ${i}`);
  await refused(SeizureRecordDocument, report({ riskIndicators: tooMany }), 'BAD_USER_INPUT', 'input.riskIndicators');
  await refused(SeizureRecordDocument, report({ riskIndicators: ['ok', 'x'.repeat(101)] }), 'BAD_USER_INPUT', 'input.riskIndicators');
});

test('ports are named by known UN/LOCODEs, with at most 8 transit ports', async () => {
  await refused(SeizureRecordDocument, report({ port: 'BE-ANR' }), 'BAD_USER_INPUT', 'input.port');
  await refused(SeizureRecordDocument, report({ port: 'BEZZZ' }), 'BAD_USER_INPUT', 'input.port');
  await refused(SeizureRecordDocument, report({ originPort: 'COCTG' }), 'BAD_USER_INPUT', 'input.originPort');
  await refused(SeizureRecordDocument, report({ destinationPort: 'FRLEH' }), 'BAD_USER_INPUT', 'input.destinationPort');
  await refused(SeizureRecordDocument, report({ transitPorts: ['PABLB', 'COCTG'] }), 'BAD_USER_INPUT', 'input.transitPorts[1]');
  await refused(SeizureRecordDocument, report({ transitPorts: ['PABLB', 'ESALG', 'pablb'] }), 'BAD_USER_INPUT', 'input.transitPorts');
  const eight = ['PABLB', 'ESALG', 'PTSIE', 'MAPTM', 'ESVLC', 'GBFXT', 'DEHAM', 'ITGIT'];
  await refused(SeizureRecordDocument, report({ transitPorts: [...eight, 'NLRTM'] }), 'BAD_USER_INPUT', 'input.transitPorts');
  expect((await recorded({ transitPorts: eight })).transitPorts).toEqual(eight.map((unlocode) => ({ unlocode })));
});

test('a reference already in use is a CONFLICT', async () => {
  await recorded({ reference: 'DEMO-DUP' });
  await refused(SeizureRecordDocument, report({ reference: 'DEMO-DUP' }), 'CONFLICT');
});

test('a correction changes only the given fields, null clears optional ones, and bumps the version', async () => {
  const original = await recorded({ containerNumber: 'CSQU3054383', vesselName: 'MSC Demo', originPort: 'ECGYE',
    transitPorts: ['PABLB'], destinationPort: 'BEANR', riskIndicators: ['a'], handlingCode: 'H2' });
  const { correctSeizure } = await officer.query(SeizureCorrectDocument, { input: {
    id: original.id, version: original.version, quantity: '13', drugType: 'HEROIN', port: 'NLRTM',
    vesselName: null, containerNumber: null, originPort: null, transitPorts: ['ESALG', 'PABLB'], riskIndicators: null,
  } });
  expect(correctSeizure).toEqual({
    ...original, version: original.version + 1, quantity: '13', drugType: 'HEROIN', port: { unlocode: 'NLRTM' },
    vesselName: null, containerNumber: null, originPort: null, transitPorts: [{ unlocode: 'ESALG' }, { unlocode: 'PABLB' }],
    route: [{ unlocode: 'ESALG' }, { unlocode: 'PABLB' }, { unlocode: 'BEANR' }], riskIndicators: [],
  });
  const stored = await row(original.id);
  expect(stored.transitPorts.getItems().map((p) => p.unlocode)).toEqual(['ESALG', 'PABLB']);
});

test('changing only the transit ports is a new version too', async () => {
  const original = await recorded({ transitPorts: ['PABLB'] });
  const { correctSeizure } = await officer.query(SeizureCorrectDocument, {
    input: { id: original.id, version: original.version, transitPorts: ['ESALG'] } });
  expect(correctSeizure).toMatchObject({ version: original.version + 1, transitPorts: [{ unlocode: 'ESALG' }] });
});

test('a correction with a stale version is a CONFLICT and changes nothing', async () => {
  const original = await recorded({ transitPorts: ['PABLB'] });
  await officer.query(SeizureCorrectDocument, { input: { id: original.id, version: original.version, vesselName: 'First edit' } });
  const before = await row(original.id);
  await refused(SeizureCorrectDocument,
    { id: original.id, version: original.version, vesselName: 'Second edit', transitPorts: ['ESALG'] }, 'CONFLICT');
  const after = await row(original.id);
  expect({ vesselName: after.vesselName, version: after.version, transit: after.transitPorts.getItems().map((p) => p.unlocode) })
    .toEqual({ vesselName: 'First edit', version: before.version, transit: ['PABLB'] });
});

test('a correction is validated like a report, and cannot clear required fields', async () => {
  const original = await recorded();
  const base = { id: original.id, version: original.version };
  await refused(SeizureCorrectDocument, { ...base, drugType: null }, 'BAD_USER_INPUT', 'input.drugType');
  await refused(SeizureCorrectDocument, { ...base, quantity: null }, 'BAD_USER_INPUT', 'input.quantity');
  await refused(SeizureCorrectDocument, { ...base, quantity: '0' }, 'BAD_USER_INPUT', 'input.quantity');
  await refused(SeizureCorrectDocument, { ...base, seizedOn: isoDate(2) }, 'BAD_USER_INPUT', 'input.seizedOn');
  await refused(SeizureCorrectDocument, { ...base, containerNumber: 'CSQU3054384' }, 'BAD_USER_INPUT', 'input.containerNumber');
  await refused(SeizureCorrectDocument, { ...base, port: 'BEZZZ' }, 'BAD_USER_INPUT', 'input.port');
  await refused(SeizureCorrectDocument, { ...base, id: 'not-an-id' }, 'BAD_USER_INPUT', 'input.id');
  await refused(SeizureCorrectDocument, { ...base, id: '00000000-0000-4000-8000-000000000000' }, 'NOT_FOUND');
  const stored = await row(original.id);
  expect({ version: stored.version, drugType: stored.drugType, quantity: stored.quantity })
    .toEqual({ version: original.version, drugType: 'COCAINE', quantity: '12.500' }); // the stored numeric(14,3) form
});

test('withdrawing sets when and why, hides the seizure from lists, and happens once', async () => {
  const original = await recorded({ reference: 'DEMO-WITHDRAW', port: 'PTSIE' });
  await refused(SeizureWithdrawDocument, { id: original.id, version: original.version, reason: 'no' }, 'BAD_USER_INPUT', 'input.reason');
  await refused(SeizureWithdrawDocument, { id: original.id, version: original.version + 1, reason: 'Duplicate report' }, 'CONFLICT');

  const { withdrawSeizure } = await officer.query(SeizureWithdrawDocument, {
    input: { id: original.id, version: original.version, reason: 'Duplicate report' } });
  expect(withdrawSeizure).toMatchObject({ version: original.version + 1, withdrawalReason: 'Duplicate report', withdrawnAt: expect.any(String) });

  const list = (all: boolean) => officer.query(SeizureListDocument, { filter: { ports: ['PTSIE'], includeWithdrawn: all } });
  expect((await list(false)).seizures.totalCount).toBe(0);
  expect((await list(true)).seizures.edges).toEqual([{ node: { reference: 'DEMO-WITHDRAW' } }]);

  await refused(SeizureWithdrawDocument, { id: original.id, version: withdrawSeizure.version, reason: 'Again' }, 'CONFLICT');
  await refused(SeizureCorrectDocument, { id: original.id, version: withdrawSeizure.version, vesselName: 'Late edit' }, 'CONFLICT');
  const stored = await row(original.id);
  expect({ version: stored.version, reason: stored.withdrawalReason, vesselName: stored.vesselName })
    .toEqual({ version: withdrawSeizure.version, reason: 'Duplicate report', vesselName: null });
});

describe('who may write: OFFICERs, and only of the reporting agency', () => {
  let otherOfficer: Client;
  beforeAll(async () => {
    otherOfficer = await hub.as({ agency: otherAgency, roles: [Role.OFFICER] });
  });

  /** What a refused write must leave as it was. */
  async function stored(id: string) {
    const s = await row(id);
    return { version: s.version, quantity: s.quantity, vesselName: s.vesselName, withdrawnAt: s.withdrawnAt,
      withdrawalReason: s.withdrawalReason, transit: s.transitPorts.getItems().map((p) => p.unlocode) };
  }

  /** Correcting and withdrawing `seizure` as `client` are both refused with `code`, and the seizure is unchanged. */
  async function changesRefused(client: Client, seizure: SeizureFieldsFragment, code: string) {
    const before = await stored(seizure.id);
    const current = { id: seizure.id, version: seizure.version };
    await refusedFor(client, SeizureCorrectDocument, { ...current, quantity: '1', vesselName: 'Not yours', transitPorts: ['ESALG'] }, code);
    await refusedFor(client, SeizureWithdrawDocument, { ...current, reason: 'Not yours either' }, code);
    expect(await stored(seizure.id)).toEqual(before);
  }

  test('anonymous viewers are told to sign in, for every write, and nothing is written', async () => {
    await refusedFor(hub, SeizureRecordDocument, report(), 'UNAUTHENTICATED');
    await changesRefused(hub, await recorded({ transitPorts: ['PABLB'] }), 'UNAUTHENTICATED');
  });

  test('other roles are FORBIDDEN, in the reporting agency too (admins included)', async () => {
    const seizure = await recorded({ transitPorts: ['PABLB'] });
    const operator = await make.agency({ code: 'DEMO-OPERATOR', kind: AgencyKind.PRIVATE_OPERATOR });
    const notOfficers = [
      await hub.as({ agency, roles: [Role.ANALYST, Role.REFERENT, Role.INVESTIGATOR, Role.ADMIN] }),
      await hub.as({ agency: operator, roles: [Role.PARTNER] }),
    ];
    for (const client of notOfficers) {
      await refusedFor(client, SeizureRecordDocument, report(), 'FORBIDDEN');
      await changesRefused(client, seizure, 'FORBIDDEN');
    }
  });

  test("an OFFICER of another agency may not change a seizure it can see: FORBIDDEN, nothing changes", async () => {
    for (const tlp of ['CLEAR', 'GREEN', 'AMBER'] as const) {
      await changesRefused(otherOfficer, await recorded({ tlp, transitPorts: ['PABLB'] }), 'FORBIDDEN');
    }
  });

  test('a seizure the writer may not see is NOT_FOUND, as for a read, and nothing changes', async () => {
    for (const tlp of ['AMBER_STRICT', 'RED'] as const) {
      await changesRefused(otherOfficer, await recorded({ tlp, transitPorts: ['PABLB'] }), 'NOT_FOUND');
    }
  });

  test('each agency writes its own reports: an OFFICER records, corrects and withdraws them', async () => {
    const { recordSeizure: own } = await otherOfficer.query(SeizureRecordDocument, { input: report({ port: 'NLRTM', tlp: 'RED' }) });
    expect(own.reportingAgency).toEqual({ code: 'NL-DOUANE' });
    const { correctSeizure } = await otherOfficer.query(SeizureCorrectDocument, { input: { id: own.id, version: own.version, vesselName: 'Own edit' } });
    expect(correctSeizure).toMatchObject({ version: own.version + 1, vesselName: 'Own edit' });
    await changesRefused(officer, correctSeizure, 'NOT_FOUND'); // RED: the first agency does not even see it
    const { withdrawSeizure } = await otherOfficer.query(SeizureWithdrawDocument, {
      input: { id: own.id, version: correctSeizure.version, reason: 'Duplicate report' } });
    expect(withdrawSeizure).toMatchObject({ version: correctSeizure.version + 1, withdrawalReason: 'Duplicate report' });
  });
});
