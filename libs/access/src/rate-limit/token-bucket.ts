export interface RateLimit {
  /** Tokens regained per minute. */
  perMinute: number;
  /** Tokens a bucket holds when full: the burst allowed after a quiet spell. */
  burst: number;
}

export type TakeResult = { allowed: true } | { allowed: false; retryAfterSeconds: number };

interface Bucket {
  tokens: number;
  at: number;
}

/**
 * Token buckets per key (a principal), in process memory: each replica limits
 * on its own, which bounds the load on the database it shares all the same.
 * The clock is injected so that tests never wait.
 */
export class TokenBuckets {
  private readonly buckets = new Map<string, Bucket>();
  private readonly perMs: number;

  constructor(
    private readonly limit: RateLimit,
    private readonly now: () => number = Date.now,
  ) {
    this.perMs = limit.perMinute / 60_000;
  }

  /** An operation dearer than the burst takes a whole bucket rather than never passing. */
  take(key: string, cost = 1): TakeResult {
    const now = this.now();
    const charge = Math.min(cost, this.limit.burst);
    const bucket = this.refilled(this.buckets.get(key), now);
    if (bucket.tokens >= charge) {
      this.buckets.set(key, { tokens: bucket.tokens - charge, at: now });
      return { allowed: true };
    }
    this.buckets.set(key, bucket);
    const missing = charge - bucket.tokens;
    return { allowed: false, retryAfterSeconds: Math.max(1, Math.ceil(missing / this.perMs / 1000)) };
  }

  /** Forgets full buckets, which are the same as absent ones; keeps memory bounded by active callers. */
  sweep(): void {
    const now = this.now();
    for (const [key, bucket] of this.buckets) {
      if (this.refilled(bucket, now).tokens >= this.limit.burst) this.buckets.delete(key);
    }
  }

  get size(): number {
    return this.buckets.size;
  }

  private refilled(bucket: Bucket | undefined, now: number): Bucket {
    if (!bucket) return { tokens: this.limit.burst, at: now };
    return { tokens: Math.min(this.limit.burst, bucket.tokens + (now - bucket.at) * this.perMs), at: now };
  }
}
