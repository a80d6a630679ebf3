// Resolvers: entities come in as keys from the gateway (`_entities`), national rows come from storage through
// the request's loaders. Audience checks are not here: sensitivity.ts applies the SDL's @sensitivity marks; a row
// policy on top of them is (TargetingAlert.nationalFollowUp returns WITHHELD for a follow-up of another agency).
import { GraphQLError } from 'graphql';
import type { MemberContext } from './loaders.js';
import { scalarResolvers } from './scalars.js';
import { DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE } from './schema.js';
import { WITHHELD } from './sensitivity.js';
import type { AlertCursor, AlertFollowUpRow, AlertRow, FollowUpRow, TargetingRow } from './storage.js';

/** A Port as this subgraph knows it: its key, and the national summary when the unit has one. */
interface NationalPort {
  unlocode: string;
  targeting: TargetingRow | null;
}

interface NationalSeizure {
  id: string;
  followUp: FollowUpRow | null;
}

interface NationalTargetingAlert {
  id: string;
  followUp: AlertFollowUpRow | null;
}

function badInput(field: string, message: string): GraphQLError {
  return new GraphQLError(`Invalid input: ${field}: ${message}`, { extensions: { code: 'BAD_USER_INPUT', field } });
}

/** Representations come from the gateway as plain JSON: a key that is not a string is refused, not guessed. */
function keyOf(value: unknown, field: string): string {
  if (typeof value !== 'string' || value === '') throw badInput(`representations.${field}`, 'must be a non-empty string');
  return value;
}

function pageSize(first: number | null | undefined): number {
  const size = first ?? DEFAULT_PAGE_SIZE;
  if (!Number.isInteger(size) || size < 1 || size > MAX_PAGE_SIZE) throw badInput('first', `must be between 1 and ${MAX_PAGE_SIZE}`);
  return size;
}

// Cursors are opaque to clients: base64url of the alert's sort key (raised date, reference).
const encodeCursor = (alert: AlertRow): string => Buffer.from(JSON.stringify([alert.raisedOn, alert.reference])).toString('base64url');

function decodeCursor(after: string | null | undefined): AlertCursor | null {
  if (after == null) return null;
  try {
    const [raisedOn, reference] = JSON.parse(Buffer.from(after, 'base64url').toString('utf8')) as unknown[];
    if (typeof raisedOn === 'string' && typeof reference === 'string') return { raisedOn, reference };
  } catch {
    // falls through to the error below
  }
  throw badInput('after', 'is not a cursor returned by this list');
}

/** hits / inspections with 4 decimals, in integer arithmetic (no float rounding in what users read). */
function hitRate(row: TargetingRow): string | null {
  if (row.inspections === 0) return null;
  const tenThousandths = Math.round((row.hits * 10_000) / row.inspections);
  return `${Math.floor(tenThousandths / 10_000)}.${String(tenThousandths % 10_000).padStart(4, '0')}`;
}

/** Who publishes this subgraph: replace with your unit's name and country. */
export const NATIONAL_UNIT = { name: 'DEMO National Port Control Unit', country: 'XX' };

export const resolvers = {
  ...scalarResolvers,
  Query: {
    // Public and served by this subgraph alone: it answers even while the core is down.
    nationalUnit: async (_root: unknown, _args: unknown, ctx: MemberContext) => ({ ...NATIONAL_UNIT, ports: await ctx.loaders.coveredPorts.load('unit') }),
  },
  Port: {
    // Every port of the alliance resolves (its national fields are then null or empty), never to null: the
    // core owns whether a port exists.
    __resolveReference: async (ref: { unlocode: unknown }, ctx: MemberContext): Promise<NationalPort> => {
      const unlocode = keyOf(ref.unlocode, 'unlocode');
      return { unlocode, targeting: await ctx.loaders.targeting.load(unlocode) };
    },
    nationalTargeting: (port: NationalPort) => (port.targeting ? { ...port.targeting, hitRate: hitRate(port.targeting) } : null),
    nationalAlerts: async (port: NationalPort, args: { first?: number | null; after?: string | null }, ctx: MemberContext) => {
      const size = pageSize(args.first);
      // One row more than asked tells whether there is a next page.
      const rows = await ctx.loaders.alertPage(size + 1, decodeCursor(args.after)).load(port.unlocode);
      const edges = rows.slice(0, size).map((node) => ({ cursor: encodeCursor(node), node }));
      return {
        unlocode: port.unlocode,
        edges,
        pageInfo: { hasNextPage: rows.length > size, hasPreviousPage: false, startCursor: edges[0]?.cursor ?? null, endCursor: edges.at(-1)?.cursor ?? null },
      };
    },
  },
  NationalAlertConnection: {
    // Counted only when selected, batched over the ports of the request.
    totalCount: (connection: { unlocode: string }, _args: unknown, ctx: MemberContext) => ctx.loaders.alertCount.load(connection.unlocode),
  },
  Seizure: {
    __resolveReference: async (ref: { id: unknown }, ctx: MemberContext): Promise<NationalSeizure> => {
      const id = keyOf(ref.id, 'id');
      return { id, followUp: await ctx.loaders.followUp.load(id) };
    },
    nationalFollowUp: (seizure: NationalSeizure) => seizure.followUp,
  },
  TargetingAlert: {
    // The gateway only asks for alerts the core returned to this viewer, but this subgraph cannot check the core's
    // TLP policy (labels, releases) and must be safe behind any router: it serves a follow-up only to members of the
    // agency the alert was addressed to (who always see their alerts in the core). Anyone else gets null, the same
    // answer as for an alert the unit has no follow-up of, so nothing tells them the unit has a case.
    __resolveReference: async (ref: { id: unknown }, ctx: MemberContext): Promise<NationalTargetingAlert> => {
      const id = keyOf(ref.id, 'id');
      return { id, followUp: await ctx.loaders.alertFollowUp.load(id) };
    },
    nationalFollowUp: (alert: NationalTargetingAlert, _args: unknown, ctx: MemberContext) => {
      if (!alert.followUp) return null;
      return alert.followUp.agencyId === ctx.viewer.agencyId ? alert.followUp : WITHHELD;
    },
  },
};
