/**
 * The application's settings (ops's ConfigData) with the types config.yaml declares: typed
 * getters that refuse a read of the wrong type, and `load(schema)` for a typed object checked
 * with zod. Reading an option the charm does not declare is an error naming the declared ones,
 * where ops would quietly answer KeyError at the first typo.
 */
import type { ConfigOption, ConfigOptionType, ConfigValue } from '@loom/core';

import { ModelError, SchemaError } from './errors.js';
import { describeProblems, parseWith } from './schema.js';
import type { ObjectSchema, SchemaOutput } from './schema.js';

/** The settings of this hook, as config-get reported them. */
export class ConfigData {
  private readonly declared: ReadonlyMap<string, ConfigOption>;

  constructor(
    private readonly values: Readonly<Record<string, ConfigValue>>,
    options: readonly ConfigOption[],
  ) {
    this.declared = new Map(options.map((option) => [option.name, option]));
  }

  /**
   * The value of option `name` (its default when unset by the user), or undefined when it has
   * neither.
   *
   * @throws ModelError when the charm declares no option `name`.
   */
  get(name: string): ConfigValue | undefined {
    this.option(name);
    return this.values[name];
  }

  /** A `string` option. @throws ModelError when `name` is undeclared or of another type. */
  string(name: string): string | undefined {
    return this.typed(name, 'string') as string | undefined;
  }

  /** A `secret` option: the secret's URI. @throws ModelError as for string(). */
  secret(name: string): string | undefined {
    return this.typed(name, 'secret') as string | undefined;
  }

  /** An `int` option. @throws ModelError when `name` is undeclared or of another type. */
  int(name: string): number | undefined {
    return this.typed(name, 'int') as number | undefined;
  }

  /** A `float` option. @throws ModelError when `name` is undeclared or of another type. */
  float(name: string): number | undefined {
    return this.typed(name, 'float') as number | undefined;
  }

  /** A `boolean` option. @throws ModelError when `name` is undeclared or of another type. */
  boolean(name: string): boolean | undefined {
    return this.typed(name, 'boolean') as boolean | undefined;
  }

  /** The options that have a value, sorted. */
  keys(): string[] {
    return Object.keys(this.values).sort();
  }

  /** Every option with a value, as a plain object. */
  toObject(): Record<string, ConfigValue> {
    return { ...this.values };
  }

  /**
   * The settings checked against a zod object schema (one field per option).
   *
   * @throws SchemaError naming every option that does not fit.
   * @example
   * const Config = z.object({ port: z.number().int().min(1024), 'log-level': z.enum(['info', 'debug']) });
   * const config = (await this.model.config()).load(Config);
   */
  load<S extends ObjectSchema>(schema: S): SchemaOutput<S> {
    const parsed = parseWith(schema, this.values);
    if (parsed.ok) return parsed.value;
    throw new SchemaError(
      `the charm's config does not fit its schema: ${describeProblems(parsed.problems, 'option')}`,
      parsed.problems,
    );
  }

  private option(name: string): ConfigOption {
    const option = this.declared.get(name);
    if (option !== undefined) return option;
    const names = [...this.declared.keys()].sort();
    throw new ModelError(
      `the charm declares no config option "${name}"; ${names.length === 0 ? 'it declares none (add it to config.yaml)' : `it declares: ${names.join(', ')}`}`,
    );
  }

  private typed(name: string, type: ConfigOptionType): ConfigValue | undefined {
    const option = this.option(name);
    if (option.type !== type) {
      throw new ModelError(
        `config option "${name}" is declared ${option.type}, not ${type}; read it with config.${option.type}("${name}")`,
      );
    }
    return this.values[name];
  }
}
