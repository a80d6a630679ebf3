// The demo-data loader at scale, on real databases: streamed in chunks, the same rows for the same seed whatever the
// chunk size (ids included), references unique and numbered in date order per year, investigations linking only
// seizures one of their agencies may see, and audit rows chained by the trigger like the runtime's.
import { createHash } from 'node:crypto';
import { loadDemoData } from '../src/db/demo-data/index.js';
import { verifyAuditChain } from '../src/hub/modules/audit/audit.chain.js';
import { startTestHub, type TestHub } from './support/hub.js';

const SEED = 4242;
const SEIZURES = 20_000;
const NOW = new Date('2026-11-30T12:00:00Z');

let big: TestHub;
let small: TestHub;

beforeAll(async () => {
  [big, small] = await Promise.all([startTestHub(), startTestHub()]);
  await loadDemoData(big.orm, { seed: SEED, seizures: SEIZURES, now: NOW, chunkSize: 5000 });
  await loadDemoData(small.orm, { seed: SEED, seizures: SEIZURES, now: NOW, chunkSize: 7 });
}, 300_000);
afterAll(async () => {
  await Promise.all([big?.close(), small?.close()]);
});

const SEIZURE_ROWS = `
  select s.id, s.reference, s.seized_on::text, p.unlocode, a.code, s.drug_type, s.quantity::text, s.unit, s.detection_method,
    s.concealment, s.container_number, s.vessel_name, op.unlocode as origin, dp.unlocode as destination, s.risk_indicators,
    s.tlp, s.handling_code, s.created_at, s.updated_at, s.withdrawn_at, s.withdrawal_reason,
    (select string_agg(tp.unlocode, '>' order by t.position) from seizure_transit_port t join port tp on tp.id = t.port_id where t.seizure_id = s.id) as transits,
    (select string_agg(i.code_name || '/' || i.id, ',' order by i.code_name) from seizure_investigation si join investigation i on i.id = si.investigation_id where si.seizure_id = s.id) as investigations
  from seizure s join port p on p.id = s.port_id join agency a on a.id = s.origin_agency_id
    left join port op on op.id = s.origin_port_id left join port dp on dp.id = s.destination_port_id
  order by s.reference`;
const AUDIT_ROWS = `
  select id, at, kind, viewer_subject, agency_id, roles, operation_name, record_ids, fields, outcome, keys
  from audit_event where viewer_subject like 'urn:demo-data:%' order by seq`;

async function digest(hub: TestHub, sql: string): Promise<{ rows: number; digest: string }> {
  const rows = await hub.ownerSql(sql);
  return { rows: rows.length, digest: createHash('sha256').update(rows.map((r) => JSON.stringify(r)).join('\n')).digest('hex') };
}

test('the same seed gives the same seizures, links and audit rows whatever the chunk size', async () => {
  const [a, b] = await Promise.all([digest(big, SEIZURE_ROWS), digest(small, SEIZURE_ROWS)]);
  expect(a.rows).toBe(SEIZURES);
  expect(b).toEqual(a);
  const [auditA, auditB] = await Promise.all([digest(big, AUDIT_ROWS), digest(small, AUDIT_ROWS)]);
  expect(auditA.rows).toBeGreaterThan(SEIZURES);
  expect(auditB).toEqual(auditA);
  // Ports, agencies and investigations have the same ids too.
  const ids = 'select (select string_agg(id::text, \',\' order by unlocode) from port) || (select string_agg(id::text, \',\' order by code) from agency) || (select string_agg(id::text, \',\' order by code_name) from investigation) as ids';
  expect((await big.ownerSql(ids))[0]).toEqual((await small.ownerSql(ids))[0]);
}, 120_000);

test('references are unique and numbered from 1 in date order within each year; no date after today', async () => {
  const rows = await big.ownerSql<{ reference: string; seized_on: string }>('select reference, seized_on::text from seizure order by seized_on, reference');
  expect(new Set(rows.map((r) => r.reference)).size).toBe(rows.length);
  const perYear = new Map<string, number>();
  for (const { reference, seized_on } of rows) {
    const year = seized_on.slice(0, 4);
    const number = (perYear.get(year) ?? 0) + 1;
    perYear.set(year, number);
    expect(reference).toBe(`DEMO-${year}-${String(number).padStart(6, '0')}`);
    expect(seized_on <= '2026-11-30').toBe(true);
  }
  expect(perYear.size).toBeGreaterThanOrEqual(8);
});

test('investigations are proportionate and link only seizures one of their agencies may see', async () => {
  const [{ investigations, links }] = await big.ownerSql<{ investigations: number; links: number }>(
    'select (select count(*)::int from investigation) as investigations, (select count(*)::int from seizure_investigation) as links');
  expect(investigations).toBe(8 + SEIZURES / 2000);
  expect(links).toBeGreaterThan(investigations * 3 - 1);
  const hidden = await big.ownerSql(`
    select si.* from seizure_investigation si join seizure s on s.id = si.seizure_id
    where s.withdrawn_at is not null
       or (s.tlp in ('AMBER_STRICT', 'RED') and not exists (
         select 1 from investigation_participant ip where ip.investigation_id = si.investigation_id and ip.agency_id = s.origin_agency_id))`);
  expect(hidden).toEqual([]);
});

test('the audit rows are chained by the trigger, in time order, and the chain verifies', async () => {
  const [{ disorder }] = await big.ownerSql<{ disorder: number }>(`
    select count(*)::int as disorder from (select at, lag(at) over (order by seq) as previous from audit_event where viewer_subject like 'urn:demo-data:%') x
    where at < previous`);
  expect(disorder).toBe(0);
  const report = await big.orm.em.fork().transactional((em) => verifyAuditChain((sql) => em.execute(sql)));
  expect(report).toMatchObject({ verified: true });
});
