// The renderer's can(method) (issue 16, item 3) is the contract read for one account: for every
// method and role it agrees with the router's own check, and for a 接访领导 it refuses another
// leader's queue and the office-wide documents, as the access scope does.
import { describe, expect, it } from 'vitest';
import { canCall, contract, METHOD_NAMES, roleMayCall } from '../../shared/contract';
import { DOCUMENT_KINDS, officeWideDocument } from '../../shared/documents/kinds';
import { ROLES } from '../../shared/domain/roles';

describe('can(method): what an account may do, from the contract', () => {
  it('agrees with the access the router enforces, for every method and role, and refuses nobody logged in', () => {
    for (const method of METHOD_NAMES)
      for (const role of ROLES) {
        const access = contract[method].access;
        const expected = access === 'public' || access === 'session' || access.includes(role);
        expect(canCall({ role, leaderId: role === 'leader' ? 1 : null }, method), `${role} ${method}`).toBe(expected);
        expect(roleMayCall(access, role)).toBe(expected);
      }
    expect(canCall(null, 'auth.login')).toBe(true);
    expect(canCall(null, 'queue.today')).toBe(false);
  });

  it('lets a leader call only their own queue; the desk calls every queue; the archivist none', () => {
    const leader = { role: 'leader' as const, leaderId: 7 };
    expect(canCall(leader, 'queue.call', { leaderId: 7 })).toBe(true);
    expect(canCall(leader, 'queue.call', { leaderId: 8 })).toBe(false);
    // A leader account linked to no leader reaches no queue.
    expect(canCall({ role: 'leader', leaderId: null }, 'queue.call', { leaderId: 7 })).toBe(false);
    expect(canCall({ role: 'operator', leaderId: null }, 'queue.call', { leaderId: 8 })).toBe(true);
    expect(canCall({ role: 'archivist', leaderId: null }, 'queue.call', { leaderId: 8 })).toBe(false);
    expect(canCall({ role: 'archivist', leaderId: null }, 'queue.act')).toBe(false);
  });

  it('keeps the office-wide documents from a leader, and nothing else the print allows', () => {
    expect(DOCUMENT_KINDS.filter(officeWideDocument)).toEqual(['ledger', 'day-summary']);
    for (const kind of DOCUMENT_KINDS) {
      expect(canCall({ role: 'leader', leaderId: 7 }, 'documents.print', { kind }), kind).toBe(
        !officeWideDocument(kind),
      );
      expect(canCall({ role: 'archivist', leaderId: null }, 'documents.print', { kind }), kind).toBe(true);
    }
  });

  it('lets the archivist read a case and print it, and write nothing on it', () => {
    const archivist = { role: 'archivist' as const, leaderId: null };
    for (const read of ['cases.get', 'ledger.query', 'documents.print', 'attachments.list', 'export.cases'] as const)
      expect(canCall(archivist, read), read).toBe(true);
    for (const write of [
      'cases.move',
      'cases.create',
      'cases.responsibility',
      'cases.report',
      'interviews.save',
      'visits.register',
      'appointments.book',
      'signatures.save',
      'petitioners.reveal',
    ] as const)
      expect(canCall(archivist, write), write).toBe(false);
  });
});
