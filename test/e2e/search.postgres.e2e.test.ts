import { startTestApp, TestApp } from '../support/test-app';
import { searchContract } from './search-contract';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(() => t.close());

searchContract({ engine: 'postgresql', app: () => t, settle: () => Promise.resolve() });
