// What both pages share: their configuration (a data attribute the gateway writes: no inline script), the
// GraphQL endpoint (their own operations sent as persisted documents: by id only), and the development sign-in. The token lives in sessionStorage (gone with the tab; never in a
// URL, never in localStorage) and is sent as `Authorization: Bearer …`, exactly as any client would.

import type { TypedDocumentNode } from '@graphql-typed-document-node/core';
import { DevSignInAgenciesDocument, type DevSignInAgenciesQuery } from './gql/graphql';

export interface PageConfig {
  /** Present outside production: which roles each kind of agency may hold (src/auth/viewer.ts). */
  devSignIn?: { rolesByKind: Record<string, string[]> };
  /** GraphiQL only: the Monaco workers' hashed URLs under /assets/. */
  workers?: Record<'editor' | 'graphql' | 'json', string>;
}

export function pageConfig(): PageConfig {
  return JSON.parse(document.body.dataset.hub ?? '{}') as PageConfig;
}

export interface Session {
  token: string;
  agency: string;
  roles: string[];
  expiresAt: string;
}

const SESSION_KEY = 'port-alliance-hub.dev-session';

export function currentSession(): Session | null {
  const raw = sessionStorage.getItem(SESSION_KEY);
  if (!raw) return null;
  const session = JSON.parse(raw) as Session;
  if (Date.parse(session.expiresAt) <= Date.now()) {
    sessionStorage.removeItem(SESSION_KEY);
    return null;
  }
  return session;
}

export interface GraphQLAnswer<T> {
  data?: T | null;
  errors?: { message: string; path?: (string | number)[]; extensions?: { code?: string } }[];
}

interface GeneratedDocument {
  __meta__?: { hash?: string };
  definitions?: ReadonlyArray<{ kind: string; name?: { value: string } }>;
}

/**
 * POST /graphql as the signed-in viewer (or anonymously), as examples/partner-client/src/hub-client.ts does: the
 * document's id in the manifest `npm run codegen` writes (src/web/client/gql/persisted-documents.json, installed at
 * the gateway by default), its operation name and variables, never its text. So the pages work for partners, who
 * may run only persisted operations, and under PERSISTED_DOCUMENTS_ONLY.
 */
export async function persisted<TData, TVariables>(document: TypedDocumentNode<TData, TVariables>, variables: TVariables, session = currentSession()): Promise<GraphQLAnswer<TData>> {
  const generated = document as unknown as GeneratedDocument;
  const documentId = generated.__meta__?.hash;
  if (!documentId) throw new Error('This document has no persisted id: generate it with `npm run codegen`');
  const operation = generated.definitions?.find((d) => d.kind === 'OperationDefinition');
  const res = await fetch('/graphql', {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      accept: 'application/graphql-response+json, application/json',
      ...(session ? { authorization: `Bearer ${session.token}` } : {}),
    },
    body: JSON.stringify({ documentId, operationName: operation?.name?.value, variables }),
  });
  try {
    return (await res.json()) as GraphQLAnswer<TData>;
  } catch {
    return { errors: [{ message: `the hub answered HTTP ${res.status} without a GraphQL response` }] };
  }
}

interface AgencyRow {
  code: string;
  name: string;
  kind: string;
}

/** Every member agency from the public directory, page by page. */
async function allAgencies(): Promise<AgencyRow[]> {
  const rows: AgencyRow[] = [];
  let after: string | null = null;
  for (let page = 0; page < 20; page++) {
    const answer: GraphQLAnswer<DevSignInAgenciesQuery> = await persisted(DevSignInAgenciesDocument, { after }, null);
    if (!answer.data) throw new Error(answer.errors?.[0]?.message ?? 'agencies could not be listed');
    rows.push(...answer.data.agencies.edges.map((e) => e.node));
    if (!answer.data.agencies.pageInfo.hasNextPage) break;
    after = answer.data.agencies.pageInfo.endCursor;
  }
  return rows.sort((a, b) => a.code.localeCompare(b.code));
}

async function signIn(agency: string, roles: string[]): Promise<Session> {
  const res = await fetch('/dev/sign-in', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ agency, roles }) });
  const body = (await res.json()) as { token?: string; expiresAt?: string; errors?: { message: string }[] };
  if (!res.ok || !body.token || !body.expiresAt) throw new Error(body.errors?.[0]?.message ?? `sign-in failed (HTTP ${res.status})`);
  const session: Session = { token: body.token, agency, roles, expiresAt: body.expiresAt };
  sessionStorage.setItem(SESSION_KEY, JSON.stringify(session));
  return session;
}

function element<K extends keyof HTMLElementTagNameMap>(tag: K, props: Partial<HTMLElementTagNameMap[K]> = {}, ...children: (Node | string)[]): HTMLElementTagNameMap[K] {
  const node = Object.assign(document.createElement(tag), props);
  node.append(...children);
  return node;
}

/**
 * The development sign-in form: an agency of the directory and the roles its kind may hold. Calls `onChange` with
 * the new session (or null when signed out). Shows nothing in production (the page then has no devSignIn config).
 * `note`: a line under the form (GraphiQL says there what partners may run).
 */
export function mountDevSignIn(container: HTMLElement, config: PageConfig, onChange: (session: Session | null) => void, note?: string): void {
  container.classList.add('dev-sign-in');
  const noteLine = note ? [element('p', { className: 'dev-sign-in-note' }, note)] : [];
  if (!config.devSignIn) {
    container.append(element('span', { className: 'dev-sign-in-status' }, 'Sign in with your identity provider and send its token in the Authorization header.'), ...noteLine);
    return;
  }
  const rolesByKind = config.devSignIn.rolesByKind;
  const agencySelect = element('select', { name: 'agency', title: 'Agency' });
  const roleSelect = element('select', { name: 'role', title: 'Role' });
  const button = element('button', { type: 'submit', className: 'dev-sign-in-button' }, 'Sign in');
  const out = element('button', { type: 'button', className: 'dev-sign-out-button' }, 'Sign out');
  const status = element('span', { className: 'dev-sign-in-status', role: 'status' });
  const form = element('form', { className: 'dev-sign-in-form' }, element('strong', {}, 'Development sign-in'), agencySelect, roleSelect, button, out, status);
  container.append(form, ...noteLine);

  const kindOf = new Map<string, string>();
  const showRoles = () => {
    const roles = rolesByKind[kindOf.get(agencySelect.value) ?? ''] ?? [];
    const previous = roleSelect.value;
    roleSelect.replaceChildren(...roles.map((r) => element('option', { value: r }, r)));
    if (roles.includes(previous)) roleSelect.value = previous;
  };
  const showSession = (session: Session | null) => {
    status.textContent = session ? `Signed in: ${session.roles.join(', ')} of ${session.agency}` : 'Anonymous';
    out.hidden = !session;
  };
  showSession(currentSession());
  agencySelect.addEventListener('change', showRoles);
  out.addEventListener('click', () => {
    sessionStorage.removeItem(SESSION_KEY);
    showSession(null);
    onChange(null);
  });
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    button.disabled = true;
    signIn(agencySelect.value, [roleSelect.value])
      .then((session) => {
        showSession(session);
        onChange(session);
      })
      .catch((error: Error) => {
        status.textContent = `Sign-in refused: ${error.message}`;
      })
      .finally(() => {
        button.disabled = false;
      });
  });
  allAgencies()
    .then((agencies) => {
      for (const a of agencies) kindOf.set(a.code, a.kind);
      agencySelect.replaceChildren(...agencies.map((a) => element('option', { value: a.code, title: a.name }, `${a.code} (${a.kind.toLowerCase().replace(/_/g, ' ')})`)));
      const session = currentSession();
      if (session && kindOf.has(session.agency)) agencySelect.value = session.agency;
      showRoles();
      if (session && session.roles[0]) roleSelect.value = session.roles[0];
    })
    .catch((error: Error) => {
      status.textContent = `Agencies unavailable: ${error.message}`;
    });
}
