import { deflateSync, gzipSync, brotliCompressSync } from 'node:zlib';
import { VERBS } from '../../src/adapters/cards/verbs';
import { DEMO_COHORT_ID, DEMO_PEOPLE } from '../../src/demo/demo';
import type { TeamsUser } from '../helpers/teams-client';
import { testBotFor, type TestBot } from '../helpers/test-app';
import { rawPost } from '../helpers/raw-post';
import { seeded } from '../helpers/seeded';

/**
 * A seeded, reproducible fuzz of /api/messages (issue 9): malformed payloads across every card verb and every
 * activity shape, sent by people with different roles, and raw bodies that are no JSON or come encoded.
 * Whatever arrives: no 5xx, no turn error (the apology a person would read), no crash, /healthz still 200,
 * and the programme's data unchanged. Change SEED to explore; a failure prints the payload that caused it.
 */
const SEED = 20261201;
const PAYLOADS = 1200;

const people: TeamsUser[] = [
  { aadObjectId: DEMO_PEOPLE.employee, name: 'Sara Lindqvist' },
  { aadObjectId: DEMO_PEOPLE.manager, name: 'Johan Bergström' },
  { aadObjectId: DEMO_PEOPLE.coordinator, name: 'Erik Nyström' },
  { aadObjectId: DEMO_PEOPLE.juror, name: 'Lena Holm' },
  { aadObjectId: '00000000-0000-4000-8000-00000000f022', name: 'Stranger' }, // not in the directory
];

const deep = (depth: number): unknown => (depth === 0 ? 'x' : { a: deep(depth - 1) });
const BAD_VALUES: readonly (() => unknown)[] = [
  () => 123,
  () => -1,
  () => 1e308,
  () => 0.1,
  () => true,
  () => null,
  () => [],
  () => ({}),
  () => [1, 'a', null],
  () => '',
  () => ' ',
  () => 'a'.repeat(70_000),
  () => 'ö'.repeat(5000),
  () => '\ud800',
  () => 'a\udfffb',
  () => '\u202eevil',
  () => '\u200b',
  () => '\u0000',
  () => '😀'.repeat(500),
  () => 'a\u0301'.repeat(2000),
  () => '../../etc/passwd',
  () => 'a/b',
  () => 'a\\b',
  () => 'a#b',
  () => 'a?b',
  () => 'A-' + 'X'.repeat(300),
  () => 'A-0000000',
  () => DEMO_COHORT_ID,
  () => DEMO_PEOPLE.employee,
  () => '<at>x</at><script>alert(1)</script>',
  () => '[link](https://evil.example)',
  () => '2026-02-30',
  () => '9999999999999999999999',
  () => deep(20),
  () => JSON.parse('{"__proto__":{"admin":true,"roles":["coordinator"]}}'),
  () => ({ constructor: { prototype: { admin: true } } }),
  () => ({ toString: 'x', valueOf: 1, hasOwnProperty: null }),
];
/** Field names the cards carry (and a few they do not), so that fuzzed data reaches the handlers' schemas. */
const FIELDS = ['applicationId', 'cohortId', 'memberId', 'step', 'decision', 'reason', 'score', 'scores', 'criterion', 'outcome', 'kind', 'page', 'filter', 'expenseId', 'personId', 'email', 'title', 'idea', 'problem', 'extent', 'from', 'to', 'coApplicants', 'feedback', 'selected', 'ipOwner', 'name', 'capacity', 'budget', 'meetingId', 'answer', 'comment', 'applications', 'date', 'time', 'place', 'link', '__proto__', 'constructor', 'verb'];
/**
 * Every verb but intake.start: it takes no data, so with any junk beside it it is no malformed payload but a
 * person starting an application (a draft is written, as it should be).
 */
const VERB_LIST = Object.values(VERBS).filter((v) => v !== VERBS.intakeStart);
const ACTIVITY_TYPES = ['message', 'invoke', 'conversationUpdate', 'installationUpdate', 'event', 'typing', 'messageReaction', 'messageUpdate', 'messageDelete', 'endOfConversation', 'handoff', 'trace', 'x'.repeat(70), ''];
const INVOKE_NAMES = ['adaptiveCard/action', 'task/fetch', 'task/submit', 'composeExtension/query', 'signin/verifyState', 'fileConsent/invoke', 'actionableMessage/executeAction', 'config/fetch', 'healthCheck', '', 'x'.repeat(300)];

/** A label for any value, even one whose toString is broken on purpose. */
const show = (x: unknown): string => (typeof x === 'string' ? x : (JSON.stringify(x) ?? typeof x)).slice(0, 40);

type Case = { readonly label: string; readonly body: string | Buffer; readonly headers: Record<string, string> };

function generate(random: () => number, bot: TestBot): Case[] {
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(random() * xs.length)] as T;
  const value = () => pick(BAD_VALUES)();
  const data = () => Object.fromEntries(Array.from({ length: 1 + Math.floor(random() * 5) }, () => [pick(FIELDS), value()]));
  const json = { 'content-type': 'application/json' };
  const cases: Case[] = [];
  const add = (label: string, activity: unknown, headers: Record<string, string> = json) => cases.push({ label, body: JSON.stringify(activity), headers });

  for (let i = 0; cases.length < PAYLOADS; i++) {
    const person = pick(people);
    const where = pick(['personal', 'personal', 'personal', 'groupChat', 'channel'] as const);
    const base = bot.teams.base(person, where);
    const verb = random() < 0.85 ? pick(VERB_LIST) : value();
    switch (i % 12) {
      case 0:
      case 1:
      case 2: // Action.Execute with every verb and broken data
        add(`execute ${show(verb)}`, { ...base, type: 'invoke', name: 'adaptiveCard/action', value: { action: { type: 'Action.Execute', verb, data: random() < 0.8 ? data() : value() }, trigger: 'manual' } });
        break;
      case 3:
      case 4: // the Action.Submit fallback: a message whose value is the card's data
        add(`submit ${show(verb)}`, { ...base, type: 'message', value: random() < 0.8 ? { ...data(), verb } : value() });
        break;
      case 5: // text with hostile content
        add('text', { ...base, type: 'message', text: random() < 0.5 ? value() : `${pick(['visa', 'logg', 'utfall', 'mentor', 'jury lägg till', 'utlägg', 'hr Bjuv', 'ansökningar', 'starta fas', 'samordnare lägg till', 'styrgrupp lägg till', 'rekommendera', 'anteckning', 'anteckning A-7K3QX2', 'kandidatmöte'])} ${show(value()).padEnd(20, '#')}` });
        break;
      case 6: // a broken invoke envelope
        add('invoke envelope', { ...base, type: 'invoke', name: random() < 0.5 ? pick(INVOKE_NAMES) : value(), value: random() < 0.5 ? value() : { action: value() } });
        break;
      case 7: // every activity type, with fields of the wrong type
        add('activity type', { ...base, type: random() < 0.7 ? pick(ACTIVITY_TYPES) : value(), action: value(), membersAdded: random() < 0.5 ? [{ id: value() }] : value(), text: value(), value: value() });
        break;
      case 8: {
        // the envelope itself broken: one field replaced by a bad value
        const field = pick(['type', 'from', 'recipient', 'conversation', 'serviceUrl', 'channelId', 'channelData', 'locale', 'entities', 'attachments', 'id', 'replyToId']);
        add(`envelope ${field}`, { ...base, type: pick(['message', 'invoke']), name: 'adaptiveCard/action', text: 'hjälp', [field]: value() });
        break;
      }
      case 9: // not an object at all, or JSON that is not an activity
        add('not an activity', value());
        break;
      case 10: {
        // not JSON, or JSON in an encoding or media type the bot does not take
        const activity = Buffer.from(JSON.stringify({ ...base, type: 'message', text: 'hjälp' }));
        const variants: Case[] = [
          { label: 'gzip', body: gzipSync(activity), headers: { ...json, 'content-encoding': 'gzip' } },
          { label: 'gzip, not gzip', body: activity, headers: { ...json, 'content-encoding': 'gzip' } },
          { label: 'deflate', body: deflateSync(activity), headers: { ...json, 'content-encoding': 'deflate' } },
          { label: 'br', body: brotliCompressSync(activity), headers: { ...json, 'content-encoding': 'br' } },
          { label: 'compress', body: activity, headers: { ...json, 'content-encoding': 'compress' } },
          { label: 'odd encoding', body: activity, headers: { ...json, 'content-encoding': 'x'.repeat(200) } },
          { label: 'text/plain', body: activity, headers: { 'content-type': 'text/plain' } },
          { label: 'no content type', body: activity, headers: {} },
          { label: 'truncated JSON', body: activity.subarray(0, Math.floor(random() * activity.length)), headers: json },
          { label: 'invalid UTF-8', body: Buffer.concat([activity.subarray(0, 20), Buffer.from([0xc3, 0x28, 0xff])]), headers: json },
          { label: 'deep JSON', body: JSON.stringify(deep(200)), headers: json },
          { label: 'empty body', body: '', headers: json },
          { label: 'random bytes', body: Buffer.from(Array.from({ length: 64 }, () => Math.floor(random() * 256))), headers: json },
        ];
        cases.push(pick(variants));
        break;
      }
      default: // a well-formed activity from a person in a shared conversation, asking for something personal
        add('shared', { ...bot.teams.base(person, pick(['groupChat', 'channel'] as const)), type: 'message', text: `<at>Acceleratorn</at> ${pick(['status', 'ansök', 'logg A-0000000', 'vem är jag', 'rangordning', 'att godkänna'])}` });
    }
  }
  return cases;
}

const post = (bot: TestBot, c: Case) => rawPost(`${bot.app.url}/api/messages`, c.body, c.headers);

/** The programme's data: applications (with their audit events and messages), cohorts and settings. */
async function programmeData(bot: TestBot): Promise<string[]> {
  const out: string[] = [];
  for (const c of [bot.app.store.containers.applications, bot.app.store.containers.programme]) {
    for (const d of (await c.items.query('SELECT * FROM c').fetchAll()).resources as Record<string, unknown>[]) out.push(JSON.stringify({ ...d, _ts: undefined }));
  }
  return out.sort();
}

describe(`fuzz of /api/messages (seed ${SEED})`, () => {
  const bot = testBotFor('all', { OUTBOX_WORKER: 'false' });

  it(`${PAYLOADS} malformed payloads: no 5xx, no turn error, no crash, /healthz 200, the programme's data unchanged`, async () => {
    const cases = generate(seeded(SEED), bot);
    expect(cases.length).toBeGreaterThanOrEqual(1000);
    const before = await programmeData(bot);
    const histogram = new Map<number, number>();
    const unexpected: string[] = [];
    for (const [i, c] of cases.entries()) {
      const status = await post(bot, c);
      histogram.set(status, (histogram.get(status) ?? 0) + 1);
      if (status >= 500 || status < 0) unexpected.push(`#${i} ${c.label}: ${status} ${String(c.body).slice(0, 300)}`);
    }
    const health = (await fetch(`${bot.app.url}/healthz`)).status;
    const after = await programmeData(bot);
    const turnErrors = bot.connector.activities.filter((a) => /Något gick fel hos oss|Something went wrong on our side/.test(String(a.activity.text ?? '')));
    const changed = after.filter((d) => !before.includes(d)).concat(before.filter((d) => !after.includes(d)));

    const statuses = [...histogram.entries()].sort(([a], [b]) => a - b).map(([s, n]) => `${s}: ${n}`).join(', ');
    process.stdout.write(
      `fuzz (seed ${SEED}): ${cases.length} payloads; statuses ${statuses}; ${unexpected.length} unexpected 5xx, 0 crashes, ${turnErrors.length} turn errors, ` +
        `store ${changed.length === 0 ? 'unchanged' : `CHANGED (${changed.length} documents)`}, /healthz ${health}\n`,
    );
    expect(unexpected).toEqual([]);
    expect(turnErrors.map((a) => a.activity.text)).toEqual([]);
    expect(health).toBe(200);
    expect(changed).toEqual([]);
    // The fuzz reached the bot, not only the edge: a good share was served as well-formed activities.
    expect(histogram.get(200) ?? 0).toBeGreaterThan(cases.length / 4);
  });
});
