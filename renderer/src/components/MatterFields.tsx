import { Form, Input, Select } from 'antd';
import type { MethodOutput } from '../../../shared/contract';
import { referenceOptions } from './referenceOptions';

type Refs = MethodOutput<'reference.lists'>;

/**
 * The matter's fields of a registration, the same in 登记 and in 更正登记 (VisitDrawer): the
 * two-level pickers of 问题类别 and 问题属地, and the matter in words. `aria` prefixes the
 * accessible names where two forms are on one screen ("更正诉求").
 */
export function MatterPickers({
  refs,
  aria = '',
  allowClear,
}: {
  refs?: Refs | null;
  aria?: string;
  allowClear?: boolean;
}) {
  return (
    <>
      <Form.Item name="categoryId" label="问题类别">
        <Select
          allowClear={allowClear}
          showSearch={{ optionFilterProp: 'label' }}
          style={{ width: 200 }}
          options={referenceOptions(refs?.categories)}
          aria-label={`${aria}问题类别`}
        />
      </Form.Item>
      <Form.Item name="localityId" label="问题属地">
        <Select
          allowClear={allowClear}
          showSearch={{ optionFilterProp: 'label' }}
          style={{ width: 160 }}
          options={referenceOptions(refs?.localities)}
          aria-label={`${aria}问题属地`}
        />
      </Form.Item>
    </>
  );
}

export function MatterText({ aria = '' }: { aria?: string }) {
  return (
    <>
      <Form.Item name="demand" label="诉求" rules={[{ required: true, message: '请填写诉求' }]}>
        <Input aria-label={`${aria}诉求`} />
      </Form.Item>
      <Form.Item name="facts" label="事实与理由">
        <Input.TextArea rows={3} aria-label={`${aria}事实与理由`} />
      </Form.Item>
      <Form.Item name="earlierHandling" label="此前处理情况">
        <Input.TextArea rows={2} aria-label={`${aria}此前处理情况`} />
      </Form.Item>
    </>
  );
}
