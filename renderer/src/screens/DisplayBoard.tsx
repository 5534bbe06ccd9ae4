import { useEffect, useState } from 'react';
import type { MethodOutput } from '../../../shared/contract';
import { weekdayOf } from '../../../shared/domain/calendar';
import { hall } from '../api/bridge';
import { announce } from '../components/announce';
import { HallClock } from '../components/HallClock';
import { SoundSwitch } from '../components/SoundSwitch';
import { TestClockBanner } from '../components/TestClockBanner';

type Notice = MethodOutput<'display.notice'>;
type Queue = MethodOutput<'display.queue'>;

const WEEK = ['日', '一', '二', '三', '四', '五', '六'];

/**
 * /display: the hall's wall screen. Large type, no controls, no login; the time of the hall's
 * clock, the number being called, the waiting list by room with each room's current number, and
 * the week's schedule (re-read every minute, today's row marked). Each call chimes, and is spoken
 * where a Chinese voice exists.
 */
export function DisplayBoard() {
  const [notice, setNotice] = useState<Notice | null>(null);
  const [queue, setQueue] = useState<Queue | null>(null);
  useEffect(() => {
    const load = () => void hall.call('display.notice', {}).then((r) => r.ok && setNotice(r.value));
    const loadQueue = () => void hall.call('display.queue', {}).then((r) => r.ok && setQueue(r.value));
    load();
    loadQueue();
    const timers = [setInterval(load, 60_000), setInterval(loadQueue, 5_000)];
    const off = hall.on('queue.changed', (e) => {
      loadQueue();
      if (e.called) void announce(e.called.code, e.called.room);
    });
    return () => {
      timers.forEach(clearInterval);
      off();
    };
  }, []);
  const cell = { padding: '14px 18px', borderBottom: '1px solid #7f1d1d' } as const;
  return (
    <div
      style={{
        minHeight: '100vh',
        background: '#7f0000',
        color: '#fff8e1',
        padding: '3vh 4vw',
        fontSize: 26,
        boxSizing: 'border-box',
      }}
      data-testid="display"
    >
      {/* The wall faces the public: a rehearsal on a test clock must say so there too. */}
      <TestClockBanner instant={notice?.testClock} />
      <SoundSwitch />
      <div style={{ display: 'flex', justifyContent: 'space-between', alignItems: 'center', marginBottom: '2vh' }}>
        <div style={{ fontSize: 34, fontWeight: 700, letterSpacing: 4 }}>{notice?.office ?? ''} 信访接待大厅</div>
        <HallClock now={queue?.now} style={{ fontSize: 48, color: '#ffd54f' }} />
      </div>
      <div style={{ display: 'flex', gap: '3vw', marginBottom: '3vh' }}>
        <div style={{ flex: 1, background: '#b71c1c', borderRadius: 8, padding: '2vh 2vw' }} data-testid="calling">
          <div style={{ fontSize: 28, color: '#ffd54f' }}>正在呼叫</div>
          {(queue?.calling ?? []).length === 0 ? (
            <div style={{ fontSize: 36, marginTop: 12 }}>请耐心等候叫号</div>
          ) : (
            queue!.calling.map((c) => (
              <div key={c.code} style={{ fontSize: 64, fontWeight: 800, letterSpacing: 4 }}>
                {c.code}
                <span style={{ fontSize: 36, fontWeight: 400, marginLeft: 24 }}>
                  请到 {c.room ?? '接待室'}（{c.leader}）
                </span>
              </div>
            ))
          )}
        </div>
      </div>
      <div
        style={{
          display: 'grid',
          gridTemplateColumns: 'repeat(auto-fill, minmax(26vw, 1fr))',
          gap: '2vh 2vw',
          marginBottom: '3vh',
        }}
        data-testid="waiting"
      >
        {(queue?.rooms ?? []).map((r) => (
          <div
            key={r.key}
            style={{ background: '#5d0000', borderRadius: 8, padding: '1.5vh 1.5vw' }}
            data-testid="room-group"
            data-room={r.room}
          >
            <div style={{ display: 'flex', justifyContent: 'space-between', alignItems: 'baseline', gap: 12 }}>
              <span style={{ fontSize: 30, fontWeight: 700, color: '#ffd54f' }}>{r.room}</span>
              <span style={{ fontSize: 24 }}>{r.leader ?? ''}</span>
            </div>
            <div style={{ fontSize: 26, margin: '0.6vh 0' }}>
              当前：
              <b style={{ fontSize: 40, letterSpacing: 2 }} data-testid="room-current">
                {r.current ?? '—'}
              </b>
            </div>
            <div style={{ fontSize: 26, lineHeight: 1.6 }} data-testid="room-waiting">
              {r.waiting.length === 0
                ? '无人等候'
                : r.waiting.map((w) => (
                    <span key={w.code} style={{ marginRight: 20, whiteSpace: 'nowrap' }}>
                      {w.code} {w.surname}
                    </span>
                  ))}
            </div>
          </div>
        ))}
      </div>
      <div style={{ textAlign: 'center', fontSize: 40, fontWeight: 700, letterSpacing: 6 }}>领导干部接访安排公示</div>
      <div style={{ textAlign: 'center', fontSize: 28, margin: '1vh 0 3vh' }}>
        {notice?.office ?? ''}　{notice?.period ?? ''}
      </div>
      {notice && notice.slots.length === 0 ? (
        <div style={{ textAlign: 'center', fontSize: 32, marginTop: '10vh' }}>本周暂无接访安排</div>
      ) : (
        <table style={{ width: '100%', borderCollapse: 'collapse' }}>
          <thead>
            <tr style={{ color: '#ffd54f' }}>
              {['日期', '时间', '接访领导', '职务', '分管工作', '地点', '形式'].map((h) => (
                <th key={h} style={{ ...cell, textAlign: 'left' }}>
                  {h}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {(notice?.slots ?? []).map((s, i) => (
              <tr
                key={i}
                style={s.date === notice?.today ? { background: '#b71c1c' } : undefined}
                data-today={s.date === notice?.today || undefined}
              >
                <td style={cell}>
                  {Number(s.date.slice(5, 7))}月{Number(s.date.slice(8))}日 星期
                  {WEEK[weekdayOf(s.date)]}
                </td>
                <td style={cell}>{s.time}</td>
                <td style={{ ...cell, fontWeight: 700 }}>
                  {s.leader}
                  {s.note ? `（${s.note}）` : ''}
                </td>
                <td style={cell}>{s.post}</td>
                <td style={cell}>{s.portfolio}</td>
                <td style={cell}>{s.place}</td>
                <td style={cell}>{s.form}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </div>
  );
}
