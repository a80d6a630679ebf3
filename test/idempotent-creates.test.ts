// Every mutation that creates a record takes an idempotency key (input field or Idempotency-Key header): a retry
// with the same key creates nothing and gets the first answer; the same key for a different request is refused;
// a malformed key is bad input. (test/database-faults.test.ts retries recordSeizure through the gateway.)
import { randomUUID } from 'node:crypto';
import type { EntityName } from '@mikro-orm/postgresql';
import { Role } from '../src/auth/viewer.js';
import { Agency, AgencyKind } from '../src/hub/modules/agency/agency.entity.js';
import { BestPractice } from '../src/hub/modules/best-practice/best-practice.entity.js';
import { EquipmentFunding } from '../src/hub/modules/equipment-funding/equipment-funding.entity.js';
import { Investigation } from '../src/hub/modules/investigation/investigation.entity.js';
import { PartnershipAction } from '../src/hub/modules/partnership-action/partnership-action.entity.js';
import { Port } from '../src/hub/modules/port/port.entity.js';
import { Referent } from '../src/hub/modules/referent/referent.entity.js';
import { RiskIndicator } from '../src/hub/modules/risk-indicator/risk-indicator.entity.js';
import { TargetingAlert } from '../src/hub/modules/targeting-alert/targeting-alert.entity.js';
import { Seizure } from '../src/hub/modules/seizure/seizure.entity.js';
import { MemberSubgraph } from '../src/hub/modules/subgraph-registry/subgraph-registry.entity.js';
import { Factories } from './support/factories.js';
import { startTestHub, type Client, type TestHub } from './support/hub.js';

let hub: TestHub;
let customs: Agency; // the acting agency of every viewer here
let operator: Agency; // a private operator: a partnership action needs one

beforeAll(async () => {
  hub = await startTestHub();
  const make = new Factories(hub.orm);
  await make.port({ unlocode: 'BEANR', name: 'Antwerp', country: 'BE' });
  customs = await make.agency({ code: 'BE-IDEM', name: 'Belgian Customs', kind: AgencyKind.CUSTOMS, country: 'BE' });
  operator = await make.agency({ code: 'BE-IDEMOP', name: 'Demo Terminal Operator', kind: AgencyKind.PRIVATE_OPERATOR, country: 'BE' });
  await make.port({ unlocode: 'ECGYE', name: 'Guayaquil', country: 'EC' });
  await make.riskIndicator({ originAgency: customs, local: 'IDEM' });
});
afterAll(() => hub.close());

let counter = 0;
/** A letter sequence unique within the run (for codes that take capitals only). */
const letters = () => {
  const n = ++counter;
  return [n / 676, n / 26, n].map((v) => String.fromCharCode(65 + (Math.floor(v) % 26))).join('');
};

interface CreateCase {
  /** The mutation field (also the operation name of its idempotency keys). */
  field: string;
  inputType: string;
  /** The roles its rules ask for (*.rules.ts). */
  roles: Role[];
  entity: EntityName<object>;
  /** A valid input that creates a new record (unique codes differ on each call). */
  input(): Record<string, unknown>;
  /** The same request with one field changed. */
  changed(input: Record<string, unknown>): Record<string, unknown>;
}

const cases: CreateCase[] = [
  {
    field: 'recordSeizure', inputType: 'RecordSeizureInput', roles: [Role.OFFICER], entity: Seizure,
    input: () => ({ reference: `IDEM-${letters()}`, seizedOn: '2024-03-01', port: 'BEANR', drugType: 'COCAINE', quantity: '100', unit: 'KG', detectionMethod: 'SCANNER', tlp: 'GREEN' }),
    changed: (input) => ({ ...input, quantity: '99' }),
  },
  {
    field: 'openInvestigation', inputType: 'OpenInvestigationInput', roles: [Role.INVESTIGATOR], entity: Investigation,
    input: () => ({ codeName: `IDEM-OP-${letters()}`, openedOn: '2024-01-15', participantAgencyIds: [], tlp: 'RED' }),
    changed: (input) => ({ ...input, tlp: 'AMBER' }),
  },
  {
    field: 'createPartnershipAction', inputType: 'CreatePartnershipActionInput', roles: [Role.ADMIN], entity: PartnershipAction,
    input: () => ({ title: `Idempotent action ${letters()}`, description: 'Badge vetting at the gates', partnerAgencyIds: [customs.id, operator.id], ports: ['BEANR'], tlp: 'GREEN' }),
    changed: (input) => ({ ...input, commitments: ['Rotate release PINs daily'] }),
  },
  {
    field: 'registerReferent', inputType: 'RegisterReferentInput', roles: [Role.ADMIN], entity: Referent,
    input: () => ({ fullName: `Referent ${letters()}`, ports: ['BEANR'], expertise: ['SCANNING'], languages: ['en'], activeSince: '2023-05-01' }),
    changed: (input) => ({ ...input, languages: ['en', 'nl'] }),
  },
  {
    field: 'addFundingLine', inputType: 'AddFundingLineInput', roles: [Role.ADMIN], entity: EquipmentFunding,
    input: () => ({ year: 2024, amountEur: '250000.00', equipmentType: 'SCANNER', description: `Scanner ${letters()}`, beneficiaryAgencyId: customs.id, port: 'BEANR', tlp: 'GREEN' }),
    changed: (input) => ({ ...input, amountEur: '250000.01' }),
  },
  {
    field: 'createPort', inputType: 'CreatePortInput', roles: [Role.ADMIN], entity: Port,
    input: () => ({ unlocode: `NL${letters()}`, name: 'Idempotent port' }),
    changed: (input) => ({ ...input, city: 'Elsewhere' }),
  },
  {
    field: 'createAgency', inputType: 'CreateAgencyInput', roles: [Role.ADMIN], entity: Agency,
    input: () => ({ code: `NL-IDEM${letters()}`, name: 'Idempotent agency', kind: 'CUSTOMS', country: 'NL', ports: ['BEANR'] }),
    changed: (input) => ({ ...input, website: 'https://example.org' }),
  },
  {
    field: 'registerSubgraph', inputType: 'RegisterSubgraphInput', roles: [Role.ADMIN], entity: MemberSubgraph,
    input: () => ({ name: `idem-${letters().toLowerCase()}`, url: 'http://127.0.0.1:9/graphql', headers: [{ name: 'router-authorization', fromEnv: 'IDEM_SECRET' }] }),
    changed: (input) => ({ ...input, timeoutMs: 1000 }),
  },
  {
    field: 'publishBestPractice', inputType: 'PublishBestPracticeInput', roles: [Role.REFERENT], entity: BestPractice,
    input: () => ({ title: `Practice ${letters()}`, summary: 'Check seals twice', body: 'Check every seal twice.', category: 'RISK_ASSESSMENT', language: 'en', tlp: 'CLEAR' }),
    changed: (input) => ({ ...input, tlp: 'GREEN' }),
  },
  {
    field: 'createRiskIndicator', inputType: 'CreateRiskIndicatorInput', roles: [Role.REFERENT], entity: RiskIndicator,
    input: () => ({ code: `IDEM-${letters()}`, descriptions: [{ language: 'en', text: 'Seal number anomaly' }] }),
    changed: (input) => ({ ...input, tlp: 'GREEN' }),
  },
  {
    field: 'raiseTargetingAlert', inputType: 'RaiseTargetingAlertInput', roles: [Role.OFFICER], entity: TargetingAlert,
    input: () => ({ containerNumber: 'CSQU3054383', voyage: `IDEM-${letters()}`, portOfLoading: 'ECGYE', portOfDischarge: 'BEANR', expectedArrival: ARRIVAL, riskIndicators: ['BE-IDEM/IDEM'], addressedAgencies: [customs.id] }),
    changed: (input) => ({ ...input, tlp: 'RED' }),
  },
];
/** One expected arrival for every alert here, so that a retry sends the very same input. */
const ARRIVAL = new Date(Date.now() + 3 * 86_400_000).toISOString();

const documentOf = (c: CreateCase) => `mutation Create($input: ${c.inputType}!) { ${c.field}(input: $input) { id } }`;
const rows = (c: CreateCase) => hub.orm.em.fork().count(c.entity, {});
/** Each case signs in as its own person: keys are per person. */
const viewerOf = (c: CreateCase): Promise<Client> => hub.as({ agency: customs, roles: c.roles, subject: `idem-${c.field}` });

describe.each(cases)('$field', (c) => {
  let viewer: Client;
  beforeAll(async () => {
    viewer = await viewerOf(c);
  });
  const send = (input: Record<string, unknown>, headers?: Record<string, string>) => viewer.send<Record<string, { id: string } | null>, { input: Record<string, unknown> }>(documentOf(c), { input }, headers);

  test('the same request twice with the same key in the input creates one record and answers the same id; the trail shows the change and its replay', async () => {
    const before = await rows(c);
    const input = { ...c.input(), idempotencyKey: randomUUID() };
    const first = await send(input);
    const second = await send(input);
    expect(first.errors).toBeUndefined();
    expect(second.errors).toBeUndefined();
    const id = first.data?.[c.field]?.id;
    expect(id).toEqual(expect.any(String));
    expect(second.data?.[c.field]?.id).toBe(id);
    expect(await rows(c)).toBe(before + 1);

    const trail = await hub.orm.em.fork().execute<{ outcome: string; detail: string | null }[]>(
      `select outcome, detail from audit_event where kind = 'WRITE' and fields = array[?] and ? = any(record_ids) order by at`, [`Mutation.${c.field}`, id]);
    expect(trail).toEqual([{ outcome: 'ALLOWED', detail: null }, { outcome: 'ALLOWED', detail: 'IDEMPOTENT_REPLAY' }]);
  });

  test('the same request twice with the same Idempotency-Key header creates one record and answers the same id', async () => {
    const before = await rows(c);
    const input = c.input();
    const headers = { 'idempotency-key': randomUUID() };
    const first = await send(input, headers);
    const second = await send(input, headers);
    expect(first.errors).toBeUndefined();
    expect(second.errors).toBeUndefined();
    expect(second.data?.[c.field]?.id).toBe(first.data?.[c.field]?.id);
    expect(await rows(c)).toBe(before + 1);
  });

  test('the same key with a different input is refused IDEMPOTENCY_KEY_REUSED and creates nothing', async () => {
    const input = { ...c.input(), idempotencyKey: randomUUID() };
    expect((await send(input)).errors).toBeUndefined();
    const before = await rows(c);
    const other = await send(c.changed(input));
    expect(other.data).toBeNull();
    expect(other.errors?.[0]?.extensions).toMatchObject({ code: 'IDEMPOTENCY_KEY_REUSED', field: 'input.idempotencyKey' });

    const viaHeader = c.input();
    const headers = { 'idempotency-key': randomUUID() };
    expect((await send(viaHeader, headers)).errors).toBeUndefined();
    const otherViaHeader = await send(c.changed(viaHeader), headers);
    expect(otherViaHeader.errors?.[0]?.extensions).toMatchObject({ code: 'IDEMPOTENCY_KEY_REUSED', field: 'Idempotency-Key' });
    expect(await rows(c)).toBe(before + 1); // the header's first request only
  });

  test('a malformed key is BAD_USER_INPUT naming its field, and creates nothing', async () => {
    const before = await rows(c);
    const bad = await send({ ...c.input(), idempotencyKey: 'short' });
    expect(bad.data ?? null).toBeNull();
    expect(bad.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.idempotencyKey' });
    const badHeader = await send(c.input(), { 'idempotency-key': 'no spaces allowed here' });
    expect(badHeader.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'Idempotency-Key' });
    expect(await rows(c)).toBe(before);
  });
});
