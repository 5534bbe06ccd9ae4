import { Form, Typography } from 'antd';
import { passwordProblem, passwordStrength, PASSWORD_MIN } from '../../../shared/domain/password';
import { Secret } from './Secret';

const STRENGTH_TYPE = { 弱: 'danger', 一般: 'warning', 强: 'success', 很强: 'success' } as const;

/**
 * A new password and its confirmation, as one pair of fields with the rules people expect: the
 * same rule the back end applies (shared/domain/password.ts), checked as the user types, with
 * the estimated strength under the field.
 */
export function NewPassword({ name, label }: { name: string; label: string }) {
  const value: unknown = Form.useWatch(name);
  // The strength of an acceptable password; a refused one shows its reason as the field's error.
  const typed = typeof value === 'string' && value.length > 0 && !passwordProblem(value) ? value : null;
  return (
    <>
      <Form.Item
        name={name}
        label={`${label}（至少${PASSWORD_MIN}位）`}
        extra={
          typed ? (
            <Typography.Text type={STRENGTH_TYPE[passwordStrength(typed)]}>
              强度：{passwordStrength(typed)}
            </Typography.Text>
          ) : (
            '可以用一句好记的话，混用字母、数字和符号更安全'
          )
        }
        rules={[
          { required: true, message: `请设置${label}` },
          {
            validator: (_r, v: unknown) =>
              typeof v !== 'string' || v === '' || !passwordProblem(v)
                ? Promise.resolve()
                : Promise.reject(new Error(passwordProblem(v)!)),
          },
        ]}
      >
        <Secret autoComplete="new-password" />
      </Form.Item>
      <Form.Item
        name={`${name}Confirm`}
        label={`再次输入${label}`}
        dependencies={[name]}
        rules={[
          { required: true, message: `请再次输入${label}` },
          ({ getFieldValue }) => ({
            validator: (_r, value) =>
              value === getFieldValue(name) ? Promise.resolve() : Promise.reject(new Error('两次输入的密码不一致')),
          }),
        ]}
      >
        <Secret autoComplete="new-password" />
      </Form.Item>
    </>
  );
}
