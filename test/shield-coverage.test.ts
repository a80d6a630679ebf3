// Deny by default, and nothing relies on it: every field of every type (arguments or not) has its own declared
// access in the field policy, from which the shield is generated.
import { isIntrospectionType, isObjectType } from 'graphql';
import { buildSubgraph, fieldPolicy } from '../src/hub/schema.js';

test('every field of the schema has an explicit access in the field policy (none falls back to deny)', async () => {
  const schema = await buildSubgraph(); // the schema the hub serves, federation fields included
  const missing: string[] = [];
  let checked = 0;
  for (const type of Object.values(schema.getTypeMap())) {
    if (!isObjectType(type) || isIntrospectionType(type)) continue;
    for (const field of Object.keys(type.getFields())) {
      checked++;
      if (!fieldPolicy[type.name] || !(field in fieldPolicy[type.name]!)) missing.push(`${type.name}.${field}`);
    }
  }
  expect(missing).toEqual([]);
  expect(checked).toBeGreaterThan(200);
});

test('the field policy names no type or field the schema does not have', async () => {
  const schema = await buildSubgraph(); // the schema the hub serves, federation fields included
  const stale = Object.entries(fieldPolicy).flatMap(([typeName, fields]) => {
    const type = schema.getType(typeName);
    if (!type || !isObjectType(type)) return [typeName];
    return Object.keys(fields).filter((f) => !(f in type.getFields())).map((f) => `${typeName}.${f}`);
  });
  expect(stale).toEqual([]);
});
