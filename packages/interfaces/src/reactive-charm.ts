/**
 * A charm in charms.reactive's style on @loom/ops (spec/reactive-endpoint.md §2.3): every hook,
 * each endpoint of the metadata is built and its automatic flags managed, then the handlers whose
 * flag conditions hold run to a fixed point, then each endpoint sends what it published. Flags,
 * hashes and departed units live in the unit's stored state, so a hook that fails keeps none of
 * its flag changes and publishes nothing, as in charms.reactive.
 *
 * @example
 * class ProxyCharm extends ReactiveCharm {
 *   constructor(framework: Framework) {
 *     super(framework, { website: HttpRequires });
 *     this.when(['endpoint.website.new-website'], () => this.reconfigure());
 *   }
 * }
 */
import { basename } from 'node:path';

import { CharmBase, StoredState } from '@loom/ops';
import type { Framework } from '@loom/ops';

import { dispatch } from './dispatch.js';
import type { Conditions, Handler } from './dispatch.js';
import { Endpoint } from './endpoint.js';
import type { DepartedLists, HookInfo } from './endpoint.js';
import { FlagStore } from './flags.js';

/** An Endpoint subclass, built for one endpoint name each hook. */
export type EndpointClass = new (
  endpointName: string,
  flags: FlagStore,
  departed: DepartedLists,
) => Endpoint;

/** Events that are not hooks the reactive bus dispatches on. */
const NOT_DISPATCHED = /(_action|^collect_app_status|^collect_unit_status)$/;

export class ReactiveCharm extends CharmBase {
  /** The unit's flags. */
  readonly flags: FlagStore;
  /** The handlers run this hook, in order (for tests and logs). */
  readonly ran: string[] = [];
  private readonly reactive = new StoredState<{
    flags: Record<string, boolean>;
    hashes: Record<string, string>;
    departed: DepartedLists;
  }>(this, 'reactive', { flags: {}, hashes: {}, departed: {} });
  private readonly endpoints = new Map<string, Endpoint>();
  private readonly handlers: Handler[] = [];

  /**
   * @param endpointClasses the interface layer of each endpoint that has one; the others get a
   *   plain Endpoint (their automatic flags are managed all the same).
   */
  constructor(framework: Framework, endpointClasses: Readonly<Record<string, EndpointClass>> = {}) {
    super(framework);
    this.flags = new FlagStore(this.reactive.data);
    for (const { name } of [...this.meta.endpoints].sort((a, b) => (a.name < b.name ? -1 : 1))) {
      const type = endpointClasses[name] ?? Endpoint;
      const endpoint = new type(name, this.flags, this.reactive.data.departed);
      this.endpoints.set(name, endpoint);
      for (const handler of endpoint.handlers) this.handlers.push(handler);
    }
    for (const [kind, bound] of this.on.events()) {
      if (!NOT_DISPATCHED.test(kind)) framework.observe(bound, this.onHook);
    }
  }

  /** The endpoint called `name`, as built this hook. */
  endpoint(name: string): Endpoint {
    const endpoint = this.endpoints.get(name);
    if (endpoint === undefined)
      throw new Error(
        `the charm declares no endpoint "${name}"; it declares: ${[...this.endpoints.keys()].join(', ') || 'none'}`,
      );
    return endpoint;
  }

  /**
   * `endpoint_from_flag` (§4.2): the endpoint a set flag belongs to — `endpoint.<name>.…`, or a
   * legacy `<name>.…` naming an endpoint — or undefined when the flag is not set or names none.
   */
  endpointFromFlag(flag: string): Endpoint | undefined {
    if (!this.flags.isSet(flag) || !flag.includes('.')) return undefined;
    const parts = flag.split('.');
    const name = parts[0] === 'endpoint' ? parts[1] : parts[0];
    return name === undefined ? undefined : this.endpoints.get(name);
  }

  /**
   * The endpoint called `name` as its interface layer's class.
   *
   * @throws Error when the endpoint was built with another class.
   */
  endpointOf<T extends Endpoint>(name: string, type: abstract new (...args: never[]) => T): T {
    const endpoint = this.endpoint(name);
    if (!(endpoint instanceof type))
      throw new Error(`endpoint "${name}" is a ${endpoint.constructor.name}, not a ${type.name}`);
    return endpoint;
  }

  /** Runs `run` whenever all `flags` are set (`@when`). */
  when(flags: readonly string[], run: () => void | Promise<void>, id = run.name): void {
    this.register({ when: flags }, run, id);
  }

  /** Runs `run` whenever none of `flags` is set (`@when_not`). */
  whenNot(flags: readonly string[], run: () => void | Promise<void>, id = run.name): void {
    this.register({ whenNot: flags }, run, id);
  }

  /** Runs `run` whenever any of `flags` is set (`@when_any`). */
  whenAny(flags: readonly string[], run: () => void | Promise<void>, id = run.name): void {
    this.register({ whenAny: flags }, run, id);
  }

  /** Runs `run` whenever the conditions, combined, hold (stacked decorators). */
  register(conditions: Conditions, run: () => void | Promise<void>, id = run.name): void {
    this.handlers.push({ id: id || `handler ${this.handlers.length + 1}`, conditions, run });
  }

  private readonly onHook = async (): Promise<void> => {
    const context = this.model.context;
    const hook: HookInfo = {
      name: basename(context.dispatchPath),
      ...(context.relationName === undefined || context.relationId === undefined
        ? {}
        : { relationId: `${context.relationName}:${context.relationId}` }),
      ...(context.remoteUnitName === undefined ? {} : { remoteUnit: context.remoteUnitName }),
    };
    for (const endpoint of this.endpoints.values()) await endpoint.startup(this.model, hook);
    this.ran.push(...(await dispatch(this.flags, this.handlers)));
    for (const endpoint of this.endpoints.values()) await endpoint.flush(this.model);
  };
}
