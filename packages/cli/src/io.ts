/**
 * What a command may touch of the outside world. `main.ts` passes the real process; tests pass
 * buffers, so no test changes process-global state.
 */

/** The streams, directory and environment a CLI invocation runs with. */
export interface CliIo {
  readonly stdout: (text: string) => void;
  readonly stderr: (text: string) => void;
  /** Directory that relative paths on the command line are resolved against. */
  readonly cwd: string;
  readonly env: Readonly<Record<string, string | undefined>>;
  /** True when stdout is a terminal (colours, live progress). */
  readonly isTerminal: boolean;
  /** The terminal's width in characters, when there is one. */
  readonly columns?: number;
  /**
   * Asks the user a yes/no question; absent when there is no terminal to ask on, so commands
   * that destroy things then require their confirming flag.
   */
  readonly confirm?: (question: string) => Promise<boolean>;
}

/** A CliIo that collects output in memory, for tests and for embedding. */
export interface CapturedIo extends CliIo {
  readonly output: () => { stdout: string; stderr: string };
}

/** Creates a CliIo that records everything written to it. */
export function captureIo(options: {
  cwd: string;
  env?: Record<string, string | undefined>;
  /** Answers to give, in order, to questions asked; without it there is no terminal. */
  answers?: readonly boolean[];
}): CapturedIo {
  let stdout = '';
  let stderr = '';
  const answers = [...(options.answers ?? [])];
  return {
    stdout: (text) => {
      stdout += text;
    },
    stderr: (text) => {
      stderr += text;
    },
    cwd: options.cwd,
    env: options.env ?? {},
    isTerminal: false,
    ...(options.answers === undefined
      ? {}
      : {
          confirm: (question: string) => {
            stderr += question;
            const answer = answers.shift();
            if (answer === undefined) throw new Error(`unexpected question: ${question}`);
            return Promise.resolve(answer);
          },
        }),
    output: () => ({ stdout, stderr }),
  };
}
