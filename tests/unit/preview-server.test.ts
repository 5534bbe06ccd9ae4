import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCore, type Core } from '../../electron/core';
import { silentLogger } from '../../electron/core/infra/log';
import { startPreviewServer, type PreviewServer } from '../../electron/preview/server';
import { tempDir } from '../helpers/tmp';

/** Raw HTTP so Host and Origin can be set to anything (fetch forbids changing Host). */
function request(
  port: number,
  opts: { path: string; method?: string; headers?: Record<string, string>; body?: string },
) {
  return new Promise<{ status: number; headers: http.IncomingHttpHeaders; body: string }>((resolve, reject) => {
    const req = http.request(
      { host: '127.0.0.1', port, path: opts.path, method: opts.method ?? 'GET', headers: opts.headers },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () =>
          resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString('utf8') }),
        );
      },
    );
    req.on('error', reject);
    req.end(opts.body);
  });
}

describe('the preview host', () => {
  const tmp = tempDir();
  let core: Core;
  let server: PreviewServer;
  let cookie = '';
  let host = '';

  beforeAll(async () => {
    const renderer = path.join(tmp.dir, 'renderer');
    fs.mkdirSync(renderer);
    fs.writeFileSync(path.join(renderer, 'index.html'), '<!doctype html><title>信访接待大厅</title>');
    core = createCore({ dataDir: path.join(tmp.dir, 'data'), host: 'preview', runtime: 'test', log: silentLogger });
    server = await startPreviewServer(core, renderer);
    host = `127.0.0.1:${server.port}`;
    const exchange = await request(server.port, { path: `/?token=${server.token}`, headers: { Host: host } });
    cookie = String(exchange.headers['set-cookie']?.[0]).split(';')[0]!;
  });
  afterAll(async () => {
    await server.close();
    core.close();
    tmp.cleanup();
  });

  /** A POST to system.info with the cookie, of `body` sent as `type`. */
  const postInfo = (body: string, type = 'application/json') =>
    request(server.port, {
      path: '/api/system.info',
      method: 'POST',
      headers: { Host: host, Cookie: cookie, 'Content-Type': type },
      body,
    });

  it('listens on loopback with a random port and a long random token', () => {
    expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/\?token=[\w-]{43}$/);
  });

  it('exchanges the token for an HttpOnly SameSite=Strict cookie and drops it from the address', async () => {
    const res = await request(server.port, { path: `/?token=${server.token}`, headers: { Host: host } });
    expect(res.status).toBe(303);
    expect(res.headers.location).toBe('/');
    expect(res.headers['set-cookie']?.[0]).toMatch(/HttpOnly; SameSite=Strict; Path=\//);
    expect(res.headers['set-cookie']?.[0]).not.toContain(server.token);
  });

  it('refuses a wrong token, and everything without the cookie', async () => {
    expect((await request(server.port, { path: '/?token=guess', headers: { Host: host } })).status).toBe(401);
    expect((await request(server.port, { path: '/', headers: { Host: host } })).status).toBe(401);
    expect((await request(server.port, { path: '/api', headers: { Host: host } })).status).toBe(401);
    expect(
      (await request(server.port, { path: '/api', headers: { Host: host, Cookie: 'hall_client=forged' } })).status,
    ).toBe(401);
  });

  it('lists every method with its JSON Schema to a holder of the cookie', async () => {
    const res = await request(server.port, { path: '/api', headers: { Host: host, Cookie: cookie } });
    expect(res.status).toBe(200);
    const api = JSON.parse(res.body) as { methods: { name: string; input: object }[] };
    expect(api.methods.map((m) => m.name)).toContain('system.info');
  });

  it('refuses a foreign Origin and a rebound Host even with the cookie', async () => {
    expect(
      (
        await request(server.port, {
          path: '/api',
          headers: { Host: host, Cookie: cookie, Origin: 'http://evil.example' },
        })
      ).status,
    ).toBe(403);
    expect(
      (await request(server.port, { path: '/api', headers: { Host: `evil.example:${server.port}`, Cookie: cookie } }))
        .status,
    ).toBe(403);
    const post = await request(server.port, {
      path: '/api/system.info',
      method: 'POST',
      headers: { Host: host, Cookie: cookie, Origin: 'http://evil.example', 'Content-Type': 'application/json' },
      body: '{}',
    });
    expect(post.status).toBe(403);
  });

  it('calls a method by POST with JSON and returns {ok,value}', async () => {
    const res = await request(server.port, {
      path: '/api/system.info',
      method: 'POST',
      headers: { Host: host, Cookie: cookie, Origin: `http://${host}`, 'Content-Type': 'application/json' },
      body: '{}',
    });
    expect(res.status).toBe(200);
    expect(JSON.parse(res.body)).toMatchObject({
      ok: true,
      value: { host: 'preview', database: { state: 'uninitialized' } },
    });
  });

  it('answers bad JSON, a form post and bad input with clear errors', async () => {
    const base = { method: 'POST', headers: { Host: host, Cookie: cookie, 'Content-Type': 'application/json' } };
    expect((await request(server.port, { ...base, path: '/api/system.info', body: '{nope' })).status).toBe(400);
    const bad = await request(server.port, { ...base, path: '/api/system.info', body: '{"x":1}' });
    expect(bad.status).toBe(400);
    expect(JSON.parse(bad.body)).toMatchObject({ ok: false, error: { code: 'BAD_INPUT' } });
    const form = await postInfo('a=1', 'application/x-www-form-urlencoded');
    expect(form.status).toBe(415);
    expect((await request(server.port, { ...base, path: '/api/system.nothing', body: '{}' })).status).toBe(404);
  });

  it('answers an oversized body with 413 and a message, not a connection reset', async () => {
    // Was: the socket was destroyed mid-body and the client saw ECONNRESET.
    const res = await postInfo(JSON.stringify({ pad: 'x'.repeat(33 * 1024 * 1024) }));
    expect(res.status).toBe(413);
    expect(JSON.parse(res.body)).toMatchObject({
      ok: false,
      error: { code: 'BAD_INPUT', message: expect.stringContaining('过大') },
    });
    // The host still answers afterwards.
    const after = await postInfo('{}');
    expect(after.status).toBe(200);
  });

  it('takes application/json exactly (UTF-8 if a charset is named)', async () => {
    const post = (type: string) => postInfo('{}', type);
    expect((await post('application/json')).status).toBe(200);
    expect((await post('application/json; charset=UTF-8')).status).toBe(200);
    for (const bad of [
      'application/jsonx',
      'application/json-patch+json',
      'application/json; charset=latin1',
      'text/plain',
    ])
      expect((await post(bad)).status, bad).toBe(415);
  });

  it('serves the renderer with a strict CSP', async () => {
    const res = await request(server.port, { path: '/', headers: { Host: host, Cookie: cookie } });
    expect(res.status).toBe(200);
    expect(res.body).toContain('信访接待大厅');
    expect(res.headers['content-security-policy']).toContain("script-src 'self'");
  });
});
