import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { strFromU8, strToU8, unzipSync, zipSync, type Unzipped } from 'fflate';
import type request from 'supertest';
import { loadPack } from '../../../platform/src/domain/pack/load-pack';
import { installPushProcedure } from '../../helpers/case-api-fixture';
import { createTestTenant, startTestApp, type TestApp } from '../../helpers/test-app';
import { testDbKind } from '../../helpers/test-database';

const START = '2024-03-01T02:00:00Z';

const binary = (res: request.Response, cb: (err: Error | null, body: Buffer) => void) => {
  const chunks: Buffer[] = [];
  res.on('data', (c: Buffer) => chunks.push(c));
  res.on('end', () => cb(null, Buffer.concat(chunks)));
};

/** Unzip into a fresh temporary folder (the test's own, trusted zip). */
async function unzipToTemp(files: Unzipped): Promise<string> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'admin-pack-test-'));
  for (const [name, content] of Object.entries(files)) {
    await mkdir(path.dirname(path.join(dir, name)), { recursive: true });
    await writeFile(path.join(dir, name), content);
  }
  return dir;
}

const editJson = (files: Unzipped, name: string, edit: (json: Record<string, any>) => void): Unzipped => {
  const json = JSON.parse(strFromU8(files[name]!));
  edit(json);
  return { ...files, [name]: strToU8(JSON.stringify(json, null, 2)) };
};

describe(`designer API: pack (${testDbKind()})`, () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ start: START });
    await installPushProcedure(t);
  });
  afterAll(() => t.close());
  afterEach(() => t.clock.set(START));

  async function admin() {
    return t.login('admin');
  }

  async function exportFiles(): Promise<{ files: Unzipped; res: request.Response }> {
    const { agent } = await admin();
    const res = await agent.get('/api/admin/pack/export').buffer(true).parse(binary);
    expect(res.status).toBe(200);
    return { files: unzipSync(new Uint8Array(res.body as Buffer)), res };
  }

  async function importZip(zip: Uint8Array, dryRun: boolean) {
    const { agent, csrf } = await admin();
    return agent.post(`/api/admin/pack/import?dryRun=${dryRun}`).set('X-CSRF-Token', csrf).set('Content-Type', 'application/zip').send(Buffer.from(zip));
  }

  async function versionCounts(): Promise<{ forms: number; definitions: number; calendars: number }> {
    const count = async (table: string) => Number((await t.em().execute<{ n: string }[]>(`select count(*) as n from ${table} where tenant_id = ?`, [t.tenantId]))[0]!.n);
    return { forms: await count('form_version'), definitions: await count('definition_version'), calendars: await count('calendar_version') };
  }

  it.each([
    [61, 'none'],
    [60, '60'],
    [30, '30'],
    [7, '7'],
    [0, '7'],
    [-1, 'expired'],
  ])('given a pack valid until 2026-12-31, when %i day(s) are left in Shanghai, then the warning is %s', async (days, warning) => {
    const today = new Date(Date.UTC(2026, 11, 31) - days * 86_400_000).toISOString().slice(0, 10);
    t.clock.set(`${today}T02:00:00Z`);
    const { agent } = await admin();
    const res = await agent.get('/api/admin/pack');
    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      id: 'test-pack',
      title: '测试县审管联动办法',
      documentNumber: '测政发〔2024〕1号',
      jurisdiction: { code: '999999', name: '测试县' },
      validity: { from: '2024-01-01', to: '2026-12-31' },
      daysLeft: days,
      warning,
    });
  });

  it('given a county with procedures, forms and a calendar, when an admin exports it, then the zip has the definitions layout and the pack loader accepts it', async () => {
    const { files, res } = await exportFiles();
    expect(res.headers['content-type']).toBe('application/zip');
    expect(res.headers['content-disposition']).toContain('test-pack.zip');
    expect(Object.keys(files).sort()).toEqual([
      'calendars/cn-statutory.json',
      'forms/push-claim.schema.json', // one field: no order to record, so no UI schema
      'forms/push-record.schema.json',
      'forms/push-record.ui.json',
      'pack.json',
      'processes/push.bpmn',
    ]);
    // Fields come back in the order the author wrote them, not jsonb's.
    expect(Object.keys(JSON.parse(strFromU8(files['forms/push-record.schema.json']!)).properties)[0]).toBe('itemName');
    const dir = await unzipToTemp(files);
    try {
      const pack = await loadPack(dir, { ajv: t.deps.ajv, actions: t.deps.actions.names() });
      expect(pack.manifest).toMatchObject({ id: 'test-pack', tenant: { code: 'testcounty' }, validity: { to: '2026-12-31' }, defaultCalendar: 'calendars/cn-statutory.json' });
      expect(pack.manifest.departments.map((d) => d.code).sort()).toEqual(['bureau', 'health', 'market']);
      expect(pack.procedures.map((p) => p.key)).toEqual(['push']);
      expect(pack.forms.map((f) => f.key)).toEqual(['push-claim', 'push-record']);
      expect(pack.calendars.map((c) => c.id)).toEqual(['cn-statutory']);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
    const [audit] = await t.em().execute<{ payload: { procedures: number; forms: number } }[]>("select payload from audit_event where tenant_id = ? and action = 'pack.exported' order by seq desc limit 1", [t.tenantId]);
    expect(audit!.payload).toMatchObject({ procedures: 1, forms: 2, calendars: 1 });
  });

  it("given the county's own export, when imported as a dry run, then everything is unchanged and nothing is written", async () => {
    const { files } = await exportFiles();
    const before = await versionCounts();
    const res = await importZip(zipSync(files), true);
    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      procedures: [{ key: 'push', change: 'unchanged' }],
      forms: [
        { key: 'push-claim', change: 'unchanged' },
        { key: 'push-record', change: 'unchanged' },
      ],
      calendars: [{ key: 'cn-statutory', change: 'unchanged' }],
      problems: [],
      scenarios: [], // an export carries no scenarios, so there is nothing to rehearse
    });
    expect(await versionCounts()).toEqual(before);
  });

  it('given an export with one form edited, when imported as a dry run, then that form is changed and nothing is written', async () => {
    const { files } = await exportFiles();
    const edited = editJson(files, 'forms/push-claim.schema.json', (s) => (s.properties.opinion.title = '认领意见（修订）'));
    const before = await versionCounts();
    const res = await importZip(zipSync(edited), true);
    expect(res.status).toBe(200);
    expect(res.body.forms).toEqual([
      { key: 'push-claim', change: 'changed' },
      { key: 'push-record', change: 'unchanged' },
    ]);
    expect(await versionCounts()).toEqual(before);
  });

  it.each([
    ['a path traversal entry', (files: Unzipped) => zipSync({ ...files, '../evil.txt': strToU8('x') }), /\.\.\/evil\.txt.*'\.\.'/],
    ['an absolute path entry', (files: Unzipped) => zipSync({ ...files, '/etc/evil': strToU8('x') }), /absolute path/],
    ['a backslash entry', (files: Unzipped) => zipSync({ ...files, 'forms\\evil.json': strToU8('x') }), /backslash/],
    [
      'a BPMN with a lint error',
      (files: Unzipped) => zipSync({ ...files, 'processes/push.bpmn': strToU8(strFromU8(files['processes/push.bpmn']!).replace('cm:formKey="push-claim"', 'cm:formKey="no-such-form"')) }),
      /processes\/push\.bpmn: claim: .*no-such-form/,
    ],
    ['an expansion beyond 50 MB', (files: Unzipped) => zipSync({ ...files, 'scenarios/zeros.bin': new Uint8Array(51 * 1024 * 1024) }, { level: 9 }), /expands to \d+ bytes/],
    ['bytes that are not a zip', () => strToU8('this is not a zip file at all, but long enough to look like one'), /not a readable zip/],
  ])('given %s (and a changed form), when imported for real, then 422 lists the problem and nothing is written', async (_what, build, problem) => {
    const { files } = await exportFiles();
    const edited = editJson(files, 'forms/push-claim.schema.json', (s) => (s.properties.opinion.title = '不应发布'));
    const before = await versionCounts();
    const tmpBefore = (await readdir(os.tmpdir())).filter((n) => n.startsWith('pack-import-')).length;
    const res = await importZip(build(edited), false);
    expect(res.status).toBe(422);
    expect(res.headers['content-type']).toMatch(/problem\+json/);
    expect(res.body.problems.join('\n')).toMatch(problem);
    expect(await versionCounts()).toEqual(before);
    expect((await readdir(os.tmpdir())).filter((n) => n.startsWith('pack-import-')).length).toBe(tmpBefore);
  });

  it('given a zip whose headers understate an entry, when imported, then the real expansion is stopped at the declared size', async () => {
    const { files } = await exportFiles();
    const zip = zipSync({ ...files, 'scenarios/bomb.bin': new Uint8Array(10 * 1024 * 1024) }, { level: 9 });
    // Rewrite the bomb's uncompressed size in its local header and in the central directory to 1 KiB.
    const view = new DataView(zip.buffer, zip.byteOffset, zip.byteLength);
    const name = strToU8('scenarios/bomb.bin');
    let patched = 0;
    for (let i = 0; i + 46 < zip.length; i++) {
      const signature = view.getUint32(i, true);
      const [sizeAt, nameLenAt, nameAt] = signature === 0x04034b50 ? [22, 26, 30] : signature === 0x02014b50 ? [24, 28, 46] : [0, 0, 0];
      if (!sizeAt || view.getUint16(i + nameLenAt, true) !== name.length || strFromU8(zip.subarray(i + nameAt, i + nameAt + name.length)) !== 'scenarios/bomb.bin') continue;
      view.setUint32(i + sizeAt, 1024, true);
      patched++;
    }
    expect(patched).toBe(2);
    const res = await importZip(zip, true);
    expect(res.status).toBe(422);
    expect(res.body.problems[0]).toMatch(/bomb\.bin.*beyond its declared size/);
  });

  it('given an export with a form and the calendar edited, when imported for real, then new versions are published and audited, and a second dry run finds nothing to change', async () => {
    const { files } = await exportFiles();
    let edited = editJson(files, 'forms/push-claim.schema.json', (s) => (s.properties.opinion.title = '认领意见（2025版）'));
    edited = editJson(edited, 'calendars/cn-statutory.json', (c) => c.holidays.push({ date: '2026-07-01', name: '县庆', source: '测试县通知' }));
    const before = await versionCounts();
    const res = await importZip(zipSync(edited), false);
    expect(res.status).toBe(200);
    expect(res.body.forms).toContainEqual({ key: 'push-claim', change: 'changed' });
    expect(res.body.calendars).toEqual([{ key: 'cn-statutory', change: 'changed' }]);
    expect(res.body.procedures).toEqual([{ key: 'push', change: 'unchanged' }]);
    expect(await versionCounts()).toEqual({ forms: before.forms + 1, definitions: before.definitions, calendars: before.calendars + 1 });
    const [latest] = await t.em().execute<{ version: number; schema: { properties: { opinion: { title: string } } } }[]>(
      "select version, schema from form_version where tenant_id = ? and form_key = 'push-claim' order by version desc limit 1",
      [t.tenantId],
    );
    expect(latest!.schema.properties.opinion.title).toBe('认领意见（2025版）');
    const actions = await t.em().execute<{ action: string }[]>('select action from audit_event where tenant_id = ? order by seq desc limit 3', [t.tenantId]);
    expect(actions.map((a) => a.action)).toEqual(['pack.imported', 'form.published', 'calendar.changed']);
    const again = await importZip(zipSync(edited), true);
    expect([...again.body.forms, ...again.body.calendars, ...again.body.procedures].every((x: { change: string }) => x.change === 'unchanged')).toBe(true);
  });

  it('given a pack zipped as its folder, when imported as a dry run, then it is read from inside the folder', async () => {
    const { files } = await exportFiles();
    const wrapped = Object.fromEntries(Object.entries(files).map(([n, c]) => [`test-pack/${n}`, c]));
    const res = await importZip(zipSync(wrapped), true);
    expect(res.status).toBe(200);
    expect(res.body.procedures).toEqual([{ key: 'push', change: 'unchanged' }]);
  });

  it("given a county created from the mini pack, when the pack's own folder (with its scenarios) is zipped and dry-run imported, then every definition is unchanged", async () => {
    const packDir = path.resolve(__dirname, '../../fixtures/packs/mini-county');
    const pack = await loadPack(packDir, { ajv: t.deps.ajv, actions: t.deps.actions.names() });
    await createTestTenant(t.em(), t.deps, pack.manifest.tenant.code, pack);
    const folder: Unzipped = {};
    const walk = async (dir: string, prefix = ''): Promise<void> => {
      for (const entry of await readdir(dir, { withFileTypes: true })) {
        if (entry.isDirectory()) await walk(path.join(dir, entry.name), `${prefix}${entry.name}/`);
        else folder[`${prefix}${entry.name}`] = new Uint8Array(await readFile(path.join(dir, entry.name)));
      }
    };
    await walk(packDir);
    expect(Object.keys(folder).some((n) => n.startsWith('scenarios/'))).toBe(true);
    const { agent, csrf } = await t.login('admin', pack.manifest.tenant.code);
    const res = await agent.post('/api/admin/pack/import?dryRun=true').set('X-CSRF-Token', csrf).set('Content-Type', 'application/zip').send(Buffer.from(zipSync(folder)));
    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      procedures: [{ key: 'push-claim', change: 'unchanged' }],
      forms: [
        { key: 'decision', change: 'unchanged' },
        { key: 'claim', change: 'unchanged' },
      ],
      calendars: [{ key: 'cn-statutory', change: 'unchanged' }],
      problems: [],
      scenarios: [
        { file: 'push-claim-two-days.json', title: expect.any(String), ok: true },
        { file: 'push-counts-as-claim.json', title: expect.any(String), ok: true },
      ],
    });
    // A scenario whose expectation the rules do not meet refuses the import before anything is written.
    const versionsBefore = await t.em().execute<{ n: string }[]>('select count(*) as n from definition_version');
    const wrong = { ...folder, 'scenarios/push-counts-as-claim.json': strToU8(strFromU8(folder['scenarios/push-counts-as-claim.json']!).replace('"status": "completed"', '"status": "active"')) };
    const failing = await agent.post('/api/admin/pack/import?dryRun=false').set('X-CSRF-Token', csrf).set('Content-Type', 'application/zip').send(Buffer.from(zipSync(wrong)));
    expect(failing.status).toBe(422);
    expect(failing.body.problems).toEqual([expect.stringMatching(/^scenarios\/push-counts-as-claim\.json: Scenario .*step 1/)]);
    expect(await t.em().execute('select count(*) as n from definition_version')).toEqual(versionsBefore);
    // A scenario naming a procedure the pack lacks is refused.
    folder['scenarios/stray.json'] = strToU8(strFromU8(folder['scenarios/push-counts-as-claim.json']!).replace(/"procedure":\s*"push-claim"/, '"procedure": "no-such-procedure"'));
    const stray = await agent.post('/api/admin/pack/import?dryRun=true').set('X-CSRF-Token', csrf).set('Content-Type', 'application/zip').send(Buffer.from(zipSync(folder)));
    expect(stray.status).toBe(422);
    expect(stray.body.problems).toEqual(['scenarios/stray.json: runs procedure "no-such-procedure", which the pack does not list']);
  });

  it('given a body that is not a zip content type, when imported, then 415', async () => {
    const { agent, csrf } = await admin();
    const res = await agent.post('/api/admin/pack/import?dryRun=true').set('X-CSRF-Token', csrf).set('Content-Type', 'text/plain').send('hello');
    expect(res.status).toBe(415);
  });

  it('given staff or a leader, when they call the pack routes, then 403', async () => {
    for (const login of ['bureau-staff', 'leader']) {
      const { agent, csrf } = await t.login(login);
      expect((await agent.get('/api/admin/pack')).status).toBe(403);
      expect((await agent.get('/api/admin/pack/export')).status).toBe(403);
      expect((await agent.post('/api/admin/pack/import?dryRun=true').set('X-CSRF-Token', csrf).set('Content-Type', 'application/zip').send(Buffer.from('PK'))).status).toBe(403);
    }
  });
});
