export default async function globalTeardown() {
  await globalThis.lexiqueTestServer?.stop();
}
