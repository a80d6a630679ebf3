import { Migration } from '@mikro-orm/migrations';

// Generated: full-text search of best practices (best-practice.search.ts). Two stored tsvectors made in each
// practice's own language (best-practice.languages.ts), title weighted A, summary B, body D: `search_head` (title
// and summary, what everyone who sees the row may read) and `search_full` (with the body), each GIN-indexed.

export class Migration20261130160000_search_vectors extends Migration {

  override name = 'Migration20261130160000_search_vectors';

  override up(): void | Promise<void> {
    this.addSql(`alter table "best_practice" add "search_head" tsvector generated always as (setweight(to_tsvector((case language when 'fr' then 'french'::regconfig when 'nl' then 'dutch'::regconfig when 'de' then 'german'::regconfig when 'es' then 'spanish'::regconfig when 'it' then 'italian'::regconfig when 'pt' then 'portuguese'::regconfig when 'en' then 'english'::regconfig else 'simple'::regconfig end), title), 'A') || setweight(to_tsvector((case language when 'fr' then 'french'::regconfig when 'nl' then 'dutch'::regconfig when 'de' then 'german'::regconfig when 'es' then 'spanish'::regconfig when 'it' then 'italian'::regconfig when 'pt' then 'portuguese'::regconfig when 'en' then 'english'::regconfig else 'simple'::regconfig end), summary), 'B')) stored not null, add "search_full" tsvector generated always as (setweight(to_tsvector((case language when 'fr' then 'french'::regconfig when 'nl' then 'dutch'::regconfig when 'de' then 'german'::regconfig when 'es' then 'spanish'::regconfig when 'it' then 'italian'::regconfig when 'pt' then 'portuguese'::regconfig when 'en' then 'english'::regconfig else 'simple'::regconfig end), title), 'A') || setweight(to_tsvector((case language when 'fr' then 'french'::regconfig when 'nl' then 'dutch'::regconfig when 'de' then 'german'::regconfig when 'es' then 'spanish'::regconfig when 'it' then 'italian'::regconfig when 'pt' then 'portuguese'::regconfig when 'en' then 'english'::regconfig else 'simple'::regconfig end), summary), 'B') || setweight(to_tsvector((case language when 'fr' then 'french'::regconfig when 'nl' then 'dutch'::regconfig when 'de' then 'german'::regconfig when 'es' then 'spanish'::regconfig when 'it' then 'italian'::regconfig when 'pt' then 'portuguese'::regconfig when 'en' then 'english'::regconfig else 'simple'::regconfig end), body), 'D')) stored not null;`);
    this.addSql(`create index "best_practice_search_full_index" on "best_practice" using gin ("search_full");`);
    this.addSql(`create index "best_practice_search_head_index" on "best_practice" using gin ("search_head");`);
  }

  override down(): void | Promise<void> {
    this.addSql(`drop index "best_practice_search_full_index";`);
    this.addSql(`drop index "best_practice_search_head_index";`);
    this.addSql(`alter table "best_practice" drop column "search_head", drop column "search_full";`);
  }

}
