import { useEffect, useRef, useState } from 'react';
import type { ErrorBody, MethodOutput } from '../../../shared/contract';
import { hall } from '../api/bridge';
import { announce } from '../components/announce';
import { HallClock } from '../components/HallClock';
import { SoundSwitch } from '../components/SoundSwitch';
import { TestClockBanner } from '../components/TestClockBanner';

type Door = MethodOutput<'display.room'>;

/**
 * /display/room/<id>: the screen by a reception room's door. The room, who receives there today,
 * the number now called or in reception, and the next numbers (surnames only, as on the wall);
 * re-read on every queue change and every 5 s; a call to this room chimes and is spoken.
 */
export function RoomDoor({ roomId }: { roomId: number | null }) {
  const [door, setDoor] = useState<Door | null>(null);
  const [error, setError] = useState<ErrorBody | null>(null);
  // The room's name as last read, for the event handler set up once per room.
  const roomName = useRef<string | null>(null);
  useEffect(() => {
    roomName.current = door?.room ?? null;
  }, [door]);
  useEffect(() => {
    if (roomId === null) return;
    const load = () =>
      void hall.call('display.room', { roomId }).then((r) => {
        if (r.ok) {
          setDoor(r.value);
          setError(null);
        } else setError(r.error);
      });
    load();
    const timer = setInterval(load, 5_000);
    const off = hall.on('queue.changed', (e) => {
      load();
      // Only this room's calls sound at its door; the wall announces every call.
      if (e.called && e.called.room !== null && e.called.room === roomName.current)
        void announce(e.called.code, e.called.room);
    });
    return () => {
      clearInterval(timer);
      off();
    };
  }, [roomId]);
  const big = { fontWeight: 800, letterSpacing: 6, lineHeight: 1.1 } as const;
  return (
    <div
      style={{
        minHeight: '100vh',
        background: '#7f0000',
        color: '#fff8e1',
        padding: '3vh 4vw',
        boxSizing: 'border-box',
        display: 'flex',
        flexDirection: 'column',
        gap: '3vh',
      }}
      data-testid="door"
    >
      <TestClockBanner instant={door?.testClock} />
      <SoundSwitch />
      <div style={{ display: 'flex', justifyContent: 'space-between', alignItems: 'center' }}>
        <div style={{ fontSize: 28 }}>{door?.office ?? ''}</div>
        <HallClock now={door?.now} style={{ fontSize: 44, color: '#ffd54f' }} />
      </div>
      {roomId === null ? (
        <div style={{ fontSize: 48, textAlign: 'center', marginTop: '20vh' }} data-testid="door-error">
          门口屏地址不正确，应为 /display/room/接待室编号
        </div>
      ) : error ? (
        <div style={{ fontSize: 48, textAlign: 'center', marginTop: '20vh' }} data-testid="door-error">
          {error.message}
        </div>
      ) : door && door.room === null ? (
        <div style={{ fontSize: 48, textAlign: 'center', marginTop: '20vh' }}>今日尚未开始接待</div>
      ) : (
        <>
          <div style={{ textAlign: 'center' }}>
            <div style={{ ...big, fontSize: 96 }} data-testid="door-room">
              {door?.room ?? ''}
            </div>
            <div style={{ fontSize: 44, marginTop: '1vh' }} data-testid="door-leaders">
              {door ? (door.leaders.length ? `接访领导：${door.leaders.join('、')}` : '今日无领导在此接访') : ''}
            </div>
          </div>
          <div style={{ display: 'flex', gap: '3vw', flex: 1 }}>
            <div style={{ flex: 3, background: '#b71c1c', borderRadius: 12, padding: '3vh 2vw', textAlign: 'center' }}>
              <div style={{ fontSize: 40, color: '#ffd54f' }}>
                {door?.current?.status === 'in_reception' ? '正在接待' : '请到本室'}
              </div>
              <div style={{ ...big, fontSize: 180 }} data-testid="door-current">
                {door?.current?.code ?? '—'}
              </div>
            </div>
            <div style={{ flex: 2, background: '#5d0000', borderRadius: 12, padding: '3vh 2vw' }}>
              <div style={{ fontSize: 40, color: '#ffd54f' }}>下一位</div>
              <div data-testid="door-next">
                {(door?.next ?? []).length === 0 ? (
                  <div style={{ fontSize: 40, marginTop: '2vh' }}>无人等候</div>
                ) : (
                  door!.next.map((n, i) => (
                    <div key={n.code} style={{ fontSize: i === 0 ? 88 : 48, fontWeight: i === 0 ? 800 : 400 }}>
                      {n.code} <span style={{ fontSize: i === 0 ? 48 : 36 }}>{n.surname}</span>
                    </div>
                  ))
                )}
              </div>
            </div>
          </div>
        </>
      )}
    </div>
  );
}
