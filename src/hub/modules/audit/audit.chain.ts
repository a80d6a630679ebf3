// The verification of the audit trail's hash chain (migrations/Migration20261130100000_audit_chain.ts): every row's
// hash is recomputed from its content and the previous row's hash, `seq` must run 1, 2, 3 … without a gap, and the
// chain's head must be its last row. A row deleted or changed by a role the append-only triggers do not stop (the
// table's owner, a superuser) breaks it. Shared by `npm run audit:verify` (src/scripts/audit-verify.ts) and the
// `auditIntegrity` query; it loads nothing but this file.
//
// Built-in functions only (sha256, to_jsonb, …): the check does not trust a function of the database, which its
// owner could replace. What it cannot see alone: an owner who rewrites a row AND recomputes every later hash and the
// head. Against that, the last seq and hash it reports are to be recorded outside the database (a ticket, a log
// shipped elsewhere) and checked later as an anchor (`--expect <seq>:<hash>`): a recomputed chain no longer holds it.

/** Why the chain does not verify, at its first broken link. */
export type AuditChainProblem = 'MISSING_ROWS' | 'ALTERED_ROW' | 'UNCHAINED_ROW' | 'HEAD_MISMATCH' | 'ANCHOR_MISMATCH';

export interface AuditChainBreak {
  /** The seq of the first row that does not follow (for MISSING_ROWS, the row after the gap); null when none. */
  seq: number | null;
  /** That row's audit event id, when there is a row. */
  eventId: string | null;
  problem: AuditChainProblem;
  message: string;
}

export interface AuditChainReport {
  verified: boolean;
  rows: number;
  /** The chain's last link, to be recorded outside the database and checked later as an anchor. */
  lastSeq: number | null;
  /** Hex. */
  lastHash: string | null;
  firstBroken: AuditChainBreak | null;
}

/** A link recorded earlier (seq and hex hash), which the chain must still hold. */
export interface AuditAnchor {
  seq: number;
  hash: string;
}

/** Runs one statement in the verification's transaction (read-only; the first statement sets its time zone). */
export type ChainQuery = (sql: string) => Promise<Record<string, unknown>[]>;

/** A row's content as the trigger hashes it: the row as JSON, all columns but `hash`, null fields left out. */
const CONTENT = `convert_to(coalesce((select jsonb_object_agg(f.key, f.value) from jsonb_each(to_jsonb(e) - 'hash') f where jsonb_typeof(f.value) <> 'null'), '{}'::jsonb)::text, 'UTF8')`;
const GENESIS = `decode(repeat('00', 32), 'hex')`;

const CHAIN_SQL = `
with chain as (
  select e."seq", e."id"::text as id, e."hash", lag(e."seq") over w as prev_seq,
         sha256(coalesce(lag(e."hash") over w, ${GENESIS}) || ${CONTENT}) as expected
  from "audit_event" e
  window w as (order by e."seq")
),
checked as (
  select "seq", id, prev_seq,
         case
           when "seq" is null or "hash" is null then 'UNCHAINED_ROW'
           when "seq" > coalesce(prev_seq, 0) + 1 then 'MISSING_ROWS'
           when "seq" <> coalesce(prev_seq, 0) + 1 or "hash" <> expected then 'ALTERED_ROW'
         end as problem
  from chain
)
select (select count(*) from "audit_event") as rows,
       (select "seq" from "audit_event" order by "seq" desc nulls last limit 1) as last_seq,
       (select encode("hash", 'hex') from "audit_event" order by "seq" desc nulls last limit 1) as last_hash,
       (select count(*) from "audit_chain_head") as heads,
       (select "seq" from "audit_chain_head" limit 1) as head_seq,
       (select encode("hash", 'hex') from "audit_chain_head" limit 1) as head_hash,
       b."seq" as broken_seq, b.id as broken_id, b.prev_seq as broken_prev_seq, b.problem
from (select 1) one
left join lateral (select * from checked where problem is not null order by "seq" nulls last limit 1) b on true`;

const num = (value: unknown): number | null => (value === null || value === undefined ? null : Number(value));

/** `<seq>:<hex hash>`, as the verification prints it. */
export function parseAnchor(text: string): AuditAnchor {
  const match = /^(\d{1,15}):([0-9a-fA-F]{64})$/.exec(text.trim());
  if (!match) throw new Error(`an anchor is <seq>:<64 hex digits> (as the verification prints it), got "${text}"`);
  return { seq: Number(match[1]), hash: match[2]!.toLowerCase() };
}

export function formatAnchor(report: Pick<AuditChainReport, 'lastSeq' | 'lastHash'>): string | null {
  return report.lastSeq === null || report.lastHash === null ? null : `${report.lastSeq}:${report.lastHash}`;
}

/** Recomputes the chain. `query` runs statements in ONE transaction (REPEATABLE READ, read-only, ideally). */
export async function verifyAuditChain(query: ChainQuery, anchors: readonly AuditAnchor[] = []): Promise<AuditChainReport> {
  // The content's timestamps are written as the trigger wrote them: in UTC.
  await query(`set local timezone to 'UTC'`);
  const [zone] = await query(`select current_setting('timezone') as zone`);
  if (zone?.zone !== 'UTC') throw new Error('the audit chain must be verified inside a transaction (SET LOCAL timezone had no effect)');
  const [row] = await query(CHAIN_SQL);
  const rows = num(row!.rows) ?? 0;
  const lastSeq = num(row!.last_seq);
  const lastHash = (row!.last_hash as string | null) ?? null;
  const report = (firstBroken: AuditChainBreak | null): AuditChainReport => ({ verified: !firstBroken, rows, lastSeq, lastHash, firstBroken });

  if (row!.problem) {
    const seq = num(row!.broken_seq);
    const eventId = (row!.broken_id as string | null) ?? null;
    const previous = num(row!.broken_prev_seq) ?? 0;
    const problem = row!.problem as AuditChainProblem;
    const message = problem === 'MISSING_ROWS'
      ? `${seq! - previous - 1 === 1 ? `the row with seq ${previous + 1} is` : `the rows with seq ${previous + 1} to ${seq! - 1} are`} missing (deleted) before seq ${seq} (event ${eventId})`
      : problem === 'UNCHAINED_ROW'
        ? `event ${eventId} has no seq or hash: it was inserted with the chain's trigger disabled`
        : seq !== null && seq <= previous
          ? `seq ${seq} (event ${eventId}) does not follow seq ${previous}: the sequence was rewritten`
          : `the row with seq ${seq} (event ${eventId}) does not match its hash: it, or the hash of the row before it, was changed after it was written`;
    return report({ seq, eventId, problem, message });
  }

  const heads = num(row!.heads) ?? 0;
  const headSeq = num(row!.head_seq);
  const headHash = (row!.head_hash as string | null) ?? null;
  if (heads !== 1 || headSeq === null) {
    return report({ seq: null, eventId: null, problem: 'HEAD_MISMATCH', message: `the chain's head (audit_chain_head) has ${heads} rows instead of one` });
  }
  if (headSeq > (lastSeq ?? 0)) {
    const first = (lastSeq ?? 0) + 1;
    return report({ seq: first, eventId: null, problem: 'MISSING_ROWS', message: `${first === headSeq ? `the row with seq ${first} is` : `the rows with seq ${first} to ${headSeq} are`} missing (deleted) at the end: the chain's head says seq ${headSeq}` });
  }
  if (headSeq !== (lastSeq ?? 0) || (lastHash !== null && headHash !== lastHash)) {
    return report({ seq: lastSeq, eventId: null, problem: 'HEAD_MISMATCH', message: `the chain's head (seq ${headSeq}, hash ${headHash}) is not its last row (seq ${lastSeq}, hash ${lastHash}): the head was changed` });
  }

  if (anchors.length) {
    const wanted = anchors.map((a) => Math.trunc(a.seq)).filter((seq) => Number.isSafeInteger(seq));
    const found = new Map((await query(`select "seq", encode("hash", 'hex') as hash from "audit_event" where "seq" in (${wanted.join(', ')})`))
      .map((r) => [num(r.seq)!, r.hash as string]));
    for (const anchor of anchors) {
      const hash = found.get(anchor.seq);
      if (hash !== anchor.hash.toLowerCase()) {
        return report({
          seq: anchor.seq,
          eventId: null,
          problem: 'ANCHOR_MISMATCH',
          message: hash === undefined
            ? `the recorded link ${anchor.seq}:${anchor.hash} is gone: the chain was cut back or rebuilt`
            : `the row with seq ${anchor.seq} now has hash ${hash}, not the recorded ${anchor.hash}: the chain was rebuilt from there or before`,
        });
      }
    }
  }
  return report(null);
}
