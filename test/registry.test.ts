// The member subgraph registry file: what it accepts and how it says no.
import { describeFetchFailure } from '../src/gateway/composer.js';
import { parseRegistry, RegistryError } from '../src/gateway/registry.js';

test('entries with names and URLs, ${NAME} replaced from the given variables', () => {
  const text = JSON.stringify([
    { name: 'demo-national-port-control', url: 'http://127.0.0.1:${DEMO_MEMBER_PORT}/graphql' },
    { name: 'be-port-police', url: 'https://graph.police.example.be/graphql' },
  ]);
  expect(parseRegistry(text, ['core'], { DEMO_MEMBER_PORT: '4102' })).toEqual([
    { name: 'demo-national-port-control', url: 'http://127.0.0.1:4102/graphql' },
    { name: 'be-port-police', url: 'https://graph.police.example.be/graphql' },
  ]);
});

test.each([
  ['not JSON', '{', /not valid JSON/],
  ['not a list', '{"name": "x"}', /JSON array/],
  ['a bad name', '[{"name": "Bad Name", "url": "http://x"}]', /"name" must be lower-case/],
  ['the core name', '[{"name": "core", "url": "http://x"}]', /"core" is taken/],
  ['a name twice', '[{"name": "aa", "url": "http://x"}, {"name": "aa", "url": "http://y"}]', /"aa" is taken/],
  ['a URL that is not http(s)', '[{"name": "aa", "url": "ftp://x"}]', /must be an http\(s\) URL/],
  ['a "public" that is not a boolean', '[{"name": "aa", "url": "http://x", "public": "yes"}]', /"public" must be true or false/],
  ['an unknown variable', '[{"name": "aa", "url": "http://127.0.0.1:${NOPE}/graphql"}]', /unknown variable \$\{NOPE\}/],
])('refuses %s with a readable reason', (_what, text, reason) => {
  expect(() => parseRegistry(text, ['core'])).toThrow(RegistryError);
  expect(() => parseRegistry(text, ['core'])).toThrow(reason);
});

test('headers (references to environment variables) and a time limit per entry', () => {
  const text = JSON.stringify([{ name: 'aa', url: 'https://x', headers: [{ name: 'Router-Authorization', fromEnv: 'AA_SECRET' }], timeoutMs: 800 }]);
  expect(parseRegistry(text)).toEqual([{ name: 'aa', url: 'https://x', headers: [{ name: 'Router-Authorization', fromEnv: 'AA_SECRET' }], timeoutMs: 800 }]);
});

test.each([
  ['headers that are not a list', { headers: { name: 'x' } }, /"headers" must be a list/],
  ['a reserved header', { headers: [{ name: 'authorization', fromEnv: 'A' }] }, /headers\[0\]\.name "authorization" is set by the gateway/],
  ['a header name that is not a token', { headers: [{ name: 'a b', fromEnv: 'A' }] }, /headers\[0\]\.name must be an HTTP header name/],
  ['a secret instead of a variable name', { headers: [{ name: 'x-key', fromEnv: 'sk-123' }] }, /headers\[0\]\.fromEnv must name an environment variable/],
  ['a header twice', { headers: [{ name: 'x-key', fromEnv: 'A' }, { name: 'X-Key', fromEnv: 'B' }] }, /headers\[1\] names "X-Key" a second time/],
  ['a time limit out of bounds', { timeoutMs: 50 }, /"timeoutMs" must be an integer from 100 to 60000/],
])('refuses %s in an entry', (_what, extra, reason) => {
  expect(() => parseRegistry(JSON.stringify([{ name: 'aa', url: 'http://x', ...extra }]))).toThrow(reason);
});

test('"public": true is kept; absent or false, the entry is not public', () => {
  expect(parseRegistry('[{"name": "aa", "url": "http://x", "public": true}, {"name": "bb", "url": "http://y", "public": false}]')).toEqual([
    { name: 'aa', url: 'http://x', public: true },
    { name: 'bb', url: 'http://y' },
  ]);
});

test('a failed subgraph call is described by its cause', async () => {
  const refused = Object.assign(new Error('connect ECONNREFUSED 10.0.0.5:4002'), { code: 'ECONNREFUSED', address: '10.0.0.5', port: 4002 });
  expect(describeFetchFailure(new TypeError('fetch failed', { cause: refused }), 'http://10.0.0.5:4002/graphql')).toBe('ECONNREFUSED 10.0.0.5:4002');
  const aggregate = new TypeError('fetch failed', { cause: new AggregateError([refused], 'connect failed') });
  expect(describeFetchFailure(aggregate, 'http://x/graphql')).toBe('ECONNREFUSED 10.0.0.5:4002');
  const notFound = Object.assign(new Error('getaddrinfo ENOTFOUND graph.example.be'), { code: 'ENOTFOUND', hostname: 'graph.example.be' });
  expect(describeFetchFailure(new TypeError('fetch failed', { cause: notFound }), 'https://graph.example.be/graphql')).toBe('ENOTFOUND graph.example.be');
  const timeout = new DOMException('The operation was aborted due to timeout', 'TimeoutError');
  expect(describeFetchFailure(timeout, 'http://x/graphql', 5000)).toBe('timeout after 5000 ms');
  // A real one: nothing listens on this port.
  const server = (await import('node:net')).createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as { port: number }).port;
  await new Promise((resolve) => server.close(resolve));
  const error = await fetch(`http://127.0.0.1:${port}/healthz`).catch((e: unknown) => e);
  expect(describeFetchFailure(error, `http://127.0.0.1:${port}/healthz`)).toBe(`ECONNREFUSED 127.0.0.1:${port}`);
});
