import type { FormRule } from 'antd';
import { checkField } from '../../../shared/contract';

type Schema = Parameters<typeof checkField>[1];

/**
 * A form rule from a contract schema: the field is refused where it is typed, with the message
 * the back end would give, and the refusal clears as soon as the value passes. Use it instead of
 * an InputNumber's min/max, which silently turn an out-of-range number into the bound.
 */
export function fieldRule(label: string, schema: Schema): FormRule {
  return {
    validator: async (_rule, value: unknown) => {
      const message = checkField(label, schema, value);
      if (message) throw new Error(message);
    },
  };
}
