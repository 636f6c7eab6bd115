import { VERBS } from '../../src/adapters/cards/verbs';
import { ManualClock } from '../fakes/clock-and-ids';
import { buttonData } from '../helpers/card-actions';
import { amira, erik, johan, sara } from '../helpers/demo-users';
import { cardOf, invokeCard, readable, type TeamsUser } from '../helpers/teams-client';
import { lastReply, repliesText, testBotFor, type TestBot } from '../helpers/test-app';
import type { RecordedActivity } from '../fakes/fake-bot-connector';
import demoDirectory from '../../src/demo/directory.json';
import { Workbook } from 'exceljs';
import { answerOf, callTab, downloadExport } from '../helpers/tab-client';

/**
 * Issue 17, announcements (kungörelse) over HTTP: a coordinator composes, previews and confirms; the outbox
 * delivers one card to each recipient; the coordinator's progress card is updated in place to the summary; a
 * stop leaves the rest unsent. The clock is the test's, so the campaign's ticks come when the test moves it.
 */

const clock = new ManualClock(Date.now());
const bot: TestBot = testBotFor('each', { OUTBOX_WORKER: 'false', TAB_DEMO_SIGNIN: 'true' }, { clock });

const karin = demoDirectory.people.find((p) => p.name === 'Karin Åberg');
const inHoganas = demoDirectory.people.filter((p) => p.municipality === 'Höganäs').map((p) => p.id);
/** Everyone the audience `everyone` reaches, but the coordinator: the preview in their chat is the same card. */
const everyone = demoDirectory.people.filter((p) => p.municipality && p.id !== erik.aadObjectId).map((p) => p.id);

/** What reached each person in their 1:1 chat: the announcement cards among the bot's messages. */
function announcementsTo(personId: string, heading: string): RecordedActivity[] {
  return bot.connector.activities.filter((a) => sameChat(a, personId) && readable(cardOf(a.activity)).includes(heading));
}
/** The 1:1 chat with a person: the one they write in, and the one the bot creates (the fake names both alike). */
const sameChat = (a: RecordedActivity, personId: string) => a.conversationId === `a:1:1-${personId}`;

/** Runs the outbox until nothing is due, moving the clock past each tick (5 s) and past the announcements' start (1 s). */
async function deliverAll(rounds = 20): Promise<void> {
  for (let i = 0; i < rounds; i++) {
    const done = await bot.app.outbox.runOnce();
    const worked = done.sent + done.cancelled + done.failed + done.unreachable + done.retried;
    clock.advance(worked === 0 ? 5_000 : 1_100);
    if (worked === 0 && i > 3 && (await pending()) === 0) return;
  }
}

async function pending(): Promise<number> {
  const { resources } = await bot.app.store.containers.applications.items.query<number>("SELECT VALUE COUNT(1) FROM c WHERE c.type = 'outbox' AND c.status IN ('pending', 'sending')").fetchAll();
  return resources[0] ?? 0;
}

async function preview(user: TeamsUser, values: Record<string, string>): Promise<{ status: number; card: unknown; replies: string }> {
  await bot.teams.say(user, 'kungörelse');
  const res = await bot.teams.execute(user, VERBS.announcePreview, { title: 'Har du en idé?', text: 'Acceleratorn söker idéer från alla som jobbar i kommunerna.', audience: 'everyone', ...values });
  return { status: res.status, card: invokeCard(res), replies: repliesText(bot, user) };
}

const progressCardOf = () => bot.connector.activities.filter((a) => readable(cardOf(a.activity)).startsWith('Kungörelse:') && sameChat(a, erik.aadObjectId)).map((a) => readable(cardOf(a.activity)));

it('a coordinator announces to one municipality: a preview and the count first, then one card each and a progress card that ends with the summary', async () => {
  const { replies } = await preview(erik, { audience: 'municipalities', municipalities: 'Höganäs', link: 'https://acceleratorn.example.se/las-mer' });
  // The preview is the recipients' card, then the confirmation with the count (Höganäs: Sara, Johan, Amira, Karin).
  expect(replies).toContain('Har du en idé?');
  expect(replies).toContain(`Det går till ${inHoganas.length} personer.`);
  const confirm = cardOf(lastReply(bot, erik)?.activity ?? {});
  const { campaignId } = buttonData(confirm, VERBS.announceSend);
  expect(String(campaignId)).toMatch(/^K-/);
  // Nothing has gone out before the confirmation.
  await deliverAll(3);
  expect(inHoganas.flatMap((id) => announcementsTo(id, 'Har du en idé?'))).toHaveLength(0);

  const sent = readable(invokeCard(await bot.teams.execute(erik, VERBS.announceSend, { campaignId })));
  expect(sent).toContain('Kungörelsen skickas nu');
  await deliverAll();

  for (const id of inHoganas) expect(announcementsTo(id, 'Har du en idé?')).toHaveLength(1);
  for (const id of everyone.filter((p) => !inHoganas.includes(p))) expect(announcementsTo(id, 'Har du en idé?')).toHaveLength(0);
  // The recipient's card: the text, the way to apply and the link.
  const toSara = announcementsTo(sara.aadObjectId, 'Har du en idé?')[0];
  expect(buttonData(cardOf(toSara?.activity ?? {}), VERBS.intakeStart)).toBeDefined();
  expect(JSON.stringify(cardOf(toSara?.activity ?? {}))).toContain('https://acceleratorn.example.se/las-mer');

  // One progress card, updated in place (PUT) to the summary.
  const progress = progressCardOf();
  expect(progress).toHaveLength(1);
  expect(progress[0]).toContain(`Klart. ${inHoganas.length} av ${inHoganas.length} fick meddelandet.`);
  expect(bot.connector.requests.filter((r) => r.operation === 'updateActivity').length).toBeGreaterThan(0);

  // Confirming again sends nothing more.
  expect(readable(invokeCard(await bot.teams.execute(erik, VERBS.announceSend, { campaignId })))).toContain('redan skickad');
  await deliverAll(3);
  for (const id of inHoganas) expect(announcementsTo(id, 'Har du en idé?')).toHaveLength(1);

  // A recipient applies from the card.
  const res = await bot.teams.execute(sara, VERBS.intakeStart, {});
  expect(res.status).toBe(200);
});

it('a stop after the start: nobody gets what had not gone out, and the card says so', async () => {
  await preview(erik, { title: 'Stoppas', audience: 'everyone' });
  const { campaignId } = buttonData(cardOf(lastReply(bot, erik)?.activity ?? {}), VERBS.announceSend);
  await bot.teams.execute(erik, VERBS.announceSend, { campaignId });
  // The start job runs (the announcements are due a second later), the progress card goes out.
  await bot.app.outbox.runOnce();
  await bot.app.outbox.runOnce();
  expect(repliesText(bot, erik)).toBe('');
  const stop = await bot.teams.execute(erik, VERBS.announceCancel, { campaignId });
  expect(stop.status).toBe(200);
  await deliverAll();
  for (const id of everyone) expect(announcementsTo(id, 'Stoppas')).toHaveLength(0);
  expect(progressCardOf().at(-1)).toContain('Stoppat. 0 av');
});

it('what to correct is shown on the form; a list of addresses names the unknown ones; a draft can be cancelled', async () => {
  const bad = await preview(erik, { title: '', link: 'http://inte-säker.example.se', audience: 'municipalities', municipalities: '' });
  const form = readable(bad.card);
  expect(form).toContain('Fyll i det här.');
  expect(form).toContain('https://');
  expect(form).toContain('Välj minst en kommun.');

  const list = await preview(erik, { audience: 'emails', emails: `${karin?.email ?? ''}, okand.person@hoganas.example.se\ninte-en-adress` });
  expect(readable(list.card)).toContain('inte-en-adress');
  const ok = await preview(erik, { audience: 'emails', emails: `${karin?.email ?? ''}, okand.person@hoganas.example.se` });
  expect(ok.replies).toContain('Det går till 1 person.');
  expect(ok.replies).toContain('okand.person@hoganas.example.se');
  const { campaignId } = buttonData(cardOf(lastReply(bot, erik)?.activity ?? {}), VERBS.announceCancel);
  expect(readable(invokeCard(await bot.teams.execute(erik, VERBS.announceCancel, { campaignId })))).toContain('skickas inte');
  await deliverAll(3);
  expect(announcementsTo(karin?.id ?? '', 'Har du en idé?')).toHaveLength(0);
});

it('only coordinators announce; card data naming a campaign that is not there, or not an id, does nothing', async () => {
  await bot.teams.say(sara, 'kungörelse');
  expect(repliesText(bot, sara)).not.toContain('Ny kungörelse');
  for (const user of [sara, johan, amira]) {
    const res = await bot.teams.execute(user, VERBS.announcePreview, { title: 'x', text: 'y', audience: 'everyone' });
    expect(readable(invokeCard(res))).not.toContain('Det går till');
  }
  await preview(erik, {});
  const { campaignId } = buttonData(cardOf(lastReply(bot, erik)?.activity ?? {}), VERBS.announceSend);
  // Someone else presses the coordinator's button: refused, nothing starts.
  await bot.teams.execute(sara, VERBS.announceSend, { campaignId });
  for (const id of [' K-NOPE', 'K-NOPE', 'x'.repeat(5000), 42]) {
    const res = await bot.teams.execute(erik, VERBS.announceSend, { campaignId: id });
    expect(res.status).toBeLessThan(500);
  }
  await deliverAll(3);
  for (const id of everyone) expect(announcementsTo(id, 'Har du en idé?')).toHaveLength(0);
});

it("who was not reached, and why: on the summary, in the tab's Översikt and as an Excel list, for coordinators only", async () => {
  // Teams will not let the bot start a chat with Karin (the app is not installed for her, and Graph is not used here).
  bot.connector.failNext(1, 403, {}, (r) => r.operation === 'createConversation' && JSON.stringify(r.body ?? {}).includes(karin?.id ?? '-'));
  await preview(erik, { title: 'Vem nåddes inte?', audience: 'municipalities', municipalities: 'Höganäs' });
  const { campaignId } = buttonData(cardOf(lastReply(bot, erik)?.activity ?? {}), VERBS.announceSend);
  await bot.teams.execute(erik, VERBS.announceSend, { campaignId });
  await deliverAll();
  const summary = progressCardOf().at(-1) ?? '';
  expect(summary).toContain(`Klart. ${inHoganas.length - 1} av ${inHoganas.length} fick meddelandet.`);
  expect(summary).toContain('Karin Åberg');
  expect(summary).toContain('Kunde inte nås i Teams');

  const listed = answerOf('announcements', await callTab(bot.app.url, 'announcements', {}, { demo: erik.aadObjectId }));
  expect(listed.campaigns[0]).toMatchObject({ id: campaignId, title: 'Vem nåddes inte?', state: 'done', sent: inHoganas.length - 1, failed: 1, left: 0 });
  const file = await downloadExport(bot.app.url, 'announcement', { campaignId: String(campaignId) }, { demo: erik.aadObjectId });
  expect(file.status).toBe(200);
  const book = new Workbook();
  await book.xlsx.load(file.bytes as unknown as ArrayBuffer);
  const rows = (book.worksheets[0]?.getSheetValues() ?? []).filter(Boolean).map((r) => (Array.isArray(r) ? r.slice(1).map(String) : []));
  expect(rows).toEqual([
    ['Namn', 'E-post', 'Kommun', 'Skäl', 'Försök'],
    ['Karin Åberg', karin?.email ?? '', 'Höganäs', 'Kunde inte nås i Teams', '1'],
  ]);
  // Others: refused, nothing listed.
  for (const user of [sara, johan, amira]) {
    expect((await callTab(bot.app.url, 'announcements', {}, { demo: user.aadObjectId })).status).toBe(403);
    expect((await downloadExport(bot.app.url, 'announcement', { campaignId: String(campaignId) }, { demo: user.aadObjectId })).status).toBe(403);
  }
});
