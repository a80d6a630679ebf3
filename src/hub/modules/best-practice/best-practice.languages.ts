// Which PostgreSQL text-search configuration reads a practice, by its ISO 639-1 language: the stemmer and stop
// words of its own language, so that "conteneur frigorifique" finds "conteneurs frigorifiques" in French.
// The generated search columns (best-practice.entity.ts) and the queries (best-practice.search.ts) both come from
// this one map, so a practice is always queried in the configuration it was indexed with.

/** Languages with a stemming configuration; any other language is read word for word ('simple'). */
export const SEARCH_CONFIGS: Readonly<Record<string, string>> = Object.freeze({
  fr: 'french',
  nl: 'dutch',
  de: 'german',
  es: 'spanish',
  it: 'italian',
  pt: 'portuguese',
  en: 'english',
});
export const FALLBACK_SEARCH_CONFIG = 'simple';

const CODE = /^[a-z]{2}$/;
const CONFIG = /^[a-z_]+$/;
for (const [code, config] of Object.entries(SEARCH_CONFIGS)) {
  // They are written into SQL as literals: keep them plain.
  if (!CODE.test(code) || !CONFIG.test(config)) throw new Error(`Bad search configuration ${code} → ${config}`);
}

/**
 * The configuration of the row whose language is in `languageColumn`, as SQL. Constants only, so it is immutable
 * and may be used in a generated column.
 */
export function searchConfigSql(languageColumn: string): string {
  const cases = Object.entries(SEARCH_CONFIGS).map(([code, config]) => `when '${code}' then '${config}'::regconfig`);
  return `(case ${languageColumn} ${cases.join(' ')} else '${FALLBACK_SEARCH_CONFIG}'::regconfig end)`;
}
