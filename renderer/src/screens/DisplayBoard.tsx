import { useEffect, useState } from 'react';
import type { MethodOutput } from '../../../shared/contract';
import { hall } from '../api/bridge';

type Notice = MethodOutput<'display.notice'>;
const WEEK = ['日', '一', '二', '三', '四', '五', '六'];

/**
 * /display: the hall's wall screen. Large type, no controls, no login; it re-reads the week's
 * schedule every minute and marks today's row.
 */
export function DisplayBoard() {
  const [notice, setNotice] = useState<Notice | null>(null);
  useEffect(() => {
    const load = () => void hall.call('display.notice', {}).then((r) => r.ok && setNotice(r.value));
    load();
    const timer = setInterval(load, 60_000);
    return () => clearInterval(timer);
  }, []);
  const cell = { padding: '14px 18px', borderBottom: '1px solid #7f1d1d' } as const;
  return (
    <div style={{ minHeight: '100vh', background: '#7f0000', color: '#fff8e1', padding: '3vh 4vw', fontSize: 26, boxSizing: 'border-box' }} data-testid="display">
      <div style={{ textAlign: 'center', fontSize: 48, fontWeight: 700, letterSpacing: 6 }}>领导干部接访安排公示</div>
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
              <tr key={i} style={s.date === notice?.today ? { background: '#b71c1c' } : undefined} data-today={s.date === notice?.today || undefined}>
                <td style={cell}>
                  {Number(s.date.slice(5, 7))}月{Number(s.date.slice(8))}日 星期{WEEK[new Date(`${s.date}T00:00:00Z`).getUTCDay()]}
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
