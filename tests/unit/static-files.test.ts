import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { resolveStaticFile } from '../../electron/core/infra/static-files';
import { tempDir } from '../helpers/tmp';

describe('static file resolution (app:// and the preview host)', () => {
  const tmp = tempDir();
  const root = path.join(tmp.dir, 'renderer');
  beforeAll(() => {
    fs.mkdirSync(path.join(root, 'assets'), { recursive: true });
    fs.writeFileSync(path.join(root, 'index.html'), '<html></html>');
    fs.writeFileSync(path.join(root, 'assets', 'app.js'), '');
    fs.writeFileSync(path.join(tmp.dir, 'secret.txt'), 'key');
    fs.symlinkSync(path.join(tmp.dir, 'secret.txt'), path.join(root, 'assets', 'link.txt'));
  });
  afterAll(() => tmp.cleanup());

  it('serves files of the bundle and index.html for app routes', () => {
    const real = fs.realpathSync(root);
    expect(resolveStaticFile(root, '/assets/app.js')).toBe(path.join(real, 'assets', 'app.js'));
    expect(resolveStaticFile(root, '/')).toBe(path.join(real, 'index.html'));
    expect(resolveStaticFile(root, '/display')).toBe(path.join(real, 'index.html'));
  });

  it.each([
    '/../secret.txt',
    '/assets/../../secret.txt',
    '/%2e%2e/secret.txt',
    '/..%2fsecret.txt',
    '/assets/%2e%2e%2f%2e%2e%2fsecret.txt',
    '/assets/..\\..\\secret.txt',
    '/assets/app.js%00.html',
    '/%E0%A4%A',
    '/assets/link.txt',
    '/assets/missing.js',
  ])('refuses %s', (url) => {
    expect(resolveStaticFile(root, url)).toBeNull();
  });
});
