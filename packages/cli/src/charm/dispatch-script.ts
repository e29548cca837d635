/**
 * The `dispatch` script of a TypeScript charm: Juju (and Loom) run it for every hook, and it
 * runs the bundle `loom charm build` made with `node`, the one thing the machine needs.
 */

/** The bundle dispatch runs, relative to the charm directory. */
export const CHARM_BUNDLE = 'dist/charm.mjs';

/** The script's text; `loom charm build` writes it when the charm has no dispatch of its own. */
export const DISPATCH_SCRIPT = `#!/bin/sh
# Runs the charm for the hook Juju names: ${CHARM_BUNDLE} is made by \`loom charm build\`.
JUJU_DISPATCH_PATH="\${JUJU_DISPATCH_PATH:-$0}"
export JUJU_DISPATCH_PATH
cd "$(dirname "$0")" || exit 1
if ! command -v node >/dev/null 2>&1; then
  echo "ERROR this charm needs node (Node.js 20 or later) on PATH; install nodejs on the machine" >&2
  exit 1
fi
if [ ! -f ${CHARM_BUNDLE} ]; then
  echo "ERROR ${CHARM_BUNDLE} is missing; run \\\`loom charm build\\\` in the charm's directory" >&2
  exit 1
fi
exec node ./${CHARM_BUNDLE}
`;
