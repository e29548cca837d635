/**
 * `--format` of commands that print data: the formats a command offers, its default first, and
 * printing a document in the chosen one. JSON is one line, stable for scripts; YAML is Juju's
 * default for documents.
 */
import { Option } from 'commander';
import { stringify } from 'yaml';

/** A data format `--format` can name. */
export type DataFormat = 'yaml' | 'json';

/** `--format` offering `formats`, the first being the default. */
export function formatOption<F extends string>(formats: readonly [F, ...F[]]): Option {
  return new Option('--format <format>', 'output format').choices(formats).default(formats[0]);
}

/** A document as `format` prints it, ending with a newline; YAML keys sorted if asked. */
export function formatData(
  format: DataFormat,
  document: unknown,
  options: { readonly sortKeys?: boolean } = {},
): string {
  return format === 'json'
    ? `${JSON.stringify(document)}\n`
    : stringify(document, { sortMapEntries: options.sortKeys === true, lineWidth: 0 });
}
