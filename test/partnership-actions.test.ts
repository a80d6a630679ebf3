import type { GraphQLFormattedError } from 'graphql';
import { Role } from '../src/auth/viewer.js';
import { Tlp } from '../src/hub/common/enums.js';
import { AgencyKind, type Agency } from '../src/hub/modules/agency/index.js';
import type { Port } from '../src/hub/modules/port/index.js';
import { PartnershipAction, PartnershipStatus } from '../src/hub/modules/partnership-action/index.js';
import {
  PartnershipActionByIdDocument, PartnershipActionCreateDocument, PartnershipActionListDocument, PartnershipActionsOfPortsAndAgenciesDocument,
  type CreatePartnershipActionInput, type PartnershipActionListQueryVariables,
} from './generated/operations.js';
import { Factories } from './support/factories.js';
import { startTestHub, type Client, type TestHub } from './support/hub.js';

let hub: TestHub;
let make: Factories;
let customs: Agency; // public, coordinates SHIELD and GATE
let portAuthority: Agency; // public
let terminal: Agency; // private terminal operator
let shippingLine: Agency; // private shipping line
let coordinator: Client; // an administrator of Belgian customs: creating actions is for administrators
/** A Belgian customs analyst: law enforcement sees GREEN and AMBER actions, every field of them. */
let reader: Client;
let leHavre: Port;

const at = (iso: string) => new Date(iso);

beforeAll(async () => {
  hub = await startTestHub();
  make = new Factories(hub.orm);
  const antwerp = await make.port({ unlocode: 'BEANR', name: 'Antwerp', country: 'BE' });
  const rotterdam = await make.port({ unlocode: 'NLRTM', name: 'Rotterdam', country: 'NL' });
  leHavre = await make.port({ unlocode: 'FRLEH', name: 'Le Havre', country: 'FR' });
  customs = await make.agency({ code: 'BE-AAD', name: 'Belgian Customs', kind: AgencyKind.CUSTOMS, country: 'BE' });
  portAuthority = await make.agency({ code: 'NL-HBR', name: 'Port of Rotterdam Authority', kind: AgencyKind.PORT_AUTHORITY, country: 'NL' });
  terminal = await make.agency({ code: 'DEMO-TERMINAL', name: 'Demo Terminal Operator', kind: AgencyKind.PRIVATE_OPERATOR, country: 'BE' });
  shippingLine = await make.agency({ code: 'DEMO-LINE', name: 'Demo Shipping Line', kind: AgencyKind.PRIVATE_OPERATOR, country: 'FR' });
  // Props<T> types collections as Collection & array, hence the casts.
  await make.partnershipAction({
    title: 'DEMO Shield: PIN-code hygiene', createdAt: at('2024-03-01T10:00:00Z'), status: PartnershipStatus.IN_PROGRESS,
    originAgency: customs, partners: [customs, terminal] as never, ports: [antwerp] as never, commitments: ['Rotate release PINs daily'],
  });
  await make.partnershipAction({
    title: 'DEMO Gate: badge vetting', createdAt: at('2024-05-01T10:00:00Z'), tlp: Tlp.AMBER,
    originAgency: customs, partners: [portAuthority, terminal, shippingLine] as never, ports: [rotterdam, antwerp] as never,
  });
  await make.partnershipAction({
    title: 'DEMO Quay: insider awareness', createdAt: at('2023-09-01T10:00:00Z'), status: PartnershipStatus.COMPLETED,
    originAgency: portAuthority, partners: [portAuthority, shippingLine] as never, ports: [leHavre] as never,
  });
  coordinator = await hub.as({ agency: customs, roles: [Role.ADMIN] });
  reader = await hub.as({ agency: customs, roles: [Role.ANALYST] });
});
afterAll(() => hub.close());

const list = async (vars: PartnershipActionListQueryVariables = {}, client: Client = reader) => (await client.query(PartnershipActionListDocument, vars)).partnershipActions;
const titles = (page: { edges: { node: { title: string } }[] }) => page.edges.map((e) => e.node.title.split(':')[0]);
const firstError = (errors: readonly GraphQLFormattedError[] | undefined) => errors?.[0]?.extensions;
const countActions = () => hub.orm.em.fork().count(PartnershipAction, {});

describe('reading partnership actions', () => {
  test('lists the newest first, with coordinator, partners and ports', async () => {
    const page = await list();
    expect(titles(page)).toEqual(['DEMO Gate', 'DEMO Shield', 'DEMO Quay']);
    expect(page.totalCount).toBe(3);
    const gate = page.edges[0]!.node;
    expect(gate).toMatchObject({ status: 'PLANNED', tlp: 'AMBER', coordinatingAgency: { code: 'BE-AAD' } });
    expect(gate.partners.edges.map((e) => e.node.code)).toEqual(['DEMO-LINE', 'DEMO-TERMINAL', 'NL-HBR']);
    expect(gate.partners.totalCount).toBe(3);
    expect(gate.ports.edges.map((e) => e.node.unlocode)).toEqual(['BEANR', 'NLRTM']);
    expect(page.edges[1]!.node.commitments).toEqual(['Rotate release PINs daily']);
  });

  test('pages with first/after; first is 1..100', async () => {
    const one = await list({ first: 2 });
    expect(titles(one)).toEqual(['DEMO Gate', 'DEMO Shield']);
    expect(one.pageInfo.hasNextPage).toBe(true);
    const two = await list({ first: 2, after: one.pageInfo.endCursor });
    expect(titles(two)).toEqual(['DEMO Quay']);
    expect(two.pageInfo.hasNextPage).toBe(false);
    expect(firstError((await reader.send(PartnershipActionListDocument, { first: 101 })).errors)).toMatchObject({ code: 'BAD_USER_INPUT', field: 'first' });
  });

  test('filters by status, partner (any of), port (any of, by UN/LOCODE) and TLP', async () => {
    expect(titles(await list({ filter: { statuses: ['PLANNED', 'COMPLETED'] } }))).toEqual(['DEMO Gate', 'DEMO Quay']);
    expect(titles(await list({ filter: { partnerAgencyIds: [terminal.id] } }))).toEqual(['DEMO Gate', 'DEMO Shield']);
    const anyPartner = await list({ filter: { partnerAgencyIds: [terminal.id, shippingLine.id] } });
    expect(titles(anyPartner)).toEqual(['DEMO Gate', 'DEMO Shield', 'DEMO Quay']);
    expect(anyPartner.totalCount).toBe(3);
    expect(titles(await list({ filter: { ports: ['nlrtm', 'FRLEH'] } }))).toEqual(['DEMO Gate', 'DEMO Quay']);
    expect(titles(await list({ filter: { ports: ['BEANR'] } }))).toEqual(['DEMO Gate', 'DEMO Shield']);
    expect(titles(await list({ filter: { tlps: ['AMBER'] } }))).toEqual(['DEMO Gate']);
    expect(titles(await list({ filter: { tlps: ['GREEN'], ports: ['BEANR'] } }))).toEqual(['DEMO Shield']);
    const badPort = await reader.send(PartnershipActionListDocument, { filter: { ports: ['BE-ANR'] } });
    expect(firstError(badPort.errors)?.code).toBe('BAD_USER_INPUT');
  });

  test('one action by id; NOT_FOUND for an unknown or malformed id', async () => {
    const newest = await list({ first: 1 });
    const one = await reader.query(PartnershipActionByIdDocument, { id: newest.edges[0]!.node.id });
    expect(one.partnershipAction).toEqual({ title: 'DEMO Gate: badge vetting', coordinatingAgency: { name: 'Belgian Customs' } });
    for (const id of ['00000000-0000-4000-8000-000000000000', 'nope']) {
      const missing = await reader.send(PartnershipActionByIdDocument, { id });
      expect(firstError(missing.errors)?.code).toBe('NOT_FOUND');
    }
  });

  test('Port.partnershipActions and Agency.partnershipActions (as partner), batched, paginated and filtered', async () => {
    const result = await reader.query(PartnershipActionsOfPortsAndAgenciesDocument, { portFirst: 1 });
    const byPort = Object.fromEntries(result.ports.edges.map((e) => [e.node.unlocode, e.node.partnershipActions]));
    expect(titles(byPort.BEANR!)).toEqual(['DEMO Gate']);
    expect(byPort.BEANR!.totalCount).toBe(2);
    expect(byPort.BEANR!.pageInfo.hasNextPage).toBe(true);
    expect(byPort.FRLEH!.totalCount).toBe(1);
    const byAgency = Object.fromEntries(result.agencies.edges.map((e) => [e.node.code, e.node.partnershipActions]));
    expect(titles(byAgency['DEMO-LINE']!)).toEqual(['DEMO Gate', 'DEMO Quay']);
    expect(titles(byAgency['BE-AAD']!)).toEqual(['DEMO Shield']); // coordinator of Gate, but not a partner in it
    const completed = await reader.query(PartnershipActionsOfPortsAndAgenciesDocument, { portFirst: 1, filter: { statuses: ['COMPLETED'] } });
    const line = completed.agencies.edges.find((e) => e.node.code === 'DEMO-LINE')!.node.partnershipActions;
    expect(titles(line)).toEqual(['DEMO Quay']);
    const atAntwerp = await reader.query(PartnershipActionsOfPortsAndAgenciesDocument, { portFirst: 1, filter: { ports: ['BEANR'], partnerAgencyIds: [shippingLine.id] } });
    const terminalActions = atAntwerp.agencies.edges.find((e) => e.node.code === 'DEMO-TERMINAL')!.node.partnershipActions;
    expect(titles(terminalActions)).toEqual(['DEMO Gate']);
  });

  test('a RED action shows only to its coordinator and partners: in lists, counts, nested lists and by id', async () => {
    const vault = await make.partnershipAction({
      title: 'DEMO Vault: sealed evidence rooms', createdAt: at('2022-01-01T10:00:00Z'), tlp: Tlp.RED,
      originAgency: customs, partners: [portAuthority, terminal] as never, ports: [leHavre] as never,
    });
    const [asTerminal, asLine] = await Promise.all([terminal, shippingLine].map((agency) => hub.as({ agency, roles: [Role.PARTNER] })));
    expect(titles(await list({ filter: { ports: ['FRLEH'] } }))).toEqual(['DEMO Quay', 'DEMO Vault']); // the coordinator, not a partner
    const partnerView = await list({}, asTerminal); // a private partner: GREEN actions and the RED one it is named on, no AMBER
    expect(titles(partnerView)).toEqual(['DEMO Shield', 'DEMO Quay', 'DEMO Vault']);
    expect(partnerView.totalCount).toBe(3);
    const outsiderView = await list({}, asLine);
    expect(titles(outsiderView)).toEqual(['DEMO Shield', 'DEMO Quay']);
    expect(outsiderView.totalCount).toBe(2);
    const nested = await asLine.query(PartnershipActionsOfPortsAndAgenciesDocument, {});
    const atLeHavre = nested.ports.edges.find((e) => e.node.unlocode === 'FRLEH')!.node.partnershipActions;
    expect([titles(atLeHavre), atLeHavre.totalCount]).toEqual([['DEMO Quay'], 1]);
    const ofAuthority = nested.agencies.edges.find((e) => e.node.code === 'NL-HBR')!.node.partnershipActions;
    expect([titles(ofAuthority), ofAuthority.totalCount]).toEqual([['DEMO Quay'], 1]);
    expect(firstError((await asLine.send(PartnershipActionByIdDocument, { id: vault.id })).errors)?.code).toBe('NOT_FOUND');
  });
});

const create = (client: Client, input: CreatePartnershipActionInput) => client.send(PartnershipActionCreateDocument, { input });
const goodInput = (): CreatePartnershipActionInput => ({
  title: 'DEMO Seal: container seal checks',
  description: 'Synthetic action: terminal staff check seals with customs at the gate.',
  status: 'IN_PROGRESS',
  commitments: ['Report broken seals within one hour', 'Share gate camera footage on request'],
  startsOn: '2025-01-15',
  partnerAgencyIds: [customs.id, terminal.id, terminal.id],
  ports: ['BEANR', 'nlrtm'],
  tlp: 'GREEN',
});

describe('createPartnershipAction', () => {
  test('creates an action coordinated by the acting agency with its public and private partners', async () => {
    const result = await create(coordinator, goodInput());
    expect(result.errors).toBeUndefined();
    const created = result.data!.createPartnershipAction;
    expect(created).toMatchObject({ status: 'IN_PROGRESS', tlp: 'GREEN', version: 1, startsOn: '2025-01-15', coordinatingAgency: { code: 'BE-AAD' } });
    expect(created.commitments).toEqual(['Report broken seals within one hour', 'Share gate camera footage on request']);
    expect(created.partners.edges.map((e) => e.node.code)).toEqual(['BE-AAD', 'DEMO-TERMINAL']);
    expect(created.ports.edges.map((e) => e.node.unlocode)).toEqual(['BEANR', 'NLRTM']);
    const minimal = await create(coordinator, { ...goodInput(), title: 'DEMO Min', status: undefined, commitments: undefined, startsOn: undefined, ports: undefined });
    expect(minimal.data!.createPartnershipAction).toMatchObject({ status: 'PLANNED', commitments: [], startsOn: null, ports: { edges: [] } });
  });

  test.each<[string, string, () => Partial<CreatePartnershipActionInput>, string]>([
    ['only public partners', 'input.partnerAgencyIds', () => ({ partnerAgencyIds: [customs.id, portAuthority.id] }), 'missing: a private operator'],
    ['only private partners', 'input.partnerAgencyIds', () => ({ partnerAgencyIds: [terminal.id, shippingLine.id] }), 'missing: a public agency'],
    ['no partner', 'input.partnerAgencyIds', () => ({ partnerAgencyIds: [] }), ''],
    ['51 partners', 'input.partnerAgencyIds', () => ({ partnerAgencyIds: Array.from({ length: 51 }, () => terminal.id) }), ''],
    ['an unknown partner', 'input.partnerAgencyIds[1]', () => ({ partnerAgencyIds: [terminal.id, '00000000-0000-4000-8000-000000000000'] }), ''],
    ['an unknown port', 'input.ports[0]', () => ({ ports: ['BEZZZ'] }), 'BEZZZ'],
    ['51 ports', 'input.ports', () => ({ ports: Array.from({ length: 51 }, () => 'BEANR') }), ''],
    ['a 2-character title', 'input.title', () => ({ title: 'AB' }), ''],
    ['a 201-character title', 'input.title', () => ({ title: 'T'.repeat(201) }), ''],
    ['a 9-character description', 'input.description', () => ({ description: 'Too short' }), ''],
    ['a 2001-character description', 'input.description', () => ({ description: 'D'.repeat(2001) }), ''],
    ['a 2-character commitment', 'input.commitments', () => ({ commitments: ['Fine commitment', 'no'] }), ''],
    ['a 501-character commitment', 'input.commitments', () => ({ commitments: ['C'.repeat(501)] }), ''],
    ['31 commitments', 'input.commitments', () => ({ commitments: Array.from({ length: 31 }, (_, i) => `Commitment ${i}`) }), ''],
    ['an impossible start date', 'input.startsOn', () => ({ startsOn: '2025-02-30' }), ''],
  ])('%s is BAD_USER_INPUT on %s and writes nothing', async (_case, field, bad, message) => {
    const before = await countActions();
    const result = await create(coordinator, { ...goodInput(), ...bad() });
    expect(firstError(result.errors)).toMatchObject({ code: 'BAD_USER_INPUT', field });
    expect(result.errors![0]!.message).toContain(message);
    expect(await countActions()).toBe(before);
  });

  test('values GraphQL itself refuses (malformed UN/LOCODE, missing TLP) are BAD_USER_INPUT and write nothing', async () => {
    const before = await countActions();
    const malformed = await create(coordinator, { ...goodInput(), ports: ['BEANR', 'BE-ANR'] });
    expect(firstError(malformed.errors)).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.ports[1]' });
    // @ts-expect-error the TLP is required: the generated types refuse to leave it out, and so must GraphQL
    const noTlp = await create(coordinator, { ...goodInput(), tlp: undefined });
    expect(firstError(noTlp.errors)).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.tlp' });
    expect(noTlp.errors![0]!.message).toContain('"tlp"');
    expect(await countActions()).toBe(before);
  });

  test('boundary values are accepted: 3-character title, 10-character description, 30 commitments, 50 ports', async () => {
    const result = await create(coordinator, {
      ...goodInput(), title: 'ABC', description: '0123456789', commitments: Array.from({ length: 30 }, (_, i) => `C-${i}`), ports: Array.from({ length: 50 }, () => 'BEANR'),
    });
    expect(result.errors).toBeUndefined();
    expect(result.data!.createPartnershipAction.ports.edges).toHaveLength(1);
  });

  test('an administrator may coordinate a RED action its agency is no partner in, and sees it', async () => {
    const result = await create(coordinator, { ...goodInput(), title: 'DEMO Lock: RED', partnerAgencyIds: [portAuthority.id, terminal.id], tlp: 'RED' });
    expect(result.data!.createPartnershipAction).toMatchObject({ tlp: 'RED', coordinatingAgency: { code: 'BE-AAD' } });
    const reread = await reader.query(PartnershipActionByIdDocument, { id: result.data!.createPartnershipAction.id });
    expect(reread.partnershipAction.title).toBe('DEMO Lock: RED');
  });

  test.each<[string, () => Promise<Client>, string]>([
    ['an anonymous viewer', async () => hub, 'UNAUTHENTICATED'],
    ['an analyst', () => hub.as({ agency: customs, roles: [Role.ANALYST] }), 'FORBIDDEN'],
    ['an officer', () => hub.as({ agency: customs, roles: [Role.OFFICER] }), 'FORBIDDEN'],
    ['an investigator', () => hub.as({ agency: customs, roles: [Role.INVESTIGATOR] }), 'FORBIDDEN'],
    ['a private partner', () => hub.as({ agency: terminal, roles: [Role.PARTNER] }), 'FORBIDDEN'],
  ])('creating is for administrators: %s is refused with %s and nothing is written', async (_who, client, code) => {
    const before = await countActions();
    const result = await create(await client(), goodInput());
    expect(result.data ?? null).toBeNull();
    expect(firstError(result.errors)?.code).toBe(code);
    expect(await countActions()).toBe(before);
  });
});
