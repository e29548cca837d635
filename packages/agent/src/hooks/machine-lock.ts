/** Juju's machine lock: one hook at a time on a machine, whichever unit runs it. */
export class MachineLock {
  private tail: Promise<void> = Promise.resolve();

  /** Runs `work` when every earlier holder has finished. */
  async hold<T>(work: () => Promise<T>): Promise<T> {
    const previous = this.tail;
    let release: () => void = () => undefined;
    this.tail = new Promise<void>((resolve) => {
      release = resolve;
    });
    await previous;
    try {
      return await work();
    } finally {
      release();
    }
  }
}
