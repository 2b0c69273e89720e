/**
 * Lets work in while the weight in flight stays within a capacity; the rest
 * waits its turn, first come first served. Work heavier than the whole
 * capacity runs alone.
 */
export class WeightedGate {
  private inFlight = 0;
  private readonly waiting: { weight: number; admit: () => void }[] = [];

  constructor(readonly capacity: number) {}

  get weightInFlight(): number {
    return this.inFlight;
  }

  async run<T>(weight: number, work: () => Promise<T>): Promise<T> {
    const counted = Math.min(Math.max(weight, 0), this.capacity);
    await this.enter(counted);
    try {
      return await work();
    } finally {
      this.leave(counted);
    }
  }

  private enter(weight: number): Promise<void> {
    if (this.waiting.length === 0 && this.inFlight + weight <= this.capacity) {
      this.inFlight += weight;
      return Promise.resolve();
    }
    return new Promise((admit) => this.waiting.push({ weight, admit }));
  }

  private leave(weight: number) {
    this.inFlight -= weight;
    while (this.waiting.length > 0 && this.inFlight + this.waiting[0].weight <= this.capacity) {
      const next = this.waiting.shift()!;
      this.inFlight += next.weight;
      next.admit();
    }
  }
}
