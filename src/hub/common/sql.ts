import type { EntityManager } from '@mikro-orm/postgresql';

/** Escapes LIKE wildcards so user text matches literally. */
export function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}

/** A double-quoted SQL identifier. */
export function quoteIdentifier(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}

/** The column of an entity property, from the ORM's metadata, so hand-written SQL follows the entities. */
export function columnOf(em: EntityManager, entity: { name: string }, property: string): string {
  const prop = (em.getMetadata().get(entity as never).properties as Record<string, { fieldNames?: string[] }>)[property];
  if (!prop?.fieldNames?.[0]) throw new Error(`No column for ${entity.name}.${property}`);
  return prop.fieldNames[0];
}
