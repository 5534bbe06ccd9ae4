import type { MethodOutput } from '../../../shared/contract';

type Refs = MethodOutput<'reference.lists'>;

/**
 * Picker options for a two-level list (属地, 问题类别): a second-level entry is shown with its
 * parent after it ("前进村（城关镇）": a narrow picker still shows the entry's own name first), so
 * two villages of one name in different townships stay apart and a category reads with its class. The office's county is the root of the list, not a parent.
 */
export function referenceOptions(
  entries: Refs['localities'] | Refs['categories'] | undefined,
): { value: number; label: string }[] {
  const list: { id: number; name: string; parentId: number | null; level?: string }[] = entries ?? [];
  const byId = new Map(list.map((e) => [e.id, e]));
  return list
    .filter((e) => e.level !== 'county')
    .map((e) => {
      const parent = e.parentId === null ? undefined : byId.get(e.parentId);
      return { value: e.id, label: parent && parent.level !== 'county' ? `${e.name}（${parent.name}）` : e.name };
    });
}
