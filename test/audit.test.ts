// The audit trail: reads of AMBER-or-above data and every change, written once per request, append-only.
import { Role } from '../src/auth/viewer.js';
import { Tlp } from '../src/hub/common/enums.js';
import { AgencyKind, type Agency } from '../src/hub/modules/agency/index.js';
import type { Port } from '../src/hub/modules/port/index.js';
import type { Seizure } from '../src/hub/modules/seizure/index.js';
import {
  AuditEventsDocument,
  AuditRecordSeizureDocument,
  AuditSeizureBasicsDocument,
  AuditSeizureDetailsDocument,
  AuditWithdrawSeizureDocument,
} from './generated/operations.js';
import { Factories } from './support/factories.js';
import { startTestHub, type Client, type TestHub } from './support/hub.js';

let hub: TestHub;
let make: Factories;
let customs: Agency;
let police: Agency;
let terminal: Agency;
let antwerp: Port;
let amber: Seizure;
let clear: Seizure;
let admin: Client;

beforeAll(async () => {
  hub = await startTestHub();
  make = new Factories(hub.orm);
  antwerp = await make.port({ unlocode: 'BEANR', name: 'Antwerp' });
  customs = await make.agency({ code: 'BE-AADA', kind: AgencyKind.CUSTOMS });
  police = await make.agency({ code: 'BE-FEDPOL', kind: AgencyKind.POLICE });
  terminal = await make.agency({ code: 'DEMO-TERMINAL', kind: AgencyKind.PRIVATE_OPERATOR });
  amber = await make.seizure({ port: antwerp, originAgency: customs, tlp: Tlp.AMBER, containerNumber: 'CSQU3054383' });
  clear = await make.seizure({ port: antwerp, originAgency: customs, tlp: Tlp.CLEAR });
  admin = await hub.as({ agency: police, roles: [Role.ADMIN], subject: 'carla', name: 'Carla Admin' });
});
afterAll(() => hub.close());

async function eventsFor(recordId: string) {
  const data = await admin.query(AuditEventsDocument, { filter: { recordId } });
  return data.auditEvents.edges.map((e) => e.node);
}

test('reading an AMBER seizure is recorded once for the request: who, agency, operation, records, fields', async () => {
  const officer = await hub.as({ agency: police, roles: [Role.OFFICER], subject: 'olaf', name: 'Olaf Officer' });
  const read = await officer.query(AuditSeizureDetailsDocument, { id: amber.id }, {});
  expect(read.seizure.containerNumber).toBe('CSQU3054383');
  const [event, ...more] = await eventsFor(amber.id);
  expect(more).toEqual([]);
  expect(event).toMatchObject({
    kind: 'READ', outcome: 'ALLOWED', viewerSubject: 'urn:test:issuer#olaf', viewerName: 'Olaf Officer', roles: ['OFFICER'],
    operationName: 'AuditSeizureDetails', recordIds: [amber.id], agency: { code: 'BE-FEDPOL' },
  });
  expect(event!.fields).toEqual(['Seizure.concealment', 'Seizure.containerNumber', 'Seizure.id', 'Seizure.reference']);
});

test('basic facts of a CLEAR seizure are not audited; operational details are, whatever the label', async () => {
  const analyst = await hub.as({ agency: customs, roles: [Role.ANALYST] });
  await analyst.query(AuditSeizureBasicsDocument, { id: clear.id });
  expect(await eventsFor(clear.id)).toEqual([]);
  await analyst.query(AuditSeizureDetailsDocument, { id: clear.id });
  const [event] = await eventsFor(clear.id);
  expect(event).toMatchObject({ kind: 'READ', outcome: 'ALLOWED', fields: ['Seizure.concealment', 'Seizure.containerNumber'] });
});

test('a refused read is recorded as DENIED', async () => {
  const partner = await hub.as({ agency: terminal, roles: [Role.PARTNER], subject: 'pat' });
  const seizure = await make.seizure({ port: antwerp, originAgency: customs, tlp: Tlp.GREEN });
  const res = await partner.send(AuditSeizureDetailsDocument, { id: seizure.id });
  expect(res.errors?.map((e) => e.extensions?.code)).toEqual(['FORBIDDEN', 'FORBIDDEN']);
  const [event] = await eventsFor(seizure.id);
  expect(event).toMatchObject({ kind: 'READ', outcome: 'DENIED', viewerSubject: 'urn:test:issuer#pat', fields: ['Seizure.concealment', 'Seizure.containerNumber'] });
});

test('every change is recorded with its outcome: done, refused by policy, failed', async () => {
  const officer = await hub.as({ agency: customs, roles: [Role.OFFICER], subject: 'omar' });
  const recorded = await officer.query(AuditRecordSeizureDocument, {
    input: { reference: 'DEMO-AUDIT-1', seizedOn: '2024-05-01', port: 'BEANR', drugType: 'COCAINE', quantity: '12', unit: 'KG', detectionMethod: 'SCANNER', tlp: 'AMBER' },
  });
  const id = recorded.recordSeizure.id;
  // The change, and the read of the new AMBER record's id in the response.
  expect(await eventsFor(id)).toEqual(expect.arrayContaining([
    expect.objectContaining({ kind: 'WRITE', outcome: 'ALLOWED', fields: ['Mutation.recordSeizure'], recordIds: [id], operationName: 'AuditRecordSeizure' }),
    expect.objectContaining({ kind: 'READ', outcome: 'ALLOWED', fields: ['Seizure.id'], recordIds: [id] }),
  ]));

  const otherOfficer = await hub.as({ agency: police, roles: [Role.OFFICER], subject: 'paula' });
  const refused = await otherOfficer.send(AuditWithdrawSeizureDocument, { input: { id, version: 1, reason: 'not mine to withdraw' } });
  expect(refused.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  const stale = await officer.send(AuditWithdrawSeizureDocument, { input: { id, version: 7, reason: 'stale version' } });
  expect(stale.errors?.[0]?.extensions?.code).toBe('CONFLICT');
  const events = (await eventsFor(id)).filter((e) => e.kind === 'WRITE');
  expect(events.map((e) => [e.viewerSubject, e.outcome, e.detail])).toEqual([
    ['urn:test:issuer#omar', 'FAILED', 'CONFLICT'],
    ['urn:test:issuer#paula', 'DENIED', 'FORBIDDEN'],
    ['urn:test:issuer#omar', 'ALLOWED', null],
  ]);
});

test('the audit trail is for administrators only, and filterable', async () => {
  const refusals: [Client, string][] = [
    [hub, 'UNAUTHENTICATED'],
    [await hub.as({ agency: customs, roles: [Role.ANALYST, Role.OFFICER, Role.INVESTIGATOR, Role.REFERENT] }), 'FORBIDDEN'],
  ];
  for (const [client, code] of refusals) {
    const res = await client.send(AuditEventsDocument, {});
    expect(res.errors?.[0]?.extensions?.code).toBe(code);
    expect(res.data?.auditEvents ?? null).toBeNull();
  }
  const all = await admin.query(AuditEventsDocument, { first: 100 });
  // One per audited request above: olaf's read, the analyst's details, pat's refusal, omar's write and its read,
  // paula's refused withdrawal, omar's stale one.
  expect(all.auditEvents.totalCount).toBe(7);
  expect(all.auditEvents.edges.map((e) => e.node.at)).toEqual([...all.auditEvents.edges.map((e) => e.node.at)].sort().reverse());
  const byViewer = await admin.query(AuditEventsDocument, { filter: { viewerSubject: 'urn:test:issuer#omar' } });
  expect(byViewer.auditEvents.edges.every((e) => e.node.viewerSubject === 'urn:test:issuer#omar')).toBe(true);
  expect(byViewer.auditEvents.totalCount).toBe(3);
  const byAgency = await admin.query(AuditEventsDocument, { filter: { agencyId: terminal.id } });
  expect(byAgency.auditEvents.edges.map((e) => e.node.viewerSubject)).toEqual(['urn:test:issuer#pat']);
  const future = await admin.query(AuditEventsDocument, { filter: { from: new Date(Date.now() + 3_600_000).toISOString() } });
  expect(future.auditEvents.totalCount).toBe(0);
  const past = await admin.query(AuditEventsDocument, { filter: { to: new Date(Date.now() - 3_600_000).toISOString() } });
  expect(past.auditEvents.totalCount).toBe(0);
});

test('audited reads add exactly one statement to the request', async () => {
  const officer = await hub.as({ agency: police, roles: [Role.OFFICER] });
  await officer.query(AuditSeizureBasicsDocument, { id: clear.id }); // warm the viewer's agency lookup path
  const plain = await hub.statementsDuring(() => officer.query(AuditSeizureBasicsDocument, { id: clear.id }));
  const audited = await hub.statementsDuring(() => officer.query(AuditSeizureBasicsDocument, { id: amber.id }));
  expect(audited).toBe(plain + 1);
});

test('no one can change or remove audit entries: not the database role the hub runs as, nor the owner without disabling the triggers', async () => {
  // The runtime role holds only SELECT and INSERT on the table (test/audit-integrity.test.ts tries harder).
  const sql = (query: string) => hub.orm.em.fork().execute(query);
  const [{ n }] = (await sql('select count(*)::int as n from audit_event')) as [{ n: number }];
  expect(n).toBeGreaterThan(0);
  await expect(sql("update audit_event set outcome = 'ALLOWED'")).rejects.toThrow(/permission denied/);
  await expect(sql('delete from audit_event')).rejects.toThrow(/permission denied/);
  await expect(sql('truncate audit_event')).rejects.toThrow(/permission denied/);
  // The owner has the privileges, and meets the append-only triggers.
  await expect(hub.ownerSql("update audit_event set outcome = 'ALLOWED'")).rejects.toThrow(/append-only/);
  await expect(hub.ownerSql('delete from audit_event')).rejects.toThrow(/append-only/);
  await expect(hub.ownerSql('truncate audit_event')).rejects.toThrow(/append-only/);
  const [{ n: after }] = (await sql('select count(*)::int as n from audit_event')) as [{ n: number }];
  expect(after).toBe(n);
});
