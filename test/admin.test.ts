// Administrators manage the directory: ports and agencies (and nobody else does).
import { Role } from '../src/auth/viewer.js';
import { AgencyKind, Agency } from '../src/hub/modules/agency/index.js';
import { Port } from '../src/hub/modules/port/index.js';
import {
  AdminAgencyByCodeDocument,
  AdminCreateAgencyDocument,
  AdminCreatePortDocument,
  AdminUpdateAgencyDocument,
  AdminUpdatePortDocument,
} from './generated/operations.js';
import { Factories } from './support/factories.js';
import { startTestHub, type Client, type TestHub } from './support/hub.js';

let hub: TestHub;
let admin: Client;
let officer: Client;

beforeAll(async () => {
  hub = await startTestHub();
  const make = new Factories(hub.orm);
  await make.port({ unlocode: 'BEANR', name: 'Antwerp', country: 'BE' });
  const commission = await make.agency({ code: 'EU-TAXUD', kind: AgencyKind.EU_BODY, country: null });
  const customs = await make.agency({ code: 'BE-AADA', kind: AgencyKind.CUSTOMS });
  admin = await hub.as({ agency: commission, roles: [Role.ADMIN] });
  officer = await hub.as({ agency: customs, roles: [Role.OFFICER, Role.ANALYST] });
});
afterAll(() => hub.close());

const count = (entity: typeof Port | typeof Agency) => hub.orm.em.fork().count(entity as typeof Port, {});
const codeOf = (res: { errors?: readonly { extensions?: Record<string, unknown> }[] }) => res.errors?.[0]?.extensions;

test('an administrator adds a port; its country is the UN/LOCODE prefix', async () => {
  const res = await admin.query(AdminCreatePortDocument, {
    input: { unlocode: 'nlvli', name: 'Vlissingen', city: 'Vlissingen', latitude: 51.44, longitude: 3.57, timezone: 'Europe/Amsterdam', memberSince: '2024-06-01' },
  });
  expect(res.createPort).toMatchObject({ unlocode: 'NLVLI', name: 'Vlissingen', country: 'NL', overseas: false, memberSince: '2024-06-01', version: 1 });
});

test('port input is validated and a duplicate UN/LOCODE is a CONFLICT; nothing is written', async () => {
  const before = await count(Port);
  const cases: [Record<string, unknown>, string, string][] = [
    [{ unlocode: 'DEHAM', name: 'Hamburg', timezone: 'Europe/Hamburgh' }, 'BAD_USER_INPUT', 'input.timezone'],
    [{ unlocode: 'DEHAM', name: 'Hamburg', latitude: 95 }, 'BAD_USER_INPUT', 'input.latitude'],
    [{ unlocode: 'DEHAM', name: 'H' }, 'BAD_USER_INPUT', 'input.name'],
    [{ unlocode: 'DEHAM', name: 'Hamburg', memberSince: '2999-01-01' }, 'BAD_USER_INPUT', 'input.memberSince'],
  ];
  for (const [input, code, field] of cases) {
    expect(codeOf(await admin.send(AdminCreatePortDocument, { input: input as never }))).toMatchObject({ code, field });
  }
  expect(codeOf(await admin.send(AdminCreatePortDocument, { input: { unlocode: 'BEANR', name: 'Antwerp again' } }))?.code).toBe('CONFLICT');
  expect(await count(Port)).toBe(before);
});

test('an administrator updates a port with the version read; a stale version is a CONFLICT', async () => {
  const port = (await admin.query(AdminCreatePortDocument, { input: { unlocode: 'FRDKK', name: 'Dunkerque' } })).createPort;
  const updated = await admin.query(AdminUpdatePortDocument, { input: { id: port.id, version: port.version, memberSince: '2024-03-01', timezone: 'Europe/Paris' } });
  expect(updated.updatePort).toMatchObject({ memberSince: '2024-03-01', timezone: 'Europe/Paris', version: 2 });
  const stale = await admin.send(AdminUpdatePortDocument, { input: { id: port.id, version: 1, memberSince: null } });
  expect(codeOf(stale)?.code).toBe('CONFLICT');
  const cleared = await admin.query(AdminUpdatePortDocument, { input: { id: port.id, version: 2, memberSince: null } });
  expect(cleared.updatePort).toMatchObject({ memberSince: null, name: 'Dunkerque', version: 3 });
  expect(codeOf(await admin.send(AdminUpdatePortDocument, { input: { id: port.id, version: 3, name: null } }))).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.name' });
});

test('an administrator admits an agency with the ports it serves, and changes it', async () => {
  const created = (await admin.query(AdminCreateAgencyDocument, {
    input: { code: 'NL-ZEEPOL', name: 'Zeehavenpolitie', kind: 'POLICE', country: 'nl', website: 'https://politie.example.nl', ports: ['BEANR', 'NLVLI'] },
  })).createAgency;
  expect(created).toMatchObject({ code: 'NL-ZEEPOL', kind: 'POLICE', country: 'NL', version: 1, ports: { totalCount: 2 } });
  expect((await officer.query(AdminAgencyByCodeDocument, { code: 'NL-ZEEPOL' })).agency.id).toBe(created.id);
  const updated = (await admin.query(AdminUpdateAgencyDocument, { input: { id: created.id, version: 1, ports: ['NLVLI'], name: 'Zeehavenpolitie Vlissingen' } })).updateAgency;
  expect(updated).toMatchObject({ name: 'Zeehavenpolitie Vlissingen', version: 2, ports: { totalCount: 1, edges: [{ node: { unlocode: 'NLVLI' } }] } });
  const eu = (await admin.query(AdminCreateAgencyDocument, { input: { code: 'EU-EMSA', name: 'European Maritime Safety Agency', kind: 'EU_BODY' } })).createAgency;
  expect(eu.country).toBeNull();
});

test('agency input is validated; a duplicate code is a CONFLICT; nothing is written', async () => {
  const before = await count(Agency);
  const cases: [Record<string, unknown>, string, string | undefined][] = [
    [{ code: 'FR-DOUANE', name: 'Douane', kind: 'CUSTOMS' }, 'BAD_USER_INPUT', 'input.country'],
    [{ code: 'fr douane', name: 'Douane', kind: 'CUSTOMS', country: 'FR' }, 'BAD_USER_INPUT', 'input.code'],
    [{ code: 'FR-DOUANE', name: 'Douane', kind: 'CUSTOMS', country: 'FR', website: 'http://douane.example.fr' }, 'BAD_USER_INPUT', 'input.website'],
    [{ code: 'FR-DOUANE', name: 'Douane', kind: 'CUSTOMS', country: 'FR', ports: ['BEANR', 'FRZZZ'] }, 'BAD_USER_INPUT', 'input.ports[1]'],
    [{ code: 'EU-TAXUD', name: 'Duplicate', kind: 'EU_BODY' }, 'CONFLICT', undefined],
  ];
  for (const [input, code, field] of cases) {
    expect(codeOf(await admin.send(AdminCreateAgencyDocument, { input: input as never }))).toMatchObject({ code, ...(field ? { field } : {}) });
  }
  expect(await count(Agency)).toBe(before);
});

test('only administrators manage the directory: others are refused and nothing changes', async () => {
  const ports = await count(Port);
  const agencies = await count(Agency);
  expect(codeOf(await officer.send(AdminCreatePortDocument, { input: { unlocode: 'ESALG', name: 'Algeciras' } }))?.code).toBe('FORBIDDEN');
  expect(codeOf(await officer.send(AdminCreateAgencyDocument, { input: { code: 'ES-SVA', name: 'SVA', kind: 'CUSTOMS', country: 'ES' } }))?.code).toBe('FORBIDDEN');
  expect(codeOf(await hub.send(AdminCreatePortDocument, { input: { unlocode: 'ESALG', name: 'Algeciras' } }))?.code).toBe('UNAUTHENTICATED');
  expect(await count(Port)).toBe(ports);
  expect(await count(Agency)).toBe(agencies);
});
