import { HallError } from '../../../shared/contract';
import type { AreaHandlers, Handler } from '../infra/router';
import type { Store } from '../infra/store';
import { actorOf } from '../infra/access';

/** Full ID numbers and phones are shown only on request, to roles that may, and audited. */
export function petitionersHandlers({ store }: { store: Store }): AreaHandlers<'petitioners'> {
  const reveal: Handler<'petitioners.reveal'> = (input, call) => {
    const column = input.field === 'idNumber' ? 'id_number' : 'phone';
    const row = store.database.prepare(`SELECT ${column} AS value FROM petitioners WHERE id = ?`).get(input.petitionerId) as { value: string | null } | undefined;
    if (!row) throw new HallError('NOT_FOUND', '没有这个信访人。');
    store.audit(actorOf(call.session), { action: 'petitioner.reveal', entity: 'petitioner', entityId: input.petitionerId, detail: { field: input.field } });
    return { value: row.value };
  };
  return { 'petitioners.reveal': reveal };
}
