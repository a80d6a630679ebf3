// The two database roles of the hub (README, "Database and migrations"):
// - the OWNER owns the schema's objects and runs the migrations (MIGRATION_DATABASE_URL; `hub_owner` embedded);
// - the RUNTIME role, what the core and the gateway connect as (DATABASE_URL; `hub_app` embedded), owns nothing and
//   holds only what is granted here: DML on the tables, but only SELECT and INSERT on the audit trail. Owning
//   nothing, it can neither ALTER TABLE … DISABLE TRIGGER nor DROP; not a superuser, it cannot SET
//   session_replication_role = replica: the append-only triggers of audit_event hold against it.
// The owner grants after every migration run, so tables of later migrations are covered (and default privileges
// cover a table created by hand by the owner in between).
import type { MikroORM } from '@mikro-orm/postgresql';
import pg from 'pg';

/** Tables the runtime role may read and append to, never change: the audit trail and its chain's head. */
const APPEND_ONLY: Readonly<Record<string, readonly string[]>> = {
  audit_event: ['SELECT', 'INSERT'],
  // Release grants only widen: never changed nor taken back (common/record-release.entity.ts).
  record_release: ['SELECT', 'INSERT'],
  // Written only by the chain's trigger (security definer, as the owner).
  audit_chain_head: ['SELECT'],
  // The core only checks that no migration is pending.
  mikro_orm_migrations: ['SELECT'],
};

type Run = (sql: string, params?: unknown[]) => Promise<Record<string, unknown>[]>;

function runOn(orm: MikroORM): Run {
  const connection = orm.em.getConnection();
  return (sql, params = []) => connection.execute(sql, params as never[]) as Promise<Record<string, unknown>[]>;
}

const ident = (name: string) => `"${name.replace(/"/g, '""')}"`;

/** The role a connection URL logs in as: its user, or (none given) what the server says. */
export async function roleOf(url: string): Promise<string> {
  const user = decodeURIComponent(new URL(url).username);
  if (user) return user;
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query<{ role: string }>('select current_user as role')).rows[0]!.role;
  } finally {
    await client.end();
  }
}

export class RoleSetupError extends Error {}

/**
 * Run by the owner after the migrations: what the runtime role may do, on every table of the current schema, and on
 * the tables later migrations create. Refuses (RoleSetupError, saying what to do) when the schema holds tables of
 * another owner, which the owner could not grant on. Returns false, granting nothing, when `runtimeRole` is the
 * owner itself (one role for everything: the audit trail is then not protected against it).
 */
export async function grantRuntimePrivileges(orm: MikroORM, runtimeRole: string): Promise<boolean> {
  const run = runOn(orm);
  const [me] = await run(`select current_user as role, current_schema() as schema, (select rolsuper from pg_roles where rolname = current_user) as superuser,
      exists (select 1 from pg_roles where rolname = ?) as runtime_exists`, [runtimeRole]);
  const { role, schema, superuser } = me as { role: string; schema: string; superuser: boolean; runtime_exists: boolean };
  if (runtimeRole === role) return false;
  if (!me!.runtime_exists) throw new RoleSetupError(`the runtime role "${runtimeRole}" (DATABASE_URL) does not exist: create it (CREATE ROLE ${ident(runtimeRole)} LOGIN PASSWORD '…'), owning nothing`);
  if (!superuser) {
    const foreign = await run(
      `select c.relname as name, pg_get_userbyid(c.relowner) as owner from pg_class c
       where c.relnamespace = current_schema()::regnamespace and c.relkind in ('r', 'p', 'v', 'm', 'S') and not pg_has_role(current_user, c.relowner, 'USAGE')
       order by 1`,
    );
    if (foreign.length) {
      const owners = [...new Set(foreign.map((f) => f.owner as string))];
      throw new RoleSetupError(`the migration role "${role}" does not own ${foreign.map((f) => `${f.name} (owner ${f.owner})`).slice(0, 8).join(', ')}${foreign.length > 8 ? ', …' : ''}: hand them over once, as a superuser: ${owners.map((o) => `REASSIGN OWNED BY ${ident(o)} TO ${ident(role)};`).join(' ')} (in this database), or ALTER TABLE … OWNER TO ${ident(role)}`);
    }
  }
  const to = ident(runtimeRole);
  const s = ident(schema);
  await orm.em.fork().transactional(async (em) => {
    const exec = (sql: string, params: unknown[] = []) => em.getConnection().execute<{ ok?: boolean }[]>(sql, params as never[], 'all', em.getTransactionContext());
    await exec(`grant usage on schema ${s} to ${to}`);
    await exec(`grant select, insert, update, delete on all tables in schema ${s} to ${to}`);
    await exec(`grant usage, select on all sequences in schema ${s} to ${to}`);
    // Never TRUNCATE, REFERENCES or TRIGGER; on the append-only tables, only what they list.
    await exec(`revoke truncate, references, trigger on all tables in schema ${s} from ${to}`);
    for (const [table, allowed] of Object.entries(APPEND_ONLY)) {
      const exists = await exec(`select to_regclass(?) is not null as ok`, [`${s}.${ident(table)}`]);
      if (!exists[0]?.ok) continue;
      await exec(`revoke all on ${s}.${ident(table)} from ${to}`);
      await exec(`grant ${allowed.join(', ')} on ${s}.${ident(table)} to ${to}`);
    }
    await exec(`alter default privileges in schema ${s} grant select, insert, update, delete on tables to ${to}`);
    await exec(`alter default privileges in schema ${s} grant usage, select on sequences to ${to}`);
  });
  return true;
}

/**
 * What the connected role could do to the audit trail beyond appending to it; empty when nothing. The core checks
 * its own role at start (src/run/core.ts): refused in production, a warning otherwise.
 */
export async function auditProtectionProblems(orm: MikroORM): Promise<string[]> {
  const run = runOn(orm);
  const [row] = await run(
    `select r.rolname as role, r.rolsuper as superuser, r.rolbypassrls as bypassrls,
       pg_has_role(current_user, c.relowner, 'USAGE') as owns_audit,
       has_table_privilege(c.oid, 'UPDATE') as can_update, has_table_privilege(c.oid, 'DELETE') as can_delete,
       has_table_privilege(c.oid, 'TRUNCATE') as can_truncate, has_table_privilege(c.oid, 'TRIGGER') as can_trigger,
       coalesce(has_table_privilege(to_regclass('audit_chain_head'), 'UPDATE'), false) as can_move_head,
       (select count(*) from pg_class t where t.relnamespace = c.relnamespace and t.relkind in ('r', 'p') and pg_has_role(current_user, t.relowner, 'USAGE'))::int as owned_tables,
       current_setting('server_version_num')::int as version
     from pg_roles r, pg_class c where r.rolname = current_user and c.oid = 'audit_event'::regclass`,
  );
  const problems: string[] = [];
  if (!row) return ['the audit_event table is missing'];
  // SET privileges on parameters exist from PostgreSQL 15; before, only superusers set this one.
  if (Number(row.version) >= 150000) {
    const [can] = await run(`select has_parameter_privilege('session_replication_role', 'SET') as ok`);
    row.sets_replication_role = can?.ok;
  }
  if (row.superuser) problems.push('is a superuser');
  else {
    if (row.owns_audit) problems.push('owns audit_event (or is a member of its owner)');
    if (Number(row.owned_tables) > 0 && !row.owns_audit) problems.push(`owns ${row.owned_tables} table(s)`);
    for (const [flag, what] of [['can_update', 'UPDATE'], ['can_delete', 'DELETE'], ['can_truncate', 'TRUNCATE'], ['can_trigger', 'TRIGGER']] as const) {
      if (row[flag] && !row.owns_audit) problems.push(`holds ${what} on audit_event`);
    }
    if (row.can_move_head && !row.owns_audit) problems.push('may UPDATE audit_chain_head');
    if (row.sets_replication_role) problems.push('may SET session_replication_role');
    if (row.bypassrls) problems.push('has BYPASSRLS');
  }
  return problems.map((p) => `the role "${row.role}" ${p}`);
}
