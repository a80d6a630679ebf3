// Which reads go to the audit trail: every field of an AMBER-or-above record, and the law-enforcement-only fields
// (operational details, contact data) of any record. They are noted where records enter the response — the
// fields that return a record, a list of records or a connection — once per list, never once per cell, so that
// auditing costs a few microseconds per row instead of a wrapper on every field.
import {
  getDirectiveValues,
  getNamedType,
  GraphQLIncludeDirective,
  GraphQLSkipDirective,
  isObjectType,
  Kind,
  type FieldNode,
  type GraphQLResolveInfo,
  type GraphQLSchema,
  type SelectionNode,
  type SelectionSetNode,
} from 'graphql';
import { isLawEnforcement, isMember } from '../../../auth/audience.js';
import type { HubContext } from '../../context.js';
import { isAmberOrAbove } from '../../policy/tlp.js';
import type { Tlp } from '../../common/enums.js';

/** What a field's access asks of the viewer, as far as the audit needs to know (field-policy.ts derives it). */
export type FieldAudience = 'member' | 'lawEnforcement' | 'other';
export type AudienceOf = (type: string, field: string) => FieldAudience;

type Middleware = (resolve: (...a: unknown[]) => unknown, parent: unknown, args: unknown, ctx: HubContext, info: GraphQLResolveInfo) => Promise<unknown>;
type Shape = 'record' | 'list' | 'connection';

interface AuditedRow {
  id: string;
  tlp?: Tlp;
  constructor: { name: string };
}

/** Whether execution includes a selection: not under @skip(if: true) nor @include(if: false). */
function included(selection: SelectionNode, variables: GraphQLResolveInfo['variableValues']): boolean {
  if (!selection.directives?.length) return true;
  if (getDirectiveValues(GraphQLSkipDirective, selection, variables)?.if === true) return false;
  return getDirectiveValues(GraphQLIncludeDirective, selection, variables)?.if !== false;
}

/**
 * Field names selected on `typeName` under `fieldNodes`, following `path` (e.g. edges → node) and fragments; a
 * selection the request skips (@skip, @include) is not read.
 */
function selectedFields(info: GraphQLResolveInfo, path: string[], typeName: string): { names: string[]; conditional: boolean } {
  const names = new Set<string>();
  let conditional = false;
  const visit = (set: SelectionSetNode | undefined, depth: number) => {
    for (const selection of set?.selections ?? []) {
      if (selection.directives?.length) conditional = true;
      if (!included(selection, info.variableValues)) continue;
      if (selection.kind === Kind.FIELD) {
        if (depth === path.length) {
          if (selection.name.value !== '__typename') names.add(selection.name.value);
        } else if (selection.name.value === path[depth]) visit(selection.selectionSet, depth + 1);
      } else if (selection.kind === Kind.INLINE_FRAGMENT) {
        if (depth < path.length || !selection.typeCondition || selection.typeCondition.name.value === typeName) visit(selection.selectionSet, depth);
      } else {
        const fragment = info.fragments[selection.name.value];
        if (fragment && (depth < path.length || fragment.typeCondition.name.value === typeName)) visit(fragment.selectionSet, depth);
      }
    }
  };
  for (const node of info.fieldNodes as FieldNode[]) visit(node.selectionSet, 0);
  return { names: [...names].sort(), conditional };
}

/** What reading a type's selected fields means for one kind of viewer: which are allowed, denied, law-enforcement only. */
interface Classified {
  allowed: string[];
  denied: string[];
  lawEnforcementOnly: string[];
}

/**
 * Per field of the operation (its FieldNode, which Apollo's document cache keeps for every request of the same
 * operation), type and kind of viewer: the classification of its selected fields, computed once per process
 * instead of once per request. Not kept when a selection on the way has @skip/@include (it depends on variables).
 */
type ClassificationCache = WeakMap<FieldNode, { nodes: readonly FieldNode[]; byKey: Map<string, Classified> }>;

function rowsOf(result: unknown, shape: Shape): AuditedRow[] {
  const items = shape === 'connection'
    ? ((result as { edges?: { node: unknown }[] } | null)?.edges ?? []).map((e) => e.node)
    : shape === 'list' ? ((result as unknown[] | null) ?? []) : [result];
  return items.filter((row): row is AuditedRow => !!row && typeof (row as AuditedRow).id === 'string');
}

/** Notes the reads of `rows` (grouped by type): the work is per type and per row id, not per field and row. */
function note(ctx: HubContext, rows: AuditedRow[], info: GraphQLResolveInfo, shape: Shape, audienceOf: AudienceOf, cache: ClassificationCache): void {
  if (!rows.length) return;
  const allowedFor = { lawEnforcement: isLawEnforcement(ctx.viewer), member: isMember(ctx.viewer), other: true };
  const byType = new Map<string, AuditedRow[]>();
  for (const row of rows) {
    const group = byType.get(row.constructor.name);
    if (group) group.push(row);
    else byType.set(row.constructor.name, [row]);
  }
  const first = info.fieldNodes[0] as FieldNode;
  let cached = cache.get(first);
  // The same FieldNode is the same document (its fragments included); the field may still merge other nodes.
  if (cached && (cached.nodes.length !== info.fieldNodes.length || cached.nodes.some((n, i) => n !== info.fieldNodes[i]))) cached = undefined;
  for (const [type, group] of byType) {
    const key = `${type}|${allowedFor.lawEnforcement ? 1 : 0}${allowedFor.member ? 1 : 0}`;
    let classified = cached?.byKey.get(key);
    if (!classified) {
      const { names, conditional } = selectedFields(info, shape === 'connection' ? ['edges', 'node'] : [], type);
      classified = { allowed: [], denied: [], lawEnforcementOnly: [] };
      for (const field of names) {
        const audience = audienceOf(type, field);
        (allowedFor[audience] ? classified.allowed : classified.denied).push(`${type}.${field}`);
        if (audience === 'lawEnforcement') classified.lawEnforcementOnly.push(`${type}.${field}`);
      }
      if (!conditional) {
        if (!cached) cache.set(first, (cached = { nodes: [...info.fieldNodes], byKey: new Map() }));
        cached.byKey.set(key, classified);
      }
    }
    const { allowed, denied, lawEnforcementOnly } = classified;
    const classifiedIds: string[] = [];
    const others: string[] = [];
    for (const row of group) (row.tlp !== undefined && isAmberOrAbove(row.tlp) ? classifiedIds : others).push(row.id);
    // AMBER or above: every field read; below: only the law-enforcement fields are.
    ctx.audit.read(classifiedIds, allowed, true);
    ctx.audit.read(classifiedIds, denied, false);
    if (lawEnforcementOnly.length && others.length) ctx.audit.read(others, lawEnforcementOnly, allowedFor.lawEnforcement);
  }
}

/**
 * A middleware map for every field that returns an audited type (`audited(typeName)`), as a record, a list or a
 * connection of them; it notes the reads once the field has resolved.
 */
export function auditReadsMiddleware(schema: GraphQLSchema, audited: (type: string) => boolean, audienceOf: AudienceOf) {
  const map: Record<string, Record<string, Middleware>> = {};
  const cache: ClassificationCache = new WeakMap();
  const wrap = (shape: Shape): Middleware => async (resolve, parent, args, ctx, info) => {
    const result = await resolve(parent, args, ctx, info);
    note(ctx, rowsOf(result, shape), info, shape, audienceOf, cache);
    return result;
  };
  for (const type of Object.values(schema.getTypeMap())) {
    if (!isObjectType(type) || type.name.startsWith('__')) continue;
    for (const [name, field] of Object.entries(type.getFields())) {
      const returned = getNamedType(field.type);
      const node = isObjectType(returned) && returned.name.endsWith('Connection') ? getNamedType(returned.getFields().edges?.type ?? returned) : undefined;
      const nodeType = node && isObjectType(node) ? getNamedType(node.getFields().node?.type ?? node) : undefined;
      let shape: Shape | undefined;
      if (name === '_entities') shape = 'list';
      else if (audited(returned.name)) shape = String(field.type).startsWith('[') ? 'list' : 'record';
      else if (nodeType && audited(nodeType.name)) shape = 'connection';
      if (shape) (map[type.name] ??= {})[name] = wrap(shape);
    }
  }
  return map;
}
