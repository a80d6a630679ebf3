// The field policy on a small schema of its own: the shield of each audience, the @sensitivity marks and the audit
// audiences all follow from the declared access values (nothing depends on which rule object a field holds).
import { buildASTSchema, graphql, parse, print, type GraphQLSchema } from 'graphql';
import type { ViewerAudience } from '../src/auth/audience.js';
import { Role, type Viewer } from '../src/auth/viewer.js';
import {
  ADMIN,
  ALLIANCE,
  auditAudienceOf,
  LAW_ENFORCEMENT,
  markSensitiveFields,
  mayRead,
  mergePolicies,
  PUBLIC,
  roles,
  row,
  sameAccess,
  type Access,
  type FieldPolicy,
} from '../src/hub/policy/field-policy.js';
import { policyTable } from '../src/hub/policy/policy-docs.js';
import { allow } from '../src/hub/policy/shield-lib.js';
import { auditReadsFor, guard, shieldFor } from '../src/hub/shield.js';

const SDL = `
type Query { things: [Thing!]! notes: [Note!]! }
type Mutation { doIt: Boolean }
type Thing { id: ID! name: String body: String secret: String code: String! linked: String gated: String }
type Note { id: ID! text: String }
`;

const rowCalls: string[] = [];
// The old trap: "law enforcement, and then something about the row". Declared within LAW_ENFORCEMENT, it keeps
// the mark and the audit that `and(lawEnforcement, x)` silently lost.
const linked = row({
  name: 'test:linkedVisible',
  description: 'only rows whose link is visible',
  within: LAW_ENFORCEMENT,
  allows: (thing: { id: string; visible: boolean }) => {
    rowCalls.push(thing.id);
    return thing.visible;
  },
});
const gated = row({ name: 'test:gated', description: 'only open rows', within: PUBLIC, allows: (thing: { visible: boolean }) => thing.visible });

const policy = mergePolicies([{
  Query: { things: PUBLIC, notes: PUBLIC },
  Mutation: { doIt: roles(Role.OFFICER) },
  Thing: { ...sameAccess(['id', 'name'], PUBLIC), body: ALLIANCE, secret: LAW_ENFORCEMENT, code: LAW_ENFORCEMENT, linked, gated },
  // Note.text is left out: denied by default.
  Note: { id: PUBLIC },
}]);

const schema = buildASTSchema(parse(SDL));
const viewers: Record<ViewerAudience, Viewer> = {
  ANONYMOUS: { subject: null, name: null, agencyId: null, agencyKind: null, roles: new Set() } as unknown as Viewer,
  MEMBER: { subject: 'urn:test#partner', name: null, agencyId: 'a1', agencyKind: 'PRIVATE_OPERATOR', roles: new Set([Role.PARTNER]) } as Viewer,
  LAW_ENFORCEMENT: { subject: 'urn:test#officer', name: null, agencyId: 'a2', agencyKind: 'CUSTOMS', roles: new Set([Role.OFFICER]) } as Viewer,
};

async function run(audience: ViewerAudience, source: string) {
  const context = { viewer: viewers[audience], audit: { read: () => undefined } };
  const rootValue = {
    things: [{ id: 't1', name: 'one', body: 'b', secret: 's', code: 'c', linked: 'l1', gated: 'g1', visible: true }, { id: 't2', name: 'two', body: 'b', secret: 's', code: 'c', linked: 'l2', gated: 'g2', visible: false }],
    notes: [{ id: 'n1', text: 'hidden' }],
    doIt: true,
  };
  const result = await graphql({ schema: guard(schema, policy, audience), source, rootValue, contextValue: context });
  return { data: result.data as Record<string, unknown> | null, codes: (result.errors ?? []).map((e) => `${e.path?.join('.')}:${e.extensions?.code}`) };
}

test('marks come from the access: ALLIANCE and LAW_ENFORCEMENT fields and rows within them, nullable only', () => {
  const marked = print(markSensitiveFields(parse(SDL), policy));
  expect(marked).toContain('body: String @sensitivity(audience: ALLIANCE)');
  expect(marked).toContain('secret: String @sensitivity(audience: LAW_ENFORCEMENT)');
  expect(marked).toContain('linked: String @sensitivity(audience: LAW_ENFORCEMENT)');
  expect(marked).toContain('code: String!\n'); // non-null: its rows are filtered, no mark
  expect(marked.match(/@sensitivity/g)).toHaveLength(3);
});

test('audit audiences come from the access, and a row rule within LAW_ENFORCEMENT makes its type audited', () => {
  const audiences = Object.fromEntries(Object.entries(policy.Thing!).map(([f, a]) => [f, auditAudienceOf(a)]));
  expect(audiences).toEqual({ id: 'other', name: 'other', body: 'member', secret: 'lawEnforcement', code: 'lawEnforcement', linked: 'lawEnforcement', gated: 'other' });
  expect(auditAudienceOf(policy.Mutation!.doIt)).toBe('other');
  expect(auditAudienceOf(undefined)).toBe('other');
  // Thing has law-enforcement fields (no tlp): the list that returns it is audited; Note is not.
  expect(Object.keys(auditReadsFor(schema, policy).Query ?? {})).toEqual(['things']);
});

test('each audience gets its shield: audience accesses decided ahead and left bare when allowed, rules kept', () => {
  const wrapped = (audience: ViewerAudience) => Object.entries(shieldFor(schema, policy, audience))
    .flatMap(([type, fields]) => Object.keys(fields).map((f) => `${type}.${f}`)).sort();
  // Always wrapped: the role rule, the PUBLIC row rule and the undeclared field (deny).
  expect(wrapped('ANONYMOUS')).toEqual(['Mutation.doIt', 'Note.text', 'Thing.body', 'Thing.code', 'Thing.gated', 'Thing.linked', 'Thing.secret']);
  expect(wrapped('MEMBER')).toEqual(['Mutation.doIt', 'Note.text', 'Thing.code', 'Thing.gated', 'Thing.linked', 'Thing.secret']);
  expect(wrapped('LAW_ENFORCEMENT')).toEqual(['Mutation.doIt', 'Note.text', 'Thing.gated', 'Thing.linked']);
});

test('served: refusals by audience, row rules per row (never run outside their audience), deny by default', async () => {
  const query = '{ things { id name body secret linked gated } notes { id text } }';
  rowCalls.length = 0;
  const member = await run('MEMBER', query);
  expect(rowCalls).toEqual([]); // outside LAW_ENFORCEMENT: refused without running the rule
  expect(member.data?.things).toEqual([
    { id: 't1', name: 'one', body: 'b', secret: null, linked: null, gated: 'g1' },
    { id: 't2', name: 'two', body: 'b', secret: null, linked: null, gated: null },
  ]);
  expect(member.codes).toEqual(expect.arrayContaining(['things.0.secret:FORBIDDEN', 'things.0.linked:FORBIDDEN', 'things.1.gated:FORBIDDEN', 'notes.0.text:FORBIDDEN']));

  const officer = await run('LAW_ENFORCEMENT', query);
  expect(rowCalls.sort()).toEqual(['t1', 't2']); // no_cache: one answer per row
  expect(officer.data?.things).toEqual([
    { id: 't1', name: 'one', body: 'b', secret: 's', linked: 'l1', gated: 'g1' },
    { id: 't2', name: 'two', body: 'b', secret: 's', linked: null, gated: null },
  ]);

  const anonymous = await run('ANONYMOUS', '{ things { id body } }');
  expect(anonymous.codes).toEqual(['things.0.body:FORBIDDEN', 'things.1.body:FORBIDDEN']);
});

test('a role access asks anonymous callers to sign in and refuses members without the role', async () => {
  expect((await run('ANONYMOUS', 'mutation { doIt }')).codes).toEqual(['doIt:UNAUTHENTICATED']);
  expect((await run('MEMBER', 'mutation { doIt }')).codes).toEqual(['doIt:FORBIDDEN']);
  expect((await run('LAW_ENFORCEMENT', 'mutation { doIt }')).data).toEqual({ doIt: true });
});

test('merging refuses anything but this vocabulary, a field declared twice and two row rules of one name', () => {
  expect(() => mergePolicies([{ Thing: { id: allow as unknown as Access } }])).toThrow('Thing.id: not an access of field-policy.ts');
  expect(() => mergePolicies([{ Thing: { id: PUBLIC } }, { Thing: { id: ADMIN } }])).toThrow('Two accesses for Thing.id');
  const twin = row({ name: 'test:gated', description: 'another', within: PUBLIC, allows: () => true });
  expect(() => mergePolicies([{ Thing: { gated } }, { Note: { text: twin } }])).toThrow('Two row rules named test:gated');
});

test('the docs table lists every field that is not PUBLIC, with roles and row rules named', () => {
  const table = policyTable(policy as FieldPolicy);
  expect(table.split('\n').slice(2)).toEqual([
    '| Mutation | `doIt` | role `OFFICER` |',
    '| Thing | `body` | ALLIANCE |',
    '| Thing | `secret`, `code` | LAW_ENFORCEMENT |',
    '| Thing | `linked` | row rule `test:linkedVisible` (within LAW_ENFORCEMENT): only rows whose link is visible |',
    '| Thing | `gated` | row rule `test:gated` (within PUBLIC): only open rows |',
  ]);
});

test('arguments that reveal a field (filters, groupings) follow the field: mayRead answers from the declaration', () => {
  const may = (field: string, type = 'Thing') => (Object.keys(viewers) as ViewerAudience[]).filter((audience) => mayRead(policy, type, field, viewers[audience]));
  expect(may('name')).toEqual(['ANONYMOUS', 'MEMBER', 'LAW_ENFORCEMENT']);
  expect(may('body')).toEqual(['MEMBER', 'LAW_ENFORCEMENT']);
  expect(may('secret')).toEqual(['LAW_ENFORCEMENT']);
  expect(may('linked')).toEqual(['LAW_ENFORCEMENT']); // a row rule counts as its `within` audience
  expect(may('gated')).toEqual(['ANONYMOUS', 'MEMBER', 'LAW_ENFORCEMENT']);
  expect(may('doIt', 'Mutation')).toEqual([]); // a role check is no audience
  expect(may('undeclared')).toEqual([]);
});
