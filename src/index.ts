import { ConfigError, loadConfig } from './config';
import { redactMessage } from './redact';
import { startTelemetry } from './telemetry';

/** Composition root: read the configuration once, start, and stop gracefully on SIGTERM/SIGINT. */
async function main(): Promise<void> {
  let config;
  try {
    config = loadConfig();
  } catch (e) {
    if (e instanceof ConfigError) {
      process.stderr.write(`${e.message}\n`);
      process.exit(1);
    }
    throw e;
  }
  // Telemetry first: its instrumentations see http, restify, botbuilder and Cosmos only if they load after it.
  const telemetry = await startTelemetry(config.telemetry);
  // Loaded only after the configuration is known to be good, so a bad one fails at once.
  const { startApp } = await import('./app');
  // Signals are handled from the start: a SIGTERM during start-up waits for it, then shuts down cleanly.
  const starting = startApp(config);
  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    const deadline = Date.now() + config.shutdownDeadlineMs;
    process.stderr.write(`${signal}: finishing in-flight turns and deliveries (at most ${config.shutdownDeadlineMs} ms), then closing the store\n`);
    // Whatever hangs, the process is gone shortly after the deadline.
    setTimeout(() => {
      process.stderr.write('shutdown deadline passed: exiting\n');
      process.exit(1);
    }, config.shutdownDeadlineMs + 2_000).unref();
    starting
      .then((app) => app.close())
      // What telemetry still holds (the last requests, the shutdown's own log lines) goes out in the time left of
      // the deadline, at least half a second: still before the exit forced above. Telemetry that cannot be sent
      // (Application Insights unreachable) is said so, and the shutdown is still clean.
      .then(() => {
        if (!telemetry) return;
        const flushed = telemetry.shutdown().catch((e: unknown) => {
          process.stderr.write(`telemetry not flushed: ${e instanceof Error ? redactMessage(e.message) : 'failed'}\n`);
        });
        return Promise.race([flushed, new Promise<void>((resolve) => setTimeout(resolve, Math.max(500, deadline - Date.now())))]);
      })
      .then(
        () => process.exit(0),
        (e: unknown) => {
          process.stderr.write(`shutdown failed: ${String(e)}\n`);
          process.exit(1);
        },
      );
  };
  process.on('SIGTERM', () => stop('SIGTERM'));
  process.on('SIGINT', () => stop('SIGINT'));
  await starting;
}

main().catch((e: unknown) => {
  process.stderr.write(`Acceleratorn could not start: ${e instanceof Error ? e.message : String(e)}\n`);
  process.exit(1);
});
