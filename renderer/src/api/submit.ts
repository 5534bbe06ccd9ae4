import type { FormInstance } from 'antd';
import type { ErrorBody, MethodInput, MethodName, MethodOutput } from '../../../shared/contract';
import { hall } from './bridge';

/**
 * Calls a method from a form: on failure, field errors go to their fields (in Chinese, where
 * the user is looking) and the general message is returned for an alert.
 */
export async function submit<M extends MethodName>(
  form: FormInstance | null,
  method: M,
  input: MethodInput<M>,
): Promise<{ ok: true; value: MethodOutput<M> } | { ok: false; error: ErrorBody }> {
  const result = await hall.call(method, input);
  if (!result.ok && form && result.error.fields?.length) {
    const known = new Set(Object.keys(form.getFieldsValue(true) as object));
    form.setFields(
      result.error.fields
        .filter((f) => known.has(f.path.split('.')[0]!))
        // List fields are addressed by index: "petitioners.0.idNumber" → ['petitioners', 0, 'idNumber'].
        .map((f) => ({
          name: f.path.split('.').map((part) => (/^\d+$/.test(part) ? Number(part) : part)),
          errors: [f.message],
        })),
    );
  }
  return result;
}
