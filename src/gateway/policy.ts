// Policy at the gateway. Subgraphs mark fields with @sensitivity(audience: ...); composition keeps the mark in the
// supergraph (@composeDirective). Before planning, the gateway takes the marked fields a viewer may not read out
// of the operation — so the subgraph is never asked, even if it forgot its own check — and after execution puts
// each back as null with a FORBIDDEN error at its path. Apollo Router has this kind of directive; @apollo/gateway
// does not, so the hub builds it here, by wrapping the gateway's executor. The same pass notes the reads the
// gateway audits (audit.ts) and writes them before the answer leaves.
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
  type DirectiveNode,
  type DocumentNode,
  type FieldNode,
  type GraphQLSchema,
  type SelectionSetNode,
} from 'graphql';
import { viewerAudience } from '../auth/audience.js';
import { inAudience, isAuditedAudience, refusedFieldMessage, type SensitivityAudience } from '../auth/sensitivity.js';
import { AuditedReads } from '../audit-log/audited-reads.js';
import { AUDIT_MARKER, auditField, isReservedAlias, noteGroupRead, servedOnlyBy, unauditedAnswer, type AuditGroup, type GatewayAuditWriter } from './audit.js';
import type { GatewayContext } from './data-source.js';

const MARKER = '__withheld_';
const RESERVED = [MARKER, AUDIT_MARKER];

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

/** What to audit of a field: whether its reads are audited when served, and when withheld. */
export interface AuditedField {
  allowed: boolean;
  denied: boolean;
}

export interface PolicyDocument {
  document: DocumentNode;
  /** Response key → `Type.field` of each withheld field. */
  withheld: Map<string, string>;
  /** The selection sets with audited fields, by the index in their marker's alias. */
  audit: AuditGroup[];
  /** The client used an alias the gateway reserves for its markers: the operation is refused. */
  reservedAlias?: string;
}

/**
 * The operation without the fields the viewer may not read: each becomes `__withheld_<key>: __typename`, which
 * keeps the document valid and marks, in the response, every place the field would have been. Each selection set
 * with a field `audited(coordinate)` says to audit gets `__audit_<n>: id` (or `__typename` for a type without a
 * readable id), which names, in the response, each record its fields were read on.
 */
export function withholdFields(
  schema: GraphQLSchema,
  document: DocumentNode,
  mayRead: (coordinate: string) => boolean,
  audited: (coordinate: string) => AuditedField = () => ({ allowed: false, denied: false }),
): PolicyDocument {
  const withheld = new Map<string, string>(); // response key → Type.field
  const audit: AuditGroup[] = [];
  // Per selection set: its audited fields, and apart those under their own @skip/@include (their marker carries the
  // same condition, so that a field the request skipped is not audited as read).
  type Frame = { allowed: Set<string>; denied: Set<string>; conditional: { directives: readonly DirectiveNode[]; allowed: boolean; coordinate: string }[] };
  const frames: Frame[] = [];
  let reservedAlias: string | undefined;
  const typeInfo = new TypeInfo(schema);
  const result = visit(document, visitWithTypeInfo(typeInfo, {
    SelectionSet: {
      enter() {
        frames.push({ allowed: new Set(), denied: new Set(), conditional: [] });
      },
      leave(node: SelectionSetNode) {
        const frame = frames.pop();
        const parent = typeInfo.getParentType();
        if (!frame || (!frame.allowed.size && !frame.denied.size && !frame.conditional.length) || !parent || !isObjectType(parent)) return undefined;
        const by = parent.getFields().id && mayRead(`${parent.name}.id`) ? 'id' : '__typename';
        const markers: FieldNode[] = [];
        if (frame.allowed.size || frame.denied.size) markers.push(auditField(audit.push({ by, allowed: [...frame.allowed], denied: [...frame.denied] }) - 1, by));
        for (const { directives, allowed, coordinate } of frame.conditional) {
          const index = audit.push({ by, allowed: allowed ? [coordinate] : [], denied: allowed ? [] : [coordinate] }) - 1;
          markers.push({ ...auditField(index, by), directives });
        }
        return { ...node, selections: [...node.selections, ...markers] };
      },
    },
    Field(node: FieldNode) {
      if (node.alias && isReservedAlias(node.alias.value, RESERVED)) reservedAlias ??= node.alias.value;
      const parent = typeInfo.getParentType();
      if (!parent || !isObjectType(getNamedType(parent))) return undefined;
      const coordinate = `${parent.name}.${node.name.value}`;
      const readable = mayRead(coordinate);
      const audits = audited(coordinate);
      const frame = frames.at(-1);
      if (frame && (readable ? audits.allowed : audits.denied)) {
        const conditions = node.directives?.filter((d) => d.name.value === 'skip' || d.name.value === 'include') ?? [];
        if (conditions.length) frame.conditional.push({ directives: conditions, allowed: readable, coordinate });
        else frame[readable ? 'allowed' : 'denied'].add(coordinate);
      }
      if (readable) return undefined;
      const key = node.alias?.value ?? node.name.value;
      withheld.set(key, coordinate);
      // The field's own @skip/@include stay: a withheld field the request skips is not refused either.
      return { kind: Kind.FIELD, alias: { kind: Kind.NAME, value: MARKER + key }, name: { kind: Kind.NAME, value: '__typename' }, directives: node.directives } as FieldNode;
    },
  }));
  return { document: result, withheld, audit, ...(reservedAlias ? { reservedAlias } : {}) };
}

/**
 * Puts each withheld field back as null, with a FORBIDDEN error at its path, and takes the audit markers out of
 * the answer, noting in `reads` each record they name.
 */
export function restoreWithheld(data: unknown, withheld: Map<string, string>, audit: AuditGroup[] = [], reads?: AuditedReads): GraphQLError[] {
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
        const [typeName, fieldName] = (withheld.get(original) ?? `?.${original}`).split('.') as [string, string];
        errors.push(new GraphQLError(refusedFieldMessage(typeName, fieldName), { path: [...path, original], extensions: { code: 'FORBIDDEN' } }));
      } else if (key.startsWith(AUDIT_MARKER)) {
        const group = audit[Number(key.slice(AUDIT_MARKER.length))];
        if (group && reads) noteGroupRead(reads, group, record[key]);
        delete record[key];
      } else walk(record[key], [...path, key]);
    }
  };
  walk(data, []);
  return errors;
}

export interface SensitivityPolicyOptions {
  /** The core's subgraph name: the core audits the reads it serves; the gateway audits the others' (audit.ts). */
  coreName: string;
  /** Where the audited reads go; the answer is withheld when it throws. */
  writeAudit: GatewayAuditWriter;
}

/** Wraps a gateway so that every operation goes through the sensitivity policy and its reads are audited. */
export function withSensitivityPolicy(gateway: GatewayInterface, options: SensitivityPolicyOptions): GatewayInterface {
  let marks = new Map<string, SensitivityAudience>();
  let coreOnly = new Set<string>();
  let apiSchema: GraphQLSchema | undefined;
  // Apollo hands the same parsed document for the same operation text: decide once per document and audience.
  let decided = new WeakMap<DocumentNode, Map<string, PolicyDocument & { queryHash: string }>>();
  gateway.onSchemaLoadOrUpdate(({ apiSchema: schema, coreSupergraphSdl }) => {
    apiSchema = schema;
    marks = sensitiveFields(coreSupergraphSdl);
    coreOnly = servedOnlyBy(coreSupergraphSdl, options.coreName);
    decided = new WeakMap();
  });
  const audited = (coordinate: string) => {
    const mark = marks.get(coordinate);
    const audits = !!mark && isAuditedAudience(mark);
    return { allowed: audits && !coreOnly.has(coordinate), denied: audits };
  };
  const policyFor = (schema: GraphQLSchema, document: DocumentNode, viewer: GatewayContext['viewer']) => {
    const audience = viewerAudience(viewer);
    let byAudience = decided.get(document);
    if (!byAudience) decided.set(document, (byAudience = new Map()));
    let result = byAudience.get(audience);
    if (!result) {
      const policy = withholdFields(schema, document, (coordinate) => {
        const mark = marks.get(coordinate);
        return !mark || inAudience(viewer, mark);
      }, audited);
      // A different document needs its own query plan: give it its own hash.
      const changed = policy.withheld.size > 0 || policy.audit.length > 0;
      result = { ...policy, queryHash: changed ? createHash('sha256').update(print(policy.document)).digest('hex') : '' };
      byAudience.set(audience, result);
    }
    return result;
  };
  return {
    onSchemaLoadOrUpdate: (callback) => gateway.onSchemaLoadOrUpdate(callback),
    stop: () => gateway.stop(),
    async load(loadOptions) {
      const loaded = await gateway.load(loadOptions);
      const execute = loaded.executor;
      if (!execute) return loaded;
      return {
        ...loaded,
        executor: async (requestContext) => {
          const viewer = (requestContext.context as GatewayContext).viewer;
          const { document, withheld, audit, queryHash, reservedAlias } = policyFor(apiSchema ?? requestContext.schema, requestContext.document, viewer);
          if (reservedAlias) {
            return { errors: [new GraphQLError(`The alias "${reservedAlias}" is reserved by the gateway`, { extensions: { code: 'BAD_USER_INPUT' } })] };
          }
          if (!withheld.size && !audit.length) return execute(requestContext);
          const response = await execute({ ...requestContext, document, queryHash } as typeof requestContext);
          const reads = new AuditedReads();
          const forbidden = restoreWithheld(response.data, withheld, audit, reads);
          const rows = reads.rows();
          if (rows.length) {
            try {
              await options.writeAudit(viewer, rows, requestContext.operationName ?? null);
            } catch {
              // Nothing is served unaudited (the writer logged the rows).
              if (response.data != null) return { data: null, errors: [unauditedAnswer(requestContext.operation?.operation === 'mutation')] };
            }
          }
          return forbidden.length ? { ...response, errors: [...(response.errors ?? []), ...forbidden] } : response;
        },
      };
    },
  };
}
