/**
 * The hook-tool wire (spec R6.7, R6.8): what a hook tool sends to its unit's agent over the unit's
 * unix socket, and what it gets back. Both directions are a sequence of netstrings
 * (`<length>:<bytes>,`), simple enough for the native client to write and read in C.
 *
 * Request:  "loom-tool/1", context id, cwd, command, argc, each argument, stdin flag ("0"/"1"),
 *           stdin bytes (empty when the flag is "0").
 * Response: status ("ok" | "need-stdin"), exit code, stdout bytes, stderr bytes.
 *
 * The client half-closes its side once the request is sent; the agent answers and closes.
 * Stdin is lazy, as in Juju: the first request carries none; a tool that needs it answers
 * `need-stdin` and the client sends the request again with all of its stdin.
 *
 * This module has no dependencies, so the fallback client loads it quickly.
 */

export const HOOK_TOOL_WIRE_VERSION = 'loom-tool/1';

/** A hook tool's call. */
export interface ToolRequest {
  readonly contextId: string;
  readonly cwd: string;
  readonly command: string;
  readonly args: readonly string[];
  /** Absent on the first try. */
  readonly stdin?: Buffer;
}

/** The agent's answer. */
export type ToolResponse =
  | {
      readonly status: 'ok';
      readonly code: number;
      readonly stdout: Buffer;
      readonly stderr: Buffer;
    }
  | { readonly status: 'need-stdin' };

/** A malformed message on the wire. */
export class ToolWireError extends Error {
  constructor(message: string) {
    super(`hook tool wire: ${message}`);
    this.name = 'ToolWireError';
  }
}

/** Encodes fields as netstrings. */
export function encodeNetstrings(fields: readonly (string | Buffer)[]): Buffer {
  const parts: Buffer[] = [];
  for (const field of fields) {
    const bytes = typeof field === 'string' ? Buffer.from(field, 'utf8') : field;
    parts.push(Buffer.from(`${bytes.length}:`, 'ascii'), bytes, Buffer.from(',', 'ascii'));
  }
  return Buffer.concat(parts);
}

/**
 * Decodes a complete sequence of netstrings.
 *
 * @throws ToolWireError when the bytes are not netstrings.
 */
export function decodeNetstrings(bytes: Buffer): Buffer[] {
  const fields: Buffer[] = [];
  let at = 0;
  while (at < bytes.length) {
    const colon = bytes.indexOf(0x3a, at);
    const digits = colon < 0 ? '' : bytes.toString('ascii', at, colon);
    if (colon < 0 || !/^(0|[1-9][0-9]{0,9})$/.test(digits))
      throw new ToolWireError(`bad length at byte ${at}`);
    const start = colon + 1;
    const end = start + Number(digits);
    if (end + 1 > bytes.length) throw new ToolWireError(`field at byte ${at} is cut short`);
    if (bytes[end] !== 0x2c) throw new ToolWireError(`field at byte ${at} lacks its ","`);
    fields.push(bytes.subarray(start, end));
    at = end + 1;
  }
  return fields;
}

export function encodeRequest(request: ToolRequest): Buffer {
  return encodeNetstrings([
    HOOK_TOOL_WIRE_VERSION,
    request.contextId,
    request.cwd,
    request.command,
    String(request.args.length),
    ...request.args,
    request.stdin === undefined ? '0' : '1',
    request.stdin ?? Buffer.alloc(0),
  ]);
}

/**
 * Decodes a request.
 *
 * @throws ToolWireError naming what is wrong.
 */
export function decodeRequest(bytes: Buffer): ToolRequest {
  const fields = decodeNetstrings(bytes);
  const text = (index: number) => {
    const field = fields[index];
    if (field === undefined) throw new ToolWireError(`request has no field ${index}`);
    return field.toString('utf8');
  };
  if (text(0) !== HOOK_TOOL_WIRE_VERSION)
    throw new ToolWireError(`expected "${HOOK_TOOL_WIRE_VERSION}", got "${text(0)}"`);
  const argc = Number(text(4));
  if (!Number.isInteger(argc) || argc < 0) throw new ToolWireError(`bad argument count`);
  if (fields.length !== 5 + argc + 2)
    throw new ToolWireError(`expected ${5 + argc + 2} fields, got ${fields.length}`);
  const args = Array.from({ length: argc }, (_, index) => text(5 + index));
  const hasStdin = text(5 + argc) === '1';
  return {
    contextId: text(1),
    cwd: text(2),
    command: text(3),
    args,
    ...(hasStdin ? { stdin: Buffer.from(fields[6 + argc] ?? Buffer.alloc(0)) } : {}),
  };
}

export function encodeResponse(response: ToolResponse): Buffer {
  return response.status === 'need-stdin'
    ? encodeNetstrings(['need-stdin', '0', '', ''])
    : encodeNetstrings(['ok', String(response.code), response.stdout, response.stderr]);
}

/**
 * Decodes a response.
 *
 * @throws ToolWireError naming what is wrong.
 */
export function decodeResponse(bytes: Buffer): ToolResponse {
  const fields = decodeNetstrings(bytes);
  const [status, code, stdout, stderr] = fields;
  if (fields.length !== 4 || status === undefined || code === undefined)
    throw new ToolWireError(`expected 4 fields in a response, got ${fields.length}`);
  if (status.toString('ascii') === 'need-stdin') return { status: 'need-stdin' };
  return {
    status: 'ok',
    code: Number(code.toString('ascii')),
    stdout: Buffer.from(stdout ?? Buffer.alloc(0)),
    stderr: Buffer.from(stderr ?? Buffer.alloc(0)),
  };
}
