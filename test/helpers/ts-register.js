// Lets a child process run the TypeScript sources directly (node -r ./test/helpers/ts-register.js src/index.ts),
// transpiling each file with the project's TypeScript; type checking is tsc's job in `npm test`.
const ts = require('typescript');
const fs = require('node:fs');
require.extensions['.ts'] = function (module, filename) {
  const source = fs.readFileSync(filename, 'utf8');
  const { outputText } = ts.transpileModule(source, {
    fileName: filename,
    compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2022, esModuleInterop: true, resolveJsonModule: true, inlineSourceMap: true },
  });
  module._compile(outputText, filename);
};
