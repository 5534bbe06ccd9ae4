import fs from 'node:fs';
import type { Protocol } from 'electron';
import { contentType, resolveStaticFile, SECURITY_HEADERS } from '../core';
import type { PrintJobs } from './printing';
import { APP_HOST, APP_SCHEME } from './security';

/** Must run before the app is ready: app:// behaves like https (secure, standard origin). */
export function registerAppScheme(protocol: Pick<Protocol, 'registerSchemesAsPrivileged'>): void {
  protocol.registerSchemesAsPrivileged([
    { scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true } },
  ]);
}

/**
 * Serves the renderer bundle from `root` with the strict CSP, nothing outside it, and PDFs
 * queued for printing from memory.
 */
export function appProtocolHandler(root: string, printJobs?: PrintJobs): (request: Request) => Response {
  return (request) => {
    const url = new URL(request.url);
    if (url.host !== APP_HOST || request.method !== 'GET') return new Response('Not found', { status: 404 });
    const pdf = printJobs?.lookup(url.pathname);
    if (pdf)
      return new Response(new Uint8Array(pdf), {
        status: 200,
        headers: {
          'Content-Type': 'application/pdf',
          'X-Content-Type-Options': 'nosniff',
          'Cache-Control': 'no-store',
        },
      });
    const file = resolveStaticFile(root, url.pathname);
    if (!file) return new Response('Not found', { status: 404 });
    return new Response(fs.readFileSync(file), {
      status: 200,
      headers: { 'Content-Type': contentType(file), ...SECURITY_HEADERS },
    });
  };
}
