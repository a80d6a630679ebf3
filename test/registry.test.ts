// The member subgraph registry file: what it accepts and how it says no.
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
  ['an unknown variable', '[{"name": "aa", "url": "http://127.0.0.1:${NOPE}/graphql"}]', /unknown variable \$\{NOPE\}/],
])('refuses %s with a readable reason', (_what, text, reason) => {
  expect(() => parseRegistry(text, ['core'])).toThrow(RegistryError);
  expect(() => parseRegistry(text, ['core'])).toThrow(reason);
});
