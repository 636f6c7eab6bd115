import { DEMO_PEOPLE } from '../../src/demo/demo';
import type { Directory } from '../../src/domain/ports';
import { createLogger } from '../../src/logger';
import type { RecordedActivity } from '../fakes/fake-bot-connector';
import { embeddedStoreFor } from '../helpers/embedded-cosmos';
import { cardOf, cardTexts, type TeamsUser } from '../helpers/teams-client';
import { startTestBot, testBotFor, withTestBot } from '../helpers/test-app';
import { sara, johan, erik } from '../helpers/demo-users';

const saraEn: TeamsUser = { ...sara, locale: 'en-US' };

const bot = testBotFor('all');
beforeEach(() => bot.connector.clear());

/** What the bot sent into a person's 1:1 chat during the last request(s). */
const sent = (user: TeamsUser): RecordedActivity[] => bot.connector.sentTo(bot.teams.conversationIdFor(user));
const textsOf = (a: RecordedActivity | undefined) => (a ? [String(a.activity.text ?? ''), ...cardTexts(cardOf(a.activity) ?? {})].join('\n') : '');

describe('the bot over real HTTP on /api/messages', () => {
  it('welcomes a person once when installed, in Swedish, and remembers how to reach them', async () => {
    const res = await bot.teams.install(sara);
    expect(res.status).toBe(200);
    await bot.teams.botAdded(sara); // Teams sends both events on install: one welcome only
    const replies = sent(sara);
    expect(replies).toHaveLength(1);
    expect(textsOf(replies[0])).toContain('Välkommen till Acceleratorn!');
    expect(textsOf(replies[0])).toContain('Hej Sara Lindqvist!');
    expect(await bot.app.services.addresses.get(sara.aadObjectId)).toMatchObject({
      address: { conversation: { id: bot.teams.conversationIdFor(sara) }, serviceUrl: bot.connector.serviceUrl },
      locale: 'sv-SE',
    });
  });

  it('welcomes once even when both install events arrive at the same time', async () => {
    const noor: TeamsUser = { aadObjectId: '00000000-0000-4000-8000-000000000007', name: 'Noor Karimi' };
    await Promise.all([bot.teams.install(noor), bot.teams.botAdded(noor), bot.teams.install(noor)]);
    expect(sent(noor)).toHaveLength(1);
  });

  it('shows the whole help card after two messages in a row it did not understand', async () => {
    const maja: TeamsUser = { aadObjectId: '00000000-0000-4000-8000-000000000009', name: 'Maja Ström' };
    await bot.teams.say(maja, 'kaffe?');
    expect(sent(maja)).toHaveLength(1);
    await bot.teams.say(maja, 'hallå');
    const replies = sent(maja);
    expect(replies).toHaveLength(3);
    expect(textsOf(replies[1])).toContain('Jag förstår inte riktigt vad du menar.');
    expect(textsOf(replies[2])).toContain('Det här kan du göra');
    await bot.teams.say(maja, 'hjälp');
    await bot.teams.say(maja, 'kaffe?');
    expect(sent(maja)).toHaveLength(5); // the count starts over after a command it understood
  });

  it('forgets the address when the app is uninstalled', async () => {
    const temp: TeamsUser = { aadObjectId: DEMO_PEOPLE.juror2, name: 'Mikael Ek' };
    await bot.teams.install(temp);
    expect(await bot.app.services.addresses.get(temp.aadObjectId)).not.toBeNull();
    await bot.teams.uninstall(temp);
    expect(await bot.app.services.addresses.get(temp.aadObjectId)).toBeNull();
  });

  it.each([
    ['answers hjälp in Swedish with only the commands an employee may use', sara, 'hjälp', ['Det här kan du göra', 'Dina roller: medarbetare', 'vem är jag', 'om programmet'], ['kohorter']],
    ['speaks English when the Teams locale is English', saraEn, 'help', ['What you can do', 'Your roles: employee', 'who am i'], []],
  ] as const)('%s', async (_, user, command, shown, notShown) => {
    await bot.teams.say(user, command);
    const help = textsOf(sent(user)[0]);
    for (const line of shown) expect(help).toContain(line);
    for (const line of notShown) expect(help).not.toContain(line);
  });

  it('shows each role its own commands and roles, decided from server-side state', async () => {
    await bot.teams.say(erik, 'Hjälp');
    const coordinatorHelp = textsOf(sent(erik)[0]);
    expect(coordinatorHelp).toContain('Dina roller: medarbetare, samordnare och jurymedlem');
    expect(coordinatorHelp).toContain('kohorter');
    await bot.teams.say(johan, 'hjälp');
    expect(textsOf(sent(johan)[0])).toContain('Dina roller: medarbetare och chef');
  });


  it.each([
    ['hjälpp', 'Menade du **hjälp**?'],
    ['  HJALP  ', 'Det här kan du göra'],
    ['vem  är jag?', 'Så här ser Acceleratorn dig'],
    ['kvarglupp', 'Skriv **hjälp** så ser du vad du kan göra.'],
  ])('never leaves "%s" unanswered', async (input, expected) => {
    await bot.teams.say(sara, input);
    const replies = sent(sara);
    expect(replies).toHaveLength(1);
    expect(textsOf(replies[0])).toContain(expected);
  });

  it('refuses a coordinator command to an employee, and serves it to a coordinator', async () => {
    await bot.teams.say(sara, 'kohorter');
    expect(textsOf(sent(sara)[0])).toContain('Det här kan bara samordnare göra.');
    await bot.teams.say(erik, 'kohorter');
    const cohorts = textsOf(sent(erik)[0]);
    expect(cohorts).toContain('Pilot 1');
    expect(cohorts).toContain('Intaget är öppet till');
  });

  it('answers in a channel when mentioned, and tells how to use it there', async () => {
    const res = await bot.teams.post({
      ...bot.teams.base(sara, 'channel'),
      type: 'message',
      text: '<at>Acceleratorn</at> hjälp',
      entities: [{ type: 'mention', text: '<at>Acceleratorn</at>', mentioned: { id: '28:acceleratorn-bot', name: 'Acceleratorn' } }],
    });
    expect(res.status).toBe(200);
    const reply = bot.connector.sentTo('19:group-channel@thread.v2')[0];
    expect(textsOf(reply)).toContain('nämn mig först');
  });

  it('handles Action.Execute: the help card is sent and the welcome card comes back in the invoke response', async () => {
    const res = await bot.teams.execute(sara, 'help.show', { verb: 'help.show' });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ statusCode: 200, type: 'application/vnd.microsoft.card.adaptive' });
    expect(cardTexts((res.body as { value: unknown }).value)).toContain('Välkommen till Acceleratorn!');
    expect(textsOf(sent(sara)[0])).toContain('Det här kan du göra');
  });

  it('handles the Action.Submit fallback (Teams mobile) through the same handler', async () => {
    await bot.teams.submit(sara, { verb: 'about.show' });
    expect(textsOf(sent(sara)[0])).toContain('Om det kommunala acceleratorprogrammet');
  });

  it.each([
    ['an unknown verb', { verb: 'application.delete-everything' }],
    ['no verb at all', { applicationId: 'A-0001' }],
    ['a verb of the wrong type', { verb: 42 }],
  ])('answers %s on a card with a clear message', async (_name, data) => {
    await bot.teams.submit(sara, data);
    expect(textsOf(sent(sara)[0])).toContain('Den här knappen fungerar inte längre.');
  });
});

describe('a failing turn', () => {
  it('is logged with a correlation id and the user is told in their language', async () => {
    const lines: string[] = [];
    const broken: Directory = {
      getPerson: async () => {
        throw new Error('directory unavailable');
      },
      findByEmail: async () => null,
      directReports: async () => [],
      everyone: async function* () {},
    };
    await withTestBot(async (failing) => {
      await failing.teams.say(sara, 'hjälp');
      const reply = failing.connector.sentTo(failing.teams.conversationIdFor(sara))[0];
      const text = String(reply?.activity.text ?? '');
      expect(text).toMatch(/^Något gick fel hos oss, förlåt! .* felkod [0-9a-f]{8} /);
      const id = /felkod ([0-9a-f]{8})/.exec(text)?.[1];
      expect(lines.some((l) => l.includes(`"correlationId":"${id}"`) && l.includes('directory unavailable'))).toBe(true);
    }, {}, { directory: broken, log: createLogger('error', (line) => lines.push(line)) });
  });
});

describe('a restart mid-conversation', () => {
  const store = embeddedStoreFor('restart');

  it('loses nothing: conversation state lives in Cosmos, so a new process carries on where the old one was', async () => {
    const first = await startTestBot({}, { store: store() });
    await first.teams.install(sara);
    await first.teams.say(sara, 'kaffe?');
    expect(first.connector.sentTo(first.teams.conversationIdFor(sara))).toHaveLength(2); // welcome + "did not understand"
    await first.stop();

    await withTestBot(async (second) => {
      await second.teams.install(sara);
      expect(second.connector.sentTo(second.teams.conversationIdFor(sara))).toHaveLength(0); // no second welcome
      await second.teams.say(sara, 'hallå');
      const replies = second.connector.sentTo(second.teams.conversationIdFor(sara));
      expect(replies.map(textsOf).join('\n')).toContain('Det här kan du göra'); // second misunderstanding in a row
    }, {}, { store: store() });
  });
});

describe('the local demo language override', () => {
  it('answers in Swedish even when the client (the Agents Playground) says en-US', () =>
    withTestBot(
      async (demo) => {
        await demo.teams.say(saraEn, 'help');
        expect(textsOf(demo.connector.sentTo(demo.teams.conversationIdFor(saraEn))[0])).toContain('Det här kan du göra');
      },
      { LOCALE_OVERRIDE: 'sv' },
    ));
});
