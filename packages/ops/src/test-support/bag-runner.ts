/**
 * A ToolRunner for model tests: relation-get answered from bags in memory (owner name → data),
 * every call recorded as one line (command, arguments, stdin), or every call failing with
 * "relation not found" once the relation is gone.
 */
import type { ToolResult, ToolRunner } from '../backend/tool-runner.js';

export class BagRunner implements ToolRunner {
  readonly calls: string[] = [];

  constructor(
    private readonly bags: Record<string, Record<string, string>>,
    private readonly gone = false,
  ) {}

  run(command: string, args: readonly string[], stdin?: string): Promise<ToolResult> {
    this.calls.push([command, ...args, ...(stdin === undefined ? [] : [stdin])].join(' '));
    if (this.gone)
      return Promise.resolve({ code: 2, stdout: '', stderr: 'ERROR relation not found' });
    const owner = args.at(-1) ?? '';
    const stdout = command === 'relation-get' ? JSON.stringify(this.bags[owner] ?? {}) : '';
    return Promise.resolve({ code: 0, stdout, stderr: '' });
  }
}
