// `npm run migration:up`: applies pending migrations to DATABASE_URL (or the embedded database).
import 'reflect-metadata';
import { loadConfig } from '../config.js';
import { migrate, openDatabase } from '../db/database.js';

const db = await openDatabase(loadConfig());
try {
  const applied = await migrate(db.orm);
  console.log(applied.length ? `Applied: ${applied.join(', ')}` : 'Database is up to date.');
} finally {
  await db.close();
}
