import { Flex, Table, Typography } from 'antd';
import dayjs from 'dayjs';
import { useCan } from '../api/can';
import { useCall } from '../api/useCall';
import { CaptureMaterial } from './CaptureMaterial';

/**
 * The case's 材料 (its own and those captured at its visits' registration), as the case folder
 * lists them, with 拍摄材料 for the accounts that may add one.
 */
export function CaseMaterials({ caseId }: { caseId: number }) {
  const can = useCan();
  const list = useCall('attachments.materials', { ownerType: 'case', ownerId: caseId });
  return (
    <>
      <Flex justify="space-between" align="center" wrap gap={8}>
        <Typography.Title level={5} style={{ margin: 0 }}>
          材料
        </Typography.Title>
        {can('attachments.capture', { ownerType: 'case', ownerId: caseId }) && (
          <CaptureMaterial ownerType="case" ownerId={caseId} onSaved={() => list.reload()} />
        )}
      </Flex>
      <Table
        size="small"
        rowKey="id"
        pagination={false}
        loading={list.loading}
        dataSource={list.data ?? []}
        locale={{ emptyText: '尚无材料' }}
        data-testid="case-materials"
        columns={[
          { title: '材料名称', dataIndex: 'title' },
          { title: '页数', dataIndex: 'pages', width: 60 },
          { title: '添加时间', width: 140, render: (_, m) => dayjs(m.createdAt).format('YYYY-MM-DD HH:mm') },
          { title: '添加人', dataIndex: 'createdBy', width: 100 },
        ]}
      />
    </>
  );
}
