import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';

const root = join(__dirname, '..', '..');

export interface BotProcess {
  readonly child: ChildProcess;
  /** http://127.0.0.1:<port>, where /api/messages and the tab's API answer. */
  readonly url: string;
  readonly exited: Promise<number | null>;
  stderr(): string;
  /** What it printed on stdout (the logger writes to stderr: anything here came from somewhere else). */
  stdout(): string;
  /** SIGTERM, then the exit code once the process is gone. */
  stop(): Promise<number | null>;
}

/**
 * The app as a real process (dist/src/index.js, as App Service and `npm start` run it; `npm test` builds it first, so
 * no child spends seconds compiling TypeScript while other suites run beside it): telemetry
 * hooks `require`, so it can only be seen in a process of its own, not in jest's module registry. Local mode:
 * the embedded Cosmos DB server, a file directory, no bot credentials. Resolves once it listens.
 */
export async function startBotProcess(env: Record<string, string>, preload: string[] = []): Promise<BotProcess> {
  const child = spawn(process.execPath, [...preload.flatMap((p) => ['-r', join(root, 'test', 'helpers', p)]), join(root, 'dist', 'src', 'index.js')], {
    cwd: root,
    env: { PATH: process.env.PATH ?? '', PORT: '0', LOG_LEVEL: 'info', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  let stdout = '';
  child.stderr?.on('data', (c: Buffer) => (stderr += c.toString()));
  child.stdout?.on('data', (c: Buffer) => (stdout += c.toString()));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  const until = Date.now() + 60_000;
  let listening: RegExpExecArray | null = null;
  while (!(listening = /"msg":"Acceleratorn is listening","url":"(http:\/\/[^"]+)\/api\/messages"/.exec(stderr))) {
    if (Date.now() > until || child.exitCode !== null) {
      child.kill('SIGKILL');
      throw new Error(`the bot did not start: ${stderr}`);
    }
    await new Promise((r) => setTimeout(r, 50));
  }
  return {
    child,
    url: listening[1] ?? '',
    exited,
    stderr: () => stderr,
    stdout: () => stdout,
    async stop() {
      child.kill('SIGTERM');
      return exited;
    },
  };
}
