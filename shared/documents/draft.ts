import { FONT, type DocDefinition } from './types';

/** The words of a refused official copy, one message wherever it is shown (contract error, CLI). */
export function missingGlyphsMessage(missing: readonly string[]): string {
  return `${missing.map((c) => `“${c}”`).join('')}无打印字体，不能打印正式件（编号、PDF/A）：请管理员在“设置 › 单位与规则 › 打印字体”中添加含这些字的字体，或确认打印草稿（水印“草稿”，不编号）。`;
}

/** The warning under a registration field: the characters no print font has. */
export function missingGlyphsWarning(missing: readonly string[]): string {
  return `${missing.map((c) => `“${c}”`).join('')}无打印字体，打印正式件前请管理员添加字体`;
}

/**
 * A draft copy: 草稿 across every page, and never PDF/A (a draft may hold a character no
 * font draws, and PDF/A forbids .notdef). The caller gives it no document number.
 */
export function asDraft(doc: DocDefinition): DocDefinition {
  const { version: _version, subset: _subset, ...rest } = doc;
  return {
    ...rest,
    watermark: { text: '草稿', font: FONT.heading, color: '#b00000', opacity: 0.12, bold: true, fontSize: 150 },
  };
}

/** Whether a print was refused for characters no font has (and a draft would print). */
export function isMissingGlyphsRefusal(error: { code: string; message: string }): boolean {
  return error.code === 'RULE_VIOLATION' && error.message.includes('无打印字体，不能打印正式件');
}
