import { Alert, Button, Card, Descriptions, Skeleton, Tag } from 'antd';
import { DATABASE_STATE_LABELS, type DatabaseState } from '../../../shared/contract';
import { useCall } from '../api/useCall';

const STATE_COLORS: Record<DatabaseState, string> = { uninitialized: 'orange', locked: 'blue', open: 'green' };
const HOST_LABELS = { electron: '桌面程序', preview: '浏览器预览', cli: '命令行' } as const;

/** 设置 › 系统状态: version, data folder and database state, straight from system.info. */
export function SystemStatus() {
  const info = useCall('system.info', {});
  return (
    <Card
      title="系统状态"
      variant="borderless"
      extra={<Button onClick={info.reload}>刷新</Button>}
      data-testid="system-status"
    >
      {info.error && <Alert type="error" showIcon title={info.error.message} />}
      {info.loading && !info.data && <Skeleton active />}
      {info.data && (
        <Descriptions column={1} bordered size="middle" styles={{ label: { width: 160 } }}>
          <Descriptions.Item label="软件">{`${info.data.appName} ${info.data.version}`}</Descriptions.Item>
          <Descriptions.Item label="运行方式">{`${HOST_LABELS[info.data.host]}（${info.data.runtime}）`}</Descriptions.Item>
          <Descriptions.Item label="单位">{info.data.office ?? '—'}</Descriptions.Item>
          <Descriptions.Item label="数据目录">
            <code>{info.data.dataDir}</code>
          </Descriptions.Item>
          <Descriptions.Item label="数据库">
            <Tag color={STATE_COLORS[info.data.database.state]} data-testid="db-state">
              {DATABASE_STATE_LABELS[info.data.database.state]}
            </Tag>
            <span style={{ marginLeft: 8 }}>{info.data.database.cipher}</span>
          </Descriptions.Item>
          <Descriptions.Item label="数据结构版本">{info.data.database.schemaVersion ?? '—'}</Descriptions.Item>
        </Descriptions>
      )}
    </Card>
  );
}
