// What the generators share while the demo graph is built: the transaction's EntityManager, the seeded
// random source, and lookups of the ports and agencies created so far. A UN/LOCODE or agency code that the
// catalogues name but that does not exist is a bug in the catalogues, so it throws (and the load rolls back).
import type { EntityManager } from '@mikro-orm/postgresql';
import { type Agency, AgencyKind } from '../../hub/modules/agency/index.js';
import type { Port } from '../../hub/modules/port/index.js';
import type { Random } from './random.js';

/**
 * A new entity, built by its constructor (which asks for its required fields and keeps the entity's own defaults:
 * id, timestamps, collections), persisted: written at the final flush.
 */
export function persisted<T extends object>(em: EntityManager, record: T): T {
  em.persist(record);
  return record;
}

export class DemoGraph {
  private readonly agencyPorts = new Map<string, Agency[]>();

  constructor(
    readonly em: EntityManager,
    readonly random: Random,
    /** Today's date (UTC, YYYY-MM-DD): nothing is dated after it. */
    readonly today: string,
    readonly now: Date,
    private readonly ports: ReadonlyMap<string, Port>,
    private readonly agencies: ReadonlyMap<string, Agency>,
    agencyPortCodes: ReadonlyMap<string, readonly string[]>,
  ) {
    for (const [code, portCodes] of agencyPortCodes) {
      for (const portCode of portCodes) {
        const list = this.agencyPorts.get(portCode) ?? [];
        list.push(this.agency(code));
        this.agencyPorts.set(portCode, list);
      }
    }
  }

  /** A new entity, persisted (written at the final flush). */
  add<T extends object>(record: T): T {
    return persisted(this.em, record);
  }

  port(unlocode: string): Port {
    const port = this.ports.get(unlocode);
    if (!port) throw new Error(`demo data: port ${unlocode} is not in sea-ports.json (or was skipped)`);
    return port;
  }

  agency(code: string): Agency {
    const agency = this.agencies.get(code);
    if (!agency) throw new Error(`demo data: no agency ${code} in the catalogue`);
    return agency;
  }

  /** Agencies of the given kinds that serve a port, in catalogue order. */
  agenciesAt(unlocode: string, kinds: readonly AgencyKind[]): Agency[] {
    return (this.agencyPorts.get(unlocode) ?? []).filter((a) => kinds.includes(a.kind));
  }

  notAfterToday(date: string): string {
    return date < this.today ? date : this.today;
  }

  /** A date `days` after `date`, never after today. */
  daysAfter(date: string, days: number): string {
    return this.notAfterToday(new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10));
  }

  /** A timestamp on a date (10:00 UTC), never after now. */
  at(date: string): Date {
    const t = new Date(`${date}T10:00:00Z`);
    return t < this.now ? t : this.now;
  }
}
