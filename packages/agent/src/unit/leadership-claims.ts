/**
 * A unit's leadership claims (spec §11.2): claim when the agent starts, then again at half the
 * time the answer allows — a leader renews its lease that way, and a waiting unit keeps its claim
 * standing so it is elected when the lease runs out.
 */
import type { ApiClient } from '@loom/protocol';

const MIN_MS = 100;
const MAX_MS = 30_000;
const RETRY_MS = 1_000;

export class LeadershipClaims {
  private timer: NodeJS.Timeout | undefined;
  private stopped = false;
  private leader: boolean | undefined;

  constructor(
    private readonly client: ApiClient,
    private readonly model: string,
    private readonly unit: string,
    private readonly report: (error: unknown) => void,
  ) {}

  /** Starts claiming; `changed` is called when this unit gains or loses leadership. */
  start(changed: () => void): void {
    const claim = async () => {
      if (this.stopped) return;
      let next = RETRY_MS;
      try {
        const reply = await this.client.call('agent/claim-leadership', {
          model: this.model,
          unit: this.unit,
        });
        if (reply.leader !== this.leader) {
          this.leader = reply.leader;
          changed();
        }
        const left = (reply.expiresAt ?? Date.now() + 2 * RETRY_MS) - Date.now();
        next = Math.min(MAX_MS, Math.max(MIN_MS, left / 2));
      } catch (error) {
        this.report(error);
      }
      // A stop during the call is seen by the next claim, which then does nothing.
      this.timer = setTimeout(() => void claim(), next);
    };
    void claim();
  }

  stop(): void {
    this.stopped = true;
    clearTimeout(this.timer);
  }
}
