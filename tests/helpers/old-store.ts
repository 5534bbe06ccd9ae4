import path from 'node:path';
import { firstKeyring } from '../../electron/core/auth/keys';
import { openDatabase } from '../../electron/core/infra/db/connection';
import { migrate } from '../../electron/core/infra/db/migrate';
import { MIGRATIONS } from '../../electron/core/infra/db/migrations.generated';
import { newDatabaseKey, newRecoveryCode, writeKeyring } from '../../electron/core/infra/key-slots';
import { DEFAULT_SETTINGS } from '../../shared/domain/settings';
import { ADMIN, TEST_KDF } from './core';

/**
 * A data folder as an older app left it: the database at schema `version` (the first `version`
 * migrations), the administrator ADMIN, default settings and `visits` visits with a petitioner
 * each (tables every schema since 0000 has), and its keyring. What an upgrade test starts from.
 */
export function oldStore(dir: string, version: number, visits = 200): void {
  const key = newDatabaseKey();
  const db = openDatabase(path.join(dir, 'hall.db'), { key });
  try {
    migrate(db, () => {}, MIGRATIONS.slice(0, version));
    db.transaction(() => {
      const put = db.prepare('INSERT INTO settings (key, value) VALUES (?, ?)');
      for (const [k, v] of Object.entries({ ...DEFAULT_SETTINGS, officeName: ADMIN.officeName }))
        put.run(k, JSON.stringify(v));
      db.prepare("INSERT INTO accounts (id, username, display_name, role) VALUES (1, ?, ?, 'admin')").run(
        ADMIN.username,
        ADMIN.displayName,
      );
      const person = db.prepare("INSERT INTO petitioners (id, name) VALUES (?, '欧阳娜娜')");
      const visit = db.prepare(
        "INSERT INTO visits (id, visit_no, date, arrived_at, demand) VALUES (?, ?, '2026-03-02', '2026-03-02T01:00:00Z', '安置房逾期未交付')",
      );
      const link = db.prepare('INSERT INTO visit_petitioners (visit_id, petitioner_id, is_primary) VALUES (?, ?, 1)');
      for (let i = 1; i <= visits; i++) {
        person.run(i);
        visit.run(i, `DJ${i}`);
        link.run(i, i);
      }
    })();
    db.pragma('wal_checkpoint(TRUNCATE)');
  } finally {
    db.close();
  }
  writeKeyring(
    path.join(dir, 'hall.keyring.json'),
    firstKeyring(key, { accountId: 1, username: ADMIN.username }, ADMIN.password, newRecoveryCode(), TEST_KDF),
  );
  key.fill(0);
}
