import { randomBytes, timingSafeEqual } from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { z } from 'zod';
import { contract, events, HallError, METHOD_NAMES, type ErrorCode, type Result } from '../../shared/contract';
import { contentType, resolveStaticFile, SECURITY_HEADERS, type Core } from '../core';

export const COOKIE_NAME = 'hall_client';
const MAX_BODY_BYTES = 32 * 1024 * 1024;

const STATUS_BY_CODE: Partial<Record<ErrorCode, number>> = {
  BAD_INPUT: 400,
  UNAUTHENTICATED: 401,
  SESSION_LOCKED: 401,
  WRONG_CREDENTIALS: 401,
  FORBIDDEN: 403,
  PASSWORD_CHANGE_REQUIRED: 403,
  NOT_FOUND: 404,
  UNKNOWN_METHOD: 404,
  CONFLICT: 409,
  RULE_VIOLATION: 422,
  ACCOUNT_LOCKED: 429,
  INTERNAL: 500,
};

export interface PreviewServer {
  url: string;
  port: number;
  token: string;
  close(): Promise<void>;
}

function sameSecret(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

function readCookie(header: string | undefined, name: string): string | null {
  if (!header) return null;
  for (const part of header.split(';')) {
    const [key, ...rest] = part.trim().split('=');
    if (key === name) return rest.join('=');
  }
  return null;
}

/** JSON Schemas of every method and event, generated from the contract's zod schemas. */
export function describeApi() {
  const schema = (s: z.ZodType, io: 'input' | 'output') => z.toJSONSchema(s, { io, unrepresentable: 'any' });
  return {
    methods: METHOD_NAMES.map((name) => {
      const spec = contract[name];
      return {
        name,
        summary: spec.summary,
        access: spec.access,
        input: schema(spec.input, 'input'),
        output: schema(spec.output, 'output'),
      };
    }),
    events: Object.entries(events).map(([name, payload]) => ({ name, payload: schema(payload, 'output') })),
  };
}

/**
 * The preview host: the built renderer and the core router over HTTP on 127.0.0.1 only. A
 * per-launch token in the printed URL is exchanged once per browser for an HttpOnly,
 * SameSite=Strict cookie; Host and Origin are checked on every request, so neither a DNS
 * rebinding page nor another site can talk to it.
 */
export async function startPreviewServer(core: Core, rendererDir: string, port = 0): Promise<PreviewServer> {
  const token = randomBytes(32).toString('base64url');
  const clients = new Set<string>();
  const streams = new Set<http.ServerResponse>();
  let allowedHosts: Set<string> = new Set();

  const send = (
    res: http.ServerResponse,
    status: number,
    body: string | Buffer,
    type: string,
    extra: Record<string, string> = {},
  ) => {
    res.writeHead(status, { 'Content-Type': type, 'Cache-Control': 'no-store', ...SECURITY_HEADERS, ...extra });
    res.end(body);
  };
  const sendJson = (res: http.ServerResponse, status: number, value: unknown) =>
    send(res, status, JSON.stringify(value), 'application/json; charset=utf-8');
  const refuse = (res: http.ServerResponse, status: number, code: ErrorCode, message?: string) =>
    sendJson(res, status, { ok: false, error: new HallError(code, message).toBody() });

  const unsubscribe = core.events.subscribe((name, payload) => {
    const frame = `event: ${name}\ndata: ${JSON.stringify(payload)}\n\n`;
    for (const res of streams) res.write(frame);
  });

  const server = http.createServer((req, res) => {
    void handle(req, res).catch(() => {
      if (!res.headersSent) refuse(res, 500, 'INTERNAL');
      else res.destroy();
    });
  });

  async function handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    // DNS rebinding: the Host must be our loopback address, exactly.
    if (!req.headers.host || !allowedHosts.has(req.headers.host))
      return refuse(res, 403, 'FORBIDDEN', '拒绝访问：主机名不正确。');
    // Cross-site requests: a browser always says where it comes from; it must be us.
    const origin = req.headers.origin;
    if (origin !== undefined && !allowedHosts.has(origin.replace(/^http:\/\//, '')))
      return refuse(res, 403, 'FORBIDDEN', '拒绝访问：来源不正确。');
    if (req.headers['sec-fetch-site'] === 'cross-site') return refuse(res, 403, 'FORBIDDEN', '拒绝访问：来源不正确。');

    const url = new URL(req.url ?? '/', `http://${req.headers.host}`);
    const presented = url.searchParams.get('token');
    if (presented !== null) {
      if (!sameSecret(presented, token))
        return refuse(res, 401, 'UNAUTHENTICATED', '链接无效，请使用启动时打印的地址。');
      const client = randomBytes(24).toString('base64url');
      clients.add(client);
      url.searchParams.delete('token');
      res.writeHead(303, {
        Location: url.pathname + (url.search || ''),
        'Set-Cookie': `${COOKIE_NAME}=${client}; HttpOnly; SameSite=Strict; Path=/`,
        'Cache-Control': 'no-store',
        ...SECURITY_HEADERS,
      });
      res.end();
      return;
    }

    const client = readCookie(req.headers.cookie, COOKIE_NAME);
    if (!client || !clients.has(client))
      return refuse(res, 401, 'UNAUTHENTICATED', '未授权：请使用启动时打印的地址打开。');
    const clientId = `browser-${client.slice(0, 16)}`;

    if (url.pathname === '/api' && req.method === 'GET') return sendJson(res, 200, describeApi());

    if (url.pathname === '/api/events' && req.method === 'GET') {
      res.writeHead(200, {
        'Content-Type': 'text/event-stream; charset=utf-8',
        'Cache-Control': 'no-store',
        Connection: 'keep-alive',
        ...SECURITY_HEADERS,
      });
      res.write(': connected\n\n');
      streams.add(res);
      req.on('close', () => streams.delete(res));
      return;
    }

    if (url.pathname.startsWith('/api/')) {
      if (req.method !== 'POST') return refuse(res, 405, 'UNKNOWN_METHOD');
      if (!isJsonMediaType(req.headers['content-type']))
        return refuse(res, 415, 'BAD_INPUT', '请求必须是 JSON（application/json，UTF-8）。');
      const raw = await readBody(req);
      if (raw === null) {
        res.setHeader('Connection', 'close');
        return refuse(res, 413, 'BAD_INPUT', `请求内容过大（最多 ${MAX_BODY_BYTES / 1024 / 1024} MiB），未处理。`);
      }
      let input: unknown;
      try {
        input = raw.length === 0 ? {} : JSON.parse(raw.toString('utf8'));
      } catch {
        return refuse(res, 400, 'BAD_INPUT', '请求不是有效的 JSON。');
      }
      const method = url.pathname.slice('/api/'.length);
      const result: Result<unknown> = await core.router.call(method, input, { host: 'preview', clientId });
      return sendJson(res, result.ok ? 200 : (STATUS_BY_CODE[result.error.code] ?? 422), result);
    }

    if (req.method !== 'GET') return refuse(res, 405, 'UNKNOWN_METHOD');
    const file = resolveStaticFile(rendererDir, url.pathname);
    if (!file) return send(res, 404, 'Not found', 'text/plain; charset=utf-8');
    return send(res, 200, fs.readFileSync(file), contentType(file));
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolve());
  });
  const actualPort = (server.address() as AddressInfo).port;
  allowedHosts = new Set([`127.0.0.1:${actualPort}`, `localhost:${actualPort}`]);

  return {
    url: `http://127.0.0.1:${actualPort}/?token=${token}`,
    port: actualPort,
    token,
    close: () =>
      new Promise<void>((resolve) => {
        unsubscribe();
        for (const res of streams) res.end();
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** `application/json`, exactly, with no charset or UTF-8 (a prefix match let `application/jsonx` in). */
export function isJsonMediaType(header: string | undefined): boolean {
  if (!header) return false;
  const [type, ...params] = header.split(';').map((p) => p.trim().toLowerCase());
  if (type !== 'application/json') return false;
  return params.every((p) => !p.startsWith('charset=') || p === 'charset=utf-8' || p === 'charset="utf-8"');
}

/**
 * The body, or null when it is larger than MAX_BODY_BYTES. An oversized body is read to its end
 * and dropped (not the socket torn down), so the client gets the 413 and its message instead of
 * a connection reset; a body declared too large is not kept at all. (Node's request timeout
 * bounds how long a sender may keep sending.)
 */
function readBody(req: http.IncomingMessage): Promise<Buffer | null> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = Number(req.headers['content-length'] ?? 0) > MAX_BODY_BYTES ? Infinity : 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) chunks.length = 0;
      else chunks.push(chunk);
    });
    req.on('end', () => resolve(size > MAX_BODY_BYTES ? null : Buffer.concat(chunks)));
    req.on('error', reject);
  });
}
