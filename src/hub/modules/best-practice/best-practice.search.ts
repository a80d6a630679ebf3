// Full-text search of best practices, each in its own language (best-practice.languages.ts): websearch syntax
// (`"exact phrase"`, `or`, `-excluded`), ranked, with a highlighted snippet. What the viewer may not read never takes
// part: for a viewer who may not read bodies, the body neither decides whether a practice matches, nor how it ranks,
// nor shows in a snippet. The same field policy the shield enforces (best-practice.rules.ts) says who reads bodies.
import { raw, type FilterQuery } from '@mikro-orm/postgresql';
import type { EntityManager } from '@mikro-orm/postgresql';
import DataLoader from 'dataloader';
import type { Viewer } from '../../../auth/viewer.js';
import { decodeCursor, encodeCursor, lazy, pageSize, type ConnectionShape, type PageArgs } from '../../common/pagination.js';
import { columnOf, executeRaw, loadedColumns, quoteIdentifier } from '../../common/sql.js';
import { isUuid } from '../../../ids.js';
import { mayRead } from '../../policy/field-policy.js';
import { BestPractice } from './best-practice.entity.js';
import { FALLBACK_SEARCH_CONFIG, SEARCH_CONFIGS, searchConfigSql } from './best-practice.languages.js';
import { bestPracticePolicy } from './best-practice.rules.js';

// The vectors put title and summary in every match and the body only in `search_full`; that split is only right
// while title and summary are for whoever sees the row and the body is decided by the viewer alone (so a viewer-level
// choice of vector in SQL is exact). Refuse to start otherwise rather than leak.
const practiceFields = bestPracticePolicy.BestPractice!;
for (const field of ['title', 'summary'] as const) {
  const access = practiceFields[field];
  if (access?.kind !== 'audience' || access.audience !== 'PUBLIC') throw new Error(`Best-practice search indexes ${field} for every viewer: it must stay PUBLIC`);
}
if (practiceFields.body?.kind !== 'audience') throw new Error('Best-practice search needs the body access to be decided by the viewer alone');

/** Whether the viewer may read practices' bodies: the body's own declaration in the field policy. */
export function readsBodies(viewer: Viewer): boolean {
  return mayRead(bestPracticePolicy, 'BestPractice', 'body', viewer);
}

/** The stored vector the viewer's searches read: with the body only for those who may read it. */
function vectorOf(viewer: Viewer): 'search_full' | 'search_head' {
  return readsBodies(viewer) ? 'search_full' : 'search_head';
}

/** The query in the row's own configuration, as SQL over the row alias `x` (one parameter: the search). */
const rowQuery = (x: string) => `websearch_to_tsquery(${searchConfigSql(`${x}.language`)}, ?)`;

/**
 * The practices whose readable text matches `search` read in their own language. PostgreSQL can use an index only
 * for a query that is the same for every row, so the vector's GIN index first finds the rows matching the search in
 * any language (an `or` of the query in each configuration: a superset), and each of those is then checked with the
 * query in its own language.
 */
export function matchesSearch(viewer: Viewer, search: string): FilterQuery<BestPractice> {
  const vector = vectorOf(viewer);
  const configs = [...new Set([...Object.values(SEARCH_CONFIGS), FALLBACK_SEARCH_CONFIG])];
  const anyLanguage = configs.map((config) => `websearch_to_tsquery('${config}'::regconfig, ?)`).join(' || ');
  const sql = (alias: string) => `(${alias}.${vector} @@ (${anyLanguage}) and ${alias}.${vector} @@ ${rowQuery(alias)})`;
  return { [raw(sql, [...configs.map(() => search), search])]: [] } as FilterQuery<BestPractice>;
}

/** A cursor of the ranked list: [rank, publishedAt, id], the order's keys. */
const rankedCursorChecks = [
  (v: unknown) => typeof v === 'number' && Number.isFinite(v) && v >= 0,
  (v: unknown) => typeof v === 'string' && !Number.isNaN(Date.parse(v)) && /^\d{4}-\d{2}-\d{2}T/.test(v),
  (v: unknown) => typeof v === 'string' && isUuid(v),
];

/**
 * A page of the root list ranked by relevance (title above summary above body), then newest first, then by id:
 * one statement for the page, one for the count when asked. `where` is the list's filter (it holds the match).
 */
export async function rankedPage(em: EntityManager, viewer: Viewer, where: FilterQuery<BestPractice>, search: string, args: PageArgs): Promise<ConnectionShape<BestPractice>> {
  const limit = pageSize(args);
  const after = args.after == null ? null : decodeCursor(args.after, rankedCursorChecks);
  const inner = em.createQueryBuilder(BestPractice, 't').select('t.*').where(where as never).toQuery();
  const columns = loadedColumns(em, BestPractice).map((c) => `x.${quoteIdentifier(c)}`);
  const [published, id] = [columnOf(em, BestPractice, 'publishedAt'), columnOf(em, BestPractice, 'id')].map(quoteIdentifier);
  // ts_rank_cd's result is a real; the cursor's rank is compared as one, so it is the very value ordered on.
  const sql = `select * from (
      select ${columns.join(', ')}, ts_rank_cd(x.${vectorOf(viewer)}, ${rowQuery('x')}) as "__rank" from (${inner.sql}) x
    ) ranked
    ${after ? `where ("__rank", ${published}, ${id}) < (?::real, ?::timestamptz, ?::uuid)` : ''}
    order by "__rank" desc, ${published} desc, ${id} desc limit ?`;
  const rows = await executeRaw<Record<string, unknown>[]>(em, sql, [search, ...inner.params, ...(after ?? []), limit + 1]);
  const edges = rows.slice(0, limit).map(({ __rank, ...data }) => {
    const node = em.map(BestPractice, data as never);
    return { cursor: encodeCursor([Number(__rank), node.publishedAt.toISOString(), node.id]), node };
  });
  return {
    edges,
    pageInfo: { hasNextPage: rows.length > limit, hasPreviousPage: false, startCursor: edges[0]?.cursor ?? null, endCursor: edges.at(-1)?.cursor ?? null },
    totalCount: lazy(() => em.count(BestPractice, where as never)),
  };
}

// Snippets mark matched words with two private-use characters, removed from the text first so that no practice can
// forge a mark; they become <mark> elements once the rest is HTML-escaped.
const OPEN = '\uE000', CLOSE = '\uE001';
const HEADLINE_OPTIONS = `StartSel=${OPEN}, StopSel=${CLOSE}, MaxWords=25, MinWords=10, ShortWord=3, MaxFragments=2, FragmentDelimiter=" … "`;
/** Characters of text a snippet shows at most (marks and escapes aside). */
export const SNIPPET_MAX_CHARS = 320;

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** ts_headline's output as HTML: the text escaped, each match in <mark>, cut at SNIPPET_MAX_CHARS with marks closed. */
export function snippetHtml(headline: string): string {
  let html = '', shown = 0, open = false;
  for (const char of headline) {
    if (char === OPEN || char === CLOSE) {
      if ((char === OPEN) !== open) html += open ? '</mark>' : '<mark>';
      open = char === OPEN;
      continue;
    }
    if (shown === SNIPPET_MAX_CHARS) {
      html += '…';
      break;
    }
    html += ESCAPES[char] ?? char;
    shown += 1;
  }
  return open ? `${html}</mark>` : html;
}

/**
 * Snippets of the practices a searched list returned, by practice id: one statement per batch (a page, or the
 * pages of every parent of a nested list). Made from the summary, and from the body only for a viewer who may read
 * it; the rows are re-scoped to those the viewer may see.
 */
export function snippetLoader(em: EntityManager, viewer: Viewer, search: string, visible: FilterQuery<BestPractice>): DataLoader<string, string | null> {
  return new DataLoader(async (ids) => {
    const wanted = ids.filter(isUuid);
    if (!wanted.length) return ids.map(() => null);
    const inner = em.createQueryBuilder(BestPractice, 't').select('t.*').where({ $and: [visible, { id: { $in: wanted } }] } as never).toQuery();
    const text = readsBodies(viewer) ? `x.summary || E'\\n' || x.body` : 'x.summary';
    const sql = `select x.id, ts_headline(${searchConfigSql('x.language')}, translate(${text}, ?, ''), ${rowQuery('x')}, ?) as "headline" from (${inner.sql}) x`;
    const rows = await executeRaw<{ id: string; headline: string }[]>(em, sql, [OPEN + CLOSE, search, HEADLINE_OPTIONS, ...inner.params]);
    const byId = new Map(rows.map((r) => [r.id, snippetHtml(r.headline)]));
    return ids.map((id) => byId.get(id) ?? null);
  });
}

/**
 * The request's searched lists and their snippets. A list registers its search under its place in the response (its
 * path: a practice can show in two lists searched for different words in one request, as one object); a node's
 * snippet is that of the list it is in, loaded with every other node of the same search in one statement.
 */
export class SearchSnippets {
  private readonly searches = new Map<string, string>();
  private readonly loaders = new Map<string, DataLoader<string, string | null>>();

  constructor(private readonly em: EntityManager, private readonly viewer: Viewer, private readonly visible: FilterQuery<BestPractice>) {}

  /** A list at `listKey` was searched for `search` (or not searched). */
  listed(listKey: string, search: string | null | undefined): void {
    if (search) this.searches.set(listKey, search);
  }

  /** The snippet of a practice in the list at `listKey`: null when that list was not searched. */
  async of(listKey: string, id: string): Promise<string | null> {
    const search = this.searches.get(listKey);
    if (!search) return null;
    let loader = this.loaders.get(search);
    if (!loader) this.loaders.set(search, (loader = snippetLoader(this.em, this.viewer, search, this.visible)));
    return loader.load(id);
  }
}
