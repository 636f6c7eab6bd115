/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/test'],
  testMatch: ['**/*.test.ts'],
  transform: { '^.+\\.ts$': ['ts-jest', { diagnostics: false }] },
  testTimeout: 30000,
  // Integration suites each start their own embedded Cosmos server and bot on free ports; two workers fit 2 cores.
  maxWorkers: 2,
  // The second reporter leaves the counts in test-results.json, from which .ci/run prints its closing line.
  reporters: ['default', '<rootDir>/test/helpers/results-file-reporter.js'],
};
