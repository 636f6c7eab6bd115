// Stages what App Service runs into .deploy/: the built bot and tab (dist/src, dist/web) with package.json, the
// lock file and the production dependencies only (`npm ci --omit=dev`). m365agents.yml's deploy and the
// GitHub workflow zip that folder. Run after `npm run build`.
//
// Install scripts are skipped: the only one is this project's postinstall, which patches the embedded store
// used by `npm start` and the tests; production always names a real Cosmos DB account (src/config.ts).
import { cpSync, existsSync, mkdirSync, rmSync, readFileSync, writeFileSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const out = join(root, '.deploy');
for (const built of ['dist/src/index.js', 'dist/web/index.html']) {
  if (!existsSync(join(root, built))) {
    console.error(`stage-deploy: ${built} is missing; run npm run build first`);
    process.exit(1);
  }
}
rmSync(out, { recursive: true, force: true });
mkdirSync(join(out, 'dist'), { recursive: true });
for (const part of ['dist/src', 'dist/web']) cpSync(join(root, part), join(out, part), { recursive: true });
cpSync(join(root, 'package-lock.json'), join(out, 'package-lock.json'));
// The package file without the scripts that need the sources (build, test, postinstall): App Service runs
// `node dist/src/index.js` (infra/main.bicep's appCommandLine).
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
pkg.scripts = { start: 'node dist/src/index.js' };
writeFileSync(join(out, 'package.json'), JSON.stringify(pkg, null, 2) + '\n');
execFileSync('npm', ['ci', '--omit=dev', '--ignore-scripts', '--no-audit', '--no-fund'], { cwd: out, stdio: 'inherit' });
console.log(`stage-deploy: ${out} is ready to zip`);
