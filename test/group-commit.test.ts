// Group commit on the hot path (issue 12): the audit trail's end-of-request rows of concurrent requests share one
// INSERT, each request still waiting for its own rows' commit, and a failed shared statement never costs another
// request its answer; concurrent requests of one person are counted by one UPSERT, with the same verdicts as one
// by one.
import pg from 'pg';
import { AuditBatcher } from '../src/audit-log/audit-batch.js';
import { rateLimiter } from '../src/limits/rate-limit.js';

const deferred = () => {
  let resolve!: () => void;
  let reject!: (e: unknown) => void;
  const promise = new Promise<void>((res, rej) => ((resolve = res), (reject = rej)));
  return { promise, resolve, reject };
};

describe('AuditBatcher', () => {
  test('a lone request is written at once; those finishing during a statement share the next one, in order', async () => {
    const statements: { json: string; done: ReturnType<typeof deferred> }[] = [];
    const batcher = new AuditBatcher((json) => {
      const done = deferred();
      statements.push({ json, done });
      return done.promise;
    }, { maxInFlight: 1 });
    const settled: string[] = [];
    const first = batcher.write('[{"n":1}]', 1).then(() => settled.push('first'));
    expect(statements.map((s) => s.json)).toEqual(['[{"n":1}]']);
    const others = [batcher.write('[{"n":2},{"n":3}]', 2), batcher.write('[{"n":4}]', 1)].map((p, i) => p.then(() => settled.push(`other ${i}`)));
    expect(statements).toHaveLength(1); // queued behind the running statement
    await new Promise((r) => setImmediate(r));
    expect(settled).toEqual([]); // nobody answered before its commit
    statements[0]!.done.resolve();
    await first;
    await new Promise((r) => setImmediate(r));
    expect(statements.map((s) => s.json)).toEqual(['[{"n":1}]', '[{"n":2},{"n":3},{"n":4}]']);
    expect(settled).toEqual(['first']);
    statements[1]!.done.resolve();
    await Promise.all(others);
    expect(settled).toEqual(['first', 'other 0', 'other 1']);
  });

  test('when PostgreSQL refuses a shared statement for its data, each request is written on its own: only those that fail are refused', async () => {
    const statements: string[] = [];
    const block = deferred();
    const batcher = new AuditBatcher(async (json) => {
      statements.push(json);
      if (statements.length === 1) await block.promise;
      if (json.includes('bad')) throw Object.assign(new Error(`refused ${json}`), { code: '22P02' });
    }, { maxInFlight: 1 });
    const first = batcher.write('[{"n":1}]', 1);
    const good = batcher.write('[{"n":2}]', 1);
    const bad = batcher.write('[{"n":"bad"}]', 1);
    block.resolve();
    await first;
    await expect(good).resolves.toBeUndefined();
    await expect(bad).rejects.toThrow('refused [{"n":"bad"}]');
    expect(statements).toEqual(['[{"n":1}]', '[{"n":2},{"n":"bad"}]', '[{"n":2}]', '[{"n":"bad"}]']);
  });

  test('a shared statement that lost its connection (it may have committed) fails every request in it, and is never run again', async () => {
    const statements: string[] = [];
    const gate = deferred();
    const batcher = new AuditBatcher(async (json) => {
      statements.push(json);
      if (statements.length === 1) return gate.promise;
      throw Object.assign(new Error('Connection terminated unexpectedly'), { code: undefined });
    }, { maxInFlight: 1 });
    const first = batcher.write('[{"n":1}]', 1);
    const a = batcher.write('[{"n":2}]', 1);
    const b = batcher.write('[{"n":3}]', 1);
    gate.resolve();
    await first;
    await expect(a).rejects.toThrow('Connection terminated unexpectedly');
    await expect(b).rejects.toThrow('Connection terminated unexpectedly');
    expect(statements).toEqual(['[{"n":1}]', '[{"n":2},{"n":3}]']);
  });

  test('at most maxRows rows per statement', async () => {
    const sizes: number[] = [];
    const gate = deferred();
    const batcher = new AuditBatcher(async (json) => {
      sizes.push((JSON.parse(json) as unknown[]).length);
      if (sizes.length === 1) await gate.promise;
    }, { maxRows: 3, maxInFlight: 1 });
    const writes = [batcher.write('[1]', 1), ...Array.from({ length: 7 }, (_, i) => batcher.write(`[${i + 2}]`, 1))];
    gate.resolve();
    await Promise.all(writes);
    expect(sizes).toEqual([1, 3, 3, 1]);
  });
});

describe('rate limits counted together', () => {
  let pool: pg.Pool;
  beforeAll(() => {
    pool = new pg.Pool({ connectionString: process.env.HUB_TEST_PG_URL, max: 4 });
  });
  afterAll(async () => {
    await pool.end();
  });

  test('12 concurrent requests of one person, limit 5: exactly 5 served, the other 7 refused, with few statements', async () => {
    const limiter = await rateLimiter(pool, { windowSeconds: 60, perSubject: 5, perAgency: 1000, perAnonymousAddress: 100 });
    let statements = 0;
    const query = pool.query.bind(pool);
    pool.query = ((...args: Parameters<typeof pool.query>) => {
      statements++;
      return query(...args);
    }) as typeof pool.query;
    const subject = `urn:test#coalesced-${Math.random().toString(36).slice(2)}`;
    const outcomes = await Promise.all(Array.from({ length: 12 }, () => new Promise<number>((resolve, reject) => {
      const res = {
        locals: { viewer: { subject, agencyId: `agency-${subject}`, roles: new Set() } },
        setHeader: () => undefined,
        status: (code: number) => ({ json: () => resolve(code) }),
      };
      void limiter.middleware({ socket: { remoteAddress: '127.0.0.1' } } as never, res as never, ((error?: unknown) => (error ? reject(error) : resolve(200))) as never);
    })));
    pool.query = query;
    expect(outcomes.filter((s) => s === 200)).toHaveLength(5);
    expect(outcomes.filter((s) => s === 429)).toHaveLength(7);
    // One by one it would be 24 (subject and agency per request); together, a first statement and one for the rest.
    expect(statements).toBeLessThanOrEqual(6);
  });
});
