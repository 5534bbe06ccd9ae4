// The Chinese error map, installed before any schema is used.
import './zod-chinese';

export * from './define';
export * from './errors';
export * from './events';
export * from './methods';
export * from './schemas';
export * from './client';
export * from './display-screen';
export * from './can';
export * from './field-labels';
export { MATERIAL_MAX_PAGES, MATERIAL_PAGE_MAX_BYTES } from './attachments';
export { checkField, chineseIssue, wholeNumber } from './zod-chinese';
