/**
 * Which model a command works on: `-m/--model`, else `LOOM_MODEL`, else the one `loom switch` (or
 * the last `loom add-model`) chose, else "default" (the model every controller starts with).
 */
import { readFileSync } from 'node:fs';
import { rm, writeFile } from 'node:fs/promises';

import { Option } from 'commander';

import { controllerHome, controllerPaths } from '@loom/protocol';

type Env = Readonly<Record<string, string | undefined>>;

/** The model named by the environment, or chosen by `loom switch`. */
export function currentModel(env: Env): string {
  const named = env.LOOM_MODEL;
  if (named !== undefined && named !== '') return named;
  return switchedModel(env) ?? 'default';
}

/** The model `loom switch` chose, if any. */
export function switchedModel(env: Env): string | undefined {
  try {
    const chosen = readFileSync(controllerPaths(controllerHome(env)).currentModel, 'utf8').trim();
    return chosen === '' ? undefined : chosen;
  } catch {
    return undefined;
  }
}

/** Makes `model` the current model of the home; undefined goes back to "default". */
export async function switchModel(env: Env, model: string | undefined): Promise<void> {
  const file = controllerPaths(controllerHome(env)).currentModel;
  if (model === undefined) await rm(file, { force: true });
  else await writeFile(file, `${model}\n`, { mode: 0o600 });
}

/** The `-m, --model <model>` option. */
export function modelOption(): Option {
  return new Option(
    '-m, --model <model>',
    'the model to work on (default: $LOOM_MODEL, else the one "loom switch" chose, else "default")',
  );
}

/** The model a command's `-m` names, or the current one. */
export function modelOf(env: Env, options: { model?: string }): string {
  return options.model ?? currentModel(env);
}
