import { chinaMinute } from '../../../shared/domain/calendar';

/**
 * The red strip every window shows while the back end runs on a test clock (HALL_NOW): whatever
 * is registered or printed now carries that day, so nobody may take the window for the real hall.
 */
export function TestClockBanner({ instant }: { instant: string | null | undefined }) {
  if (!instant) return null;
  return (
    <div
      role="alert"
      data-testid="test-clock"
      style={{
        background: '#d32f2f',
        color: '#fff',
        fontWeight: 700,
        fontSize: 16,
        textAlign: 'center',
        padding: '6px 12px',
        position: 'sticky',
        top: 0,
        zIndex: 1000,
      }}
    >
      测试时钟：{chinaMinute(instant)}（北京时间）· 本窗口的日期都按此时间计算，不是真实时间
    </div>
  );
}
