// `npm run migration:up`: applies pending migrations as the schema owner (MIGRATION_DATABASE_URL, or DATABASE_URL
// when one role does everything; or the embedded database's owner), then grants the runtime role (DATABASE_URL)
// what it may do.
import 'reflect-metadata';
import { loadConfig } from '../config.js';
import { migrate, openDatabase } from '../db/database.js';

const db = await openDatabase(loadConfig(), { role: 'owner' });
try {
  const applied = await migrate(db.orm, { runtimeUrl: db.runtimeUrl });
  console.log(applied.length ? `Applied: ${applied.join(', ')}` : 'Database is up to date.');
} finally {
  await db.close();
}
