/**
 * Leadership leases (spec §11.2, R5.21, R7.14). One leader per application: the first alive unit
 * to claim a vacant lease gets it and its agent renews it by claiming again; a claim by another
 * unit while the lease is held waits in line. When a lease expires unrenewed, or its holder is
 * removed, the longest-waiting alive claimant is elected at once. The lease and the model's
 * leader change in one transaction, so they never disagree in the store.
 */
import { setLeader } from '@loom/core';
import type { ModelState } from '@loom/core';
import type { LeadershipReply } from '@loom/protocol';
import type { Lease } from '@loom/store';

import type { Clock, Timer } from '../clock/clock.js';
import type { ModelHost } from '../model/model-host.js';
import type { ModelRegistry } from '../model/model-registry.js';
import { extrasOnly } from '../model/mutation.js';
import type { Committed, Planned } from '../model/mutation.js';

/** Lease timing. */
export interface LeaseOptions {
  /** How long a claim or renewal holds; agents renew at half of it. Default 60 s. */
  readonly durationMs: number;
}

export const DEFAULT_LEASE_DURATION_MS = 60_000;

type Claimants = Map<string, number>;

/** Grants, renews and expires leadership leases of every model. */
export class LeaseKeeper {
  /** model → application → waiting unit → until when its claim stands (insertion = arrival). */
  private readonly claimants = new Map<string, Map<string, Claimants>>();
  private readonly timers = new Map<string, Timer>();

  constructor(
    private readonly registry: ModelRegistry,
    private readonly clock: Clock,
    private readonly options: LeaseOptions,
    private readonly report: (error: unknown) => void,
  ) {}

  /** Schedules the expiry of every stored lease and follows models and removals from now on. */
  start(hosts: Iterable<ModelHost>): void {
    for (const host of hosts) this.watch(host);
    this.registry.onChange({
      added: (host) => {
        this.watch(host);
      },
      destroyed: (model) => {
        this.forget(model);
      },
    });
    this.registry.onCommit((committed) => {
      this.leadersRemoved(committed);
    });
  }

  /** Stops every timer. */
  stop(): void {
    for (const timer of this.timers.values()) timer.cancel();
    this.timers.clear();
  }

  /**
   * A unit's agent claims (or, as holder, renews) its application's leadership.
   *
   * @throws OperationRefusedError when the unit does not exist.
   */
  async claim(model: string, unit: string): Promise<LeadershipReply> {
    const host = this.registry.get(model);
    const reply = await host.mutate((view): Planned<LeadershipReply> => {
      const entity = view.state.units.get(unit);
      if (entity === undefined)
        return { ok: false, code: 'not-found', message: `unit "${unit}" does not exist` };
      const application = entity.application;
      const now = this.clock.now();
      const lease = view.leases.get(application);
      const held = lease !== undefined && lease.expiresAt > now;
      if (held && lease.holder !== unit) {
        if (entity.life === 'alive') this.waitInLine(model, application, unit, now);
        return extrasOnly(view.state, this.replyOf(unit, lease), {});
      }
      if (!held && entity.life !== 'alive') {
        // A Dying unit keeps a lease it holds (R3.15) but is never given a new one.
        return extrasOnly(view.state, { leader: false, holder: null, expiresAt: null }, {});
      }
      return this.grant(view.state, application, unit, now);
    });
    if (reply.leader) this.scheduleExpiry(host, this.registry.get(model).view.state, unit);
    return reply;
  }

  private grant(
    state: ModelState,
    application: string,
    unit: string,
    now: number,
  ): Planned<LeadershipReply> {
    const lease: Lease = { application, holder: unit, expiresAt: now + this.options.durationMs };
    const result = setLeader(state, { application, unit });
    if (!result.ok) return result;
    this.line(state.name, application).delete(unit);
    return { ...result, value: this.replyOf(unit, lease), leases: [[application, lease]] };
  }

  private replyOf(unit: string, lease: Lease): LeadershipReply {
    return { leader: lease.holder === unit, holder: lease.holder, expiresAt: lease.expiresAt };
  }

  private waitInLine(model: string, application: string, unit: string, now: number): void {
    const line = this.line(model, application);
    // Re-claiming keeps the unit's place in line and extends its claim.
    line.set(unit, now + this.options.durationMs);
  }

  private line(model: string, application: string): Claimants {
    let applications = this.claimants.get(model);
    if (applications === undefined) {
      applications = new Map();
      this.claimants.set(model, applications);
    }
    let line = applications.get(application);
    if (line === undefined) {
      line = new Map();
      applications.set(application, line);
    }
    return line;
  }

  private watch(host: ModelHost): void {
    for (const lease of host.view.leases.values()) this.schedule(host, lease);
  }

  private scheduleExpiry(host: ModelHost, state: ModelState, unit: string): void {
    const application = state.units.get(unit)?.application;
    const lease = application === undefined ? undefined : host.view.leases.get(application);
    if (lease !== undefined) this.schedule(host, lease);
  }

  private schedule(host: ModelHost, lease: Lease): void {
    const key = `${host.name}/${lease.application}`;
    this.timers.get(key)?.cancel();
    this.timers.set(
      key,
      this.clock.setTimer(lease.expiresAt - this.clock.now(), () => {
        this.timers.delete(key);
        this.elect(host, lease.application);
      }),
    );
  }

  /** R5.21: a lease ran out, or its holder went: the next claimant in line leads. */
  private elect(host: ModelHost, application: string): void {
    const elected = host.mutate((view): Planned<string | undefined> => {
      const now = this.clock.now();
      const lease = view.leases.get(application);
      if (lease !== undefined && lease.expiresAt > now)
        return extrasOnly(view.state, undefined, {});
      if (!view.state.applications.has(application)) {
        return extrasOnly(
          view.state,
          undefined,
          lease === undefined ? {} : { leases: [[application, undefined]] },
        );
      }
      const line = this.line(host.name, application);
      for (const [unit, until] of line) {
        const entity = view.state.units.get(unit);
        if (until <= now || entity?.life !== 'alive' || unit === lease?.holder) {
          line.delete(unit);
          continue;
        }
        const granted = this.grant(view.state, application, unit, now);
        return granted.ok ? { ...granted, value: unit } : granted;
      }
      const vacant = setLeader(view.state, { application });
      if (!vacant.ok) return vacant;
      return {
        ...vacant,
        value: undefined,
        leases: lease === undefined ? [] : [[application, undefined]],
      };
    });
    elected.then(
      (unit) => {
        const lease = unit === undefined ? undefined : host.view.leases.get(application);
        if (lease !== undefined) this.schedule(host, lease);
      },
      (error: unknown) => {
        this.report(error);
      },
    );
  }

  private leadersRemoved(committed: Committed): void {
    for (const change of committed.changes) {
      if (change.kind !== 'leader' || change.unit !== undefined) continue;
      const removedUnit = committed.before.leaders.get(change.application);
      if (removedUnit === undefined || committed.after.units.has(removedUnit)) continue;
      // The leader unit itself went: elect now rather than wait out its lease.
      const host = this.registry.get(committed.model);
      this.timers.get(`${committed.model}/${change.application}`)?.cancel();
      this.elect(host, change.application);
    }
  }

  private forget(model: string): void {
    this.claimants.delete(model);
    for (const [key, timer] of this.timers) {
      if (!key.startsWith(`${model}/`)) continue;
      timer.cancel();
      this.timers.delete(key);
    }
  }
}
