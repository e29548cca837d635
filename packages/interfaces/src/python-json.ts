/**
 * JSON as charms.reactive writes and reads relation data (spec/reactive-endpoint.md §4.6), so
 * that a TypeScript interface layer and a Python one exchange byte-identical values: Python's
 * `json.dumps(value, sort_keys=True)` — `", "` and `": "` separators, keys sorted by code point,
 * non-ASCII escaped as `\uXXXX`, floats as Python's repr — and its lenient reading, where a value
 * that is not JSON is kept as the raw string.
 */
import { createHash } from 'node:crypto';

/** A value that can be written to relation data as JSON. */
export type JsonData =
  string | number | boolean | null | readonly JsonData[] | { readonly [key: string]: JsonData };

const SHORT_ESCAPES: Readonly<Record<string, string>> = {
  '"': '\\"',
  '\\': '\\\\',
  '\n': '\\n',
  '\r': '\\r',
  '\t': '\\t',
  '\b': '\\b',
  '\f': '\\f',
};

/** A string as Python's json.dumps writes it with ensure_ascii: everything past ASCII escaped. */
function encodeString(text: string): string {
  let out = '"';
  for (let index = 0; index < text.length; index += 1) {
    const char = text.charAt(index);
    const code = text.charCodeAt(index);
    const short = SHORT_ESCAPES[char];
    if (short !== undefined) out += short;
    else if (code < 0x20 || code > 0x7e) out += `\\u${code.toString(16).padStart(4, '0')}`;
    else out += char;
  }
  return `${out}"`;
}

/** A number as Python writes it: ints in full, floats as repr (`1e-05`, `1.5`), NaN, Infinity. */
function encodeNumber(value: number): string {
  if (Number.isNaN(value)) return 'NaN';
  if (!Number.isFinite(value)) return value > 0 ? 'Infinity' : '-Infinity';
  if (Number.isInteger(value)) {
    return Math.abs(value) < 1e21 ? String(value) : BigInt(value).toString();
  }
  // Shortest round-trip digits, as both languages use; only the notation thresholds differ.
  const [mantissa = '', exponentText = '0'] = value.toExponential().split('e');
  const exponent = Number(exponentText);
  if (exponent >= -4) return String(value);
  const sign = exponent < 0 ? '-' : '+';
  return `${mantissa}e${sign}${String(Math.abs(exponent)).padStart(2, '0')}`;
}

/** Python compares str keys by code point, not by UTF-16 unit. */
function byCodePoint(a: string, b: string): number {
  let left = 0;
  let right = 0;
  while (left < a.length && right < b.length) {
    const x = a.codePointAt(left) ?? 0;
    const y = b.codePointAt(right) ?? 0;
    if (x !== y) return x - y;
    left += x > 0xffff ? 2 : 1;
    right += y > 0xffff ? 2 : 1;
  }
  return a.length - left - (b.length - right);
}

/**
 * `json.dumps(value, sort_keys=True)` as Python writes it.
 *
 * @throws TypeError for what Python's json cannot write (undefined, functions, bigint...).
 */
export function pythonJsonDumps(value: JsonData): string {
  if (value === null) return 'null';
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  if (typeof value === 'number') return encodeNumber(value);
  if (typeof value === 'string') return encodeString(value);
  if (Array.isArray(value)) {
    return `[${(value as readonly JsonData[]).map((item) => pythonJsonDumps(item)).join(', ')}]`;
  }
  if (typeof value === 'object') {
    const record = value as Readonly<Record<string, JsonData>>;
    const keys = Object.keys(record).sort(byCodePoint);
    return `{${keys.map((key) => `${encodeString(key)}: ${pythonJsonDumps(record[key] ?? null)}`).join(', ')}}`;
  }
  throw new TypeError(`a ${typeof value} cannot be written as relation data JSON`);
}

/**
 * How charms.reactive reads a value: empty (or absent) as it is, else JSON when it parses
 * (Python's NaN and Infinity included), else the raw string — so `'80'` reads as 80 and
 * `'10.0.0.1'` as the string.
 */
export function lenientJsonLoads(raw: string | undefined): JsonData | undefined {
  if (raw === undefined || raw === '') return raw;
  if (raw === 'NaN') return Number.NaN;
  if (raw === 'Infinity') return Number.POSITIVE_INFINITY;
  if (raw === '-Infinity') return Number.NEGATIVE_INFINITY;
  try {
    return JSON.parse(raw) as JsonData;
  } catch {
    return raw;
  }
}

/** The md5 of the value's Python JSON, as charms.reactive's data_changed hashes it. */
export function dataHash(value: JsonData | undefined): string {
  return createHash('md5')
    .update(pythonJsonDumps(value ?? null), 'utf8')
    .digest('hex');
}
