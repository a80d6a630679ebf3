// Text PostgreSQL cannot take: the NUL character (U+0000) is valid in GraphQL and JSON strings, but no text column or
// parameter accepts it, and the driver then fails the query deep inside a resolver (an internal error, after SQL has
// run). Every server refuses it at the door instead, as BAD_USER_INPUT naming where it is, before any planning or SQL.
import type { ApolloServerPlugin, BaseContext } from '@apollo/server';
import { GraphQLError, Kind, visit, type DocumentNode, type ValueNode } from 'graphql';

const NUL = '\u0000';

/** The path of the first string holding NUL in a variables value (`.filter.search`, `.ids[2]`), or null. */
function inVariables(value: unknown, path: string): string | null {
  if (typeof value === 'string') return value.includes(NUL) ? path : null;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const found = inVariables(value[i], `${path}[${i}]`);
      if (found) return found;
    }
    return null;
  }
  if (value && typeof value === 'object') {
    for (const [key, item] of Object.entries(value)) {
      // A key is text too: it names an input field, and an unknown one is refused by validation anyway.
      const found = key.includes(NUL) ? `${path}.${key}` : inVariables(item, `${path}.${key}`);
      if (found) return found;
    }
  }
  return null;
}

/** The path of the first string literal holding NUL under an argument value (`filter.search`), or null. */
function inLiteral(value: ValueNode, path: string): string | null {
  if (value.kind === Kind.STRING) return value.value.includes(NUL) ? path : null;
  if (value.kind === Kind.LIST) {
    for (let i = 0; i < value.values.length; i++) {
      const found = inLiteral(value.values[i]!, `${path}[${i}]`);
      if (found) return found;
    }
  }
  if (value.kind === Kind.OBJECT) {
    for (const field of value.fields) {
      const found = inLiteral(field.value, `${path}.${field.name.value}`);
      if (found) return found;
    }
  }
  return null;
}

/**
 * Where `document` first passes each variable, as an argument path (`$f` in `seizures(filter: { search: $f })` is
 * `filter.search`), so a refusal names the field as resolvers' own BAD_USER_INPUT errors do.
 */
function variableUses(document: DocumentNode): Map<string, string> {
  const uses = new Map<string, string>();
  const walk = (value: ValueNode, path: string): void => {
    if (value.kind === Kind.VARIABLE) {
      if (!uses.has(value.name.value)) uses.set(value.name.value, path);
    } else if (value.kind === Kind.LIST) value.values.forEach((item, i) => walk(item, `${path}[${i}]`));
    else if (value.kind === Kind.OBJECT) for (const field of value.fields) walk(field.value, `${path}.${field.name.value}`);
  };
  visit(document, { Argument: (node) => walk(node.value, node.name.value) });
  return uses;
}

/** Per parsed document (Apollo keeps one per operation text): its literals are checked once per process. */
const checkedDocuments = new WeakMap<DocumentNode, string | null>();

/** The first argument literal or variable default of `document` holding NUL, as a path, or null. */
function inDocument(document: DocumentNode): string | null {
  const known = checkedDocuments.get(document);
  if (known !== undefined) return known;
  let found: string | null = null;
  visit(document, {
    Argument(node) {
      found ??= inLiteral(node.value, node.name.value);
    },
    VariableDefinition(node) {
      if (node.defaultValue) found ??= inLiteral(node.defaultValue, `$${node.variable.name.value}`);
    },
  });
  checkedDocuments.set(document, found);
  return found;
}

/** The field a NUL in variable `name` at `rest` (`.search`, `[2]`) stands for: its argument path, else `$name…`. */
function variableField(document: DocumentNode, name: string, rest: string): string {
  const argument = variableUses(document).get(name);
  return argument ? `${argument}${rest}` : `$${name}${rest}`;
}

/** Refuses, before execution, an operation whose variables or literals hold the NUL character. */
export function textInputPlugin<T extends BaseContext>(): ApolloServerPlugin<T> {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ request, document }) {
          const inVariable = request.variables ? inVariables(request.variables, '') : null;
          const [, name = '', rest = ''] = inVariable ? /^\.([^.[]+)(.*)$/s.exec(inVariable) ?? [] : [];
          const where = inVariable ? variableField(document, name, rest) : inDocument(document);
          if (!where) return;
          throw new GraphQLError(`${where}: text may not contain the NUL character (U+0000)`, {
            extensions: { code: 'BAD_USER_INPUT', field: where, http: { status: 400 } },
          });
        },
      };
    },
  };
}
