// A jest reporter that writes the run's counts to test-results.json (read by .ci/run).
const { writeFileSync } = require('node:fs');
const { join } = require('node:path');

class ResultsFileReporter {
  constructor(globalConfig) {
    this.rootDir = globalConfig.rootDir;
  }
  onRunComplete(_contexts, results) {
    const { numPassedTests, numFailedTests, numPendingTests, numRuntimeErrorTestSuites, numTotalTests } = results;
    writeFileSync(
      join(this.rootDir, 'test-results.json'),
      JSON.stringify({ numPassedTests, numFailedTests, numPendingTests, numRuntimeErrorTestSuites, numTotalTests }) + '\n',
    );
  }
}
module.exports = ResultsFileReporter;
