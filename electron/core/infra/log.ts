import { machineTime } from './clock';

/**
 * A small structured logger. Callers pass fields, never free text built from records, so no
 * name, ID number or key can slip into a log line by string concatenation.
 */
export type LogFields = Record<string, string | number | boolean | null | undefined | string[]>;

export interface Logger {
  info(message: string, fields?: LogFields): void;
  warn(message: string, fields?: LogFields): void;
  error(message: string, fields?: LogFields): void;
}

export type LogSink = (line: string) => void;

export function createLogger(sink: LogSink = (line) => process.stderr.write(line + '\n')): Logger {
  const write = (level: string, message: string, fields?: LogFields) =>
    // Machine time, not the hall's clock: a log line says when the process really wrote it.
    sink(JSON.stringify({ t: machineTime(), level, message, ...fields }));
  return {
    info: (m, f) => write('info', m, f),
    warn: (m, f) => write('warn', m, f),
    error: (m, f) => write('error', m, f),
  };
}

export const silentLogger: Logger = { info() {}, warn() {}, error() {} };
