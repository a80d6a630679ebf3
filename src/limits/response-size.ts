// A cap on what one answer may weigh: the guard behind the cost estimate (long texts, wide rows). The gateway
// also counts subgraph answers as they arrive and stops a request as soon as they pass the cap (data-source.ts).
import type { RequestHandler } from 'express';

export function responseTooLargeBody(maxBytes: number): string {
  return JSON.stringify({ errors: [{ message: `The response is larger than the ${maxBytes} bytes this hub serves in one answer: ask for fewer records per page`, extensions: { code: 'RESPONSE_TOO_LARGE', maxBytes } }] });
}

/** Replaces an answer larger than `maxBytes` with a RESPONSE_TOO_LARGE error; `onRefused` counts it. */
export function responseSizeCap(maxBytes: number, onRefused?: () => void): RequestHandler {
  return (_req, res, next) => {
    const send = res.send.bind(res);
    res.send = (body?: unknown) => {
      const size = typeof body === 'string' ? Buffer.byteLength(body) : Buffer.isBuffer(body) ? body.length : 0;
      if (size > maxBytes) {
        onRefused?.();
        res.status(200).type('application/json');
        return send(responseTooLargeBody(maxBytes));
      }
      return send(body as never);
    };
    next();
  };
}
