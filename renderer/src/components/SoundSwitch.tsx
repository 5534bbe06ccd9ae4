import { useEffect, useState } from 'react';
import { soundBlocked, unblockSound } from './announce';

/**
 * A browser keeps a page silent until it is touched: while it does, a strip asks for one tap so
 * the calls' chime can sound. Gone once sound is on (the desktop's display window never shows it).
 */
export function SoundSwitch() {
  const [blocked, setBlocked] = useState(() => soundBlocked());
  useEffect(() => {
    if (!blocked) return;
    const on = () => void unblockSound().then(() => setBlocked(soundBlocked()));
    window.addEventListener('pointerdown', on);
    window.addEventListener('keydown', on);
    return () => {
      window.removeEventListener('pointerdown', on);
      window.removeEventListener('keydown', on);
    };
  }, [blocked]);
  if (!blocked) return null;
  return (
    <div
      role="status"
      data-testid="sound-blocked"
      style={{ background: '#ffd54f', color: '#4e0000', fontSize: 18, textAlign: 'center', padding: '4px 8px' }}
    >
      点击屏幕任意位置开启叫号提示音
    </div>
  );
}
