// Attacks on the audit trail (issue 13, finding 3), replayed through the router as a host would.
import { describe, expect, it } from 'vitest';
import { caller, freshOffice, must } from '../helpers/core';

describe('the audit trail under attack', () => {
  const office = freshOffice();

  it('an anonymous login with a lone surrogate is BAD_INPUT and leaves the chain verifiable', async () => {
    // Was: the failed login was audited with the name, SQLite stored U+FFFD, the hash had been
    // computed over the JavaScript string, and `audit verify` reported a break forever after.
    const anonymous = caller(office.core, 'attacker');
    const result = await anonymous('auth.login', { username: 'x\ud800', password: 'a' });
    expect(result).toMatchObject({ ok: false, error: { code: 'BAD_INPUT', fields: [{ path: 'username' }] } });
    const verdict = await must(office.core, 'admin')('audit.verify', {});
    expect(verdict).toMatchObject({ ok: true, brokenSeq: null });
  });

  it('refuses a lone surrogate in any text a logged-in user sends, and writes nothing', async () => {
    const admin = must(office.core, 'admin');
    const before = await admin('audit.list', { limit: 1 });
    const result = await caller(office.core, 'admin')('units.save', { name: '县\udc00住建局', contact: null, phone: null, active: true, categoryIds: [], localityIds: [] });
    expect(result).toMatchObject({ ok: false, error: { code: 'BAD_INPUT', fields: [{ path: 'name' }] } });
    expect(await admin('units.list', {})).toEqual([]);
    expect((await admin('audit.list', { limit: 1 })).total).toBe(before.total);
    expect(await admin('audit.verify', {})).toMatchObject({ ok: true });
  });
});
