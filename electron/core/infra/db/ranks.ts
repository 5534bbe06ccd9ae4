import { CASE_STATUSES } from '../../../../shared/domain/case-status';

/**
 * The working order of statuses and outcomes, for sorting the ledger. Each expression is also
 * an index (schema.ts), and SQLite uses an expression index only for the very same text: the
 * ledger's ORDER BY must use these strings unchanged.
 */
export const STATUS_RANK = `(CASE status ${CASE_STATUSES.map((s, i) => `WHEN '${s}' THEN ${i}`).join(' ')} END)`;
export const OUTCOME_RANK = `(CASE outcome WHEN 'support' THEN 0 WHEN 'explain' THEN 1 WHEN 'reject' THEN 2 END)`;
