import { Form, InputNumber, Select, Space } from 'antd';
import { wholeNumber } from '../../../shared/contract';
import { DEADLINE_RULE_LABELS, DEADLINE_RULES, type DeadlineRule } from '../../../shared/domain/deadlines';
import { fieldRule } from '../api/rules';

/** Form fields of a deadline rule (立案, 交办): the rule, and the days and how they count when custom. */
export function DeadlineRuleFields({ custom }: { custom: boolean }) {
  return (
    <>
      <Form.Item name="deadlineRule" label="办理期限">
        <Select options={DEADLINE_RULES.map((r) => ({ value: r, label: DEADLINE_RULE_LABELS[r] }))} />
      </Form.Item>
      {custom && (
        <Space>
          <Form.Item name="customAmount" label="天数" rules={[fieldRule('天数', wholeNumber(1, 365))]}>
            <InputNumber aria-label="天数" />
          </Form.Item>
          <Form.Item name="customUnit" label="计算方式">
            <Select
              style={{ width: 120 }}
              options={[
                { value: 'working', label: '工作日' },
                { value: 'calendar', label: '自然日' },
              ]}
            />
          </Form.Item>
        </Space>
      )}
    </>
  );
}

/** The rule and, for a custom one, its days, as the contract takes them. */
export function deadlineInput(v: { deadlineRule?: unknown; customAmount?: unknown; customUnit?: unknown }): {
  deadlineRule: DeadlineRule;
  custom?: { amount: number; unit: 'working' | 'calendar' };
} {
  const deadlineRule = v.deadlineRule as DeadlineRule;
  return deadlineRule === 'custom'
    ? {
        deadlineRule,
        custom: {
          amount: Number(v.customAmount ?? 0),
          unit: (v.customUnit as 'working' | 'calendar' | undefined) ?? 'working',
        },
      }
    : { deadlineRule };
}
