// `auditIntegrity`: the hash chain's verification (audit.chain.ts), as administrators see it in GraphQL. The same
// check as `npm run audit:verify`, which can also be given links recorded earlier (anchors).
import { IsolationLevel } from '@mikro-orm/postgresql';
import { Ctx, Field, ID, Int, ObjectType, Query, Resolver, registerEnumType } from 'type-graphql';
import type { HubContext } from '../../context.js';
import { executeRaw } from '../../common/sql.js';
import { verifyAuditChain } from './audit.chain.js';

export enum AuditChainProblem {
  MISSING_ROWS = 'MISSING_ROWS',
  ALTERED_ROW = 'ALTERED_ROW',
  UNCHAINED_ROW = 'UNCHAINED_ROW',
  HEAD_MISMATCH = 'HEAD_MISMATCH',
  ANCHOR_MISMATCH = 'ANCHOR_MISMATCH',
}
registerEnumType(AuditChainProblem, {
  name: 'AuditChainProblem',
  valuesConfig: {
    MISSING_ROWS: { description: 'Rows of the chain are gone (deleted).' },
    ALTERED_ROW: { description: 'A row does not match its hash: it was changed after it was written.' },
    UNCHAINED_ROW: { description: "A row has no place in the chain: inserted with the chain's trigger disabled." },
    HEAD_MISMATCH: { description: "The chain's head is not its last row." },
    ANCHOR_MISMATCH: { description: 'A link recorded earlier is no longer in the chain (npm run audit:verify -- --expect).' },
  },
});

@ObjectType({ description: "The audit trail's hash chain, recomputed: a row deleted or changed by a database owner breaks it." })
export class AuditIntegrity {
  @Field({ description: 'Every row follows from the previous one and the head is the last row.' })
  verified!: boolean;

  @Field(() => Int, { description: 'Rows of the audit trail.' })
  rows!: number;

  @Field(() => Int, { nullable: true, description: 'The last row\'s seq: record it with lastHash outside the database, and check it later (npm run audit:verify -- --expect <seq>:<hash>).' })
  lastSeq!: number | null;

  @Field(() => String, { nullable: true, description: "The last row's hash (hex)." })
  lastHash!: string | null;

  @Field(() => Int, { nullable: true, description: 'The seq of the first row that does not follow (after a gap: the row after it); null when verified.' })
  firstBrokenAt!: number | null;

  @Field(() => ID, { nullable: true, description: 'The audit event at firstBrokenAt, when there is one.' })
  brokenEventId!: string | null;

  @Field(() => AuditChainProblem, { nullable: true })
  problem!: AuditChainProblem | null;

  @Field(() => String, { nullable: true, description: 'What is wrong, in words.' })
  message!: string | null;
}

@Resolver(() => AuditIntegrity)
export class AuditIntegrityResolver {
  @Query(() => AuditIntegrity, { description: "Recomputes the audit trail's hash chain (reads the whole trail). Administrators only." })
  async auditIntegrity(@Ctx() ctx: HubContext): Promise<AuditIntegrity> {
    // One snapshot: rows, head and hashes as of one instant, while inserts go on.
    const report = await ctx.em.transactional(
      (em) => verifyAuditChain((sql) => executeRaw<Record<string, unknown>[]>(em, sql, [])),
      { isolationLevel: IsolationLevel.REPEATABLE_READ, readOnly: true },
    );
    const broken = report.firstBroken;
    return {
      verified: report.verified,
      rows: report.rows,
      lastSeq: report.lastSeq,
      lastHash: report.lastHash,
      firstBrokenAt: broken?.seq ?? null,
      brokenEventId: broken?.eventId ?? null,
      problem: broken ? AuditChainProblem[broken.problem] : null,
      message: broken?.message ?? null,
    };
  }
}
