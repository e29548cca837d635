/**
 * Running a hook tool: a process on the hook's PATH (works under real Juju), or, under Loom, one
 * request on the unit agent's socket with the same command line (no process per call). Both
 * answer the tool's exit code, stdout and stderr.
 */

/** What a hook tool answered. */
export interface ToolResult {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

/** Runs hook tools. */
export interface ToolRunner {
  run(command: string, args: readonly string[], stdin?: string): Promise<ToolResult>;
}

/** Hook tools as processes, found on PATH as Juju installs them. */
export class ProcessToolRunner implements ToolRunner {
  constructor(private readonly env: NodeJS.ProcessEnv = process.env) {}

  async run(command: string, args: readonly string[], stdin?: string): Promise<ToolResult> {
    // Loaded on first use: a hook whose tools go through the socket never pays for it.
    const { spawn } = await import('node:child_process');
    return new Promise((resolve, reject) => {
      const child = spawn(command, args, { env: this.env, stdio: 'pipe' });
      let stdout = '';
      let stderr = '';
      child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
      child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
      child.on('error', (error: NodeJS.ErrnoException) => {
        reject(
          error.code === 'ENOENT'
            ? new Error(`hook tool "${command}" not found on PATH; is this running in a hook?`, {
                cause: error,
              })
            : error,
        );
      });
      child.on('close', (code) => {
        resolve({ code: code ?? 1, stdout, stderr });
      });
      // A tool that exits without reading its stdin closes the pipe: not an error of the call.
      child.stdin.on('error', () => undefined);
      child.stdin.end(stdin ?? '');
    });
  }
}
