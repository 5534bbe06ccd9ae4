import { App as AntApp, ConfigProvider } from 'antd';
import zhCN from 'antd/locale/zh_CN';
import dayjs from 'dayjs';
import 'dayjs/locale/zh-cn';
import { StrictMode, Suspense } from 'react';
import './global.css';
import { createRoot } from 'react-dom/client';
import { SessionProvider } from './api/session';
import { lazyScreen } from './components/lazyScreen';
import { Gate } from './Shell';
import { BUTTON_CONFIG, hallTheme } from './theme';

// The wall and door screens are their own chunks: the counter PCs never load them.
const DisplayBoard = lazyScreen(() => import('./screens/DisplayBoard'), 'DisplayBoard');
const RoomDoor = lazyScreen(() => import('./screens/RoomDoor'), 'RoomDoor');
/** The room a door screen shows, from its address /display/room/<id>; null for any other path. */
const doorRoomId = (pathname: string) => {
  const m = /^\/display\/room\/([1-9]\d{0,8})\/?$/.exec(pathname);
  return m ? Number(m[1]) : null;
};

dayjs.locale('zh-cn');

// Staff who turn animations off in the system get none here either.
const reducedMotion = window.matchMedia('(prefers-reduced-motion: reduce)').matches;

const root = document.getElementById('root');
if (!root) throw new Error('missing #root');

createRoot(root).render(
  <StrictMode>
    <ConfigProvider locale={zhCN} button={BUTTON_CONFIG} theme={hallTheme(!reducedMotion)}>
      <AntApp>
        {/* /display is the hall's wall screen, /display/room/<id> a room's door: public data only, no login. */}
        {window.location.pathname === '/display' ? (
          <Suspense fallback={null}>
            <DisplayBoard />
          </Suspense>
        ) : window.location.pathname.startsWith('/display/room/') ? (
          <Suspense fallback={null}>
            <RoomDoor roomId={doorRoomId(window.location.pathname)} />
          </Suspense>
        ) : (
          <SessionProvider>
            <Gate />
          </SessionProvider>
        )}
      </AntApp>
    </ConfigProvider>
  </StrictMode>,
);
