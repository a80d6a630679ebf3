// A round-robin HTTP load balancer for scale-out tests and benchmarks, behaving like a default nginx upstream: each
// request goes to the next upstream that is up; an upstream that refuses the connection is marked down for a few
// seconds and the request is tried on the next one (nothing was sent, so this is safe for any method). A kept-alive
// connection the upstream closed just as it was reused (ECONNRESET before any answer) is retried too: the upstream
// never read the request (Node's documented pattern). Any other failure after the request was sent is a 502, never
// retried (a POST may have been applied).
import http from 'node:http';
import type { AddressInfo } from 'node:net';

export interface LoadBalancer {
  url: string;
  /** Requests each upstream answered, by URL. */
  served: Map<string, number>;
  stop(): Promise<void>;
}

const DOWN_MS = 3000;

export async function startLoadBalancer(upstreams: string[]): Promise<LoadBalancer> {
  const targets = upstreams.map((name) => ({ name, url: new URL(name), downUntil: 0 }));
  const served = new Map(upstreams.map((u) => [u, 0]));
  const agent = new http.Agent({ keepAlive: true, maxSockets: 64 });
  let next = 0;

  const forward = (req: http.IncomingMessage, body: Buffer, res: http.ServerResponse, tried: number): void => {
    const now = Date.now();
    const candidates = targets.filter((t) => t.downUntil <= now);
    const target = (candidates.length ? candidates : targets)[next++ % (candidates.length || targets.length)]!;
    const upstream = http.request({
      agent, host: target.url.hostname, port: target.url.port, method: req.method, path: req.url,
      headers: { ...req.headers, host: target.url.host, 'content-length': String(body.length) },
    }, (answer) => {
      served.set(target.name, served.get(target.name)! + 1);
      res.writeHead(answer.statusCode ?? 502, answer.headers);
      answer.pipe(res);
    });
    upstream.on('error', (error: NodeJS.ErrnoException) => {
      if (error.code === 'ECONNREFUSED' && !upstream.reusedSocket && tried < targets.length) {
        target.downUntil = Date.now() + DOWN_MS;
        return forward(req, body, res, tried + 1);
      }
      if (error.code === 'ECONNRESET' && upstream.reusedSocket && !res.headersSent && tried <= targets.length) return forward(req, body, res, tried + 1);
      if (!res.headersSent) res.writeHead(502, { 'content-type': 'text/plain' });
      res.end(`bad gateway: ${error.code ?? error.message}`);
    });
    upstream.end(body);
  };

  const server = http.createServer(async (req, res) => {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    forward(req, Buffer.concat(chunks), res, 1);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    served,
    stop: () => new Promise<void>((resolve) => {
      agent.destroy();
      server.closeAllConnections();
      server.close(() => resolve());
    }),
  };
}
