import { mkdir, readdir, readFile, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { parseArgs } from 'node:util';
import type { EntityManager } from '@mikro-orm/postgresql';
import { unzipSync, zipSync, type Zippable } from 'fflate';
import { systemClock } from '../clock';
import { loadConfig } from '../config/config';
import { openDatabase } from '../db/database';
import { createArgon2Hasher } from '../domain/auth/password-hasher';
import { loadPack } from '../domain/pack/load-pack';
import { exportPack } from '../domain/pack/pack-export';
import { importPack, PackImportRejected } from '../domain/pack/pack-import';
import { readPackScenarios } from '../domain/pack/read-pack-scenarios';
import { createTenantFromPack } from '../domain/tenant/create-tenant-from-pack';
import { asPlatformAdmin, demoAccountsFor, initialAdminFor } from '../domain/tenant/demo-accounts';
import { PackInvalidError } from '../domain/pack/pack-manifest';
import { createServices } from '../services';

const USAGE = `Usage: npm run tenant -- <command> [options]

  create --pack <dir> [--code <code>] [--name <name>] (--admin-password <pw> | --demo-accounts) [--skip-scenarios] [--platform-admin]
         Create a county from a pack folder: validated (manifest, calendars, forms compile,
         procedures lint and compile), its scenarios rehearsed in a throwaway database, then
         written in one transaction. --platform-admin lets its admin create counties in the designer.
  list   List the counties.
  export --tenant <code> --out <dir | file.zip>
         Write a county's current definitions as a pack (the definitions/ layout).
  import --tenant <code> --pack <dir | file.zip> [--dry-run]
         Validate a pack (including its scenarios) and publish what is new or changed.

Uses the server's DATABASE_URL / PGLITE_DATA_DIR; stop the server first when it runs embedded.`;

const CLI_ACTOR = { id: null, label: 'cli' };

/** A pack folder as the zip the import takes (it accepts the folder's own layout). */
async function zipFolder(dir: string): Promise<Uint8Array> {
  const files: Zippable = {};
  const walk = async (at: string, prefix: string): Promise<void> => {
    for (const entry of await readdir(at, { withFileTypes: true })) {
      if (entry.isDirectory()) await walk(path.join(at, entry.name), `${prefix}${entry.name}/`);
      else if (entry.isFile()) files[`${prefix}${entry.name}`] = new Uint8Array(await readFile(path.join(at, entry.name)));
    }
  };
  await walk(dir, '');
  return zipSync(files);
}

/** Write an exported zip out as a folder; refuses a non-empty target so nothing of an author's is overwritten. */
async function unzipInto(zip: Uint8Array, dir: string): Promise<number> {
  await mkdir(dir, { recursive: true });
  if ((await readdir(dir)).length > 0) throw new Error(`${dir} is not empty; export into a new folder.`);
  const files = unzipSync(zip);
  for (const [name, content] of Object.entries(files)) {
    const target = path.resolve(dir, name);
    if (!target.startsWith(path.resolve(dir) + path.sep)) throw new Error(`refusing entry ${name}`);
    await mkdir(path.dirname(target), { recursive: true });
    await writeFile(target, content);
  }
  return Object.keys(files).length;
}

async function tenantId(em: EntityManager, code: string): Promise<string> {
  const [row] = await em.execute<{ id: string }[]>('select id from tenant where code = ?', [code]);
  if (!row) throw new Refused(`No county with code "${code}".`);
  return row.id;
}

const print = (line: string) => process.stdout.write(`${line}\n`);

/**
 * `npm run tenant -- create|list|export|import`: how an operator brings a new
 * county onto the platform, or moves definitions between counties, from a
 * shell (docs/reuse.md). Everything goes through the same services as the
 * server, so a county made here is exactly one made at first start.
 * Exit codes: 0 done, 1 refused (invalid pack, failing scenario, unknown
 * county), 2 usage or unexpected error.
 */
async function main(argv: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      pack: { type: 'string' },
      code: { type: 'string' },
      name: { type: 'string' },
      'admin-password': { type: 'string' },
      'demo-accounts': { type: 'boolean', default: false },
      'skip-scenarios': { type: 'boolean', default: false },
      'platform-admin': { type: 'boolean', default: false },
      tenant: { type: 'string' },
      out: { type: 'string' },
      'dry-run': { type: 'boolean', default: false },
    },
  });
  const command = positionals[0];
  if (!command || !['create', 'list', 'export', 'import'].includes(command)) {
    process.stderr.write(`${USAGE}\n`);
    return 2;
  }
  const config = loadConfig(process.env);
  const clock = systemClock;
  const hasher = createArgon2Hasher();
  const services = createServices({ clock, hasher, sessionTtlHours: config.sessionTtlHours });
  const db = await openDatabase(config.databaseUrl ? { kind: 'postgres', url: config.databaseUrl, poolMax: 2 } : { kind: 'pglite', dataDir: config.pgliteDataDir });
  const em = db.orm.em.fork();
  try {
    if (command === 'list') {
      const rows = await em.execute<{ code: string; name: string; pack_id: string | null; users: string; cases: string }[]>(
        `select t.code, t.name, t.pack_id, (select count(*) from app_user u where u.tenant_id = t.id) as users, (select count(*) from case_instance c where c.tenant_id = t.id) as cases
           from tenant t order by t.code`,
      );
      for (const r of rows) print(`${r.code}\t${r.name}\tpack ${r.pack_id ?? '-'}\t${r.users} users\t${r.cases} cases`);
      return 0;
    }

    if (command === 'create') {
      if (!values.pack) throw new UsageError('create needs --pack <dir>');
      if (!values['admin-password'] && !values['demo-accounts']) throw new UsageError('create needs --admin-password <pw> (at least 12 characters) or --demo-accounts');
      if (values['admin-password'] && values['admin-password'].length < 12) throw new UsageError('--admin-password must be at least 12 characters');
      const loaded = await loadPack(path.resolve(values.pack), { ajv: services.ajv, actions: services.actions.names() });
      const manifest = { ...loaded.manifest, tenant: { code: values.code ?? loaded.manifest.tenant.code, name: values.name ?? loaded.manifest.tenant.name } };
      if (!/^[a-z][a-z0-9-]{1,39}$/.test(manifest.tenant.code)) throw new UsageError(`county code "${manifest.tenant.code}" must be 2–40 lower-case letters, digits or hyphens`);
      const [taken] = await em.execute<{ id: string }[]>('select id from tenant where code = ?', [manifest.tenant.code]);
      if (taken) throw new Refused(`A county with code "${manifest.tenant.code}" already exists.`);
      if (!values['skip-scenarios']) {
        const results = await services.rehearsePack(loaded, await readPackScenarios(path.resolve(values.pack), services.ajv));
        for (const r of results) print(`${r.ok ? 'ok  ' : 'FAIL'} scenario ${r.file}${r.ok ? '' : `: ${r.error}`}`);
        if (results.some((r) => !r.ok)) throw new Refused('The pack does not do what its scenarios say; nothing was written.');
      }
      const chosen = values['admin-password'] ? [initialAdminFor(manifest, values['admin-password'])] : demoAccountsFor(manifest);
      const accounts = values['platform-admin'] ? asPlatformAdmin(chosen) : chosen;
      const tenant = await createTenantFromPack(em, { ...loaded, manifest }, { accounts }, { clock, hasher, ...services });
      print(`created county ${tenant.code} (${tenant.name}) from pack ${manifest.id}: ${loaded.procedures.length} procedures, ${loaded.forms.length} forms; accounts: ${accounts.map((a) => a.login).join(', ')}`);
      return 0;
    }

    if (!values.tenant) throw new UsageError(`${command} needs --tenant <code>`);
    const id = await tenantId(em, values.tenant);

    if (command === 'export') {
      if (!values.out) throw new UsageError('export needs --out <dir | file.zip>');
      const exported = await exportPack(em, { tenantId: id, actor: CLI_ACTOR }, { clock, ...services });
      if (values.out.endsWith('.zip')) {
        await writeFile(values.out, exported.zip);
        print(`wrote ${values.out} (${exported.zip.length} bytes)`);
      } else {
        print(`wrote ${await unzipInto(exported.zip, path.resolve(values.out))} files to ${values.out}`);
      }
      return 0;
    }

    // import
    if (!values.pack) throw new UsageError('import needs --pack <dir | file.zip>');
    const source = path.resolve(values.pack);
    const zip = (await stat(source)).isDirectory() ? await zipFolder(source) : new Uint8Array(await readFile(source));
    const report = await importPack(em, { tenantId: id, zip, dryRun: values['dry-run'], actor: CLI_ACTOR }, services);
    for (const r of report.scenarios) print(`ok   scenario ${r.file}`);
    for (const [kind, list] of [['procedure', report.procedures], ['form', report.forms], ['calendar', report.calendars]] as const) {
      for (const item of list) print(`${item.change.padEnd(9)} ${kind} ${item.key}`);
    }
    print(values['dry-run'] ? 'dry run: nothing was written' : 'imported: new and changed definitions published as new versions');
    return 0;
  } catch (err) {
    if (err instanceof UsageError) {
      process.stderr.write(`${err.message}\n\n${USAGE}\n`);
      return 2;
    }
    if (err instanceof Refused) {
      process.stderr.write(`${err.message}\n`);
      return 1;
    }
    if (err instanceof PackImportRejected || err instanceof PackInvalidError) {
      process.stderr.write(`The pack was refused; nothing was written:\n${err.problems.map((p) => `  - ${p}`).join('\n')}\n`);
      return 1;
    }
    throw err;
  } finally {
    await db.close();
  }
}

class UsageError extends Error {}
class Refused extends Error {}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (err: unknown) => {
    process.stderr.write(`tenant: ${err instanceof Error ? err.message : String(err)}\n`);
    process.exit(2);
  },
);
