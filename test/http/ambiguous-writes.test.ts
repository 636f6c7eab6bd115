import { randomUUID } from 'node:crypto';
import type { CosmosStore } from '../../src/adapters/cosmos/connection';
import { isDocOfType, type CosmosFault, type CosmosRequestInfo } from '../fakes/cosmos-fault-proxy';
import { startFaultyCosmos, type FaultyCosmos } from '../helpers/faulty-cosmos';
import { cardOf, invokeCard, readable, said, type TeamsUser } from '../helpers/teams-client';
import { lastReply, startTestBot, type TestBot } from '../helpers/test-app';
import { sara, johan } from '../helpers/demo-users';

/**
 * Issue 10, finding 7: the answer of a committed write is lost (the proxy applies the application's batch, then
 * resets the connection). The bot reads the store back before answering, so the person is told what happened,
 * not "Något gick fel"; a write refused before it reached the store is still reported as failed.
 */


const day = (n: number) => new Date(Date.now() + n * 86400_000).toISOString().slice(0, 10);
const leave = { extentPercent: '50', leaveStart: day(61), leaveEnd: day(150) };

let cosmos: FaultyCosmos;
let database: string;
let store: CosmosStore;
/** Straight to the server, never faulted: what was really written. */
let direct: CosmosStore;
let bot: TestBot;

beforeAll(async () => {
  cosmos = await startFaultyCosmos();
});
afterAll(() => cosmos.stop());

// A fresh database and bot for each test: Sara applies once per cohort.
beforeEach(async () => {
  database = `ambiguous-${randomUUID().slice(0, 8)}`;
  store = await cosmos.open(database);
  direct = await cosmos.openDirect(database);
  // The outbox worker is off: the messages stay as the change wrote them, to be counted, and its writes meet no fault.
  bot = await startTestBot({ OUTBOX_WORKER: 'false' }, { store });
});
afterEach(async () => {
  cosmos.proxy.heal();
  await bot.stop();
  await store.close();
  await direct.close();
});

/**
 * From now on, `fault` for the application's transactional batches: the first one, or every one. Counts them and
 * keeps the audit actions they carried (a batch that changes the state carries its audit event).
 */
function faultApplicationBatches(fault: CosmosFault, which: 'first' | 'every'): { batches: number; actions: string[] } {
  const seen = { batches: 0, actions: [] as string[] };
  cosmos.proxy.rule = (request: CosmosRequestInfo) => {
    if (request.kind !== 'batch' || !isDocOfType(request, 'application')) return 'pass';
    seen.batches++;
    const operations = JSON.parse(request.body) as { resourceBody?: { type?: string; action?: string } }[];
    seen.actions.push(...operations.flatMap((o) => (o.resourceBody?.type === 'audit' ? [String(o.resourceBody.action)] : [])));
    return which === 'every' || seen.batches === 1 ? fault : 'pass';
  };
  return seen;
}

/** Sara fills in the five steps, up to the review; returns the application's reference. */
async function fillIn(): Promise<{ applicationId: string; cohortId: string }> {
  await bot.teams.say(sara, 'ansök');
  const found = JSON.stringify(cardOf(lastReply(bot, sara)?.activity ?? {})).match(/"applicationId":"([^"]+)","cohortId":"([^"]+)"/);
  if (!found?.[1] || !found[2]) throw new Error('no application reference on the form');
  const ref = { applicationId: found[1], cohortId: found[2] };
  await bot.teams.execute(sara, 'intake.save', { ...ref, step: 'idea', nav: 'next', title: 'Trygg hemgång från sjukhuset', problem: 'Äldre som skrivs ut blir ensamma de första dygnen hemma.', description: 'En följeslagare från hemtjänsten möter upp vid utskrivningen.' });
  await bot.teams.execute(sara, 'intake.save', { ...ref, step: 'benefit', nav: 'next', targetGroups: 'residents', benefit: 'Färre återinläggningar och tryggare invånare.', applicability: 'Alla elva kommuner har hemtjänst och samma utskrivning.' });
  await bot.teams.execute(sara, 'intake.save', { ...ref, step: 'about', nav: 'next', municipality: 'Höganäs', administration: 'Vård och omsorg', workplace: 'Hemtjänst Väst', managerEmail: '', permanentEmployment: 'true', employmentStart: '2018-03-01' });
  const review = await bot.teams.execute(sara, 'intake.save', { ...ref, step: 'leave', nav: 'next', ...leave, coApplicants: '' });
  expect(readable(invokeCard(review))).toContain('Allt ser bra ut.');
  return ref;
}

const submit = (ref: { applicationId: string; cohortId: string }) => bot.teams.execute(sara, 'intake.submit', { ...ref, step: 'review', privacyAcknowledged: 'true' });
const approve = (ref: { applicationId: string; cohortId: string }) =>
  bot.teams.execute(johan, 'approval.decide', { ...ref, memberId: sara.aadObjectId, decision: 'approve', ...leave, attestPermanent: 'true', attestOneYear: 'true' });

/** What the store holds for the application, read straight from the server. */
async function stored(ref: { applicationId: string; cohortId: string }) {
  const { resources } = await direct.containers.applications.items
    .query<{ type: string; state?: string; action?: string; kind?: string; id: string; _etag: string }>(
      { query: 'SELECT * FROM c WHERE c.id = @id OR c.applicationId = @id', parameters: [{ name: '@id', value: ref.applicationId }] },
      { partitionKey: ref.cohortId },
    )
    .fetchAll();
  return {
    states: resources.filter((d) => d.type === 'application').map((d) => d.state),
    etags: resources.filter((d) => d.type === 'application').map((d) => d._etag),
    audit: resources.filter((d) => d.type === 'audit').map((d) => d.action),
    outbox: resources.filter((d) => d.type === 'outbox').map((d) => d.kind).sort(),
  };
}

/**
 * Runs `act` with the application's batches faulted (see faultApplicationBatches); it must be answered 200. Returns
 * what the person read, the batches seen, and how many answers the proxy lost (`dropped`) or refused (`refused`) meanwhile.
 */
async function underFault(fault: CosmosFault, which: 'first' | 'every', act: () => Promise<{ status: number; body: unknown }>) {
  const { dropped, refused } = cosmos.proxy.counts;
  const seen = faultApplicationBatches(fault, which);
  const res = await act();
  expect(res.status).toBe(200);
  return { seen, text: readable(invokeCard(res)), dropped: cosmos.proxy.counts.dropped - dropped, refused: cosmos.proxy.counts.refused - refused };
}

/** Everything the bot said in a person's chat since `from`: no apology may be among it. */
const chatSince = (user: TeamsUser, from: number) => bot.connector.sentTo(bot.teams.conversationIdFor(user)).slice(from).map(said).join('\n');

describe('a write whose answer is lost after Cosmos applied it', () => {
  it('a submission: the normal reply, the application submitted once, with one audit event and its messages once', async () => {
    const ref = await fillIn();
    const chatBefore = bot.connector.sentTo(bot.teams.conversationIdFor(sara)).length;

    // Submitting writes twice (the privacy acknowledgement, then the submission with its audit event and
    // messages): every answer is lost.
    const { seen, text, dropped } = await underFault('commit-then-drop', 'every', () => submit(ref));

    expect(dropped).toBeGreaterThan(0); // the fault was met
    expect(text).toContain('Tack! Din ansökan är skickad.');
    expect(text).not.toContain('Det gick inte');
    expect(chatSince(sara, chatBefore)).not.toContain('Något gick fel');
    expect(seen.batches).toBe(2); // no write was sent again,
    expect(dropped).toBe(2); // the answer of each was lost,
    expect(seen.actions).toEqual(['submit']); // and the second was the submission

    expect(await stored(ref)).toMatchObject({
      states: ['awaitingManager'],
      audit: ['create', 'submit'],
      outbox: ['approvalEscalation', 'approvalReminder', 'managerApprovalRequest'],
    });
  });

  it("a manager's approval: the normal answer, and the state moved once", async () => {
    const ref = await fillIn();
    expect(readable(invokeCard(await submit(ref)))).toContain('Tack! Din ansökan är skickad.');
    const before = await stored(ref);

    const { seen, text, dropped } = await underFault('commit-then-drop', 'first', () => approve(ref));

    expect(dropped).toBe(1); // the fault was met
    expect(text).toMatch(/Godkänd av Johan Bergström, \d{1,2} \w+ 20\d\d\./);
    expect(text).not.toContain('Det gick inte');
    expect(seen.batches).toBe(1); // not sent again
    expect(seen.actions).toEqual(['approveAsManager']);

    const after = await stored(ref);
    expect(after.states).toEqual(['approved']);
    expect(after.audit).toEqual([...before.audit, 'approveAsManager']);
    // One message to the applicant; what the submission scheduled (the reminder, the escalation) is as it was.
    expect(after.outbox).toEqual(['applicationApproved', ...before.outbox].sort());

    // Asked again, the manager gets the saved decision (issue 13, defect 3): one decision.
    const again = await approve(ref);
    expect(readable(invokeCard(again))).toContain('Godkänd av');
    expect((await stored(ref)).audit).toEqual(after.audit);
  });
});

describe('a write refused before it reaches Cosmos (the control)', () => {
  it('a submission refused with 503 is answered with the error card and writes nothing', async () => {
    const ref = await fillIn();
    const before = await stored(ref);

    const { seen, text, refused } = await underFault({ status: 503 }, 'every', () => submit(ref));

    expect(refused).toBeGreaterThan(0);
    expect(seen.batches).toBeGreaterThan(0);
    expect(text).toContain('Det gick inte att genomföra just nu.');
    expect(text).not.toContain('Tack! Din ansökan är skickad.');
    expect(await stored(ref)).toEqual(before); // the same ETag: the application was not written at all
    expect(before.states).toEqual(['draft']);
  });
});
