// W3C Trace Context (`traceparent: 00-<trace id>-<parent id>-<flags>`): the gateway continues a caller's trace or
// starts one, and passes it to every subgraph it calls, so logs of all processes share the request's trace id.
import { randomFillSync } from 'node:crypto';

const TRACEPARENT = /^00-([0-9a-f]{32})-([0-9a-f]{16})-([0-9a-f]{2})$/;

export interface TraceContext {
  traceId: string;
  /** The caller's span (absent when this process started the trace). */
  parentId?: string;
}

/**
 * Random hex from a pool refilled 4 KB at a time: one call into the OS's generator per ~170 spans instead of one per
 * span (the same generator, only fewer, larger reads).
 */
const pool = Buffer.alloc(4096);
let offset = pool.length;
function randomHex(bytes: number): string {
  if (offset + bytes > pool.length) {
    randomFillSync(pool);
    offset = 0;
  }
  const hex = pool.toString('hex', offset, offset + bytes);
  offset += bytes;
  return hex;
}

export function traceFrom(header: string | string[] | undefined): TraceContext {
  const m = typeof header === 'string' ? TRACEPARENT.exec(header.trim()) : null;
  if (m && !/^0+$/.test(m[1]!) && !/^0+$/.test(m[2]!)) return { traceId: m[1]!, parentId: m[2]! };
  return { traceId: randomHex(16) };
}

/** The header for a call made on behalf of this trace (a new span id per call). */
export function childTraceparent(trace: TraceContext): string {
  return `00-${trace.traceId}-${randomHex(8)}-01`;
}
