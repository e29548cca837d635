/**
 * Which model a command works on: `-m/--model`, else `LOOM_MODEL`, else "default" (the model every
 * controller starts with).
 */
import { Option } from 'commander';

/** The model named by the environment. */
export function currentModel(env: Readonly<Record<string, string | undefined>>): string {
  const named = env.LOOM_MODEL;
  return named === undefined || named === '' ? 'default' : named;
}

/** The `-m, --model <model>` option. */
export function modelOption(): Option {
  return new Option(
    '-m, --model <model>',
    'the model to work on (default: $LOOM_MODEL, else "default")',
  );
}

/** The model a command's `-m` names, or the current one. */
export function modelOf(
  env: Readonly<Record<string, string | undefined>>,
  options: { model?: string },
): string {
  return options.model ?? currentModel(env);
}
