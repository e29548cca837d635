/**
 * A databag as charms.reactive's views show it (spec/reactive-endpoint.md §4.6): values written
 * as Python-compatible JSON, read leniently (JSON when it parses, else the raw string), the raw
 * strings underneath. Views of remote bags refuse writes; writeable ones remember being modified,
 * which is what decides whether the bag is sent at the end of the hook.
 */
import { lenientJsonLoads, pythonJsonDumps } from './python-json.js';
import type { JsonData } from './python-json.js';

export class DataView {
  private readonly data: Record<string, string>;
  private changed = false;

  constructor(
    raw: Readonly<Record<string, string>>,
    readonly writeable: boolean,
  ) {
    this.data = { ...raw };
  }

  /** The raw strings. */
  get raw(): Readonly<Record<string, string>> {
    return this.data;
  }

  /** Whether anything was written through this view. */
  get modified(): boolean {
    return this.changed;
  }

  has(key: string): boolean {
    return Object.hasOwn(this.data, key);
  }

  keys(): string[] {
    return Object.keys(this.data);
  }

  /** The decoded value, or undefined when the key is absent. */
  get(key: string): JsonData | undefined {
    return this.has(key) ? lenientJsonLoads(this.data[key]) : undefined;
  }

  /** The raw string, or undefined when the key is absent. */
  getRaw(key: string): string | undefined {
    return this.has(key) ? this.data[key] : undefined;
  }

  /** Every key with its decoded value. */
  entries(): [string, JsonData | undefined][] {
    return this.keys().map((key) => [key, this.get(key)]);
  }

  /**
   * Writes `value` as JSON (`"foo"` for the string foo, `80` for the number).
   *
   * @throws Error for a remote bag: "Remote unit data cannot be modified".
   */
  set(key: string, value: JsonData): void {
    this.setRaw(key, pythonJsonDumps(value));
  }

  /** Writes a raw string, for interfaces that do not use JSON. */
  setRaw(key: string, value: string): void {
    if (!this.writeable) throw new Error('Remote unit data cannot be modified');
    this.data[key] = value;
    this.changed = true;
  }

  /** Writes `value` only when the key is absent; the value there is returned either way. */
  setDefault(key: string, value: JsonData): JsonData | undefined {
    if (!this.has(key)) this.set(key, value);
    return this.get(key);
  }
}
