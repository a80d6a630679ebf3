// Deny by default, and nothing relies on it: every field of every type (arguments or not) has its own rule.
import { isIntrospectionType, isObjectType } from 'graphql';
import { buildSubgraph, ruleMaps } from '../src/hub/schema.js';
import { mergeRules } from '../src/hub/shield.js';

test('every field of the schema has an explicit shield rule (none falls back to deny)', async () => {
  const schema = await buildSubgraph(); // the schema the hub serves, federation fields included
  const rules = mergeRules(ruleMaps);
  const missing: string[] = [];
  let checked = 0;
  for (const type of Object.values(schema.getTypeMap())) {
    if (!isObjectType(type) || isIntrospectionType(type)) continue;
    for (const field of Object.keys(type.getFields())) {
      checked++;
      if (!rules[type.name] || !(field in rules[type.name]!)) missing.push(`${type.name}.${field}`);
    }
  }
  expect(missing).toEqual([]);
  expect(checked).toBeGreaterThan(200);
});

test('no rule names a type or field the schema does not have', async () => {
  const schema = await buildSubgraph(); // the schema the hub serves, federation fields included
  const stale = Object.entries(mergeRules(ruleMaps)).flatMap(([typeName, fields]) => {
    const type = schema.getType(typeName);
    if (!type || !isObjectType(type)) return [typeName];
    return Object.keys(fields).filter((f) => !(f in type.getFields())).map((f) => `${typeName}.${f}`);
  });
  expect(stale).toEqual([]);
});
