#!/usr/bin/env node
// Starts the whole thing locally: the bot (with the embedded Cosmos DB server and the demo data) and the
// Microsoft 365 Agents Playground, playing the demo person of the role you choose:
//   npm start                       as the employee (Sara Lindqvist)
//   npm start -- --as chef          manager | hr | samordnare | jury   (Swedish or English role names)
//   npm start -- --lang en          answer in English (the Playground always says en-US, so Swedish is forced by default)
// Ctrl-C stops everything it started.
import { spawn } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createRequire } from 'node:module';

const { DEMO, ROLE_ALIASES, demoPeople, playgroundYaml } = createRequire(import.meta.url)('./playground-config.js');

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
// The Agents Playground reports en-US for every user; Teams sends each user's real language. Swedish by default.
const langIndex = process.argv.indexOf('--lang');
const lang = langIndex > 0 ? process.argv[langIndex + 1] : 'sv';
if (lang !== 'sv' && lang !== 'en') {
  console.error('--lang takes sv or en');
  process.exit(2);
}
const asIndex = process.argv.indexOf('--as');
const asWord = (asIndex > 0 ? process.argv[asIndex + 1] ?? '' : 'employee').toLowerCase().replace(/[^a-z]/g, '');
const role = ROLE_ALIASES[asWord];
if (!role) {
  console.error(`Unknown role "${asWord}". Use one of: ${Object.keys(ROLE_ALIASES).join(', ')}`);
  process.exit(2);
}

const byId = demoPeople();
const current = DEMO[role];
const yaml = playgroundYaml(role);
const playDir = join(root, '.local', 'playground');
mkdirSync(playDir, { recursive: true });
writeFileSync(join(playDir, '.m365agentsplayground.yml'), yaml);

const port = process.env.PORT ?? '3978';
const children = [];
const run = (name, cmd, args, opts) => {
  const child = spawn(cmd, args, { stdio: 'inherit', ...opts });
  child.on('exit', (code, signal) => {
    if (!stopping) {
      console.error(`${name} stopped (${signal ?? code}); stopping the rest.`);
      stop(code ?? 1);
    }
  });
  children.push(child);
  return child;
};
let stopping = false;
function stop(code = 0) {
  if (stopping) return;
  stopping = true;
  for (const c of children) if (c.exitCode === null) c.kill('SIGTERM');
  setTimeout(() => process.exit(code), 1500).unref();
  Promise.all(children.map((c) => (c.exitCode === null ? new Promise((r) => c.on('exit', r)) : null))).then(() => process.exit(code));
}
process.on('SIGINT', () => stop(0));
process.on('SIGTERM', () => stop(0));

run('bot', process.execPath, [join(root, 'dist/src/index.js')], { env: { ...process.env, SEED_DEMO: 'true', PORT: port, LOCALE_OVERRIDE: lang } });
const cli = join(root, 'node_modules/@microsoft/m365agentsplayground/cli.js');
const playground = run('playground', process.execPath, [cli, '-e', `http://localhost:${port}/api/messages`, '-c', 'msteams', '-p', '56150', '--disable-telemetry'], {
  cwd: playDir,
  env: { ...process.env, TEAMSAPPTESTER_BROWSER: process.env.TEAMSAPPTESTER_BROWSER ?? 'none' },
  stdio: ['ignore', 'pipe', 'inherit'],
});
// The Playground falls back to a random port when 56150 is taken: tell the port it really listens on.
playground.stdout.on('data', (chunk) => {
  process.stdout.write(chunk);
  const m = /Listening on (\d+)/.exec(String(chunk));
  if (m) {
    const who = byId.get(current);
    console.log(`\nAcceleratorn is running. You are ${who.name} (${role}). Open http://localhost:${m[1]} in a browser.`);
    console.log('Other roles: npm start -- --as chef | hr | samordnare | jury.  Stop with Ctrl-C.\n');
  }
});
