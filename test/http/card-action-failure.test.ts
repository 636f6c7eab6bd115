import { createLogger } from '../../src/logger';
import { startFaultyCosmos, type FaultyCosmos } from '../helpers/faulty-cosmos';
import { cardOf, invokeCard, readable, said, type TeamsUser } from '../helpers/teams-client';
import { lastReply, startTestBot, type TestBot } from '../helpers/test-app';
import { cardProblems } from '../helpers/validate-card';
import { sara } from '../helpers/demo-users';

const henrik: TeamsUser = { aadObjectId: '00000000-0000-4000-8000-000000000010', name: 'Henrik Sjöberg', locale: 'en-GB' };

const idea = {
  title: 'Trygg hemgång från sjukhuset',
  problem: 'Äldre som skrivs ut från sjukhuset blir ofta ensamma de första dygnen hemma.',
  description: 'En följeslagare från hemtjänsten möter upp vid utskrivningen och stannar första kvällen.',
};

/** Cosmos refuses every request for applications and audit events (503), as in an outage of that container. */
const applicationsDown = ({ path }: { path: string }) => (path.includes('/colls/applications') ? { status: 503 } : 'pass');

let cosmos: FaultyCosmos;
let bot: TestBot;
const lines: string[] = [];
beforeAll(async () => {
  cosmos = await startFaultyCosmos();
  // The outbox worker is off so that the only requests the fault meets are the card action's own.
  bot = await startTestBot({ COSMOS_ENDPOINT: cosmos.endpoint, COSMOS_EMULATOR: 'true', OUTBOX_WORKER: 'false' }, { log: createLogger('error', (line) => lines.push(line)) });
});
afterAll(async () => {
  await bot.stop();
  await cosmos.stop();
});
afterEach(() => {
  cosmos.proxy.rule = () => 'pass';
});

const chat = (user: TeamsUser) => bot.connector.sentTo(bot.teams.conversationIdFor(user));

interface InvokeBody {
  statusCode: number;
  type: string;
  value: { actions?: { type: string; verb: string; data: Record<string, unknown> }[] };
}

/** An invoke answered 200 with a valid Adaptive Card: the invoke's body and what the card reads. */
function answeredWithCard(res: { status: number; body: unknown }): { body: InvokeBody; text: string } {
  expect(res.status).toBe(200);
  const body = res.body as InvokeBody;
  expect([body.statusCode, body.type]).toEqual([200, 'application/vnd.microsoft.card.adaptive']);
  expect(cardProblems(body.value)).toEqual([]);
  return { body, text: readable(invokeCard(res)) };
}

describe('a card action that fails on our side', () => {
  it('is answered 200 with a card in Swedish that says so, with the id it was logged with; no apology in the chat', async () => {
    await bot.teams.say(sara, 'ansök');
    const form = cardOf(lastReply(bot, sara)?.activity ?? {});
    const ref = JSON.stringify(form).match(/"applicationId":"([^"]+)","cohortId":"([^"]+)"/);
    const data = { applicationId: ref?.[1], cohortId: ref?.[2], step: 'idea', nav: 'next', ...idea };
    const before = chat(sara).length;

    const refusedBefore = cosmos.proxy.counts.refused;
    cosmos.proxy.rule = applicationsDown;
    const res = await bot.teams.execute(sara, 'intake.save', data);
    expect(cosmos.proxy.counts.refused).toBeGreaterThan(refusedBefore); // the fault was met mid-action

    const { body, text } = answeredWithCard(res);
    expect(text).toContain('Det gick inte just nu');
    expect(text).toContain('Det gick inte att genomföra just nu. Inget har gått förlorat – försök igen om en stund.');
    const id = /felkod ([0-9a-f]{8})/.exec(text)?.[1];
    expect(id).toBeDefined();
    expect(lines.some((l) => l.includes('"msg":"card action failed"') && l.includes(`"correlationId":"${id}"`) && l.includes('"verb":"intake.save"'))).toBe(true);

    // Nothing in the chat: no apology beside the card.
    expect(chat(sara).slice(before).map(said)).toEqual([]);

    // "Försök igen" repeats the click with what Sara had typed; once Cosmos answers, it goes through.
    const retry = body.value.actions?.[0];
    expect(retry).toMatchObject({ type: 'Action.Execute', title: 'Försök igen', verb: 'intake.save', data: { ...data, verb: 'intake.save' } });
    cosmos.proxy.rule = () => 'pass';
    const again = await bot.teams.execute(sara, retry?.verb ?? '', retry?.data ?? {});
    expect(again.status).toBe(200);
    expect(readable(invokeCard(again))).toContain('Steg 2 av 5');
    const stored = await bot.app.services.applications.findByApplicant(String(data.cohortId), sara.aadObjectId);
    expect(stored?.value.idea).toEqual(idea);
  });

  it('is answered in English to an English Teams client', async () => {
    const before = chat(henrik).length;
    cosmos.proxy.rule = applicationsDown;
    const res = await bot.teams.execute(henrik, 'intake.start');
    const { body, text } = answeredWithCard(res);
    expect(text).toContain('We could not do that just now. Nothing has been lost – please try again in a moment.');
    expect(text).toMatch(/error code [0-9a-f]{8} /);
    expect(body.value.actions?.[0]).toMatchObject({ title: 'Try again', verb: 'intake.start' });
    expect(chat(henrik).slice(before).map(said)).toEqual([]);
  });
});
