/** What a unit's agent works with, shared by its loop and the operations it runs. */
import type { MemberBagCache, UnitResolver } from '@loom/core';
import type { ApiClient } from '@loom/protocol';

import type { UnitEnvironment } from '../hooks/hook-environment.js';
import type { MachineLock } from '../hooks/machine-lock.js';
import type { ModelMirror } from '../mirror/model-mirror.js';
import type { ToolServer } from '../tool-server/tool-server.js';
import type { LogSink } from './log-sink.js';

export interface UnitRuntime {
  readonly client: ApiClient;
  readonly model: string;
  readonly unit: string;
  readonly machine: string;
  /** The machine's loopback address. */
  readonly address: string;
  readonly mirror: ModelMirror;
  readonly resolver: UnitResolver;
  readonly memberCache: MemberBagCache;
  readonly tools: ToolServer;
  readonly environment: UnitEnvironment;
  readonly logs: LogSink;
  readonly lock: MachineLock;
  readonly hookTimeoutMs: number | undefined;
  /** Whether the charm ever set a workload status (R7.17). */
  statusEverSet: boolean;
}
