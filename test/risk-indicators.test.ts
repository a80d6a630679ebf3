// The referents' shared catalogue of risk indicators (README, "Targeting alerts"): codes namespaced by the owner
// agency, descriptions in several languages, a label; referents maintain their own agency's; law enforcement only.
import type { GraphQLFormattedError } from 'graphql';
import { Role } from '../src/auth/viewer.js';
import { Tlp } from '../src/hub/common/enums.js';
import { AgencyKind, type Agency } from '../src/hub/modules/agency/index.js';
import { RiskIndicator } from '../src/hub/modules/risk-indicator/index.js';
import {
  CreateRiskIndicatorDocument, RiskIndicatorByIdDocument, RiskIndicatorListDocument, UpdateRiskIndicatorDocument,
  type CreateRiskIndicatorInput, type RiskIndicatorFilter,
} from './generated/operations.js';
import { Factories } from './support/factories.js';
import { startTestHub, type Client, type TestHub } from './support/hub.js';

let hub: TestHub;
let make: Factories;
let fr: Agency;
let be: Agency;
let frReferent: Client;
let beReferent: Client;
let beOfficer: Client;
let partner: Client;

beforeAll(async () => {
  hub = await startTestHub();
  make = new Factories(hub.orm);
  fr = await make.agency({ code: 'FR-DGDDI', name: 'French Customs', kind: AgencyKind.CUSTOMS, country: 'FR' });
  be = await make.agency({ code: 'BE-AAD', name: 'Belgian Customs', kind: AgencyKind.CUSTOMS, country: 'BE' });
  const terminal = await make.agency({ code: 'DEMO-TERMINAL', kind: AgencyKind.PRIVATE_OPERATOR });
  frReferent = await hub.as({ agency: fr, roles: [Role.REFERENT] });
  beReferent = await hub.as({ agency: be, roles: [Role.REFERENT] });
  beOfficer = await hub.as({ agency: be, roles: [Role.OFFICER] });
  partner = await hub.as({ agency: terminal, roles: [Role.PARTNER] });
});
afterAll(() => hub.close());

const errorOf = (errors: readonly GraphQLFormattedError[] | undefined) => errors?.[0]?.extensions;
const countIndicators = () => hub.orm.em.fork().count(RiskIndicator, {});
const input = (overrides: Partial<CreateRiskIndicatorInput> = {}): CreateRiskIndicatorInput => ({
  code: 'REEFER-SEAL',
  descriptions: [{ language: 'fr', text: 'Scellé du conteneur frigorifique différent du manifeste' }, { language: 'en', text: 'Reefer seal differs from the manifest' }],
  ...overrides,
});
const create = async (overrides: Partial<CreateRiskIndicatorInput> = {}, client: Client = frReferent) =>
  (await client.query(CreateRiskIndicatorDocument, { input: input(overrides) })).createRiskIndicator;
const codes = async (client: Client, filter?: RiskIndicatorFilter) => (await client.query(RiskIndicatorListDocument, { first: 100, filter })).riskIndicators.edges.map((e) => e.node.code);

describe('creating and updating', () => {
  test('a referent adds an indicator of their agency: the code is namespaced, AMBER by default, descriptions by language', async () => {
    const indicator = await create();
    expect(indicator).toMatchObject({
      code: 'FR-DGDDI/REEFER-SEAL', tlp: 'AMBER', version: 1, ownerAgency: { code: 'FR-DGDDI' },
      descriptions: [{ language: 'en', text: 'Reefer seal differs from the manifest' }, { language: 'fr', text: 'Scellé du conteneur frigorifique différent du manifeste' }],
    });
    // The audit row names the local code with the agency it belongs to.
    const [row] = await hub.orm.em.fork().getConnection().execute<{ keys: Record<string, string> }[]>(
      `select "keys" from "audit_event" where "kind" = 'WRITE' and ? = any("record_ids") and 'Mutation.createRiskIndicator' = any("fields")`, [indicator.id]);
    expect(row!.keys).toEqual({ code: 'REEFER-SEAL', agencyId: fr.id });
    // Another agency may use the same local code: it is another code.
    expect((await create({}, beReferent)).code).toBe('BE-AAD/REEFER-SEAL');
  });

  test('your own code taken is CONFLICT; bad input is BAD_USER_INPUT naming the field; nothing is written', async () => {
    await create({ code: 'DUPLICATE' });
    const before = await countIndicators();
    const taken = await frReferent.send(CreateRiskIndicatorDocument, { input: input({ code: 'DUPLICATE' }) });
    expect(taken.errors?.map((e) => [e.extensions?.code, e.message])).toEqual([['CONFLICT', 'Your agency already has a risk indicator with the code FR-DGDDI/DUPLICATE']]);
    const cases: [Partial<CreateRiskIndicatorInput>, string][] = [
      [{ code: 'with/slash' }, 'input.code'],
      [{ code: 'X' }, 'input.code'],
      [{ tlp: 'CLEAR' }, 'input.tlp'],
      [{ descriptions: [] }, 'input.descriptions'],
      [{ descriptions: [{ language: 'en', text: 'a' }, { language: 'en', text: 'b' }] }, 'input.descriptions[1].language'],
      [{ descriptions: [{ language: 'english', text: 'a' }] }, 'input.descriptions'],
    ];
    for (const [overrides, field] of cases) {
      const res = await frReferent.send(CreateRiskIndicatorDocument, { input: input({ code: 'NEW-ONE', ...overrides }) });
      expect({ field, error: errorOf(res.errors) }).toMatchObject({ field, error: { code: 'BAD_USER_INPUT', field: expect.stringContaining(field) } });
    }
    expect(await countIndicators()).toBe(before);
  });

  test('only referents maintain the catalogue; anonymous callers are asked to sign in', async () => {
    for (const client of [beOfficer, partner]) expect(errorOf((await client.send(CreateRiskIndicatorDocument, { input: input({ code: 'NOPE' }) })).errors)?.code).toBe('FORBIDDEN');
    expect(errorOf((await hub.send(CreateRiskIndicatorDocument, { input: input({ code: 'NOPE' }) })).errors)?.code).toBe('UNAUTHENTICATED');
  });

  test("a referent updates their own agency's indicators only, on the version read", async () => {
    const indicator = await create({ code: 'TO-UPDATE' });
    const updated = (await frReferent.query(UpdateRiskIndicatorDocument, { input: { id: indicator.id, version: 1, descriptions: [{ language: 'es', text: 'Precinto distinto' }], tlp: 'RED' } })).updateRiskIndicator;
    expect(updated).toMatchObject({ code: 'FR-DGDDI/TO-UPDATE', tlp: 'RED', version: 2, descriptions: [{ language: 'es', text: 'Precinto distinto' }] });
    expect(errorOf((await frReferent.send(UpdateRiskIndicatorDocument, { input: { id: indicator.id, version: 1, tlp: 'GREEN' } })).errors)?.code).toBe('CONFLICT');
    expect(errorOf((await frReferent.send(UpdateRiskIndicatorDocument, { input: { id: indicator.id, version: 2, tlp: 'CLEAR' } })).errors)).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.tlp' });
    // Belgian referents see an AMBER French indicator but may not change it; a RED one does not exist for them.
    const amber = await create({ code: 'AMBER-ONE' });
    expect(errorOf((await beReferent.send(UpdateRiskIndicatorDocument, { input: { id: amber.id, version: 1, tlp: 'GREEN' } })).errors)?.code).toBe('FORBIDDEN');
    expect(errorOf((await beReferent.send(UpdateRiskIndicatorDocument, { input: { id: indicator.id, version: 2, tlp: 'GREEN' } })).errors)?.code).toBe('NOT_FOUND');
  });

  test('a retry with the same idempotency key returns the first indicator and writes one', async () => {
    const before = await countIndicators();
    const first = await create({ code: 'RETRIED', idempotencyKey: 'indicator-key-1' });
    const again = await create({ code: 'RETRIED', idempotencyKey: 'indicator-key-1' });
    expect(again.id).toBe(first.id);
    expect(await countIndicators()).toBe(before + 1);
  });
});

describe('who sees the catalogue', () => {
  beforeAll(async () => {
    await make.riskIndicator({ originAgency: be, local: 'VIS-GREEN', tlp: Tlp.GREEN });
    await make.riskIndicator({ originAgency: be, local: 'VIS-RED', tlp: Tlp.RED });
    await make.riskIndicator({ originAgency: be, local: 'VIS-STRICT', tlp: Tlp.AMBER_STRICT });
  });

  test('law enforcement by label (RED and AMBER+STRICT: the owner only); private partners and anonymous viewers: nothing', async () => {
    expect(await codes(beOfficer, { search: 'VIS-' })).toEqual(['BE-AAD/VIS-GREEN', 'BE-AAD/VIS-RED', 'BE-AAD/VIS-STRICT']);
    expect(await codes(frReferent, { search: 'VIS-' })).toEqual(['BE-AAD/VIS-GREEN']);
    for (const client of [partner, hub]) {
      const page = (await client.query(RiskIndicatorListDocument, { first: 100 })).riskIndicators;
      expect(page).toMatchObject({ totalCount: 0, edges: [] });
    }
    const green = (await beOfficer.query(RiskIndicatorListDocument, { filter: { search: 'VIS-GREEN' } })).riskIndicators.edges[0]!.node;
    expect(errorOf((await partner.send(RiskIndicatorByIdDocument, { id: green.id })).errors)?.code).toBe('NOT_FOUND');
    expect((await frReferent.query(RiskIndicatorByIdDocument, { id: green.id })).riskIndicator.code).toBe('BE-AAD/VIS-GREEN');
  });

  test('filters by owner agency and part of the code; pages in code order', async () => {
    expect((await codes(frReferent, { ownerAgencyIds: [be.id] })).every((c) => c.startsWith('BE-AAD/'))).toBe(true);
    const all = await codes(beOfficer);
    expect(all).toEqual([...all].sort());
    const first = (await beOfficer.query(RiskIndicatorListDocument, { first: 2 })).riskIndicators;
    const next = (await beOfficer.query(RiskIndicatorListDocument, { first: 100, after: first.pageInfo.endCursor })).riskIndicators;
    expect([...first.edges, ...next.edges].map((e) => e.node.code)).toEqual(all);
    expect(errorOf((await beOfficer.send(RiskIndicatorListDocument, { filter: { search: 'x' } })).errors)).toMatchObject({ code: 'BAD_USER_INPUT', field: 'filter.search' });
  });
});
