import { systemContext } from '@lexique/core';
import { ConceptLoaders } from '@lexique/vocabulary';
import { MappingRepository } from '../mappings/mapping.repository';
import { SystemService } from '../systems/system.service';
import { TranslationLookup, TranslationRepository } from './translation.repository';
import { TranslationService } from './translation.service';

/**
 * The admission of large batches, with a repository whose lookups answer only
 * when told to (the SQL itself is covered end to end in test/e2e/mappings).
 */
describe('TranslationService batch admission', () => {
  const lookups: { keys: number; answer: () => void }[] = [];
  const repository = {
    lookup: (_system: string, keys: string[]) =>
      new Promise<TranslationLookup>((resolve) =>
        lookups.push({ keys: keys.length, answer: () => resolve({ systemExists: true, byKey: new Map() }) }),
      ),
  } as unknown as TranslationRepository;
  const loaders = { for: () => ({ byId: { prime: () => undefined } }) } as unknown as ConceptLoaders;
  const service = new TranslationService(repository, {} as MappingRepository, {} as SystemService, loaders);
  const ctx = systemContext('test');
  const codes = (n: number, tag: string) => Array.from({ length: n }, (_, i) => `${tag}${i}`);
  const tick = () => new Promise((resolve) => setImmediate(resolve));

  beforeEach(() => (lookups.length = 0));

  it('holds a large batch back while the codes in flight would pass the budget, then lets it in', async () => {
    const first = service.translateBatch(ctx, 'SI-A', codes(10_000, 'a'));
    const second = service.translateBatch(ctx, 'SI-A', codes(10_000, 'b'));
    const third = service.translateBatch(ctx, 'SI-A', codes(10_000, 'c'));
    await tick();
    expect(lookups.map((l) => l.keys)).toEqual([10_000, 10_000]);
    lookups[0].answer();
    await first;
    await tick();
    expect(lookups.map((l) => l.keys)).toEqual([10_000, 10_000, 10_000]);
    lookups[1].answer();
    lookups[2].answer();
    await expect(Promise.all([second, third])).resolves.toHaveLength(2);
  });

  it('never holds back single codes or small batches', async () => {
    const large = [0, 1, 2].map((n) => service.translateBatch(ctx, 'SI-A', codes(10_000, `l${n}`)));
    const small = service.translateBatch(ctx, 'SI-A', codes(100, 's'));
    const single = service.translate(ctx, 'SI-A', 'x');
    await tick();
    // the third large batch waits; the small one and the single code do not
    expect(lookups.map((l) => l.keys).sort((a, b) => a - b)).toEqual([1, 100, 10_000, 10_000]);
    for (const lookup of lookups) lookup.answer();
    await tick();
    for (const lookup of lookups) lookup.answer();
    await Promise.all([...large, small, single]);
  });
});
