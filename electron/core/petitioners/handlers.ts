import { HallError } from '../../../shared/contract';
import type { Handler } from '../infra/router';
import type { Store } from '../infra/store';
import { actorOf } from '../auth/handlers';

/** Full ID numbers and phones are shown only on request, to roles that may, and audited. */
export function petitionerHandlers({ store }: { store: Store }) {
  const reveal: Handler<'petitioners.reveal'> = (input, call) => {
    const column = input.field === 'idNumber' ? 'id_number' : 'phone';
    const row = store.database.prepare(`SELECT ${column} AS value FROM petitioners WHERE id = ?`).get(input.petitionerId) as { value: string | null } | undefined;
    if (!row) throw new HallError('NOT_FOUND', '没有这个信访人。');
    store.audit(actorOf(call.session), { action: 'petitioner.reveal', entity: 'petitioner', entityId: input.petitionerId, detail: { field: input.field } });
    return { value: row.value };
  };
  return { 'petitioners.reveal': reveal };
}
