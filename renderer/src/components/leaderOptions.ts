import type { MethodOutput } from '../../../shared/contract';

/** What a leader picker offers: the active leaders but `exceptId`, each named with their post. */
export function activeLeaderOptions(leaders: MethodOutput<'leaders.list'> | null, exceptId?: number | null) {
  return (leaders ?? [])
    .filter((l) => l.active && l.id !== exceptId)
    .map((l) => ({ value: l.id, label: `${l.name}（${l.post}）` }));
}
