/**
 * Without APPLICATIONINSIGHTS_CONNECTION_STRING (unset, or blank as an App Service setting left empty) telemetry
 * does not start: the app as a real process serves a turn and stops, and at its exit it has loaded no package of
 * Azure Monitor's distro or of the OpenTelemetry SDK, so nothing could have been collected or sent.
 */
import { FakeBotConnector } from '../fakes/fake-bot-connector';
import { TeamsClient } from '../helpers/teams-client';
import { sara } from '../helpers/demo-users';
import { startBotProcess } from './bot-process';

jest.setTimeout(120_000);

/** Packages that would mean telemetry started: the distro, its exporter, the SDK, the instrumentations. */
const TELEMETRY_PACKAGES = /[\\/]node_modules[\\/](@azure[\\/]monitor-opentelemetry|@azure[\\/]opentelemetry-instrumentation-azure-sdk|@opentelemetry[\\/](sdk-|instrumentation|exporter|resources|api-logs))/;

it.each([
  ['unset', {}],
  ['blank', { APPLICATIONINSIGHTS_CONNECTION_STRING: '' }],
])('with the connection string %s, no telemetry package is loaded while the app serves a turn', async (_what, env: Record<string, string>) => {
  const connector = new FakeBotConnector();
  const serviceUrl = await connector.start();
  try {
    const bot = await startBotProcess({ SEED_DEMO: 'true', TEAMS_SERVICE_URL: serviceUrl, ...env }, ['loaded-at-exit.js']);
    const teams = new TeamsClient(bot.url, serviceUrl);
    expect((await teams.say(sara, 'hjälp')).status).toBe(200);
    expect(connector.sentTo(teams.conversationIdFor(sara)).length).toBeGreaterThan(0);
    expect(await bot.stop()).toBe(0);

    const loaded = JSON.parse(/^loaded-modules (.*)$/m.exec(bot.stderr())?.[1] ?? 'null') as string[] | null;
    // The probe worked: the app's own packages are there (so an absence below means something).
    expect(loaded?.some((m) => /[\\/]node_modules[\\/]botbuilder[\\/]/.test(m))).toBe(true);
    expect(loaded?.some((m) => /[\\/]node_modules[\\/]@azure[\\/]cosmos[\\/]/.test(m))).toBe(true);
    expect(loaded?.filter((m) => TELEMETRY_PACKAGES.test(m))).toEqual([]);
  } finally {
    await connector.stop();
  }
});
