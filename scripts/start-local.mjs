#!/usr/bin/env node
// Starts the whole thing locally: the bot (with the embedded Cosmos DB server and the demo data) and one
// Microsoft 365 Agents Playground per demo role, all talking to the same bot, so that what one person does
// (Sara applies) reaches the others (Johan gets the card in his own chat):
//   http://localhost:56150  Sara Lindqvist, employee       http://localhost:56153  Erik Nyström, coordinator
//   http://localhost:56151  Johan Bergström, her manager   http://localhost:56154  Lena Holm, juror
//   http://localhost:56152  Amira Haddad, HR contact
//   http://localhost:3978/tab/      the tab (the Playground hosts no tabs): sign in as a demo person, or open
//                                   http://localhost:3978/tab/?as=<person id> beside that person's Playground
//   npm start -- --lang en          answer in English (the Playground always says en-US, so Swedish is forced by default)
// Ctrl-C stops everything it started.
import { spawn } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createRequire } from 'node:module';

const { DEMO, demoPeople, playgroundYaml } = createRequire(import.meta.url)('./playground-config.js');

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
// The Agents Playground reports en-US for every user; Teams sends each user's real language. Swedish by default.
const langIndex = process.argv.indexOf('--lang');
const lang = langIndex > 0 ? process.argv[langIndex + 1] : 'sv';
if (lang !== 'sv' && lang !== 'en') {
  console.error('--lang takes sv or en');
  process.exit(2);
}
const ROLES = ['employee', 'manager', 'hrContact', 'coordinator', 'juror', 'steeringGroup'];
const byId = demoPeople();
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

run('bot', process.execPath, [join(root, 'dist/src/index.js')], { env: { ...process.env, SEED_DEMO: 'true', PORT: port, LOCALE_OVERRIDE: lang, TAB_DEMO_SIGNIN: 'true' } });
const cli = join(root, 'node_modules/@microsoft/m365agentsplayground/cli.js');
const ready = [];
ROLES.forEach((role, i) => {
  const playDir = join(root, '.local', `playground-${role}`);
  mkdirSync(playDir, { recursive: true });
  writeFileSync(join(playDir, '.m365agentsplayground.yml'), playgroundYaml(role));
  const playground = run(`playground (${role})`, process.execPath, [cli, '-e', `http://localhost:${port}/api/messages`, '-c', 'msteams', '-p', String(56150 + i), '--disable-telemetry'], {
    cwd: playDir,
    env: { ...process.env, TEAMSAPPTESTER_BROWSER: process.env.TEAMSAPPTESTER_BROWSER ?? 'none' },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  // The Playground falls back to a random port when its port is taken: report the port it really listens on.
  playground.stdout.on('data', (chunk) => {
    const m = /Listening on (\d+)/.exec(String(chunk));
    if (!m) return;
    ready.push({ role, url: `http://localhost:${m[1]}`, name: byId.get(DEMO[role]).name });
    if (ready.length === ROLES.length) botListening().then(announce, (e) => {
      console.error(String(e));
      stop(1);
    });
  });
});

/** Resolves once the bot answers /healthz (the embedded store and the demo data take a moment after the Playgrounds). */
async function botListening() {
  for (let i = 0; i < 600; i++) {
    const up = await fetch(`http://localhost:${port}/healthz`).then((r) => r.status < 500, () => false);
    if (up) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`the bot did not answer on port ${port} within a minute`);
}

function announce() {
  console.log('\nAcceleratorn is running. Each demo person has their own Teams-like client; open any of them:');
  for (const r of ROLES.map((x) => ready.find((y) => y.role === x))) console.log(`  ${r.url}  ${r.name} (${r.role})`);
  console.log('The tab (Teams shows it beside the chat; here each person has their own address):');
  for (const role of ROLES) console.log(`  http://localhost:${port}/tab/?as=${DEMO[role]}${lang === 'en' ? '&lang=en' : ''}  ${byId.get(DEMO[role]).name}`);
  console.log('Open a person\'s page once before others send them something: that is when the bot learns where to reach them.');
  console.log('Stop with Ctrl-C.\n');
}
