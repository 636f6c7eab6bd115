/**
 * Telemetry to Application Insights with no personal data in it (the deployment issue's telemetry requirement).
 * The app runs as a real process with a connection string pointing at a local fake of the ingestion endpoint;
 * turns over real HTTP carry a recognisable person (a distinctive name and e-mail address in `from`, in the
 * directory and in free text), some of them fail and are logged, and the tab is searched for the person. After
 * SIGTERM (telemetry flushed) everything the fake received is searched for the person: requests, dependencies and
 * log lines must be there, in the operations that wrote them, and none may name the person.
 */
import { randomUUID } from 'node:crypto';
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DEMO_PERSON_HEADER } from '../../src/adapters/tab/contract';
import { VERBS } from '../../src/adapters/cards/verbs';
import demoDirectory from '../../src/demo/directory.json';
import { FAKE_APP_INSIGHTS_ENV, FakeAppInsights, type Envelope } from '../fakes/fake-app-insights';
import { FakeBotConnector } from '../fakes/fake-bot-connector';
import { buttonData } from '../helpers/card-actions';
import { rawPost } from '../helpers/raw-post';
import { cardOf, readable, invokeCard, TeamsClient, type TeamsUser } from '../helpers/teams-client';
import { startBotProcess, type BotProcess } from './bot-process';

jest.setTimeout(180_000);

const NAME = 'Thorvald Quixbergsson';
const EMAIL = 'thorvald.quixbergsson@kommunen.example.se';
const IDEA = 'Zeppelinbibliotek som svävar över Kullaberg';
/** The browser's address, as App Service's front end passes it on in X-Forwarded-For. */
const CLIENT_IP = '203.0.113.77';
/** What must appear nowhere, each looked for case-insensitively in the raw bytes sent (and its URL-encoded form). */
const PERSONAL = ['Thorvald', 'Quixbergsson', EMAIL, 'Zeppelinbibliotek', 'Kullaberg', CLIENT_IP];

const found = (text: string): string[] => {
  const lower = text.toLowerCase();
  return PERSONAL.filter((p) => lower.includes(p.toLowerCase()) || lower.includes(encodeURIComponent(p).toLowerCase()));
};

const day = 24 * 3600 * 1000;
const isoDay = (ms: number) => new Date(ms).toISOString().slice(0, 10);

let ingestion: FakeAppInsights;
let connector: FakeBotConnector;
let serviceUrl: string;
let bot: BotProcess;
let work: string;

beforeAll(async () => {
  ingestion = new FakeAppInsights();
  await ingestion.start();
  connector = new FakeBotConnector();
  serviceUrl = await connector.start();
  // The demo directory with the employee renamed: the person's name and address come from the directory too.
  work = mkdtempSync(join(tmpdir(), 'telemetry-'));
  const directory = join(work, 'directory.json');
  writeFileSync(directory, JSON.stringify({ ...demoDirectory, people: demoDirectory.people.map((p) => (p.id === demoDirectory.demoRoles.employee ? { ...p, name: NAME, email: EMAIL } : p)) }));
  bot = await startBotProcess({
    APPLICATIONINSIGHTS_CONNECTION_STRING: ingestion.connectionString(randomUUID()),
    ...FAKE_APP_INSIGHTS_ENV,
    // No internet here: Microsoft's own SDK statistics would be sent elsewhere and fail.
    APPLICATIONINSIGHTS_STATSBEAT_DISABLED: 'true',
    // Every operation kept: the distro's default samples at most 5 a second, and this test makes more than that.
    OTEL_TRACES_SAMPLER: 'always_on',
    // Where the exporter would keep what it could not send: nothing, if everything was accepted.
    TMPDIR: work,
    SEED_DEMO: 'true',
    TAB_DEMO_SIGNIN: 'true',
    DIRECTORY_FILE: directory,
    TEAMS_SERVICE_URL: serviceUrl,
    SHUTDOWN_DEADLINE_MS: '5000',
  });
});

afterAll(async () => {
  if (bot?.child.exitCode === null) bot.child.kill('SIGKILL');
  await connector?.stop();
  await ingestion?.stop();
  if (work) rmSync(work, { recursive: true, force: true });
});

it('sends requests, Cosmos and connector dependencies and the log lines in their operations, and nothing that names the person', async () => {
  const started = Date.now();
  const teams = new TeamsClient(bot.url, serviceUrl);
  const person: TeamsUser = { aadObjectId: demoDirectory.demoRoles.employee, name: NAME };
  const lastCard = () => cardOf(connector.activities.filter((a) => a.replyToId === teams.lastSent.get(person.aadObjectId)).at(-1)?.activity ?? {});
  const posted: number[] = [];
  const post = async (reply: Promise<{ status: number; body: unknown }>) => {
    const r = await reply;
    posted.push(r.status);
    return r;
  };

  // A person with an address in `from`, writing free text, then applying with the idea in the form.
  await post(teams.post({ ...teams.base(person), from: { id: `29:${person.aadObjectId}`, name: NAME, aadObjectId: person.aadObjectId, email: EMAIL, userPrincipalName: EMAIL }, type: 'installationUpdate', action: 'add' }));
  await post(teams.say(person, `Hej, jag heter ${NAME} (${EMAIL}) och vill bygga ett ${IDEA}`));
  await post(teams.say(person, 'ansök'));
  const ref = buttonData(lastCard(), VERBS.intakeSave) as { applicationId: string; cohortId: string };
  const step = (values: Record<string, string>) => post(teams.execute(person, VERBS.intakeSave, { ...ref, nav: 'next', ...values }));
  await step({ step: 'idea', title: IDEA, problem: `${NAME} ser att ingen lånar böcker på marken.`, description: `Ett ${IDEA}. Frågor till ${EMAIL}.` });
  await step({ step: 'benefit', targetGroups: 'residents', benefit: `Fler läsare, sa ${NAME}.`, applicability: 'Alla elva kommuner har himmel.' });
  await step({ step: 'about', municipality: 'Höganäs', administration: 'Vård och omsorg', workplace: 'Hemtjänst Väst', managerEmail: '', permanentEmployment: 'true', employmentStart: '2018-03-01' });
  const starts = Date.now() + 60 * day; // the demo cohort's programme starts 60 days after seeding
  await step({ step: 'leave', extentPercent: '50', leaveStart: isoDay(starts), leaveEnd: isoDay(starts + 150 * day), coApplicants: '' });
  const sent = await post(teams.execute(person, VERBS.intakeSubmit, { ...ref, step: 'review', privacyAcknowledged: 'true' }));
  expect(readable(invokeCard(sent))).toContain('Tack! Din ansökan är skickad.');

  // An invoke with bad data, logged (warn): a verb that is no verb of ours but the person's name and idea.
  await post(teams.execute(person, NAME, { idea: IDEA }));
  // A reply the Bot Connector refuses, with an error that quotes what it was sent (as services' errors often do):
  // the turn fails and is logged (error) with that error.
  const quoting = { error: { code: 'BadArgument', message: `Activity from "${NAME}" <${EMAIL}> not accepted: '${IDEA}'` } };
  connector.failNext(1, 400, {}, (r) => r.operation === 'replyToActivity', quoting);
  await post(teams.say(person, `hjälp ${NAME}, ${IDEA}`));
  // A body that is not JSON, cut off in the middle of the person's data: refused and logged (warn).
  posted.push(await rawPost(`${bot.url}/api/messages`, `{"type":"message","from":{"name":"${NAME}","email":"${EMAIL}"},"text":"${IDEA}`, { 'content-type': 'application/json' }));

  // The coordinators' search in the tab (it searches ideas' names), for the person and for the idea: free text in
  // the query string. The idea is found, so the answer names the person too.
  const search = async (q: string) => {
    const res = await fetch(`${bot.url}/api/tab/applications?${new URLSearchParams({ cohortId: ref.cohortId, q })}`, { headers: { [DEMO_PERSON_HEADER]: demoDirectory.demoRoles.coordinator, 'x-forwarded-for': `${CLIENT_IP}:53211` } });
    posted.push(res.status);
    return res.text();
  };
  expect(await search(NAME)).toContain('"total":0');
  expect(await search(IDEA)).toContain(NAME);

  expect(posted.filter((s) => s >= 400)).toEqual([400]); // the body that was not JSON
  const code = await bot.stop();
  expect(code === 0 ? 0 : bot.stderr()).toBe(0);
  const seconds = (Date.now() - started) / 1000;

  // What was sent: all of it to the ingestion endpoint (live metrics off, statsbeat off), none of it kept back.
  expect(ingestion.requests.map((r) => `${r.method} ${r.path}`).filter((r) => r !== 'POST /v2.1/track')).toEqual([]);
  expect(readdirSync(work).filter((f) => f !== 'directory.json')).toEqual([]);

  const opId = (e: Envelope) => e.tags?.['ai.operation.id'];
  const data = (e: Envelope) => e.data?.baseData ?? {};
  const requests = ingestion.ofType('Request');
  const dependencies = ingestion.ofType('RemoteDependency');
  const traces = ingestion.ofType('Message');
  const messageRequests = requests.filter((r) => String(data(r).url).endsWith('/api/messages'));
  const searches = requests.filter((r) => String(data(r).url).includes('/api/tab/applications'));
  const cosmos = dependencies.filter((d) => String(data(d).type).includes('Microsoft.DocumentDB') || /\/dbs\//.test(String(data(d).data)));
  const toConnector = dependencies.filter((d) => String(data(d).data).startsWith(serviceUrl) && String(data(d).data).includes('/v3/conversations/'));
  const kinds = new Map<string, number>();
  for (const e of ingestion.envelopes) kinds.set(e.name, (kinds.get(e.name) ?? 0) + 1);
  const counts = [...kinds].map(([k, n]) => `${k.replace('Microsoft.ApplicationInsights.', '')} ${n}`);
  console.log(
    `${posted.length} requests to the bot in ${seconds.toFixed(1)} s; ingestion received ${ingestion.requests.length} posts, ${ingestion.envelopes.length} envelopes: ${counts.join(', ')}; ` +
      `${messageRequests.length} /api/messages requests, ${cosmos.length} Cosmos and ${toConnector.length} connector dependencies, ${traces.length} traces`,
  );

  // None of it names the person: not one byte sent, not one line written.
  const leaks = ingestion.requests.flatMap((r, i) => found(r.text).map((p) => `post ${i}: ${p}`));
  expect(leaks).toEqual([]);
  expect(bot.stderr().split('\n').flatMap((l) => found(l).map((p) => `${p} in ${l}`))).toEqual([]);
  const lines = bot.stderr().split('\n').filter((l) => l.startsWith('{'));
  // Nothing else printed anything (the Azure SDKs' own logging, which the distro would turn on, stays off).
  expect(bot.stdout()).toBe('');

  // And there is telemetry to look in: every turn a request, Cosmos and the connector as dependencies of the turns.
  expect(messageRequests.length).toBe(posted.length - 2);
  expect(searches).toHaveLength(2);
  expect(searches.map((s) => data(s).url)).toEqual([expect.not.stringContaining('?'), expect.not.stringContaining('?')]);
  const turnOperations = new Set(messageRequests.map(opId));
  expect(cosmos.filter((d) => turnOperations.has(opId(d))).length).toBeGreaterThan(0);
  expect(toConnector.filter((d) => turnOperations.has(opId(d))).length).toBeGreaterThan(0);
  // The log lines as traces, each in the operation of the request that wrote it (and on stderr as before).
  expect(lines.length).toBeGreaterThanOrEqual(traces.length);
  const logged = (msg: string) => traces.filter((t) => data(t).message === msg);
  for (const msg of ['unknown card action', 'turn failed', 'request refused']) {
    expect(logged(msg)).toHaveLength(1);
    expect(turnOperations.has(opId(logged(msg)[0] as Envelope))).toBe(true);
  }
  expect(data(logged('turn failed')[0] as Envelope)).toMatchObject({ severityLevel: 'Error', properties: { correlationId: expect.stringMatching(/^[0-9a-f]{8}$/), error: expect.stringContaining('"message":"Activity from \\"…\\" <[email]> not accepted: \'…\'"') } });
  // Where the requests came from is not kept: no client address, so no location either.
  expect(requests.filter((r) => r.tags?.['ai.location.ip'] !== undefined)).toEqual([]);
});
