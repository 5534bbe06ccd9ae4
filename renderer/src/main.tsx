import { App as AntApp, ConfigProvider } from 'antd';
import zhCN from 'antd/locale/zh_CN';
import dayjs from 'dayjs';
import 'dayjs/locale/zh-cn';
import { StrictMode } from 'react';
import './global.css';
import { createRoot } from 'react-dom/client';
import { SessionProvider } from './api/session';
import { Gate } from './Shell';
import { DisplayBoard } from './screens/DisplayBoard';
import { doorRoomId, RoomDoor } from './screens/RoomDoor';

dayjs.locale('zh-cn');

// Staff who turn animations off in the system get none here either.
const reducedMotion = window.matchMedia('(prefers-reduced-motion: reduce)').matches;

const root = document.getElementById('root');
if (!root) throw new Error('missing #root');

createRoot(root).render(
  <StrictMode>
    <ConfigProvider
      locale={zhCN}
      button={{ autoInsertSpace: false }}
      theme={{ token: { colorPrimary: '#b71c1c', borderRadius: 4, fontSize: 15, motion: !reducedMotion } }}
    >
      <AntApp>
        {/* /display is the hall's wall screen, /display/room/<id> a room's door: public data only, no login. */}
        {window.location.pathname === '/display' ? (
          <DisplayBoard />
        ) : window.location.pathname.startsWith('/display/room/') ? (
          <RoomDoor roomId={doorRoomId(window.location.pathname)} />
        ) : (
          <SessionProvider>
            <Gate />
          </SessionProvider>
        )}
      </AntApp>
    </ConfigProvider>
  </StrictMode>,
);
