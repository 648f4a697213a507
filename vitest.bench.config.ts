import { defineConfig } from 'vitest/config';

// `npm run bench`: benchmarks only, never part of `npm test` (vitest.config.ts excludes test/bench).
export default defineConfig({
  test: {
    include: ['test/bench/**/*.bench.ts'],
    pool: 'forks',
    // The benches run dist/ (and the single executable): build it first, as `npm test` does.
    globalSetup: ['test/global-setup.ts'],
    fileParallelism: false,
    // Tables go straight to the terminal, not under vitest's per-test console headers.
    disableConsoleIntercept: true,
    testTimeout: 300_000,
    hookTimeout: 60_000,
  },
});
