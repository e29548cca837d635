/**
 * Handles: the stable names of objects, events and stored state in a charm, as ops writes them
 * (`Demo`, `Demo/on/config_changed[4]`, `Demo/StoredStateData[_stored]`). A handle's path is what
 * deferred events and stored state are saved under, so it must not change between hooks.
 */

/** One object's name: its kind, an optional key, under its parent. */
export class Handle {
  constructor(
    readonly parent: Handle | undefined,
    readonly kind: string,
    readonly key?: string,
  ) {
    if (kind === '' || /[/[\]]/.test(kind)) {
      throw new Error(`invalid handle kind "${kind}": use a name without "/", "[" or "]"`);
    }
    if (key !== undefined && /[/\]]/.test(key)) {
      throw new Error(`invalid handle key "${key}": use a key without "/" or "]"`);
    }
  }

  /** `parent/kind[key]`, or `kind[key]` at the root; `[key]` only when there is a key. */
  get path(): string {
    const segment = this.key === undefined ? this.kind : `${this.kind}[${this.key}]`;
    return this.parent === undefined ? segment : `${this.parent.path}/${segment}`;
  }

  /** A handle under this one. */
  nest(kind: string, key?: string): Handle {
    return new Handle(this, kind, key);
  }

  /**
   * The handle a path names.
   *
   * @throws Error naming the segment that is not `kind` or `kind[key]`.
   */
  static fromPath(path: string): Handle {
    let handle: Handle | undefined;
    for (const segment of path.split('/')) {
      const match = /^([^[\]]+)(?:\[([^\]]*)\])?$/.exec(segment);
      if (match?.[1] === undefined) {
        throw new Error(
          `invalid handle path "${path}": segment "${segment}" is not kind or kind[key]`,
        );
      }
      handle = new Handle(handle, match[1], match[2]);
    }
    if (handle === undefined) throw new Error('invalid handle path ""');
    return handle;
  }
}
