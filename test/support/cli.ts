/** The `lexique` command, for tests and benchmarks that run it in-process. */
export { runCli } from '../../apps/cli/src/main';
