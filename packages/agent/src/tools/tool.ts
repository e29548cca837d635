/**
 * A hook tool: its flags, what it does with a hook's context, and how its result reaches the
 * caller (R7.1–R7.3): help on -h, `ERROR <message>` with exit 2 for a bad command line and 1 for a
 * failure, output rendered in the asked format, to stdout or to the `-o` file.
 */
import { writeFile } from 'node:fs/promises';
import { resolve } from 'node:path';

import { HookToolError } from '@loom/core';

import type { ToolContext } from './tool-context.js';
import { parseFlags } from './flags.js';
import type { FlagSpec, ParsedFlags } from './flags.js';
import { formatOf, OUTPUT_FLAGS, render } from './output.js';
import type { ToolValue } from './output.js';

/** One call of a tool. */
export interface ToolCall {
  readonly args: readonly string[];
  /** The caller's directory: relative `--file` and `-o` paths are resolved against it. */
  readonly cwd: string;
  /** The caller's stdin, once asked for (R6.8). */
  readonly stdin: Buffer | undefined;
  readonly context: ToolContext;
}

/** What the caller prints and exits with. */
export interface ToolResult {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

/** Thrown by a tool that needs stdin before the client sent it (R6.8). */
export class StdinNeeded extends Error {
  constructor() {
    super('hook tool requires stdin, none supplied');
    this.name = 'StdinNeeded';
  }
}

/** What a tool's `run` may answer: a value to print (printing tools), and a warning. */
export interface ToolOutcome {
  readonly value?: ToolValue;
  readonly stderr?: string;
}

/** A hook tool. */
export interface Tool {
  readonly name: string;
  /** The usage line printed by `-h`. */
  readonly usage: string;
  readonly summary: string;
  readonly flags: readonly FlagSpec[];
  /** Whether the tool prints a value (and so takes `--format` and `-o`). */
  readonly prints: boolean;
  run(flags: ParsedFlags, call: ToolCall): ToolOutcome | Promise<ToolOutcome>;
}

/**
 * Runs a tool for a call.
 *
 * @throws StdinNeeded when the tool needs stdin the call lacks.
 */
export async function runTool(tool: Tool, call: ToolCall): Promise<ToolResult> {
  try {
    const flags = parseFlags(
      call.args,
      tool.prints ? [...tool.flags, ...OUTPUT_FLAGS] : tool.flags,
    );
    if (flags.help)
      return { code: 0, stdout: `Usage: ${tool.usage}\n\nSummary:\n${tool.summary}\n`, stderr: '' };
    const format = tool.prints ? formatOf(flags) : 'smart';
    const outcome = await tool.run(flags, call);
    const text = tool.prints ? render(outcome.value, format) : '';
    const file = flags.values.get('output');
    if (file !== undefined) {
      await writeFile(resolve(call.cwd, file), text);
      return { code: 0, stdout: '', stderr: outcome.stderr ?? '' };
    }
    return { code: 0, stdout: text, stderr: outcome.stderr ?? '' };
  } catch (error) {
    if (error instanceof StdinNeeded) throw error;
    if (error instanceof HookToolError)
      return { code: error.exitCode, stdout: '', stderr: `ERROR ${error.message}\n` };
    return {
      code: 1,
      stdout: '',
      stderr: `ERROR ${error instanceof Error ? error.message : String(error)}\n`,
    };
  }
}
