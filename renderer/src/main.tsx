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
        {/* /display is the hall's wall screen: public schedule only, no login. */}
        {window.location.pathname === '/display' ? (
          <DisplayBoard />
        ) : (
          <SessionProvider>
            <Gate />
          </SessionProvider>
        )}
      </AntApp>
    </ConfigProvider>
  </StrictMode>,
);
