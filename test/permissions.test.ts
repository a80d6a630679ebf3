// The permission matrix, written out by hand from DOMAIN.md ("Who may see what") — not derived from the rules.
// Viewers × TLP labels × paths (root, list, nested, aliases, fragments, federation's _entities)
// for seizures, plus the investigation link, investigations, referents' contact data and best-practice bodies.
import { Role } from '../src/auth/viewer.js';
import { Tlp } from '../src/hub/common/enums.js';
import { AgencyKind, type Agency } from '../src/hub/modules/agency/index.js';
import type { Investigation } from '../src/hub/modules/investigation/index.js';
import type { Referent } from '../src/hub/modules/referent/index.js';
import type { BestPractice } from '../src/hub/modules/best-practice/index.js';
import {
  PermissionAliasesDocument,
  PermissionBestPracticeDocument,
  PermissionInlineFragmentDocument,
  PermissionInvestigationDocument,
  PermissionListDocument,
  PermissionNestedDocument,
  PermissionReferentDocument,
  PermissionReferentListDocument,
  PermissionRootDocument,
} from './generated/operations.js';
import { publishedCount } from './support/disclosure.js';
import { Factories } from './support/factories.js';
import { startTestHub, type Client, type GraphQLResponse, type TestHub } from './support/hub.js';

type ViewerName = 'anonymous' | 'partner' | 'analyst' | 'referent' | 'officerOfOrigin' | 'officerOfOther' | 'investigatorIn' | 'investigatorOut' | 'admin';
type Label = 'CLEAR' | 'GREEN' | 'AMBER' | 'AMBER+STRICT' | 'RED';
const LABELS: Label[] = ['CLEAR', 'GREEN', 'AMBER', 'AMBER+STRICT', 'RED'];

// Which seizure rows each viewer sees (all reported by BE customs; the RED one names only BE customs).
const SEES: Record<ViewerName, Label[]> = {
  anonymous: ['CLEAR'],
  partner: ['CLEAR', 'GREEN'],
  analyst: ['CLEAR', 'GREEN', 'AMBER'],
  referent: ['CLEAR', 'GREEN', 'AMBER'],
  officerOfOrigin: ['CLEAR', 'GREEN', 'AMBER', 'AMBER+STRICT', 'RED'],
  officerOfOther: ['CLEAR', 'GREEN', 'AMBER'],
  investigatorIn: ['CLEAR', 'GREEN', 'AMBER'],
  investigatorOut: ['CLEAR', 'GREEN', 'AMBER'],
  admin: ['CLEAR', 'GREEN', 'AMBER'],
};
// Operational details (container number) on the rows they see: law enforcement only, whatever the label.
const READS_DETAILS: Record<ViewerName, boolean> = {
  anonymous: false, partner: false, analyst: true, referent: true, officerOfOrigin: true, officerOfOther: true, investigatorIn: true, investigatorOut: true, admin: true,
};
// The GREEN seizure's link to the RED investigation (participants: BE customs, NL police).
const SEES_INVESTIGATION: Record<ViewerName, boolean> = {
  anonymous: false, partner: false, analyst: false, referent: false, officerOfOrigin: true, officerOfOther: false, investigatorIn: true, investigatorOut: false, admin: false,
};
// A referent's row (members) and contact details (law enforcement).
const REFERENT: Record<ViewerName, 'hidden' | 'no contact' | 'contact'> = {
  anonymous: 'hidden', partner: 'no contact', analyst: 'contact', referent: 'contact', officerOfOrigin: 'contact', officerOfOther: 'contact', investigatorIn: 'contact', investigatorOut: 'contact', admin: 'contact',
};
// A TLP:CLEAR best practice: title and summary for anyone, the body for members.
const READS_PRACTICE_BODY: Record<ViewerName, boolean> = {
  anonymous: false, partner: true, analyst: true, referent: true, officerOfOrigin: true, officerOfOther: true, investigatorIn: true, investigatorOut: true, admin: true,
};

let hub: TestHub;
const clients = {} as Record<ViewerName, Client>;
const seizureIds = {} as Record<Label, string>;
let investigation: Investigation;
let referentRecord: Referent;
let practice: BestPractice;

beforeAll(async () => {
  hub = await startTestHub();
  const make = new Factories(hub.orm);
  const antwerp = await make.port({ unlocode: 'BEANR', name: 'Antwerp' });
  const beCustoms = await make.agency({ code: 'BE-CUS', kind: AgencyKind.CUSTOMS, country: 'BE' });
  const nlPolice = await make.agency({ code: 'NL-POL', kind: AgencyKind.POLICE, country: 'NL' });
  const frCustoms = await make.agency({ code: 'FR-CUS', kind: AgencyKind.CUSTOMS, country: 'FR' });
  const euBody = await make.agency({ code: 'EU-BODY', kind: AgencyKind.EU_BODY, country: null });
  const operator: Agency = await make.agency({ code: 'DEMO-OPERATOR', kind: AgencyKind.PRIVATE_OPERATOR });

  investigation = await make.investigation({ codeName: 'DEMO-OP-MATRIX', originAgency: beCustoms, participants: [nlPolice], tlp: Tlp.RED, criminalGroupNotes: 'Demo notes' });
  const labels: Record<Label, Tlp> = { CLEAR: Tlp.CLEAR, GREEN: Tlp.GREEN, AMBER: Tlp.AMBER, 'AMBER+STRICT': Tlp.AMBER_STRICT, RED: Tlp.RED };
  for (const label of LABELS) {
    const seizure = await make.seizure({
      reference: `DEMO-${label}`, port: antwerp, originAgency: beCustoms, tlp: labels[label], containerNumber: 'CSQU3054383',
      investigation: label === 'GREEN' ? investigation : null,
    });
    seizureIds[label] = seizure.id;
  }
  referentRecord = await make.referent({ agency: frCustoms, fullName: 'Demo Referent Matrix', email: 'matrix@example.org' });
  practice = await make.bestPractice({ originAgency: frCustoms, tlp: Tlp.CLEAR, title: 'Demo practice', body: 'Members only body' });

  clients.anonymous = hub;
  clients.partner = await hub.as({ agency: operator, roles: [Role.PARTNER] });
  clients.analyst = await hub.as({ agency: frCustoms, roles: [Role.ANALYST] });
  clients.referent = await hub.as({ agency: frCustoms, roles: [Role.REFERENT] });
  clients.officerOfOrigin = await hub.as({ agency: beCustoms, roles: [Role.OFFICER] });
  clients.officerOfOther = await hub.as({ agency: frCustoms, roles: [Role.OFFICER] });
  clients.investigatorIn = await hub.as({ agency: nlPolice, roles: [Role.INVESTIGATOR] });
  clients.investigatorOut = await hub.as({ agency: frCustoms, roles: [Role.INVESTIGATOR] });
  clients.admin = await hub.as({ agency: euBody, roles: [Role.ADMIN] });
});
afterAll(() => hub.close());

const VIEWERS = Object.keys(SEES) as ViewerName[];
const codesAt = (res: GraphQLResponse<unknown>, path: (string | number)[]) =>
  (res.errors ?? []).filter((e) => JSON.stringify(e.path) === JSON.stringify(path)).map((e) => e.extensions?.code);

describe.each(VIEWERS)('%s', (viewer) => {
  test.each(LABELS)('root query: a %s seizure', async (label) => {
    const res = await clients[viewer].send(PermissionRootDocument, { id: seizureIds[label] });
    if (!SEES[viewer].includes(label)) {
      expect(res.data ?? null).toBeNull();
      expect(res.errors?.map((e) => e.extensions?.code)).toEqual(['NOT_FOUND']);
      return;
    }
    expect(res.data?.seizure.reference).toBe(`DEMO-${label}`);
    expect(res.data?.seizure.drugType).toBe('COCAINE');
    if (READS_DETAILS[viewer]) {
      expect(res.data?.seizure.containerNumber).toBe('CSQU3054383');
    } else {
      expect(res.data?.seizure.containerNumber).toBeNull();
      expect(codesAt(res, ['seizure', 'containerNumber'])).toEqual(['FORBIDDEN']);
    }
    // A link to an investigation the viewer may not see reads exactly like no link: absent, uncounted, no error.
    const linked = label === 'GREEN' && SEES_INVESTIGATION[viewer] ? ['DEMO-OP-MATRIX'] : [];
    expect(res.data?.seizure.investigations).toEqual({ totalCount: linked.length, edges: linked.map((codeName) => ({ node: { codeName } })) });
    expect(codesAt(res, ['seizure', 'investigations'])).toEqual([]);
  });

  test('list and nested list: only the rows the viewer may see, and counts that agree', async () => {
    const expected = SEES[viewer].map((l) => `DEMO-${l}`).sort();
    const list = await clients[viewer].send(PermissionListDocument);
    const nested = await clients[viewer].send(PermissionNestedDocument);
    for (const [connection, prefix] of [[list.data?.seizures, ['seizures']], [nested.data?.port.seizures, ['port', 'seizures']]] as const) {
      expect(connection?.edges.map((e) => e.node.reference).sort()).toEqual(expected);
      // Law enforcement (those who read details) gets the exact count; others the figure README's disclosure control
      // publishes for the rows they see (1 or 2 here: 0 or 5).
      expect(connection?.totalCount).toBe(READS_DETAILS[viewer] ? expected.length : publishedCount(SEES[viewer].map((l) => seizureIds[l])));
      const forbiddenDetails = (list.errors ?? []).concat(nested.errors ?? []).filter((e) => e.path?.[0] === prefix[0] && e.path?.at(-1) === 'containerNumber');
      if (READS_DETAILS[viewer]) expect(forbiddenDetails).toEqual([]);
      for (const edge of connection?.edges ?? []) expect(edge.node.containerNumber).toBe(READS_DETAILS[viewer] ? 'CSQU3054383' : null);
    }
  });

  test('aliases and inline fragments are guarded like the fields they name', async () => {
    const aliased = await clients[viewer].send(PermissionAliasesDocument, { id: seizureIds.GREEN });
    const fragment = await clients[viewer].send(PermissionInlineFragmentDocument, { id: seizureIds.GREEN });
    if (!SEES[viewer].includes('GREEN')) {
      expect(aliased.data ?? null).toBeNull();
      expect(fragment.data ?? null).toBeNull();
      return;
    }
    expect(aliased.data?.record.what).toBe('COCAINE');
    expect(aliased.data?.record.box).toBe(READS_DETAILS[viewer] ? 'CSQU3054383' : null);
    expect(codesAt(aliased, ['record', 'box'])).toEqual(READS_DETAILS[viewer] ? [] : ['FORBIDDEN']);
    expect(fragment.data?.seizure.reference).toBe('DEMO-GREEN');
    expect(fragment.data?.seizure.containerNumber).toBe(READS_DETAILS[viewer] ? 'CSQU3054383' : null);
    expect(codesAt(fragment, ['seizure', 'containerNumber'])).toEqual(READS_DETAILS[viewer] ? [] : ['FORBIDDEN']);
  });

  // Federation's _entities is not part of the client API (schema/hub.graphql), so this request is a string.
  test('_entities (how the gateway reaches a seizure): the same rows and fields', async () => {
    const query = `query($representations: [_Any!]!) {
      _entities(representations: $representations) { ... on Seizure { reference containerNumber investigations { edges { node { codeName } } } } }
    }`;
    const representations = LABELS.map((label) => ({ __typename: 'Seizure', id: seizureIds[label] }));
    const res = await clients[viewer].send<{ _entities: ({ reference: string; containerNumber: string | null; investigations: { edges: { node: { codeName: string } }[] } } | null)[] }, { representations: object[] }>(query, { representations });
    const entities = res.data?._entities ?? [];
    expect(entities).toHaveLength(LABELS.length);
    LABELS.forEach((label, i) => {
      const entity = entities[i];
      if (!SEES[viewer].includes(label)) return expect(entity).toBeNull();
      expect(entity?.reference).toBe(`DEMO-${label}`);
      expect(entity?.containerNumber).toBe(READS_DETAILS[viewer] ? 'CSQU3054383' : null);
      expect(codesAt(res, ['_entities', i, 'containerNumber'])).toEqual(READS_DETAILS[viewer] ? [] : ['FORBIDDEN']);
      if (label === 'GREEN') expect(entity?.investigations.edges.map((e) => e.node.codeName)).toEqual(SEES_INVESTIGATION[viewer] ? ['DEMO-OP-MATRIX'] : []);
    });
  });

  test('the RED investigation: participants only, and its notes with it', async () => {
    const res = await clients[viewer].send(PermissionInvestigationDocument, { id: investigation.id });
    if (SEES_INVESTIGATION[viewer]) expect(res.data?.investigation).toEqual({ codeName: 'DEMO-OP-MATRIX', criminalGroupNotes: 'Demo notes' });
    else expect(res.errors?.map((e) => e.extensions?.code)).toEqual(['NOT_FOUND']);
  });

  test("a referent: members see the person, law enforcement the contact details", async () => {
    const res = await clients[viewer].send(PermissionReferentDocument, { id: referentRecord.id });
    const list = await clients[viewer].send(PermissionReferentListDocument);
    if (REFERENT[viewer] === 'hidden') {
      expect(res.errors?.map((e) => e.extensions?.code)).toEqual(['NOT_FOUND']);
      expect(list.data?.referents.totalCount).toBe(0);
      return;
    }
    expect(res.data?.referent.fullName).toBe('Demo Referent Matrix');
    expect(list.data?.referents.totalCount).toBe(1);
    if (REFERENT[viewer] === 'contact') {
      expect(res.data?.referent.email).toBe('matrix@example.org');
      expect(list.data?.referents.edges[0]?.node.email).toBe('matrix@example.org');
    } else {
      expect(res.data?.referent.email).toBeNull();
      expect(res.data?.referent.phone).toBeNull();
      expect(codesAt(res, ['referent', 'email'])).toEqual(['FORBIDDEN']);
      expect(codesAt(res, ['referent', 'phone'])).toEqual(['FORBIDDEN']);
    }
  });

  test('a TLP:CLEAR best practice: title and summary for all, body for members', async () => {
    const res = await clients[viewer].send(PermissionBestPracticeDocument, { id: practice.id });
    expect(res.data?.bestPractice.title).toBe('Demo practice');
    if (READS_PRACTICE_BODY[viewer]) expect(res.data?.bestPractice.body).toBe('Members only body');
    else {
      expect(res.data?.bestPractice.body).toBeNull();
      expect(codesAt(res, ['bestPractice', 'body'])).toEqual(['FORBIDDEN']);
    }
  });
});

test('a FORBIDDEN error says nothing about the hidden value', async () => {
  const res = await clients.partner.send(PermissionRootDocument, { id: seizureIds.GREEN });
  const messages = (res.errors ?? []).map((e) => JSON.stringify(e));
  expect(messages.length).toBeGreaterThan(0);
  for (const message of messages) {
    expect(message).not.toContain('CSQU3054383');
    expect(message).not.toContain('DEMO-OP-MATRIX');
  }
});
