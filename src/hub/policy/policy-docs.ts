// The README's table of restricted fields, generated from the field policy (`npm run docs:policy` writes it; a test
// fails when it drifts). PUBLIC fields are left out: they are most of the schema and say nothing beyond the row.
import type { Access, FieldPolicy } from './field-policy.js';

export const README_FILE = 'README.md';
export const TABLE_START = '<!-- field-policy:start -->';
export const TABLE_END = '<!-- field-policy:end -->';

function who(access: Access): string | null {
  switch (access.kind) {
    case 'audience': return access.audience === 'PUBLIC' ? null : access.audience;
    case 'roles': return `role ${access.roles.map((r) => `\`${r}\``).join(' or ')}`;
    case 'row': return `row rule \`${access.name}\` (within ${access.within}): ${access.description}`;
  }
}

/** One line per type and access (fields in declaration order), types in alphabetical order. */
export function policyTable(policy: FieldPolicy): string {
  const lines = ['| type | fields | who |', '|---|---|---|'];
  for (const type of Object.keys(policy).sort()) {
    const groups = new Map<string, string[]>();
    for (const [field, access] of Object.entries(policy[type]!)) {
      const text = who(access);
      if (text) groups.set(text, [...(groups.get(text) ?? []), field]);
    }
    for (const [text, fields] of groups) lines.push(`| ${type} | ${fields.map((f) => `\`${f}\``).join(', ')} | ${text} |`);
  }
  return lines.join('\n');
}

/** The table between the markers of `readme`, or null when the markers are missing. */
export function tableIn(readme: string): string | null {
  const start = readme.indexOf(TABLE_START);
  const end = readme.indexOf(TABLE_END);
  if (start < 0 || end < start) return null;
  return readme.slice(start + TABLE_START.length, end).trim();
}

/** `readme` with the table between the markers replaced. */
export function withTable(readme: string, table: string): string {
  const start = readme.indexOf(TABLE_START);
  const end = readme.indexOf(TABLE_END);
  if (start < 0 || end < start) throw new Error(`${README_FILE} has no ${TABLE_START} … ${TABLE_END} markers`);
  return `${readme.slice(0, start + TABLE_START.length)}\n${table}\n${readme.slice(end)}`;
}
