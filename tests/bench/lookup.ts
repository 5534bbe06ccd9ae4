import fs from 'node:fs';
import { chinaDay } from '../../shared/domain/calendar';
import os from 'node:os';
import path from 'node:path';
import { createCore } from '../../electron/core';
import { openDatabase } from '../../electron/core/infra/db/connection';
import { value } from '../../electron/core/infra/db/sql';
import { accountSlot, unwrapSlot } from '../../electron/core/infra/key-slots';
import { silentLogger } from '../../electron/core/infra/log';
import { lookupVisits } from '../../electron/core/visits/register';
import { startPreviewServer } from '../../electron/preview/server';
import { leaderInput, visitInput } from '../helpers/core';
import { BENCH_PEOPLE, benchDatabase, benchIdNumber, benchPhone } from './store';
import { ms, summarize } from './stats';

const RUNS = 2000;
const CALLS = 300;

/** Repeat-visit lookups on the bench database (1,000,000 visits by default), and call-next through the preview host. */
export async function benchLookup(): Promise<void> {
  const { encFile, keyring, password } = benchDatabase();
  const key = unwrapSlot(keyring, accountSlot(keyring, 'admin')!, password)!;
  const db = openDatabase(encFile, { key });
  const prefixes = ['王伟', '李芳', '张娜', '刘秀英', '陈敏', '欧阳', '𠮷建国', '黄堃'];
  const times = { id: [] as number[], phone: [] as number[], name: [] as number[] };
  for (let n = 0; n < RUNS; n++) {
    const i = (n * 7919) % BENCH_PEOPLE;
    let t = performance.now();
    lookupVisits(db, { idNumber: benchIdNumber(i) }, null);
    times.id.push(performance.now() - t);
    t = performance.now();
    lookupVisits(db, { phone: benchPhone(i) }, null);
    times.phone.push(performance.now() - t);
    t = performance.now();
    lookupVisits(db, { namePrefix: prefixes[n % prefixes.length]! }, null);
    times.name.push(performance.now() - t);
  }
  // The size it actually ran at: BENCH_VISITS may be set smaller than the goal's 1,000,000.
  const visits = value<number>(db, 'SELECT count(*) FROM visits') ?? 0;
  db.close();
  console.log(
    `lookup bench: ${RUNS} lookups each on an encrypted database of ${visits.toLocaleString('en-US')} visits (goal size 1,000,000; first pass, as typed at the counter)`,
  );
  for (const [label, t] of [
    ['by ID number', times.id],
    ['by phone', times.phone],
    ['by name prefix', times.name],
  ] as const) {
    const s = summarize(t);
    console.log(
      `  ${label.padEnd(16)} median ${ms(s.median).padStart(9)}   p95 ${ms(s.p95).padStart(9)}   goal p95 < 5 ms`,
    );
  }

  // Call-next through the preview host: a real HTTP round trip with the cookie, as the browser makes it.
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hall-bench-queue-'));
  const core = createCore({ dataDir: dir, host: 'preview', runtime: 'bench', log: silentLogger });
  const server = await startPreviewServer(core, path.join(__dirname, '../../out/renderer'));
  try {
    const origin = `http://127.0.0.1:${server.port}`;
    const exchange = await fetch(server.url, { redirect: 'manual' });
    const cookie = exchange.headers.get('set-cookie')!.split(';')[0]!;
    const api = async (method: string, input: unknown) => {
      const res = await fetch(`${origin}/api/${method}`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', Origin: origin, Cookie: cookie },
        body: JSON.stringify(input),
      });
      const body = (await res.json()) as { ok: boolean; value?: unknown; error?: { message: string } };
      if (!body.ok) throw new Error(`${method}: ${body.error?.message}`);
      return body.value as Record<string, unknown>;
    };
    await api('setup.init', {
      officeName: '清河县信访局',
      username: 'admin',
      displayName: '测试',
      password: 'bench password 1',
    });
    const today = chinaDay(new Date());
    const leader = (await api('leaders.save', leaderInput('吴晓喆'))) as { id: number };
    const rule = (await api('roster.saveRule', {
      name: '今日',
      params: { kind: 'once', dates: [today] },
      shiftToWorkingDay: false,
      session: 'morning',
      startTime: '08:00',
      endTime: '18:00',
      form: 'regular',
      roomId: null,
      place: null,
      leaderIds: [leader.id],
      validFrom: today,
      validTo: null,
    })) as { id: number };
    await api('roster.generate', { ruleId: rule.id, from: today, to: today });
    for (let i = 0; i < CALLS; i++)
      await api(
        'visits.register',
        visitInput(
          [{ name: `来访人${i}`, sex: 'unknown', idNumber: '', phone: '', address: '', isRepresentative: false }],
          '测试诉求',
          { leaderId: leader.id },
        ),
      );
    const rtt: number[] = [];
    for (let i = 0; i < CALLS; i++) {
      const t = performance.now();
      const called = (await api('queue.call', { leaderId: leader.id })) as { ticket: { id: number } };
      rtt.push(performance.now() - t);
      await api('queue.act', { action: 'start', ticketId: called.ticket.id });
      await api('queue.act', { action: 'finish', ticketId: called.ticket.id });
    }
    const s = summarize(rtt);
    console.log(
      `call-next round trip through the preview host (${CALLS} calls): median ${ms(s.median)}, p95 ${ms(s.p95)}   goal p95 < 30 ms`,
    );
  } finally {
    await server.close();
    core.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
