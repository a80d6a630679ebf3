// Nested to-many connections without N+1: one query returns the first page of every parent in the batch (a
// LATERAL subquery per parent, each reading its page straight from an index in list order, so a parent with a
// million children costs what one with twenty does), one grouped query their counts when asked (or the module's
// own, e.g. from a rollup).
import DataLoader from 'dataloader';
import { raw, type EntityManager, type FilterQuery } from '@mikro-orm/postgresql';
import type { ClassType } from 'type-graphql';
import { columnOf, executeRaw, loadedColumns, pivotOf, quoteIdentifier } from './sql.js';
import {
  afterCondition,
  orderBy as orderByKeys,
  pageRequest,
  toConnection,
  type ConnectionShape,
  type CountSql,
  type PageArgs,
  type SortKeys,
} from './pagination.js';

/**
 * How child rows attach to a parent, named by entity properties (the SQL names come from the ORM's metadata):
 * - `foreignKey`: the child's many-to-one to the parent (`{ foreignKey: 'port' }`: seizures by port);
 * - `collection`: the parent's many-to-many collection, owning or inverse side, holds the children
 *   (`{ collection: [Agency, 'ports'] }`: ports by agency);
 * - `ownCollection`: the child's own many-to-many collection holds the parents, for a parent entity that has no
 *   property for it (`{ ownCollection: 'ports' }` on agencies: agencies by port).
 */
export type GroupSource<T> =
  | { foreignKey: keyof T & string }
  | { collection: readonly [parent: ClassType<object>, property: string] }
  | { ownCollection: keyof T & string };

/** The source in SQL names: a foreign key column on the child, or a pivot table. */
type Grouping = { foreignKey: string } | { pivot: string; parentColumn: string; childColumn: string };

const quote = quoteIdentifier;

/**
 * Nested pages of `T` under many parents. `F` is the client's filter input of the nested list; `scope` turns it into
 * the rows the request's viewer gets (the module's `<module>Where`, from its rows.ts), so a page never holds a row
 * the same filter would not list at the root. `countSql` makes the totalCounts as the root list does (see CountSql).
 */
export class GroupedPages<T extends object, F = null> {
  private readonly pages = new Map<string, DataLoader<string, ConnectionShape<T>>>();
  private readonly grouping: Grouping;

  constructor(
    private readonly em: EntityManager,
    private readonly entity: ClassType<T>,
    source: GroupSource<T>,
    private readonly keys: SortKeys<T>,
    private readonly scope: (filter: F | null | undefined) => FilterQuery<T>,
    private readonly countSql?: CountSql,
    /** Counts per parent made without the rows (a rollup), or null for a filter it cannot answer. */
    private readonly countsWithoutRows?: (ids: readonly string[], filter: F | null | undefined) => Promise<number[]> | null,
  ) {
    this.grouping = GroupedPages.resolve(em, entity, source);
  }

  private static resolve<T extends object>(em: EntityManager, entity: ClassType<T>, source: GroupSource<T>): Grouping {
    if ('foreignKey' in source) return { foreignKey: source.foreignKey };
    if ('collection' in source) {
      const [parent, property] = source.collection;
      const { table, parentColumn, childColumn } = pivotOf(em, parent, property);
      return { pivot: table, parentColumn, childColumn };
    }
    // Seen from the child, the collection's holder is the child and its items are the parents.
    const { table, parentColumn, childColumn } = pivotOf(em, entity, source.ownCollection);
    return { pivot: table, parentColumn: childColumn, childColumn: parentColumn };
  }

  /**
   * The page of children of `parentId` the viewer gets for `filter`. Calls with the same filter and page arguments
   * in one request are batched into one statement, under the where `scope` builds from that filter.
   */
  load(parentId: string, filter: F | null | undefined, args: PageArgs): Promise<ConnectionShape<T>> {
    // The scope first: a filter it refuses is reported before the page arguments are checked.
    const where = this.scope(filter);
    const request = pageRequest(this.em, this.entity, args, this.keys);
    const batchKey = JSON.stringify([filter ?? null, request.limit, request.after ?? null]);
    let loader = this.pages.get(batchKey);
    if (!loader) {
      const condition = request.after
        ? ({ $and: [where, afterCondition(this.keys, request.after)] } as FilterQuery<T>)
        : where;
      const counts = new DataLoader<string, number>((ids) => this.countsWithoutRows?.(ids, filter) ?? this.countGroups(ids, where));
      loader = new DataLoader(async (ids) => {
        const rows = await this.pageGroups(ids, condition, request.limit + 1);
        return ids.map((id) => toConnection(rows.get(id) ?? [], request.limit, this.keys, () => counts.load(id)));
      });
      this.pages.set(batchKey, loader);
    }
    return loader.load(parentId);
  }

  private column(property: string): string {
    return columnOf(this.em, this.entity, property);
  }

  /** SQL pieces of the count query: the filtered child rows `x` of every parent in the batch and the group expression. */
  private grouped(ids: readonly string[], where: FilterQuery<T>) {
    const placeholders = ids.map(() => '?').join(', ');
    let condition = where;
    let join = '';
    let joinParams: unknown[] = [];
    let group: string;
    if ('foreignKey' in this.grouping) {
      condition = { $and: [where, { [this.grouping.foreignKey]: { $in: [...ids] } }] } as FilterQuery<T>;
      group = `x.${quote(this.column(this.grouping.foreignKey))}`;
    } else {
      const { pivot, parentColumn, childColumn } = this.grouping;
      join = `join ${quote(pivot)} g on g.${quote(childColumn)} = x.${quote(this.column('id'))} and g.${quote(parentColumn)} in (${placeholders})`;
      joinParams = [...ids];
      group = `g.${quote(parentColumn)}`;
    }
    const inner = this.em.createQueryBuilder(this.entity, 't').select('t.*').where(condition as never).toQuery();
    return { from: `(${inner.sql}) x ${join}`, params: [...inner.params, ...joinParams], group };
  }

  /** The SQL type of the parents' ids (the foreign key's, or the child's own id's for a pivot: ids are one type). */
  private parentIdType(): string {
    const property = 'foreignKey' in this.grouping ? this.grouping.foreignKey : 'id';
    const meta = this.em.getMetadata().get(this.entity as never).properties as Record<string, { columnTypes?: string[] }>;
    const type = meta[property]?.columnTypes?.[0];
    if (!type || !/^[a-z][a-z0-9 ()]*$/.test(type)) throw new Error(`No column type for ${this.entity.name}.${property}`);
    return type;
  }

  private async pageGroups(ids: readonly string[], where: FilterQuery<T>, perGroup: number): Promise<Map<string, T[]>> {
    // The columns em.find would load: lazy ones (search vectors) stay in the table.
    const columns = loadedColumns(this.em, this.entity).map((c) => `t.${quote(c)}`);
    const inner = this.em.createQueryBuilder(this.entity, 't').select(columns.map((c) => raw(c))).where(where as never).toQuery();
    const orderIn = (alias: string) => orderByKeys(this.keys)
      .map((o) => Object.entries(o)[0]!)
      .map(([k, d]) => `${alias}.${quote(this.column(k))} ${d}`)
      .join(', ');
    const parents = ids.map(() => `(?::${this.parentIdType()})`).join(', ');
    const attach = 'foreignKey' in this.grouping
      ? `where x.${quote(this.column(this.grouping.foreignKey))} = g.id`
      : `join ${quote(this.grouping.pivot)} gp on gp.${quote(this.grouping.childColumn)} = x.${quote(this.column('id'))} and gp.${quote(this.grouping.parentColumn)} = g.id`;
    const sql = `select page.*, g.id as "__group" from (values ${parents}) g(id)
      cross join lateral (select x.* from (${inner.sql}) x ${attach} order by ${orderIn('x')} limit ?) page
      order by "__group", ${orderIn('page')}`;
    const rows = await executeRaw<Record<string, unknown>[]>(this.em, sql, [...ids, ...inner.params, perGroup]);
    const byGroup = new Map<string, T[]>();
    for (const { __group, ...data } of rows) {
      const node = this.em.map(this.entity, data as never);
      const key = String(__group);
      byGroup.set(key, [...(byGroup.get(key) ?? []), node]);
    }
    return byGroup;
  }

  private async countGroups(ids: readonly string[], where: FilterQuery<T>): Promise<number[]> {
    const { from, params, group } = this.grouped(ids, where);
    const count = this.countSql ? this.countSql(`x.${quote(this.column('id'))}`) : 'count(*)::int';
    const rows = await executeRaw<{ group: string; n: number }[]>(this.em, `select ${group} as "group", ${count} as n from ${from} group by ${group}`, params);
    const counts = new Map(rows.map((r) => [String(r.group), Number(r.n)]));
    return ids.map((id) => counts.get(id) ?? 0);
  }
}
