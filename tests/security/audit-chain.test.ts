// Attacks on the audit trail (issue 13, finding 3), replayed through the router as a host would.
import { describe, expect, it } from 'vitest';
import { entryHash } from '../../electron/core/infra/audit-chain';
import { all, value } from '../../electron/core/infra/db/sql';
import { caller, must, saveUnit } from '../helpers/core';
import { freshOffice } from '../helpers/office';

/** audit_log as stored (snake_case), for forging entries the way a person with the key could. */
interface AuditLogRow {
  seq: number;
  at: string;
  actor_id: number | null;
  action: string;
  entity: string;
  entity_id: string | null;
  before_digest: string | null;
  after_digest: string | null;
  detail: string;
}

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
    const result = await caller(office.core, 'admin')('units.save', {
      name: '县\udc00住建局',
      contact: null,
      phone: null,
      active: true,
      categoryIds: [],
      localityIds: [],
    });
    expect(result).toMatchObject({ ok: false, error: { code: 'BAD_INPUT', fields: [{ path: 'name' }] } });
    expect(await admin('units.list', {})).toEqual([]);
    expect((await admin('audit.list', { limit: 1 })).total).toBe(before.total);
    expect(await admin('audit.verify', {})).toMatchObject({ ok: true });
  });
});

describe('the audit chain against edits made with the key, outside the app', () => {
  const office = freshOffice();

  async function someHistory() {
    const admin = must(office.core, 'admin');
    for (const name of ['县住建局', '县人社局', '县自然资源局'])
      await admin('units.save', { name, contact: null, phone: null, active: true, categoryIds: [], localityIds: [] });
    return admin;
  }

  it('names a deleted last entry, even after the app writes again', async () => {
    const admin = await someHistory();
    const db = office.core.store.database;
    const last = value<number>(db, 'SELECT max(seq) FROM audit_log');
    db.exec('DROP TRIGGER audit_log_no_delete');
    db.prepare('DELETE FROM audit_log WHERE seq = ?').run(last);
    // Was: verify said OK. The next write must not seal the shortened chain over the evidence.
    await saveUnit(admin, '县水利局');
    const verdict = await admin('audit.verify', {});
    expect(verdict.ok).toBe(false);
    expect(verdict.breaks.map((b) => b.reason).join('；')).toMatch(/与数据目录的链头不符|截断/);
  });

  it('names a chain recomputed from an entry on, and lists an edit after a first break too', async () => {
    const admin = await someHistory();
    const db = office.core.store.database;
    db.exec('DROP TRIGGER audit_log_no_update');
    // Recompute every hash from entry 3 on, as a careful forger would.
    const rows = all<AuditLogRow>(db, 'SELECT * FROM audit_log WHERE seq >= 3 ORDER BY seq');
    let prev = value<string>(db, 'SELECT hash FROM audit_log WHERE seq = 2')!;
    for (const r of rows) {
      const row = {
        seq: r.seq,
        at: r.at,
        actorId: r.actor_id,
        actorName: 'forged',
        action: r.action,
        entity: r.entity,
        entityId: r.entity_id,
        beforeDigest: r.before_digest,
        afterDigest: r.after_digest,
        detail: r.detail,
        prevHash: prev,
      };
      const hash = entryHash(row);
      db.prepare('UPDATE audit_log SET actor_name = ?, prev_hash = ?, hash = ? WHERE seq = ?').run(
        'forged',
        prev,
        hash,
        row.seq,
      );
      prev = hash;
    }
    const verdict = await admin('audit.verify', {});
    expect(verdict.ok).toBe(false);
    expect(verdict.breaks.some((b) => /重新计算/.test(b.reason))).toBe(true);

    // A plain edit of entry 1 and another of entry 2: both are named, not only the first.
    db.prepare("UPDATE audit_log SET detail = '{}' WHERE seq IN (1, 2)").run();
    const again = await admin('audit.verify', {});
    expect(again.breaks.filter((b) => b.reason === '记录内容被改动').map((b) => b.seq)).toEqual([1, 2]);
  });

  it('verifies a healthy chain with its sealed head and the heads of its backups', async () => {
    const admin = await someHistory();
    await admin('backup.create', {});
    await saveUnit(admin, '县水利局');
    expect(await admin('audit.verify', {})).toMatchObject({ ok: true, breaks: [] });
  });
});
