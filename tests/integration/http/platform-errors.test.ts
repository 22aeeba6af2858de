import request from 'supertest';
import { apiRoutes } from '../../../platform/src/http/app';
import { startTestApp, type TestApp } from '../../helpers/test-app';
import { testDbKind } from '../../helpers/test-database';

describe(`HTTP skeleton: health, OpenAPI, problem+json (${testDbKind()})`, () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());
  const http = () => request(t.app.callback());

  it('GET /api/health checks the database and names it', async () => {
    const res = await http().get('/api/health');
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ status: 'ok', database: testDbKind(), time: '2024-03-01T02:00:00.000Z' });
  });

  it('GET /api/openapi.json is OpenAPI 3.1 and lists every mounted route with its operationId', async () => {
    const res = await http().get('/api/openapi.json');
    expect(res.status).toBe(200);
    expect(res.body.openapi).toBe('3.1.0');
    const listed = Object.entries(res.body.paths as Record<string, Record<string, { operationId: string }>>).flatMap(([, ops]) => Object.values(ops).map((o) => o.operationId));
    const mounted = apiRoutes(t.deps).map((r) => r.operationId);
    expect(listed.sort()).toEqual(mounted.sort());
    expect(new Set(mounted).size).toBe(mounted.length);
    expect(res.body.paths['/api/departments/{id}/liaisons'].post.requestBody.content['application/json'].schema.required).toEqual(['userId', 'note']);
  });

  it('an unknown route is a 404 problem', async () => {
    const res = await http().get('/api/no-such-thing');
    expect(res.status).toBe(404);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(res.body).toMatchObject({ status: 404, instance: '/api/no-such-thing', requestId: expect.any(String) });
  });

  it('a wrong method on a known route is a 405 problem', async () => {
    const res = await http().put('/api/health');
    expect(res.status).toBe(405);
    expect(res.headers['content-type']).toMatch(/problem\+json/);
  });

  it('malformed JSON is a 400 problem', async () => {
    const res = await http().post('/api/session').set('Content-Type', 'application/json').send('{"login": ');
    expect(res.status).toBe(400);
    expect(res.headers['content-type']).toMatch(/problem\+json/);
  });

  it('an oversized body is a 413 problem', async () => {
    const res = await http().post('/api/session').send({ login: 'x', password: 'y'.repeat(2 * 1024 * 1024) });
    expect(res.status).toBe(413);
    expect(res.headers['content-type']).toMatch(/problem\+json/);
  });

  it('a body that breaks the schema is a 422 problem naming each failing field', async () => {
    const res = await http().post('/api/session').send({ login: '', extra: 1 });
    expect(res.status).toBe(422);
    expect(res.body.errors).toEqual(
      expect.arrayContaining([
        { pointer: '/body/password', message: 'is required' },
        { pointer: '/body/extra', message: 'is not an allowed property' },
        { pointer: '/body/login', message: expect.stringMatching(/fewer than 1/) },
      ]),
    );
  });

  it('a missing body where one is required is a 422 problem', async () => {
    const res = await http().post('/api/session');
    expect(res.status).toBe(422);
    expect(res.body.errors).toEqual([{ pointer: '/body', message: 'is required' }]);
  });

  it('a body in another media type than JSON is a 415 problem', async () => {
    const res = await http().post('/api/session').set('Content-Type', 'text/plain').send('login=admin');
    expect(res.status).toBe(415);
    expect(res.headers['content-type']).toMatch(/problem\+json/);
  });

  it('sets security headers on success and on problems alike', async () => {
    for (const res of [await http().get('/api/health'), await http().get('/api/nothing')]) {
      expect(res.headers['content-security-policy']).toContain("default-src 'self'");
      expect(res.headers['x-content-type-options']).toBe('nosniff');
      expect(res.headers['x-frame-options']).toBe('DENY');
    }
  });

  it('an unexpected error is a 500 that leaks nothing but a request id', async () => {
    const em = t.em();
    await em.execute('alter table department rename to department_gone');
    try {
      const { agent } = await t.login('bureau-staff').catch(() => ({ agent: undefined }));
      // login itself needs department (memberships query); either path must yield a bare 500.
      const res = agent ? await agent.get('/api/departments') : await request(t.app.callback()).post('/api/session').send({ login: 'bureau-staff', password: 'demo-2023' });
      expect(res.status).toBe(500);
      expect(res.body).toEqual({ type: 'urn:problem:internal', title: 'Internal Server Error', status: 500, detail: expect.stringMatching(/request id/), instance: expect.any(String), requestId: expect.any(String) });
      expect(JSON.stringify(res.body)).not.toMatch(/department|relation|sql/i);
    } finally {
      await em.execute('alter table department_gone rename to department');
    }
  });
});
