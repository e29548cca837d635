/**
 * Stored state (ops's StoredState): data of a charm object kept across hooks, saved at commit
 * under `<owner path>/StoredStateData[<name>]`. A hook that fails saves nothing, so its changes
 * roll back with it.
 */
import type { FrameworkObject } from './framework-object.js';
import type { JsonValue } from './unit-state.js';

/** A JSON object of stored data. */
export type StoredData = Record<string, JsonValue>;

/**
 * The stored state `name` of `owner`: `data` starts as what was saved, with `defaults` for keys
 * never saved; change it in place and it is saved at commit.
 *
 * @example
 * private readonly stored = new StoredState(this, 'stored', { installs: 0 });
 * // in a handler: this.stored.data.installs += 1;
 */
export class StoredState<T extends StoredData> {
  readonly path: string;
  readonly data: T;

  /** @throws Error when another stored state of the same owner has this name. */
  constructor(owner: FrameworkObject, name: string, defaults: T) {
    this.path = owner.handle.nest('StoredStateData', name).path;
    const saved = owner.framework.storedSnapshot(this.path);
    this.data = {
      ...structuredClone(defaults),
      ...(typeof saved === 'object' && saved !== null && !Array.isArray(saved) ? saved : {}),
    };
    owner.framework.saveAtCommit(this.path, () => jsonOf(this.path, this.data));
  }
}

/** The data as JSON, refusing what JSON would change (undefined, functions, NaN, class instances). */
function jsonOf(path: string, data: StoredData): JsonValue {
  const copy = JSON.parse(JSON.stringify(data)) as JsonValue;
  const check = (value: unknown, at: string): void => {
    if (value === null || typeof value === 'string' || typeof value === 'boolean') return;
    if (typeof value === 'number' && Number.isFinite(value)) return;
    if (Array.isArray(value)) {
      value.forEach((item, index) => {
        check(item, `${at}[${index}]`);
      });
      return;
    }
    if (typeof value === 'object' && Object.getPrototypeOf(value) === Object.prototype) {
      for (const [key, item] of Object.entries(value)) check(item, `${at}.${key}`);
      return;
    }
    throw new Error(
      `cannot save ${path}: ${at} is ${typeof value === 'object' ? 'a class instance' : describe(value)}; store only strings, finite numbers, booleans, null, arrays and plain objects`,
    );
  };
  check(data, 'data');
  return copy;
}

function describe(value: unknown): string {
  return typeof value === 'number' ? String(value) : typeof value;
}
