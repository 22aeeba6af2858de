import { createHash } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import request from 'supertest';
import type { AttachmentScanner, AttachmentScanVerdict } from '../../../platform/src/domain/attachment/attachment-scanner';
import { DEMO_PASSWORD } from '../../../platform/src/domain/tenant/demo-accounts';
import { bpmn } from '../../helpers/engine-harness';
import { createTestTenant, startTestApp, type TestApp } from '../../helpers/test-app';
import { testDbKind } from '../../helpers/test-database';

/** Started for the bureau; its one task is offered to market, so market reads the case and health does not. */
const PROCEDURE = bpmn(`
  <bpmn:process id="inquiry" name="函询" isExecutable="true">
    <bpmn:startEvent id="start" cm:formKey="inquiry-start"/>
    <bpmn:sequenceFlow id="a" sourceRef="start" targetRef="reply"/>
    <bpmn:userTask id="reply" name="答复" cm:formKey="inquiry-start" cm:candidateDepartments="market" cm:deadline="3WD"/>
    <bpmn:sequenceFlow id="b" sourceRef="reply" targetRef="end"/>
    <bpmn:endEvent id="end"/>
  </bpmn:process>`);
const FORM = { type: 'object', properties: { subject: { type: 'string' } } };

/** A tiny but genuine-looking PDF: the header is what the magic-byte check reads. */
const PDF = Buffer.concat([Buffer.from('%PDF-1.7\n%\xe2\xe3\xcf\xd3\n', 'latin1'), Buffer.from('1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n')]);
const PNG = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]);
const EXE = Buffer.concat([Buffer.from('MZ\x90\x00', 'latin1'), Buffer.alloc(60)]);
const MAX = 20 * 1024 * 1024;

const sha256 = (b: Buffer) => createHash('sha256').update(b).digest('hex');
/** Collect a response body as bytes whatever its type (supertest only buffers some types by default). */
const binary = (res: request.Response, cb: (err: Error | null, body: Buffer) => void) => {
  const chunks: Buffer[] = [];
  res.on('data', (c: Buffer) => chunks.push(c));
  res.on('end', () => cb(null, Buffer.concat(chunks)));
};

/** A scanner double whose next verdict each test chooses (explicit, opt-in: production has none). */
class ScriptedScanner implements AttachmentScanner {
  next: AttachmentScanVerdict = { verdict: 'clean' };
  async scan(): Promise<AttachmentScanVerdict> {
    return this.next;
  }
}

describe(`evidence attachments over HTTP (${testDbKind()})`, () => {
  let t: TestApp;
  const scanner = new ScriptedScanner();
  let caseId: string;
  let taskId: string;
  let otherCaseId: string;
  let otherTenantId: string;
  let foreignCaseId: string;

  const count = async (tenantId = t.tenantId) => Number(((await t.em().execute<{ n: string }[]>('select count(*) as n from attachment where tenant_id = ?', [tenantId])) as [{ n: string }])[0].n);
  const uploadUrl = (id: string, fileName: string) => `/api/cases/${id}/attachments?fileName=${encodeURIComponent(fileName)}`;

  beforeAll(async () => {
    t = await startTestApp({ attachmentScanner: scanner });
    otherTenantId = (await createTestTenant(t.em(), t.deps, 'othercounty')).id;
    const actor = { id: null, label: 'setup' };
    const started: Record<string, string[]> = {};
    for (const tenantId of [t.tenantId, otherTenantId]) {
      await t.deps.forms.publish(t.em(), { tenantId, formKey: 'inquiry-start', title: '函询', schema: FORM, actor });
      await t.deps.definitions.publish(t.em(), { tenantId, xml: PROCEDURE, actor });
      const [bureau] = await t.em().execute<{ id: string }[]>("select id from department where code = 'bureau' and tenant_id = ?", [tenantId]);
      for (const subject of ['甲', '乙']) {
        const { caseId: id } = await t.deps.engine.startCase(t.em(), { tenantId, processKey: 'inquiry', variables: { subject }, actor, departmentId: bureau!.id });
        (started[tenantId] ??= []).push(id);
      }
    }
    [caseId, otherCaseId] = started[t.tenantId] as [string, string];
    foreignCaseId = started[otherTenantId]![0]!;
    const [task] = await t.em().execute<{ id: string }[]>('select id from task where case_id = ?', [caseId]);
    taskId = task!.id;
  });
  afterAll(() => t.close());
  beforeEach(() => {
    scanner.next = { verdict: 'clean' };
  });

  it('given a visible case, when a PDF with a Chinese name is uploaded, then it is listed and downloads byte for byte with its SHA-256', async () => {
    const { agent, csrf, userId } = await t.login('bureau-staff');
    const name = '关于某公司的协查函（2024）第1号.pdf';
    const up = await agent.post(uploadUrl(caseId, name)).set('X-CSRF-Token', csrf).set('Content-Type', 'application/pdf').send(PDF);
    expect(up.status).toBe(201);
    expect(up.body).toEqual({
      id: expect.any(String),
      caseId,
      taskId: null,
      fileName: name,
      contentType: 'application/pdf',
      sizeBytes: PDF.length,
      sha256: sha256(PDF),
      scanStatus: 'clean',
      uploadedBy: userId,
      uploadedAt: '2024-03-01T02:00:00.000Z',
    });
    expect(up.headers.location).toBe(`/api/attachments/${up.body.id}`);

    const list = await agent.get(`/api/cases/${caseId}/attachments`);
    expect(list.status).toBe(200);
    expect(list.body).toContainEqual(up.body);

    const down = await agent.get(`/api/attachments/${up.body.id}`).buffer(true).parse(binary);
    expect(down.status).toBe(200);
    expect(Buffer.compare(down.body as Buffer, PDF)).toBe(0);
    expect(sha256(down.body as Buffer)).toBe(up.body.sha256);
    expect(down.headers['content-type']).toBe('application/pdf');
    expect(down.headers['x-content-type-options']).toBe('nosniff');
    expect(down.headers.etag).toBe(`"${sha256(PDF)}"`);
    expect(down.headers['content-disposition']).toBe(`attachment; filename="${name.replace(/[^\x20-\x7e]/g, '_')}"; filename*=UTF-8''${encodeURIComponent(name).replace(/[()]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`)}`);

    const audit = await t.em().execute<{ action: string; subject_id: string; payload: Record<string, unknown> }[]>(
      "select action, subject_id, payload from audit_event where tenant_id = ? and action like 'attachment.%' and payload->>'attachmentId' = ? order by seq",
      [t.tenantId, up.body.id],
    );
    expect(audit.map((a) => [a.action, a.subject_id])).toEqual([
      ['attachment.uploaded', caseId],
      ['attachment.downloaded', caseId],
    ]);
    expect(audit[0]!.payload).toMatchObject({ sha256: sha256(PDF), fileName: name, sizeBytes: PDF.length });
  });

  it('given a task of the case, when evidence is uploaded for it by the department the task is offered to, then the task is recorded; a task of another case is a 404', async () => {
    const { agent, csrf } = await t.login('market-staff');
    const ok = await agent.post(`${uploadUrl(caseId, '现场照片.png')}&taskId=${taskId}`).set('X-CSRF-Token', csrf).set('Content-Type', 'image/png').send(PNG);
    expect(ok.status).toBe(201);
    expect(ok.body).toMatchObject({ taskId, contentType: 'image/png', fileName: '现场照片.png' });
    const before = await count();
    const wrong = await agent.post(`${uploadUrl(otherCaseId, 'x.png')}&taskId=${taskId}`).set('X-CSRF-Token', csrf).set('Content-Type', 'image/png').send(PNG);
    expect(wrong.status).toBe(404);
    expect(await count()).toBe(before);
  });

  it.each([
    ['../../etc/passwd.pdf', 'passwd.pdf'],
    ['..\\..\\Windows\\system32\\证据.pdf', '证据.pdf'],
    ['C:\\Users\\张三\\Desktop\\扫描件.pdf', '扫描件.pdf'],
    ['evil\u202Efdp.exe', 'evilfdp.exe'],
    ['e\u0301vidence\n.pdf', '\u00e9vidence.pdf'],
  ])('given the name %j, when uploaded, then only the clean base name %j is stored', async (raw, stored) => {
    const { agent, csrf } = await t.login('bureau-staff');
    const res = await agent.post(uploadUrl(caseId, raw)).set('X-CSRF-Token', csrf).set('Content-Type', 'application/pdf').send(PDF);
    expect(res.status).toBe(201);
    expect(res.body.fileName).toBe(stored);
    const [row] = await t.em().execute<{ file_name: string }[]>('select file_name from attachment where id = ?', [res.body.id]);
    expect(row!.file_name).toBe(stored);
  });

  it.each(['../', '..', '/..\\..', '\u0000\u0007'])('given a name %j that is only path, when uploaded, then 422 points at fileName and nothing is stored', async (raw) => {
    const { agent, csrf } = await t.login('bureau-staff');
    const before = await count();
    const res = await agent.post(uploadUrl(caseId, raw)).set('X-CSRF-Token', csrf).set('Content-Type', 'application/pdf').send(PDF);
    expect(res.status).toBe(422);
    expect(res.body.errors).toEqual([{ pointer: '/query/fileName', message: 'must contain a file name' }]);
    expect(await count()).toBe(before);
  });

  it('given a declared size above 20 MiB, when uploaded, then 413 and nothing is stored', async () => {
    const { agent, csrf } = await t.login('bureau-staff');
    const before = await count();
    const big = Buffer.alloc(MAX + 1, 0x20);
    PDF.copy(big);
    const res = await agent.post(uploadUrl(caseId, 'big.pdf')).set('X-CSRF-Token', csrf).set('Content-Type', 'application/pdf').send(big);
    expect(res.status).toBe(413);
    expect(res.body).toMatchObject({ type: 'urn:problem:payload-too-large', maxBytes: MAX });
    expect(await count()).toBe(before);
  });

  it('given a chunked upload without a length, when it passes 20 MiB, then the server answers 413 before the client has sent everything and stores nothing', async () => {
    const login = await request(t.app.callback()).post('/api/session').send({ login: 'bureau-staff', password: DEMO_PASSWORD, tenant: 'testcounty' });
    const cookie = (login.headers['set-cookie'] as unknown as string[]).map((c) => c.split(';')[0]).join('; ');
    const server = t.app.listen(0, '127.0.0.1');
    await new Promise((resolve) => server.once('listening', resolve));
    const before = await count();
    try {
      const { status, sent } = await new Promise<{ status: number; sent: number }>((resolve, reject) => {
        const req = http.request(
          { host: '127.0.0.1', port: (server.address() as AddressInfo).port, method: 'POST', path: uploadUrl(caseId, 'stream.pdf'), headers: { 'Content-Type': 'application/pdf', 'X-CSRF-Token': login.body.csrfToken, Cookie: cookie } },
          (res) => {
            res.resume();
            resolve({ status: res.statusCode!, sent });
          },
        );
        req.on('error', reject);
        let sent = 0;
        const chunk = Buffer.alloc(1024 * 1024, 0x20);
        PDF.copy(chunk);
        // Keep sending, far past the limit, until the server answers: a server that buffered everything would never answer early.
        const pump = () => {
          while (sent < 4 * MAX) {
            sent += chunk.length;
            if (!req.write(chunk)) return void req.once('drain', pump);
          }
          req.end();
        };
        pump();
      });
      expect(status).toBe(413);
      expect(sent).toBeLessThan(4 * MAX);
    } finally {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    }
    expect(await count()).toBe(before);
  });

  it.each([
    ['application/x-msdownload', EXE],
    ['text/html', Buffer.from('<script>alert(1)</script>')],
    ['application/octet-stream', PDF],
  ])('given the type %s, which is not on the allow list, when uploaded, then 415 and nothing is stored', async (type, bytes) => {
    const { agent, csrf } = await t.login('bureau-staff');
    const before = await count();
    const res = await agent.post(uploadUrl(caseId, 'file.pdf')).set('X-CSRF-Token', csrf).set('Content-Type', type).send(bytes);
    expect(res.status).toBe(415);
    expect(res.headers['content-type']).toMatch(/problem\+json/);
    expect(await count()).toBe(before);
  });

  it.each([
    ['an executable declared as a PDF', 'application/pdf', EXE],
    ['a PNG declared as a JPEG', 'image/jpeg', PNG],
    ['a PDF declared as OFD', 'application/ofd', PDF],
  ])('given %s, when uploaded, then 415 because the content does not match, and nothing is stored', async (_what, type, bytes) => {
    const { agent, csrf } = await t.login('bureau-staff');
    const before = await count();
    const res = await agent.post(uploadUrl(caseId, 'renamed.pdf')).set('X-CSRF-Token', csrf).set('Content-Type', type).send(bytes);
    expect(res.status).toBe(415);
    expect(res.body.detail).toMatch(/content is not a/);
    expect(await count()).toBe(before);
  });

  it('given the scanner reports the file infected, when uploaded, then 422 with the reason and nothing is stored', async () => {
    scanner.next = { verdict: 'infected', reason: 'Eicar-Test-Signature' };
    const { agent, csrf } = await t.login('bureau-staff');
    const before = await count();
    const res = await agent.post(uploadUrl(caseId, 'eicar.pdf')).set('X-CSRF-Token', csrf).set('Content-Type', 'application/pdf').send(PDF);
    expect(res.status).toBe(422);
    expect(res.body).toMatchObject({ type: 'urn:problem:attachment-infected', detail: expect.stringContaining('Eicar-Test-Signature') });
    expect(await count()).toBe(before);
  });

  it('given the scanner did not look, when uploaded, then the row says not_scanned', async () => {
    scanner.next = { verdict: 'not_scanned' };
    const { agent, csrf } = await t.login('bureau-staff');
    const res = await agent.post(uploadUrl(caseId, 'unscanned.pdf')).set('X-CSRF-Token', csrf).set('Content-Type', 'application/pdf').send(PDF);
    expect(res.status).toBe(201);
    expect(res.body.scanStatus).toBe('not_scanned');
  });

  it('given an empty body, when uploaded, then 422', async () => {
    const { agent, csrf } = await t.login('bureau-staff');
    const res = await agent.post(uploadUrl(caseId, 'empty.pdf')).set('X-CSRF-Token', csrf).set('Content-Type', 'application/pdf').send(Buffer.alloc(0));
    expect(res.status).toBe(422);
  });

  it('given a user of a department that cannot see the case, when they upload, list or download, then each is a 404 and nothing is stored', async () => {
    const owner = await t.login('bureau-staff');
    const stored = await owner.agent.post(uploadUrl(caseId, '内部.pdf')).set('X-CSRF-Token', owner.csrf).set('Content-Type', 'application/pdf').send(PDF);
    expect(stored.status).toBe(201);
    const { agent, csrf } = await t.login('health-staff');
    const before = await count();
    expect((await agent.post(uploadUrl(caseId, 'x.pdf')).set('X-CSRF-Token', csrf).set('Content-Type', 'application/pdf').send(PDF)).status).toBe(404);
    expect((await agent.get(`/api/cases/${caseId}/attachments`)).status).toBe(404);
    const down = await agent.get(`/api/attachments/${stored.body.id}`);
    expect(down.status).toBe(404);
    expect(down.headers['content-type']).toMatch(/problem\+json/);
    expect(await count()).toBe(before);
  });

  it("given another county's case and attachment, when a user of this county reaches for them, then 404 and the other county's bytes are not served", async () => {
    const foreign = await t.login('bureau-staff', 'othercounty');
    const up = await foreign.agent.post(uploadUrl(foreignCaseId, '别县.pdf')).set('X-CSRF-Token', foreign.csrf).set('Content-Type', 'application/pdf').send(PDF);
    expect(up.status).toBe(201);
    const { agent, csrf } = await t.login('leader');
    expect((await agent.get(`/api/attachments/${up.body.id}`)).status).toBe(404);
    expect((await agent.get(`/api/cases/${foreignCaseId}/attachments`)).status).toBe(404);
    expect((await agent.post(uploadUrl(foreignCaseId, 'x.pdf')).set('X-CSRF-Token', csrf).set('Content-Type', 'application/pdf').send(PDF)).status).toBe(404);
    expect(await count(otherTenantId)).toBe(1);
  });

  it('given no CSRF header, when uploading, then 403 and nothing is stored', async () => {
    const { agent } = await t.login('bureau-staff');
    const before = await count();
    const res = await agent.post(uploadUrl(caseId, 'x.pdf')).set('Content-Type', 'application/pdf').send(PDF);
    expect(res.status).toBe(403);
    expect(await count()).toBe(before);
  });

  it('given an attachment of one case, when other records cite it for that case or another, then only its own case passes', async () => {
    const { agent, csrf } = await t.login('bureau-staff');
    const up = await agent.post(uploadUrl(caseId, '书面公函.pdf')).set('X-CSRF-Token', csrf).set('Content-Type', 'application/pdf').send(PDF);
    await expect(t.deps.attachments.assertAttachmentOfCase(t.em(), t.tenantId, up.body.id, caseId)).resolves.toBeUndefined();
    await expect(t.deps.attachments.assertAttachmentOfCase(t.em(), t.tenantId, up.body.id, otherCaseId)).rejects.toMatchObject({ status: 422, errors: [{ pointer: '/body/attachmentId' }] });
    await expect(t.deps.attachments.assertAttachmentOfCase(t.em(), otherTenantId, up.body.id, caseId)).rejects.toMatchObject({ status: 422 });
  });

  it('the OpenAPI document describes the binary upload and download', async () => {
    const doc = (await request(t.app.callback()).get('/api/openapi.json')).body;
    const upload = doc.paths['/api/cases/{id}/attachments'].post;
    expect(Object.keys(upload.requestBody.content).sort()).toEqual(['application/ofd', 'application/pdf', 'image/jpeg', 'image/png']);
    expect(upload.responses).toHaveProperty('413');
    expect(doc.paths['/api/attachments/{id}'].get.responses['200'].content).toHaveProperty('application/octet-stream');
  });
});
