// Preloaded into a child process (node -r ./test/helpers/loaded-at-exit.js ...): when the process exits, one line
// on stderr names every module it loaded, so a test can tell which packages a run of the app paid for.
const { writeSync } = require('node:fs');
process.on('exit', () => {
  writeSync(2, `loaded-modules ${JSON.stringify(Object.keys(require.cache))}\n`);
});
