// Policy at the gateway. Subgraphs mark fields with @sensitivity(audience: ...); composition keeps the mark in the
// supergraph (@composeDirective). Before planning, the gateway takes the marked fields a viewer may not read out
// of the operation — so the subgraph is never asked, even if it forgot its own check — and after execution puts
// each back as null with a FORBIDDEN error at its path. Apollo Router has this kind of directive; @apollo/gateway
// does not, so the hub builds it here, by wrapping the gateway's executor.
import { createHash } from 'node:crypto';
import type { GatewayInterface } from '@apollo/server-gateway-interface';
import {
  GraphQLError,
  getNamedType,
  isObjectType,
  Kind,
  parse,
  print,
  TypeInfo,
  visit,
  visitWithTypeInfo,
  type DocumentNode,
  type FieldNode,
  type GraphQLSchema,
} from 'graphql';
import { viewerAudience } from '../auth/audience.js';
import { inAudience, type SensitivityAudience } from '../auth/sensitivity.js';
import type { GatewayContext } from './data-source.js';

const MARKER = '__withheld_';

/** `Type.field` → audience, read from the supergraph SDL. */
export function sensitiveFields(supergraphSdl: string): Map<string, SensitivityAudience> {
  const marks = new Map<string, SensitivityAudience>();
  visit(parse(supergraphSdl), {
    FieldDefinition(field, _k, _p, _path, ancestors) {
      const owner = ancestors.at(-1) as { name?: { value: string } };
      const mark = field.directives?.find((d) => d.name.value === 'sensitivity');
      const audience = mark?.arguments?.find((a) => a.name.value === 'audience')?.value;
      if (owner?.name && audience?.kind === Kind.ENUM) marks.set(`${owner.name.value}.${field.name.value}`, audience.value as SensitivityAudience);
    },
  });
  return marks;
}

/**
 * The operation without the fields the viewer may not read: each becomes `__withheld_<key>: __typename`, which
 * keeps the document valid and marks, in the response, every place the field would have been.
 */
export function withholdFields(schema: GraphQLSchema, document: DocumentNode, mayRead: (coordinate: string) => boolean): { document: DocumentNode; withheld: Map<string, string> } {
  const withheld = new Map<string, string>(); // response key → Type.field
  const typeInfo = new TypeInfo(schema);
  const result = visit(document, visitWithTypeInfo(typeInfo, {
    Field(node: FieldNode) {
      const parent = typeInfo.getParentType();
      if (!parent || !isObjectType(getNamedType(parent))) return undefined;
      const coordinate = `${parent.name}.${node.name.value}`;
      if (mayRead(coordinate)) return undefined;
      const key = node.alias?.value ?? node.name.value;
      withheld.set(key, coordinate);
      return { kind: Kind.FIELD, alias: { kind: Kind.NAME, value: MARKER + key }, name: { kind: Kind.NAME, value: '__typename' } } as FieldNode;
    },
  }));
  return { document: result, withheld };
}

/** Puts each withheld field back as null, with a FORBIDDEN error at its path. */
export function restoreWithheld(data: unknown, withheld: Map<string, string>): GraphQLError[] {
  const errors: GraphQLError[] = [];
  const walk = (value: unknown, path: (string | number)[]) => {
    if (Array.isArray(value)) return value.forEach((item, i) => walk(item, [...path, i]));
    if (!value || typeof value !== 'object') return;
    const record = value as Record<string, unknown>;
    for (const key of Object.keys(record)) {
      if (key.startsWith(MARKER)) {
        const original = key.slice(MARKER.length);
        delete record[key];
        record[original] = null;
        errors.push(new GraphQLError(`Not allowed to read ${withheld.get(original) ?? original}`, { path: [...path, original], extensions: { code: 'FORBIDDEN' } }));
      } else walk(record[key], [...path, key]);
    }
  };
  walk(data, []);
  return errors;
}

/** Wraps a gateway so that every operation goes through the sensitivity policy. */
export function withSensitivityPolicy(gateway: GatewayInterface): GatewayInterface {
  let marks = new Map<string, SensitivityAudience>();
  let apiSchema: GraphQLSchema | undefined;
  // Apollo hands the same parsed document for the same operation text: decide once per document and audience.
  let decided = new WeakMap<DocumentNode, Map<string, ReturnType<typeof withholdFields> & { queryHash: string }>>();
  gateway.onSchemaLoadOrUpdate(({ apiSchema: schema, coreSupergraphSdl }) => {
    apiSchema = schema;
    marks = sensitiveFields(coreSupergraphSdl);
    decided = new WeakMap();
  });
  const policyFor = (schema: GraphQLSchema, document: DocumentNode, viewer: GatewayContext['viewer']) => {
    const audience = viewerAudience(viewer);
    let byAudience = decided.get(document);
    if (!byAudience) decided.set(document, (byAudience = new Map()));
    let result = byAudience.get(audience);
    if (!result) {
      const withheld = withholdFields(schema, document, (coordinate) => {
        const mark = marks.get(coordinate);
        return !mark || inAudience(viewer, mark);
      });
      // A different document needs its own query plan: give it its own hash.
      result = { ...withheld, queryHash: withheld.withheld.size ? createHash('sha256').update(print(withheld.document)).digest('hex') : '' };
      byAudience.set(audience, result);
    }
    return result;
  };
  return {
    onSchemaLoadOrUpdate: (callback) => gateway.onSchemaLoadOrUpdate(callback),
    stop: () => gateway.stop(),
    async load(options) {
      const loaded = await gateway.load(options);
      const execute = loaded.executor;
      if (!execute) return loaded;
      return {
        ...loaded,
        executor: async (requestContext) => {
          const viewer = (requestContext.context as GatewayContext).viewer;
          const { document, withheld, queryHash } = policyFor(apiSchema ?? requestContext.schema, requestContext.document, viewer);
          if (!withheld.size) return execute(requestContext);
          const response = await execute({ ...requestContext, document, queryHash } as typeof requestContext);
          const forbidden = restoreWithheld(response.data, withheld);
          return { ...response, errors: [...(response.errors ?? []), ...forbidden] };
        },
      };
    },
  };
}
