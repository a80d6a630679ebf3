// The statistics page at /dashboard: seizures per month by drug type, the top ports by quantity and the detection
// methods, for the signed-in viewer, from `seizureStatistics` through the gateway (so the access policy, the
// disclosure control and the audit apply as to any client). Each chart has the table of exactly what it draws and a
// CSV download of that table. A bucket the hub suppressed (fewer than 5 seizures, outside law enforcement) is
// absent from the answer: the table says "suppressed", never 0, and the chart leaves it out.
import { BarController, BarElement, CategoryScale, Chart, Legend, LinearScale, Tooltip } from 'chart.js';
import './dashboard.css';
import { DETECTION_METHODS, DRUG_TYPES } from './enums';
import { currentSession, graphql, mountDevSignIn, pageConfig, type GraphQLAnswer, type Session } from './hub';

Chart.register(BarController, BarElement, CategoryScale, LinearScale, Legend, Tooltip);

const config = pageConfig();
/** At most this many months in one view: each month is one aliased seizureStatistics field. */
const MAX_MONTHS = 24;
const TOP_PORTS = 10;
const COLORS = ['#1f77b4', '#ff7f0e', '#2ca02c', '#d62728', '#9467bd', '#8c564b', '#e377c2', '#7f7f7f', '#bcbd22', '#17becf'];

interface Filters {
  fromMonth: string; // YYYY-MM
  toMonth: string;
  ports: string[];
  drugTypes: string[];
}

/** A table as shown: header and rows of cell texts (the CSV is exactly this). */
export interface ShownTable {
  header: string[];
  rows: string[][];
}

interface Bucket {
  drugType?: string;
  detectionMethod?: string;
  port?: { unlocode: string; name: string } | null;
  seizures: number;
  quantityKg: string | null;
}
interface Statistics {
  seizures: number;
  suppressedBuckets: number;
  hasMoreBuckets: boolean;
  buckets: Bucket[];
}

const SUPPRESSED = 'suppressed';
const ZERO_OR_SUPPRESSED = '0 or suppressed';

function el<K extends keyof HTMLElementTagNameMap>(tag: K, props: Partial<HTMLElementTagNameMap[K]> = {}, ...children: (Node | string)[]): HTMLElementTagNameMap[K] {
  const node = Object.assign(document.createElement(tag), props);
  node.append(...children);
  return node;
}

function monthsBetween(from: string, to: string): string[] {
  const months: string[] = [];
  let [y, m] = from.split('-').map(Number) as [number, number];
  const [ty, tm] = to.split('-').map(Number) as [number, number];
  while ((y < ty || (y === ty && m <= tm)) && months.length <= MAX_MONTHS) {
    months.push(`${y}-${String(m).padStart(2, '0')}`);
    m += 1;
    if (m > 12) {
      m = 1;
      y += 1;
    }
  }
  return months;
}

function lastDay(month: string): string {
  const [y, m] = month.split('-').map(Number) as [number, number];
  return `${month}-${String(new Date(Date.UTC(y, m, 0)).getUTCDate()).padStart(2, '0')}`;
}

/** The SeizureFilter of the filters, over [from, to] (whole days). */
export function seizureFilter(filters: Filters, from = `${filters.fromMonth}-01`, to = lastDay(filters.toMonth)): Record<string, unknown> {
  return {
    seizedFrom: from,
    seizedTo: to,
    ...(filters.ports.length ? { ports: filters.ports } : {}),
    ...(filters.drugTypes.length ? { drugTypes: filters.drugTypes } : {}),
  };
}

/**
 * The value of a cell absent from an answer: 0 when the answer suppressed nothing; "suppressed" when every absent
 * cell must be a suppressed bucket (as many absent as suppressed); otherwise it cannot be told apart.
 */
function absentCell(absent: number, suppressedBuckets: number): string {
  if (suppressedBuckets === 0) return '0';
  return absent === suppressedBuckets ? SUPPRESSED : ZERO_OR_SUPPRESSED;
}

const STATS_FIELDS = 'seizures suppressedBuckets hasMoreBuckets';

async function ask<T>(query: string, variables: Record<string, unknown>): Promise<T> {
  const answer: GraphQLAnswer<T> = await graphql<T>(query, variables);
  if (answer.errors?.length || !answer.data) {
    const first = answer.errors?.[0];
    throw new Error(first ? `${first.message}${first.extensions?.code ? ` (${first.extensions.code})` : ''}` : 'no data');
  }
  return answer.data;
}

/** Root fields per request: the gateway's limit (MAX_ROOT_FIELDS), which it gives the page. */
const ROOT_FIELDS_PER_REQUEST = Math.max(1, Math.min(config.maxRootFields ?? 10, 25));

/**
 * Asks seizureStatistics once per item, as aliased root fields `a0`, `a1`, … of as few requests as the gateway's
 * root field limit allows (sent together), and returns the answers in the items' order.
 */
async function askEach<T>(name: string, items: Record<string, unknown>[], selection: string): Promise<T[]> {
  const requests: Promise<T[]>[] = [];
  for (let start = 0; start < items.length; start += ROOT_FIELDS_PER_REQUEST) {
    const batch = items.slice(start, start + ROOT_FIELDS_PER_REQUEST);
    const query = `query ${name}(${batch.map((_, i) => `$f${i}: SeizureFilter`).join(', ')}) { ${batch.map((_, i) => `a${i}: seizureStatistics(filter: $f${i}, ${selection}`).join(' ')} }`;
    const variables = Object.fromEntries(batch.map((filter, i) => [`f${i}`, filter]));
    requests.push(ask<Record<string, T>>(query, variables).then((data) => batch.map((_, i) => data[`a${i}`]!)));
  }
  return (await Promise.all(requests)).flat();
}

/**
 * For cells absent from their month's answer while the month has suppressed buckets: whether each is one of them.
 * A question per cell (that month, that drug type), as many per request as the alias limit allows; the answer's
 * suppressedBuckets (0 or 1) tells a suppressed cell from an empty one. It reveals nothing the month's own answer did
 * not: only which of its absent cells hold the 1 to 4 seizures it already said were suppressed.
 */
async function suppressedCells(filters: Filters, cells: { month: string; drugType: string }[]): Promise<Set<string>> {
  const answers = await askEach<{ suppressedBuckets: number }>(
    'DashboardSuppressedCells',
    cells.map((c) => ({ ...seizureFilter(filters, `${c.month}-01`, lastDay(c.month)), drugTypes: [c.drugType] })),
    'groupBy: [DRUG_TYPE], first: 1) { suppressedBuckets }',
  );
  return new Set(cells.filter((_, i) => answers[i]!.suppressedBuckets > 0).map((c) => `${c.month} ${c.drugType}`));
}

/** Seizures per month (rows) by drug type (columns), and each month's published total. */
async function monthly(filters: Filters): Promise<ShownTable> {
  const months = monthsBetween(filters.fromMonth, filters.toMonth);
  const drugTypes = filters.drugTypes.length ? filters.drugTypes : [...DRUG_TYPES];
  const perMonth = await askEach<Statistics>(
    'DashboardMonthly',
    months.map((m) => seizureFilter(filters, `${m}-01`, lastDay(m))),
    `groupBy: [DRUG_TYPE], first: 20) { ${STATS_FIELDS} buckets { drugType seizures } }`,
  );
  const answers = months.map((month, i) => {
    const stats = perMonth[i]!;
    return { month, stats, byType: new Map(stats.buckets.map((b) => [b.drugType!, b.seizures])) };
  });
  // Absent cells are 0, except in a month with suppressed buckets: there, unless all absent ones are suppressed, ask.
  const unsure = answers.flatMap(({ month, stats, byType }) => {
    const absent = drugTypes.filter((d) => !byType.has(d));
    return stats.suppressedBuckets > 0 && absent.length !== stats.suppressedBuckets ? absent.map((drugType) => ({ month, drugType })) : [];
  });
  const suppressed = await suppressedCells(filters, unsure);
  const rows = answers.map(({ month, stats, byType }) => {
    const absent = drugTypes.filter((d) => !byType.has(d)).length;
    const emptyCell = (d: string) => (stats.suppressedBuckets === 0 ? '0' : absent === stats.suppressedBuckets || suppressed.has(`${month} ${d}`) ? SUPPRESSED : '0');
    return [month, ...drugTypes.map((d) => (byType.has(d) ? String(byType.get(d)) : emptyCell(d))), String(stats.seizures)];
  });
  return { header: ['Month', ...drugTypes, 'Total'], rows };
}

/** The ports with the most KG seized (ports without a KG quantity come last), and their seizures. */
async function topPorts(filters: Filters): Promise<{ table: ShownTable; note: string }> {
  const data = await ask<{ s: Statistics }>(
    `query DashboardPorts($filter: SeizureFilter) { s: seizureStatistics(filter: $filter, groupBy: [PORT], first: 500) { ${STATS_FIELDS} buckets { port { unlocode name } seizures quantityKg } } }`,
    { filter: seizureFilter(filters) },
  );
  const ranked = data.s.buckets
    .filter((b) => b.port)
    .sort((a, b) => (b.quantityKg === null ? -1 : Number(b.quantityKg)) - (a.quantityKg === null ? -1 : Number(a.quantityKg)) || b.seizures - a.seizures)
    .slice(0, TOP_PORTS);
  const notes = [];
  if (data.s.suppressedBuckets) notes.push(`${data.s.suppressedBuckets} port(s) with fewer than 5 seizures are suppressed and not ranked.`);
  if (data.s.hasMoreBuckets) notes.push('More ports exist than were ranked (the 500 with the most seizures were).');
  return {
    table: { header: ['Port', 'Name', 'Quantity (kg)', 'Seizures'], rows: ranked.map((b) => [b.port!.unlocode, b.port!.name, b.quantityKg ?? 'no kg quantity', String(b.seizures)]) },
    note: notes.join(' '),
  };
}

/** Seizures and KG by detection method. */
async function detection(filters: Filters): Promise<ShownTable> {
  const data = await ask<{ s: Statistics }>(
    `query DashboardDetection($filter: SeizureFilter) { s: seizureStatistics(filter: $filter, groupBy: [DETECTION_METHOD], first: 20) { ${STATS_FIELDS} buckets { detectionMethod seizures quantityKg } } }`,
    { filter: seizureFilter(filters) },
  );
  const byMethod = new Map(data.s.buckets.map((b) => [b.detectionMethod!, b]));
  const absent = DETECTION_METHODS.filter((m) => !byMethod.has(m)).length;
  return {
    header: ['Detection method', 'Seizures', 'Quantity (kg)'],
    rows: DETECTION_METHODS.map((m) => {
      const b = byMethod.get(m);
      if (b) return [m, String(b.seizures), b.quantityKg ?? 'no kg quantity'];
      const cell = absentCell(absent, data.s.suppressedBuckets);
      return [m, cell, cell];
    }),
  };
}

/**
 * RFC 4180 CSV of the table as shown. A text cell a spreadsheet would read as a formula (a port name starting with
 * =, +, - or @) gets a leading ' (OWASP's advice against CSV injection); figures never start so.
 */
export function toCsv(table: ShownTable): string {
  const safe = (text: string) => (/^[=+\-@\t\r]/.test(text) ? `'${text}` : text);
  const cell = (raw: string) => {
    const text = safe(raw);
    return /[",\n\r]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
  };
  return [table.header, ...table.rows].map((row) => row.map(cell).join(',')).join('\r\n') + '\r\n';
}

function download(name: string, table: ShownTable): void {
  const url = URL.createObjectURL(new Blob([toCsv(table)], { type: 'text/csv;charset=utf-8' }));
  const link = el('a', { href: url, download: name });
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

function renderTable(table: ShownTable): HTMLTableElement {
  return el(
    'table',
    { className: 'figures' },
    el('thead', {}, el('tr', {}, ...table.header.map((h) => el('th', { scope: 'col' }, h)))),
    el('tbody', {}, ...table.rows.map((row) => el('tr', {}, ...row.map((c, i) => el(i === 0 ? 'th' : 'td', { className: c === SUPPRESSED || c === ZERO_OR_SUPPRESSED ? 'suppressed' : '' }, c))))),
  );
}

const numberOf = (cell: string | undefined): number | null => (cell !== undefined && /^\d+(\.\d+)?$/.test(cell) ? Number(cell) : null);

interface Panel {
  section: HTMLElement;
  show(table: ShownTable, datasets: { label: string; data: (number | null)[] }[], labels: string[], note?: string): void;
  fail(message: string): void;
}

function panel(id: string, title: string, csvName: string, stacked: boolean, horizontal = false): Panel {
  const canvas = el('canvas', { role: 'img' });
  canvas.setAttribute('aria-label', title);
  const chartBox = el('div', { className: 'chart' }, canvas);
  const tableBox = el('div', { className: 'table-box' });
  const note = el('p', { className: 'note' });
  const button = el('button', { type: 'button', className: 'csv', disabled: true }, 'Download CSV');
  const section = el('section', { id, className: 'panel' }, el('h2', {}, title), chartBox, note, button, tableBox);
  let chart: Chart | undefined;
  let shown: ShownTable | undefined;
  button.addEventListener('click', () => shown && download(csvName, shown));
  return {
    section,
    show(table, datasets, labels, text = '') {
      shown = table;
      tableBox.replaceChildren(renderTable(table));
      note.textContent = text;
      button.disabled = false;
      chart?.destroy();
      chart = new Chart(canvas, {
        type: 'bar',
        data: { labels, datasets: datasets.map((d, i) => ({ ...d, backgroundColor: COLORS[i % COLORS.length] })) },
        options: {
          animation: false,
          indexAxis: horizontal ? 'y' : 'x',
          responsive: true,
          maintainAspectRatio: false,
          scales: { x: { stacked }, y: { stacked, beginAtZero: true } },
          plugins: { legend: { display: datasets.length > 1 } },
        },
      });
      const points = datasets.reduce((n, d) => n + d.data.filter((v) => v !== null).length, 0);
      canvas.dataset.points = String(points);
      section.dataset.state = 'drawn';
    },
    fail(message) {
      shown = undefined;
      chart?.destroy();
      chart = undefined;
      tableBox.replaceChildren();
      button.disabled = true;
      note.textContent = `Could not load: ${message}`;
      section.dataset.state = 'failed';
    },
  };
}

function thisMonth(offset = 0): string {
  const d = new Date();
  d.setUTCDate(1);
  d.setUTCMonth(d.getUTCMonth() + offset);
  return d.toISOString().slice(0, 7);
}

function start(): void {
  const root = document.getElementById('root')!;
  const signIn = el('div', { className: 'sign-in' });
  const viewer = el('p', { className: 'viewer', id: 'viewer' });
  const from = el('input', { type: 'month', name: 'from', value: thisMonth(-11), required: true });
  const to = el('input', { type: 'month', name: 'to', value: thisMonth(), required: true });
  const ports = el('input', { type: 'text', name: 'ports', placeholder: 'e.g. BEANR, NLRTM (all when empty)', size: 30, pattern: '^\\s*([A-Za-z]{2}[A-Za-z2-9]{3}\\s*(,\\s*|$))*$' });
  const drugBoxes = DRUG_TYPES.map((d) => el('input', { type: 'checkbox', name: 'drugType', value: d }));
  const apply = el('button', { type: 'submit' }, 'Apply');
  const problem = el('p', { className: 'problem', role: 'alert' });
  const form = el(
    'form',
    { className: 'filters' },
    el('label', {}, 'From ', from),
    el('label', {}, 'To ', to),
    el('label', {}, 'Ports ', ports),
    el('fieldset', {}, el('legend', {}, 'Drug types (all when none is ticked)'), ...drugBoxes.map((box) => el('label', {}, box, ` ${box.value}`))),
    apply,
  );
  const perMonth = panel('monthly', 'Seizures per month by drug type', 'seizures-per-month.csv', true);
  const byPort = panel('ports', `Top ${TOP_PORTS} ports by quantity (kg)`, 'top-ports.csv', false, true);
  const byMethod = panel('detection', 'Detection methods (seizures)', 'detection-methods.csv', false);
  root.append(
    el('header', {}, el('h1', {}, 'Seizure statistics'), el('a', { href: '/graphql' }, 'GraphiQL'), signIn),
    viewer,
    form,
    problem,
    el('main', {}, perMonth.section, byPort.section, byMethod.section),
  );

  const filters = (): Filters | string => {
    if (!from.value || !to.value) return 'Choose a period.';
    if (from.value > to.value) return 'The period starts after it ends.';
    if (monthsBetween(from.value, to.value).length > MAX_MONTHS) return `Choose at most ${MAX_MONTHS} months.`;
    const codes = ports.value.split(',').map((p) => p.trim().toUpperCase()).filter(Boolean);
    const bad = codes.filter((c) => !/^[A-Z]{2}[A-Z2-9]{3}$/.test(c));
    if (bad.length) return `Not a UN/LOCODE: ${bad.join(', ')}`;
    return { fromMonth: from.value, toMonth: to.value, ports: [...new Set(codes)], drugTypes: drugBoxes.filter((b) => b.checked).map((b) => b.value) };
  };

  const describe = (session: Session | null) => {
    viewer.textContent = session
      ? `Figures as ${session.roles.join(', ')} of ${session.agency} may see them.`
      : 'Figures as anyone may see them (not signed in).';
    viewer.append(' Outside law enforcement, counts are rounded at random to a multiple of 5 and buckets of fewer than 5 seizures are suppressed.');
  };

  let generation = 0;
  const load = async () => {
    const chosen = filters();
    if (typeof chosen === 'string') {
      problem.textContent = chosen;
      return;
    }
    problem.textContent = '';
    const mine = ++generation;
    document.body.dataset.state = 'loading';
    describe(currentSession());
    await Promise.all([
      monthly(chosen).then(
        (table) => {
          if (mine !== generation) return;
          const labels = table.rows.map((r) => r[0]!);
          const datasets = table.header.slice(1, -1).map((drug, i) => ({ label: drug, data: table.rows.map((r) => numberOf(r[i + 1])) }));
          const suppressed = table.rows.filter((r) => r.includes(SUPPRESSED) || r.includes(ZERO_OR_SUPPRESSED)).length;
          perMonth.show(table, datasets, labels, suppressed ? `${suppressed} month(s) have suppressed cells (fewer than 5 seizures), not drawn.` : '');
        },
        (error: Error) => mine === generation && perMonth.fail(error.message),
      ),
      topPorts(chosen).then(
        ({ table, note }) => {
          if (mine !== generation) return;
          byPort.show(table, [{ label: 'kg', data: table.rows.map((r) => numberOf(r[2])) }], table.rows.map((r) => r[0]!), note);
        },
        (error: Error) => mine === generation && byPort.fail(error.message),
      ),
      detection(chosen).then(
        (table) => {
          if (mine !== generation) return;
          const suppressed = table.rows.some((r) => r[1] === SUPPRESSED || r[1] === ZERO_OR_SUPPRESSED);
          byMethod.show(table, [{ label: 'seizures', data: table.rows.map((r) => numberOf(r[1])) }], table.rows.map((r) => r[0]!), suppressed ? 'Suppressed methods (fewer than 5 seizures) are not drawn.' : '');
        },
        (error: Error) => mine === generation && byMethod.fail(error.message),
      ),
    ]);
    if (mine === generation) document.body.dataset.state = 'ready';
  };

  form.addEventListener('submit', (event) => {
    event.preventDefault();
    void load();
  });
  mountDevSignIn(signIn, config, () => void load());
  void load();
}

start();
