// GraphiQL at the gateway's /graphql, every asset from the hub: the editor (Monaco) and its workers, the docs pane
// (GraphiQL's own), the explorer and history panes, the headers editor, example operations and, outside production,
// the development sign-in that fills the Authorization header.
import { useEffect, useRef, useState } from 'react';
import { createRoot } from 'react-dom/client';
import { GraphiQL, HISTORY_PLUGIN } from 'graphiql';
import { useGraphiQL, useGraphiQLActions } from '@graphiql/react';
import { explorerPlugin } from '@graphiql/plugin-explorer';
import { createGraphiQLFetcher } from '@graphiql/toolkit';
import 'graphiql/style.css';
import '@graphiql/plugin-explorer/style.css';
import './graphiql.css';
import { exampleOperations } from './examples';
import { currentSession, mountDevSignIn, pageConfig, type Session } from './hub';

const config = pageConfig();

// Monaco asks for a worker per language; each is a bundled script the hub serves (src/scripts/build-web.ts).
const workers = config.workers;
if (!workers) throw new Error('the page has no worker configuration');
(globalThis as unknown as { MonacoEnvironment: { getWorker(id: string, label: string): Worker } }).MonacoEnvironment = {
  getWorker(_id, label) {
    if (label === 'graphql') return new Worker(workers.graphql, { name: 'graphql' });
    if (label === 'json') return new Worker(workers.json, { name: 'json' });
    return new Worker(workers.editor, { name: 'editor' });
  },
};

const fetcher = createGraphiQLFetcher({ url: '/graphql' });
const explorer = explorerPlugin();

function headersWith(current: string, session: Session | null): string {
  let headers: Record<string, unknown> = {};
  try {
    headers = current.trim() ? (JSON.parse(current) as Record<string, unknown>) : {};
  } catch {
    headers = {};
  }
  for (const name of Object.keys(headers)) if (name.toLowerCase() === 'authorization') delete headers[name];
  if (session) headers = { Authorization: `Bearer ${session.token}`, ...headers };
  return JSON.stringify(headers, null, 2);
}

/**
 * Partners (and everyone when the hub runs PERSISTED_DOCUMENTS_ONLY) may send only the alliance's persisted
 * operations: the gateway refuses what GraphiQL sends (query text) with PERSISTED_DOCUMENT_REQUIRED. Said up front.
 */
const PARTNER_NOTE = "Partners (private operators) can run only the alliance's published operations (persisted documents): GraphiQL's query text, docs and explorer are refused for them (PERSISTED_DOCUMENT_REQUIRED). The statistics dashboard works for them.";

/** The sign-in bar; it writes the token into the headers editor of the tab shown (and of each tab opened later). */
function DevSignIn() {
  const container = useRef<HTMLDivElement>(null);
  const [session, setSession] = useState(currentSession);
  const headerEditor = useGraphiQL((state) => state.headerEditor);
  const activeTab = useGraphiQL((state) => state.activeTabIndex);

  useEffect(() => {
    const el = container.current;
    if (el && !el.childElementCount) mountDevSignIn(el, config, setSession, PARTNER_NOTE);
  }, []);
  const { updateActiveTabValues } = useGraphiQLActions();
  // Whenever the session, the tab or the editor changes: the headers editor carries this session's token (or none).
  // The tab's own state is updated at once too: GraphiQL stores an edit in it only after a pause, and a tab click
  // before that would put the tab's old headers back in the editor.
  useEffect(() => {
    if (!headerEditor) return;
    const value = headerEditor.getValue();
    const next = headersWith(value, session);
    if (next === value || (session ? value.includes(session.token) : !/authorization/i.test(value))) return;
    headerEditor.setValue(next);
    updateActiveTabValues({ headers: next });
  }, [headerEditor, activeTab, session, updateActiveTabValues]);
  return <div ref={container} />;
}

// GraphiQL 5 opens the first of `defaultTabs` with its query but not its variables (its provider falls back to the
// first tab's query only), so the first example would fail until its tab is clicked: on a first visit (no tabs
// stored yet), its variables are given as the initial ones; later visits restore what the user left.
const firstVisit = localStorage.getItem('graphiql:tabState') === null;

function App() {
  return (
    <GraphiQL
      fetcher={fetcher}
      plugins={[explorer, HISTORY_PLUGIN]}
      defaultTabs={exampleOperations}
      initialVariables={firstVisit ? exampleOperations[0]!.variables : undefined}
      defaultEditorToolsVisibility="headers"
      shouldPersistHeaders={false}
    >
      <GraphiQL.Logo>
        <span className="hub-title">Port Alliance Hub</span>
        <a className="hub-link" href="/dashboard">Statistics</a>
      </GraphiQL.Logo>
      <GraphiQL.Footer>
        <DevSignIn />
      </GraphiQL.Footer>
    </GraphiQL>
  );
}

createRoot(document.getElementById('root')!).render(<App />);
