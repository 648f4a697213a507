import { defineConfig } from 'vitest/config';

// .ci/run sets ORGDECK_TEST_REPORT to count passed and failed tests from vitest's JSON report.
const report = process.env.ORGDECK_TEST_REPORT;

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    exclude: ['test/bench/**', 'node_modules/**'],
    testTimeout: 30_000,
    hookTimeout: 30_000,
    pool: 'forks',
    globalSetup: ['test/global-setup.ts'],
    reporters: report ? ['default', ['json', { outputFile: report }]] : ['default'],
  },
});
