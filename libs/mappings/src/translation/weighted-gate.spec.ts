import { WeightedGate } from './weighted-gate';

/** Work that finishes when told to, recording when it started. */
function pending(log: string[], name: string) {
  let finish!: () => void;
  const done = new Promise<void>((resolve) => (finish = resolve));
  return {
    work: () => {
      log.push(name);
      return done;
    },
    finish,
  };
}

const tick = () => new Promise((resolve) => setImmediate(resolve));

describe('WeightedGate', () => {
  it('admits work while its weight fits, then in arrival order as weight is released', async () => {
    const gate = new WeightedGate(10);
    const started: string[] = [];
    const a = pending(started, 'a');
    const b = pending(started, 'b');
    const c = pending(started, 'c');
    const d = pending(started, 'd');
    const runs = [gate.run(6, a.work), gate.run(4, b.work), gate.run(5, c.work), gate.run(1, d.work)];
    await tick();
    expect(started).toEqual(['a', 'b']);
    expect(gate.weightInFlight).toBe(10);
    a.finish();
    await tick();
    // c came before d: d waits although it would fit
    expect(started).toEqual(['a', 'b', 'c', 'd']);
    b.finish();
    c.finish();
    d.finish();
    await Promise.all(runs);
    expect(gate.weightInFlight).toBe(0);
  });

  it('runs work heavier than the capacity alone', async () => {
    const gate = new WeightedGate(10);
    const started: string[] = [];
    const big = pending(started, 'big');
    const small = pending(started, 'small');
    const runs = [gate.run(50, big.work), gate.run(1, small.work)];
    await tick();
    expect(started).toEqual(['big']);
    big.finish();
    await tick();
    expect(started).toEqual(['big', 'small']);
    small.finish();
    await Promise.all(runs);
  });

  it('gives the weight back when the work fails', async () => {
    const gate = new WeightedGate(10);
    await expect(gate.run(10, () => Promise.reject(new Error('boom')))).rejects.toThrow('boom');
    expect(gate.weightInFlight).toBe(0);
    await expect(gate.run(10, () => Promise.resolve('ok'))).resolves.toBe('ok');
  });
});
