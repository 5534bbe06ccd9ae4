import { HallError, type MethodParsedInput } from '../../../shared/contract';
import { value } from '../infra/db/sql';
import type { AreaHandlers, ServiceCall } from '../infra/router';
import type { Store } from '../infra/store';
import { actorOf } from '../infra/access';

export interface PetitionersDeps {
  store: Store;
}

/** Full ID numbers and phones are shown only on request, to roles that may, and audited. */
export function petitionersHandlers(deps: PetitionersDeps): AreaHandlers<'petitioners'> {
  return {
    'petitioners.reveal': (input, call) => reveal(deps, input, call),
  };
}

function reveal({ store }: PetitionersDeps, input: MethodParsedInput<'petitioners.reveal'>, call: ServiceCall) {
  const column = input.field === 'idNumber' ? 'id_number' : 'phone';
  // undefined: no such petitioner; null: the field is empty.
  const found = value<string | null>(
    store.database,
    `SELECT ${column} FROM petitioners WHERE id = ?`,
    input.petitionerId,
  );
  if (found === undefined) throw new HallError('NOT_FOUND', '没有这个信访人。');
  store.audit(actorOf(call.session), {
    action: 'petitioner.reveal',
    entity: 'petitioner',
    entityId: input.petitionerId,
    detail: { field: input.field },
  });
  return { value: found };
}
