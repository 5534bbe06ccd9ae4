/**
 * The lists of closing a case (办结单) and following it up (回访): one source for the schema, the
 * case moves, the case export, the ledger, the reports and the demo. Their labels are `OUTCOME`,
 * `ANSWER_WAY`, `SATISFACTION` and `FOLLOW_UP_WAY` in `labels.ts`, checked against these lists.
 */
/** 支持 / 解释 / 不支持 (信访工作条例 art 32). */
export const OUTCOMES = ['support', 'explain', 'reject'] as const;
export type Outcome = (typeof OUTCOMES)[number];

/** How the written answer reached the petitioner. */
export const ANSWER_WAYS = ['written_delivered', 'written_mailed', 'written_electronic', 'oral_recorded'] as const;
export type AnswerWay = (typeof ANSWER_WAYS)[number];

/** The petitioner's view of the answer, at closing and at the follow-up. */
export const SATISFACTIONS = ['satisfied', 'basically_satisfied', 'unsatisfied', 'unknown'] as const;
export type Satisfaction = (typeof SATISFACTIONS)[number];

export const FOLLOW_UP_WAYS = ['phone', 'visit', 'interview', 'other'] as const;
export type FollowUpWay = (typeof FOLLOW_UP_WAYS)[number];
