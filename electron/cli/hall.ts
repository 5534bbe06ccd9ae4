import { runCli } from './commands';

void runCli(process.argv.slice(2), {
  out: (t) => process.stdout.write(t),
  err: (t) => process.stderr.write(t),
  env: process.env,
}).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(`内部错误：${error instanceof Error ? error.name : 'unknown'}\n`);
    process.exitCode = 1;
  },
);
