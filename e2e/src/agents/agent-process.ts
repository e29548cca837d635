/**
 * Finding a machine agent's process: the controller starts one `loom-agent` per machine, with
 * LOOM_HOME, LOOM_MODEL and LOOM_MACHINE in its environment (Linux /proc).
 */
import { readdir, readFile } from 'node:fs/promises';

/** The pid of the agent of `machine` of `model` under `home`, if one runs. */
export async function agentPid(
  home: string,
  model: string,
  machine: string,
): Promise<number | undefined> {
  const wanted = [`LOOM_HOME=${home}`, `LOOM_MODEL=${model}`, `LOOM_MACHINE=${machine}`];
  for (const entry of await readdir('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    const environ = await readFile(`/proc/${entry}/environ`, 'latin1').catch(() => '');
    const variables = new Set(environ.split('\0'));
    if (wanted.every((variable) => variables.has(variable))) return Number(entry);
  }
  return undefined;
}
