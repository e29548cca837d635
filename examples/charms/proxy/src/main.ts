/**
 * The bundle's entry point (`loom charm build` makes dist/charm.mjs from it): runs ProxyCharm
 * for the hook Juju names. The class lives in charm.ts, free of side effects, so tests import it.
 */
import { main } from '@loom/ops';

import { ProxyCharm } from './charm.js';

await main(ProxyCharm);
