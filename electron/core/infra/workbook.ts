import { createRequire } from 'node:module';
import type ExcelJS from 'exceljs';

const requireHere = createRequire(__filename);

/**
 * A new Excel workbook. exceljs is required here, when a sheet is first made or read, not when
 * core loads: it takes a quarter of a second to load, which every command of the CLI (a cold
 * `hall print`) and every start of the app would otherwise pay for an export it may never make.
 */
export function newWorkbook(): ExcelJS.Workbook {
  const { Workbook } = requireHere('exceljs') as typeof ExcelJS;
  return new Workbook();
}
