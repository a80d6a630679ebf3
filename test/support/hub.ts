// A real hub for one test file: its own freshly migrated database, the real express +
// Apollo server on a free loopback port, and a typed GraphQL client speaking HTTP.
import { randomBytes } from 'node:crypto';
import { print, type DocumentNode, type GraphQLFormattedError } from 'graphql';
import type { TypedDocumentNode } from '@graphql-typed-document-node/core';
import type { MikroORM } from '@mikro-orm/postgresql';
import pg from 'pg';
import { migrate, openDatabase, type Database } from '../../src/db/database.js';
import { startHubServer, type HubServer } from '../../src/hub/server.js';

export interface GraphQLResponse<TData> {
  data?: TData | null;
  errors?: GraphQLFormattedError[];
}

export interface TestHub {
  url: string;
  orm: MikroORM;
  /** Sends an operation over HTTP; returns the whole response (data and errors). */
  send<TData, TVars extends Record<string, unknown>>(
    document: TypedDocumentNode<TData, TVars> | DocumentNode | string,
    variables?: TVars,
    headers?: Record<string, string>,
  ): Promise<GraphQLResponse<TData>>;
  /** Sends an operation and fails the test on any error; returns data. */
  query<TData, TVars extends Record<string, unknown>>(
    document: TypedDocumentNode<TData, TVars> | DocumentNode | string,
    variables?: TVars,
    headers?: Record<string, string>,
  ): Promise<TData>;
  /** SQL statements the ORM ran since the last reset. */
  statements: string[];
  close(): Promise<void>;
}

async function createDatabase(): Promise<string> {
  const serverUrl = process.env.HUB_TEST_PG_URL;
  if (!serverUrl) throw new Error('HUB_TEST_PG_URL is not set: run the tests through jest (global-setup starts PostgreSQL)');
  const name = `t_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  try {
    await admin.query(`create database ${name}`);
  } finally {
    await admin.end();
  }
  return serverUrl.replace(/\/hub$/, `/${name}`);
}

export async function startTestHub(): Promise<TestHub> {
  const statements: string[] = [];
  const databaseUrl = await createDatabase();
  const db: Database = await openDatabase(
    { databaseUrl, dataDir: '', embeddedPgPort: 0, debugSql: false },
    { onQuery: (message) => statements.push(message) },
  );
  await migrate(db.orm);
  statements.length = 0;
  const server: HubServer = await startHubServer(db.orm, { host: '127.0.0.1', port: 0 });

  const send: TestHub['send'] = async (document, variables, headers = {}) => {
    const query = typeof document === 'string' ? document : print(document);
    const res = await fetch(server.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body: JSON.stringify({ query, variables }),
    });
    return (await res.json()) as GraphQLResponse<never>;
  };

  return {
    url: server.url,
    orm: db.orm,
    statements,
    send,
    async query(document, variables, headers) {
      const result = await send(document, variables, headers);
      if (result.errors?.length) throw new Error(`GraphQL errors: ${JSON.stringify(result.errors, null, 2)}`);
      return result.data as never;
    },
    async close() {
      await server.stop();
      await db.close();
    },
  };
}
