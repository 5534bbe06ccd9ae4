import { Input } from 'antd';
import type { ComponentProps } from 'react';

/**
 * A password field without the "show" eye: at a public counter a shown password is read over
 * the shoulder, and the eye would also sit in the Tab order between two fields.
 */
export function Secret(props: ComponentProps<typeof Input.Password>) {
  return <Input.Password visibilityToggle={false} {...props} />;
}
