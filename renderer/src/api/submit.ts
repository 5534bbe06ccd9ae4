import type { FormInstance } from 'antd';
import type { ErrorBody, MethodInput, MethodName, MethodOutput } from '../../../shared/contract';
import { hall } from './bridge';

type NamePath = (string | number)[];

/**
 * The form store's own change feed, the one antd's Form.useWatch listens to: a field refused by
 * the back end has no rule of its own that a change would re-run, so without it the red message
 * stayed after the value was corrected.
 */
const HOOK_MARK = 'RC_FORM_INTERNAL_HOOKS';
interface Watchable {
  getInternalHooks?: (mark: string) => { registerWatch(callback: () => void): () => void } | null;
}

/** The fields each form shows a back-end refusal at, with the value that was refused. */
const refused = new WeakMap<
  FormInstance,
  { fields: Map<string, { name: NamePath; value: string }>; stop: () => void }
>();

const snapshot = (form: FormInstance, name: NamePath) => JSON.stringify(form.getFieldValue(name) ?? null);

/** Clears a refusal at its field as soon as the field's value is no longer the refused one. */
function clearWhenChanged(form: FormInstance, names: NamePath[]): void {
  let entry = refused.get(form);
  if (!entry) {
    const fields = new Map<string, { name: NamePath; value: string }>();
    const hooks = (form as FormInstance & Watchable).getInternalHooks?.(HOOK_MARK);
    const stop =
      hooks?.registerWatch(() => {
        const changed = [...fields].filter(([, f]) => snapshot(form, f.name) !== f.value);
        if (changed.length === 0) return;
        for (const [key] of changed) fields.delete(key);
        form.setFields(changed.map(([, f]) => ({ name: f.name, errors: [] })));
      }) ?? (() => {});
    entry = { fields, stop };
    refused.set(form, entry);
  }
  for (const name of names) entry.fields.set(name.join('.'), { name, value: snapshot(form, name) });
}

/** Clears the refusals of the last call before the next: the back end answers afresh. */
function clearRefusals(form: FormInstance): void {
  const entry = refused.get(form);
  if (!entry || entry.fields.size === 0) return;
  form.setFields([...entry.fields.values()].map((f) => ({ name: f.name, errors: [] })));
  entry.fields.clear();
}

/**
 * Calls a method from a form: on failure, field errors go to their fields (in Chinese, where
 * the user is looking) and clear when the field is corrected; the general message is returned
 * for an alert.
 */
export async function submit<M extends MethodName>(
  form: FormInstance | null,
  method: M,
  input: MethodInput<M>,
): Promise<{ ok: true; value: MethodOutput<M> } | { ok: false; error: ErrorBody }> {
  if (form) clearRefusals(form);
  const result = await hall.call(method, input);
  if (!result.ok && form && result.error.fields?.length) {
    // The fields on screen (an untouched one holds no value in the store yet) and the values held.
    const known = new Set([
      ...Object.keys(form.getFieldsValue() as object),
      ...Object.keys(form.getFieldsValue(true) as object),
    ]);
    const fields = result.error.fields
      .filter((f) => known.has(f.path.split('.')[0]!))
      // List fields are addressed by index: "petitioners.0.idNumber" → ['petitioners', 0, 'idNumber'].
      .map((f) => ({
        name: f.path.split('.').map((part) => (/^\d+$/.test(part) ? Number(part) : part)),
        errors: [f.message],
      }));
    form.setFields(fields);
    clearWhenChanged(
      form,
      fields.map((f) => f.name),
    );
  }
  return result;
}
