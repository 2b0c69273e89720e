import { migrate } from '@lexique/database';
import { loadDataset } from './dataset/load';
import { DEFAULT_DATASET } from './dataset/generate';
it('loads', async () => {
  await migrate(process.env.BENCH_URL!);
  const r = await loadDataset(process.env.BENCH_URL!, { ...DEFAULT_DATASET, concepts: Number(process.env.BENCH_CONCEPTS), mappings: Number(process.env.BENCH_MAPPINGS) }, (l) => process.stdout.write(l + '\n'));
  process.stdout.write(JSON.stringify(r) + '\n');
});
