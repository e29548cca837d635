/**
 * Compatibility switches (spec §11.3), each defaulting to what Juju 3.0.3 does.
 */

/** Behaviours where Loom can follow Juju exactly or choose the simpler rule. */
export interface CompatibilityOptions {
  /** Run `-relation-broken` for peer relations too. Juju: no (R5.16). */
  readonly peerRelationBroken: boolean;
  /** Give non-leaders a `leader-settings-changed` after every agent start. Juju: yes (R5.21). */
  readonly leaderSettingsChangedOnAgentStart: boolean;
  /** Keep member unit bags cached across hooks until that unit's next hook. Juju: yes (R4.9). */
  readonly crossHookMemberCache: boolean;
  /**
   * `relation-get - <own-app>` without `--app`, by the leader, reads its own unit bag (R7.8).
   * Juju: yes. Off, an application name implies `--app`.
   */
  readonly relationGetOwnAppWithoutAppFlagQuirk: boolean;
}

/** The Juju version whose behaviour Loom follows, as hooks see it in `JUJU_VERSION` (R6.4). */
export const JUJU_VERSION = '3.0.3';

/** Juju 3.0.3's behaviour. */
export const JUJU_COMPATIBILITY: CompatibilityOptions = Object.freeze({
  peerRelationBroken: false,
  leaderSettingsChangedOnAgentStart: true,
  crossHookMemberCache: true,
  relationGetOwnAppWithoutAppFlagQuirk: true,
});

/** Fills unspecified switches with Juju's defaults. */
export function compatibility(options: Partial<CompatibilityOptions> = {}): CompatibilityOptions {
  const complete = (Object.keys(JUJU_COMPATIBILITY) as (keyof CompatibilityOptions)[]).every(
    (key) => options[key] !== undefined,
  );
  return complete ? (options as CompatibilityOptions) : { ...JUJU_COMPATIBILITY, ...options };
}
