import { App, Button, Modal, Space, Table, Upload } from 'antd';
import { useState } from 'react';
import type { MethodInput, MethodOutput } from '../../../shared/contract';
import { hall } from '../api/bridge';
import { downloadBase64, XLSX } from '../api/files';
import { handler } from '../api/handler';

type What = MethodInput<'transfer.export'>['what'];
type ImportErrors = MethodOutput<'transfer.import'>['errors'];

/** A picked file as base64, for the contract's file inputs. */
export function toBase64(file: File): Promise<string> {
  return file.arrayBuffer().then((buf) => {
    let binary = '';
    const bytes = new Uint8Array(buf);
    for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
    return btoa(binary);
  });
}

/**
 * Export to Excel (the file is also the import template) and import from it: every row is
 * checked first, errors are listed by row and column, and nothing is written unless all pass.
 */
export function ExcelTransfer({
  what,
  range,
  onImported,
}: {
  what: What;
  range?: { from: string; to: string };
  onImported: () => void;
}) {
  const { message, modal } = App.useApp();
  const [errors, setErrors] = useState<ImportErrors | null>(null);
  return (
    <Space>
      <Button
        onClick={handler(async () => {
          const r = await hall.call('transfer.export', { what, ...(range ?? {}) });
          if (!r.ok) return void message.error(r.error.message);
          downloadBase64(r.value.base64, r.value.fileName, XLSX);
        })}
      >
        导出 Excel
      </Button>
      <Upload
        accept=".xlsx"
        showUploadList={false}
        beforeUpload={async (file) => {
          const base64 = await toBase64(file);
          const dry = await hall.call('transfer.import', { what, base64, dryRun: true });
          if (!dry.ok) return (void message.error(dry.error.message), false);
          if (dry.value.errors.length > 0) return (setErrors(dry.value.errors), false);
          modal.confirm({
            title: '检查通过',
            content: `共 ${dry.value.rows} 行，全部符合要求。确认导入？`,
            okText: '导入',
            cancelText: '取消',
            onOk: async () => {
              const r = await hall.call('transfer.import', { what, base64, dryRun: false });
              if (r.ok && r.value.errors.length === 0) {
                message.success(`已导入 ${r.value.imported} 行`);
                onImported();
              } else message.error(r.ok ? '导入失败，未写入任何数据' : r.error.message);
            },
          });
          return false;
        }}
      >
        <Button>导入 Excel</Button>
      </Upload>
      <Modal
        title="文件中有错误，未导入任何数据"
        open={errors !== null}
        onCancel={() => setErrors(null)}
        footer={<Button onClick={() => setErrors(null)}>知道了</Button>}
        width={640}
      >
        <Table
          size="small"
          rowKey={(e) => `${e.row}-${e.column}`}
          dataSource={errors ?? []}
          pagination={{ pageSize: 10, hideOnSinglePage: true }}
          columns={[
            { title: '行', dataIndex: 'row', width: 60 },
            { title: '列', dataIndex: 'column', width: 110 },
            { title: '问题', dataIndex: 'message' },
          ]}
        />
      </Modal>
    </Space>
  );
}
