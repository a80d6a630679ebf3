// Group commit for the audit trail's end-of-request rows. Every request still waits, before its answer leaves,
// until its rows are committed (durable: PostgreSQL's synchronous commit), but concurrent requests share one
// INSERT: while a statement is running, the rows of the requests that finish meanwhile queue, and go together in
// the next one (one statement, one transaction, one trip through the hash chain's lock), as PostgreSQL groups
// commits. At low load nothing waits: a request whose rows find no statement running is written at once.
//
// The rows are exactly those the request would have written alone (same JSON, same statement, src/audit-log/);
// their `at` is the statement's time, still before the answer. If PostgreSQL refuses a shared statement for its
// data (SQLSTATE class 22 or 23: nothing of it was written), each request's rows are written again on their own,
// so that one request's rows never withhold another's answer. Any other failure (the connection lost, the server
// shutting down: the statement may or may not have committed) is every request's failure, as it would have been
// alone: never run twice, so no row is ever written twice.

/** Runs the INSERT of a JSON array of rows (the shared statement of audit-log.ts) on the caller's connection. */
export type AuditInsert = (rowsJson: string) => Promise<unknown>;

interface Pending {
  /** A JSON array of the request's rows (auditRowsJson). */
  json: string;
  rows: number;
  resolve(): void;
  reject(error: unknown): void;
}

export interface AuditBatchOptions {
  /** At most this many rows per statement (default 500). */
  maxRows?: number;
  /** Statements running at once (default 2: one may prepare while the other holds the chain's lock). */
  maxInFlight?: number;
}

export class AuditBatcher {
  private readonly queue: Pending[] = [];
  private inFlight = 0;
  private readonly maxRows: number;
  private readonly maxInFlight: number;

  constructor(private readonly insert: AuditInsert, options: AuditBatchOptions = {}) {
    this.maxRows = options.maxRows ?? 500;
    this.maxInFlight = options.maxInFlight ?? 2;
  }

  /** Resolves once the rows (a JSON array of `rows` rows) are committed; rejects when they could not be. */
  write(json: string, rows: number): Promise<void> {
    if (rows <= 0) return Promise.resolve();
    return new Promise<void>((resolve, reject) => {
      this.queue.push({ json, rows, resolve, reject });
      this.flush();
    });
  }

  private flush(): void {
    while (this.inFlight < this.maxInFlight && this.queue.length) {
      const batch: Pending[] = [];
      let rows = 0;
      while (this.queue.length && (batch.length === 0 || rows + this.queue[0]!.rows <= this.maxRows)) {
        const next = this.queue.shift()!;
        batch.push(next);
        rows += next.rows;
      }
      this.inFlight++;
      void this.run(batch).finally(() => {
        this.inFlight--;
        this.flush();
      });
    }
  }

  private async run(batch: Pending[]): Promise<void> {
    if (batch.length === 1) {
      const [only] = batch as [Pending];
      await this.insert(only.json).then(() => only.resolve(), (error: unknown) => only.reject(error));
      return;
    }
    try {
      // The requests' arrays joined into one: `[a,b]` + `[c]` → `[a,b,c]` (each is a non-empty JSON array).
      await this.insert(`[${batch.map((p) => p.json.slice(1, -1)).join(',')}]`);
      for (const p of batch) p.resolve();
    } catch (error) {
      if (!refusedForItsData(error)) {
        for (const p of batch) p.reject(error);
        return;
      }
      // Nothing of the statement was written (one transaction): each request's rows on their own, as without batching.
      await Promise.all(batch.map((p) => this.insert(p.json).then(() => p.resolve(), (e: unknown) => p.reject(e))));
    }
  }
}

/** PostgreSQL rejected the statement for what it carried (data exception, integrity constraint): it wrote nothing. */
function refusedForItsData(error: unknown): boolean {
  for (let e = error as { code?: unknown; sqlState?: unknown; cause?: unknown } | undefined, depth = 0; e && depth < 5; e = e.cause as typeof e, depth++) {
    const state = typeof e.sqlState === 'string' ? e.sqlState : e.code;
    if (typeof state === 'string' && /^[0-9A-Z]{5}$/.test(state)) return state.startsWith('22') || state.startsWith('23');
  }
  return false;
}
