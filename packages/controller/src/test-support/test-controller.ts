/**
 * Test support: a controller on 127.0.0.1 over an in-memory store and a fake clock, with a
 * client, and charms given as metadata text.
 */
import { ApiClient } from '@loom/protocol';
import type { CharmFileDocument } from '@loom/protocol';
import { MemoryStore } from '@loom/store';

import { FakeClock } from '../clock/fake-clock.js';
import { Controller } from '../controller.js';

/** A running test controller. */
export interface TestController {
  readonly controller: Controller;
  readonly client: ApiClient;
  readonly clock: FakeClock;
  readonly store: MemoryStore;
  readonly token: string;
  /** Failures the controller reported (none expected). */
  readonly reported: unknown[];
  close(): Promise<void>;
}

/** Starts a controller with a `default` model. */
export async function startTestController(
  options: { readonly leaseDurationMs?: number; readonly maxBodyBytes?: number } = {},
): Promise<TestController> {
  const store = new MemoryStore();
  await store.createModel({
    name: 'default',
    uuid: 'uuid-default',
    createdAt: '2026-11-22T10:00:00.000Z',
  });
  const clock = new FakeClock(Date.parse('2026-11-22T10:00:00.000Z'));
  const token = 'test-token';
  const reported: unknown[] = [];
  const controller = await Controller.start({
    store,
    token,
    clock,
    report: (error) => reported.push(error),
    ...options,
  });
  return {
    controller,
    client: new ApiClient({ address: controller.address, token }),
    clock,
    store,
    token,
    reported,
    close: () => controller.close(),
  };
}

/** A charm upload from file texts. */
export function charmUpload(files: Readonly<Record<string, string>>): {
  files: CharmFileDocument[];
} {
  return {
    files: Object.entries(files).map(([path, text]) => ({
      path,
      mode: 0o644,
      content: Buffer.from(text).toString('base64'),
    })),
  };
}

/** The fixture charms of spec §9.0 as uploads. */
export const CHARM_UPLOADS = {
  db: charmUpload({
    'metadata.yaml':
      'name: dbcharm\nsummary: db\ndescription: db\nprovides:\n  database:\n    interface: pgsql\n',
    'config.yaml': 'options:\n  tick:\n    type: int\n    default: 0\n',
    'actions.yaml': 'backup:\n  description: Take a backup.\n',
    'hooks/install': '#!/bin/sh\necho installed\n',
  }),
  web: charmUpload({
    'metadata.yaml':
      'name: webcharm\nsummary: web\ndescription: web\nrequires:\n  database:\n    interface: pgsql\n',
  }),
  cluster: charmUpload({
    'metadata.yaml':
      'name: clustercharm\nsummary: c\ndescription: c\npeers:\n  replicas:\n    interface: cluster-peers\n',
  }),
} as const;
