/**
 * Process entry point of `loom`: wires the real process into runCli.
 */
import { createInterface } from 'node:readline/promises';

import { runCli } from './run.js';

// A reader that stops early (`loom ... | head`) closes the pipe; that is not an error of ours.
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0);
    throw error;
  });
}

async function askOnTerminal(question: string): Promise<boolean> {
  const terminal = createInterface({ input: process.stdin, output: process.stderr });
  try {
    return /^y(es)?$/i.test((await terminal.question(question)).trim());
  } finally {
    terminal.close();
  }
}

const exitCode = await runCli(process.argv.slice(2), {
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
  cwd: process.cwd(),
  env: process.env,
  isTerminal: process.stdout.isTTY,
  // A terminal that reports no size (some pseudo-terminals) leaves COLUMNS or 80 to decide.
  ...(process.stderr.isTTY && process.stderr.columns > 0
    ? { columns: process.stderr.columns }
    : {}),
  ...(process.stdin.isTTY ? { confirm: askOnTerminal } : {}),
});
process.exitCode = exitCode;
