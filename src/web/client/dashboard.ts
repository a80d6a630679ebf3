// The statistics page at /dashboard: seizures per month by drug type, the top ports by quantity and the detection
// methods, for the signed-in viewer, from `seizureStatistics` through the gateway (so the access policy, the
// disclosure control and the audit apply as to any client). Its operations are static documents
// (operations/dashboard.graphql), sent by their persisted id only (hub.ts `persisted`), so the page works for
// partners and under PERSISTED_DOCUMENTS_ONLY. Each chart has the table of exactly what it draws and a CSV download of
// that table. A bucket the hub suppressed (fewer than 5 seizures, outside law enforcement) is absent from the answer
// and counted in its suppressedBuckets: an absent cell reads 0 only when the answer says it is empty, "suppressed" only
// when it says every absent cell is suppressed, and "0 or suppressed" otherwise (the API does not say which absent
// cells are suppressed, and the page does not try to find out); the chart leaves it out.
import { BarController, BarElement, CategoryScale, Chart, Legend, LinearScale, Tooltip } from 'chart.js';
import './dashboard.css';
import { DETECTION_METHODS, DRUG_TYPES } from './enums';
import { DashboardDetectionDocument, DashboardMonthlyDocument, DashboardPortsDocument, type SeizureFilter } from './gql/graphql';
import { currentSession, mountDevSignIn, pageConfig, persisted, type GraphQLAnswer, type Session } from './hub';

Chart.register(BarController, BarElement, CategoryScale, LinearScale, Legend, Tooltip);

const config = pageConfig();
/** At most this many months in one view (one statistics call for all of them: months × drug types buckets). */
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

/** The SeizureFilter of the filters, over whole months. */
export function seizureFilter(filters: Filters): SeizureFilter {
  return {
    seizedFrom: `${filters.fromMonth}-01`,
    seizedTo: lastDay(filters.toMonth),
    ...(filters.ports.length ? { ports: filters.ports } : {}),
    ...(filters.drugTypes.length ? { drugTypes: filters.drugTypes as SeizureFilter['drugTypes'] } : {}),
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

async function ask<T>(answer: Promise<GraphQLAnswer<T>>): Promise<T> {
  const { data, errors } = await answer;
  if (errors?.length || !data) {
    const first = errors?.[0];
    throw new Error(first ? `${first.message}${first.extensions?.code ? ` (${first.extensions.code})` : ''}` : 'no data');
  }
  return data;
}

/**
 * Seizures per month (rows) by drug type (columns), and each month's total: one request, the (month, drug type) cells
 * and the months as buckets of their own, each published or suppressed by the hub. Totals count every seizure of the
 * month (suppressed cells too), rounded as cells of their own: a row need not add up to its total.
 */
async function monthly(filters: Filters): Promise<ShownTable> {
  const months = monthsBetween(filters.fromMonth, filters.toMonth);
  const drugTypes = filters.drugTypes.length ? filters.drugTypes : [...DRUG_TYPES];
  const data = await ask(persisted(DashboardMonthlyDocument, { filter: seizureFilter(filters), cells: months.length * drugTypes.length, months: months.length }));
  if (data.cells.hasMoreBuckets || data.months.hasMoreBuckets) throw new Error('more buckets than months × drug types');
  const cells = new Map(data.cells.buckets.map((b) => [`${b.month} ${b.drugType}`, b.seizures]));
  const totals = new Map(data.months.buckets.map((b) => [b.month!, b.seizures]));
  // A month absent from the totals while they suppressed nothing has no seizure: its cells are 0, not suppressed.
  const emptyMonth = (month: string) => !totals.has(month) && data.months.suppressedBuckets === 0;
  const absentCells = months.flatMap((m) => (emptyMonth(m) ? [] : drugTypes.filter((d) => !cells.has(`${m} ${d}`)))).length;
  const absentMonths = months.filter((m) => !totals.has(m)).length;
  const rows = months.map((month) => [
    month,
    ...drugTypes.map((d) => {
      const seizures = cells.get(`${month} ${d}`);
      if (seizures !== undefined) return String(seizures);
      return emptyMonth(month) ? '0' : absentCell(absentCells, data.cells.suppressedBuckets);
    }),
    totals.has(month) ? String(totals.get(month)) : absentCell(absentMonths, data.months.suppressedBuckets),
  ]);
  return { header: ['Month', ...drugTypes, 'Total'], rows };
}

/** The ports with the most KG seized (ports without a KG quantity come last), and their seizures. */
async function topPorts(filters: Filters): Promise<{ table: ShownTable; note: string }> {
  const { seizureStatistics: s } = await ask(persisted(DashboardPortsDocument, { filter: seizureFilter(filters) }));
  const ranked = s.buckets
    .filter((b) => b.port)
    .sort((a, b) => (b.quantityKg == null ? -1 : Number(b.quantityKg)) - (a.quantityKg == null ? -1 : Number(a.quantityKg)) || b.seizures - a.seizures)
    .slice(0, TOP_PORTS);
  const notes = [];
  if (s.suppressedBuckets) notes.push(`${s.suppressedBuckets} port(s) with fewer than 5 seizures are suppressed and not ranked.`);
  if (s.hasMoreBuckets) notes.push('More ports exist than were ranked (the 500 with the most seizures were).');
  return {
    table: { header: ['Port', 'Name', 'Quantity (kg)', 'Seizures'], rows: ranked.map((b) => [b.port!.unlocode, b.port!.name, b.quantityKg ?? 'no kg quantity', String(b.seizures)]) },
    note: notes.join(' '),
  };
}

/** Seizures and KG by detection method. */
async function detection(filters: Filters): Promise<ShownTable> {
  const { seizureStatistics: s } = await ask(persisted(DashboardDetectionDocument, { filter: seizureFilter(filters) }));
  const byMethod = new Map(s.buckets.map((b) => [b.detectionMethod!, b]));
  const absent = DETECTION_METHODS.filter((m) => !byMethod.has(m)).length;
  return {
    header: ['Detection method', 'Seizures', 'Quantity (kg)'],
    rows: DETECTION_METHODS.map((m) => {
      const b = byMethod.get(m);
      if (b) return [m, String(b.seizures), b.quantityKg ?? 'no kg quantity'];
      const cell = absentCell(absent, s.suppressedBuckets);
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
          const cells = table.rows.flatMap((r) => r.slice(1, -1));
          const suppressed = cells.filter((c) => c === SUPPRESSED).length;
          const unsure = cells.filter((c) => c === ZERO_OR_SUPPRESSED).length;
          const notes = [];
          if (suppressed) notes.push(`${suppressed} cell(s) are suppressed (1 to 4 seizures), not drawn.`);
          if (unsure) notes.push(`${unsure} cell(s) read "0 or suppressed": some hold 1 to 4 seizures (the hub says how many cells, not which), the others none; not drawn.`);
          perMonth.show(table, datasets, labels, notes.join(' '));
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
