import { Form } from 'antd';
import { Secret } from './Secret';

/** A new password and its confirmation, as one pair of fields with the rules people expect. */
export function NewPassword({ name, label }: { name: string; label: string }) {
  return (
    <>
      <Form.Item name={name} label={`${label}（至少8位）`} rules={[{ required: true, message: `请设置${label}` }, { min: 8, message: '密码至少8位' }]}>
        <Secret autoComplete="new-password" />
      </Form.Item>
      <Form.Item
        name={`${name}Confirm`}
        label={`再次输入${label}`}
        dependencies={[name]}
        rules={[
          { required: true, message: `请再次输入${label}` },
          ({ getFieldValue }) => ({
            validator: (_r, value) => (value === getFieldValue(name) ? Promise.resolve() : Promise.reject(new Error('两次输入的密码不一致'))),
          }),
        ]}
      >
        <Secret autoComplete="new-password" />
      </Form.Item>
    </>
  );
}
