import { TokenBuckets } from './token-bucket';

describe('TokenBuckets', () => {
  let now = 0;
  const clock = () => now;
  beforeEach(() => {
    now = 1_000_000;
  });

  it('allows a burst, then refills at the given rate, per key', () => {
    const buckets = new TokenBuckets({ perMinute: 6, burst: 2 }, clock);
    expect(buckets.take('alice').allowed).toBe(true);
    expect(buckets.take('alice').allowed).toBe(true);
    expect(buckets.take('alice')).toEqual({ allowed: false, retryAfterSeconds: 10 });
    expect(buckets.take('bob').allowed).toBe(true);
    now += 5_000;
    expect(buckets.take('alice')).toEqual({ allowed: false, retryAfterSeconds: 5 });
    now += 5_000;
    expect(buckets.take('alice').allowed).toBe(true);
    now += 10 * 60_000;
    expect(buckets.take('alice').allowed).toBe(true);
    expect(buckets.take('alice').allowed).toBe(true);
    expect(buckets.take('alice').allowed).toBe(false);
  });

  it('charges a cost; one dearer than the burst takes a whole bucket', () => {
    const buckets = new TokenBuckets({ perMinute: 60, burst: 5 }, clock);
    expect(buckets.take('k', 4).allowed).toBe(true);
    expect(buckets.take('k', 4)).toEqual({ allowed: false, retryAfterSeconds: 3 });
    expect(buckets.take('big', 50).allowed).toBe(true);
    expect(buckets.take('big', 50)).toEqual({ allowed: false, retryAfterSeconds: 5 });
  });

  it('forgets full buckets when swept', () => {
    const buckets = new TokenBuckets({ perMinute: 60, burst: 2 }, clock);
    buckets.take('a');
    buckets.take('b');
    now += 500;
    buckets.sweep();
    expect(buckets.size).toBe(2);
    now += 1_000;
    buckets.sweep();
    expect(buckets.size).toBe(0);
  });
});
