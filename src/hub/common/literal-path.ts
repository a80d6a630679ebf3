// Where a bad inline literal sits: graphql-js reports a literal's validation error with its node's location only,
// so the argument path (`input.seizedOn`, `filter.ports[1]`) is found again in the document it came from.
import { Kind, parse, visit, type ASTNode, type GraphQLError } from 'graphql';

export function literalFieldPath(error: GraphQLError): string | undefined {
  const node = error.nodes?.[0];
  const body = error.source?.body;
  if (!node?.loc || !body) return undefined;
  const target = node.loc.start;
  let found: string | undefined;
  try {
    visit(parse(body), {
      enter(current: ASTNode, _key, parent, _path, ancestors) {
        if (found || !('loc' in current) || current.loc?.start !== target || !('kind' in current) || !isValue(current.kind)) return undefined;
        // graphql-js passes the direct parent apart from the other ancestors.
        found = pathOf([...(ancestors as readonly (ASTNode | readonly ASTNode[])[]), ...(parent ? [parent as ASTNode] : []), current]);
        return false;
      },
    });
  } catch {
    return undefined;
  }
  return found;
}

function isValue(kind: Kind): boolean {
  return [Kind.STRING, Kind.INT, Kind.FLOAT, Kind.BOOLEAN, Kind.ENUM, Kind.LIST, Kind.OBJECT, Kind.NULL].includes(kind);
}

/** `arg.field.list[2].field` from the argument down to the value. */
function pathOf(chain: readonly (ASTNode | readonly ASTNode[])[]): string | undefined {
  let path = '';
  let started = false;
  for (let i = 0; i < chain.length; i++) {
    const item = chain[i]!;
    if (Array.isArray(item)) continue;
    const node = item as ASTNode;
    if (node.kind === Kind.ARGUMENT) {
      path = node.name.value;
      started = true;
    } else if (started && node.kind === Kind.OBJECT_FIELD) {
      path += `.${node.name.value}`;
    } else if (started && node.kind === Kind.LIST) {
      const next = chain.slice(i + 1).find((c) => !Array.isArray(c)) as ASTNode | undefined;
      const index = next ? node.values.indexOf(next as never) : -1;
      if (index >= 0) path += `[${index}]`;
    }
  }
  return started ? path : undefined;
}
