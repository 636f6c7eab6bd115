#!/usr/bin/env node
// postinstall: applies the patches in patches/ to node_modules with patch-package (see patches/README.md).
// patch-package is a devDependency: in a production install (npm ci --omit=dev) it is absent, and this says so and
// exits 0 instead of failing the install. When it is installed, a patch that does not apply fails the install
// (--error-on-fail), rather than leaving an unpatched embedded Cosmos DB server behind.
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(join(root, 'package.json'));

let bin;
try {
  bin = join(dirname(require.resolve('patch-package/package.json')), 'index.js');
} catch {
  console.log('apply-patches: patch-package is not installed (a production install?): patches/ not applied.');
  process.exit(0);
}

const { status, error } = spawnSync(process.execPath, [bin, '--error-on-fail'], { cwd: root, stdio: 'inherit' });
if (error) {
  console.error(`apply-patches: could not run patch-package: ${error.message}`);
  process.exit(1);
}
process.exit(status ?? 1);
