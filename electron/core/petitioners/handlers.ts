import { HallError, type MethodParsedInput } from '../../../shared/contract';
import { value } from '../infra/db/sql';
import type { AreaHandlers, ServiceCall } from '../infra/router';
import type { Store } from '../infra/store';
import { actorOf } from '../infra/access';
import { checkRevealReason, recordReveal } from '../infra/reveals';

export interface PetitionersDeps {
  store: Store;
  now: () => Date;
}

/**
 * Full ID numbers and phones are shown only on request, to roles that may, with a reason, within
 * the account's hourly limit, and audited (infra/reveals.ts).
 */
export function petitionersHandlers(deps: PetitionersDeps): AreaHandlers<'petitioners'> {
  return {
    'petitioners.reveal': (input, call) => reveal(deps, input, call),
  };
}

function reveal({ store, now }: PetitionersDeps, input: MethodParsedInput<'petitioners.reveal'>, call: ServiceCall) {
  const reason = checkRevealReason(input.reason);
  const column = input.field === 'idNumber' ? 'id_number' : 'phone';
  const actor = actorOf(call.session);
  // The limit is checked and the reveal recorded in one write, before the value leaves the store.
  return store.write(actor, (db, audit) => {
    // undefined: no such petitioner; null: the field is empty.
    const found = value<string | null>(db, `SELECT ${column} FROM petitioners WHERE id = ?`, input.petitionerId);
    if (found === undefined) throw new HallError('NOT_FOUND', '没有这个信访人。');
    recordReveal(
      db,
      audit,
      { actor, now: now(), limit: store.settings().revealsPerHour, reason },
      { entity: 'petitioner', entityId: input.petitionerId, detail: { field: input.field } },
    );
    return { value: found };
  });
}
