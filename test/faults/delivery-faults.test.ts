/**
 * Fault injection for delivery (issue 10): the outbox's real parts on a Cosmos server behind a fault proxy, and
 * the fake Bot Connector's fault modes. Each scenario is the one that showed a finding, with counts asserted:
 * lost 0 everywhere; duplicates 0 for every fault except a request in flight whose answer never came (a
 * timeout or a reset after Teams accepted it), and there at most one per such request.
 */
import { isDocOfType } from '../fakes/cosmos-fault-proxy';
import { seeded } from '../helpers/seeded';
import { DeliveryRig, conversationOf, isMessagePost } from './harness';

jest.setTimeout(90_000);

let rig: DeliveryRig;
afterEach(async () => {
  await rig.stop();
});

function report(name: string, fields: Record<string, unknown>): void {
  console.log(`${name}: ${Object.entries(fields).map(([k, v]) => `${k} ${typeof v === 'object' ? JSON.stringify(v) : String(v)}`).join(', ')}`);
}

describe('delivery under faults', () => {
  it('finding 1: 15 % of the outbox writes refused with 503 and 5 % applied with the answer lost: 200 cards, lost 0, duplicates 0', async () => {
    rig = await DeliveryRig.start();
    const people = await rig.enqueue(200);
    const random = seeded(1);
    rig.proxy.rule = (r) => {
      if (!(r.kind === 'write' && isDocOfType(r, 'outbox'))) return 'pass';
      const draw = random();
      return draw < 0.15 ? { status: 503 } : draw < 0.2 ? 'commit-then-drop' : 'pass';
    };
    const worker = rig.worker();
    worker.start();
    await rig.settled();
    await worker.stop();

    const counts = await rig.counts(people);
    report('503 and lost answers on outbox writes', { ...counts, proxy: rig.proxy.counts });
    expect(rig.proxy.counts.refused).toBeGreaterThan(20);
    expect(rig.proxy.counts.dropped).toBeGreaterThan(5);
    expect(counts).toMatchObject({ lost: 0, duplicates: 0, statuses: { sent: 200 } });
  });

  it('finding 2: one connector request that never answers holds up only itself; the deadline ends it and the message is delivered', async () => {
    rig = await DeliveryRig.start();
    const people = await rig.enqueue(60);
    const stuck = conversationOf(people[0] ?? '');
    rig.connector.failNext(1, 0, {}, (r) => r.conversationId === stuck, undefined, 'hang');
    const worker = rig.worker({ timeoutMs: 4_000 });
    worker.start();

    // Everyone else is served while the hung request is still open.
    const others = people.slice(1).map(conversationOf);
    while (!others.every((c) => rig.connector.sentTo(c).length > 0)) await new Promise((r) => setTimeout(r, 20));
    const openWhenOthersDone = rig.connector.openRequests;
    await rig.settled();
    await worker.stop();

    const counts = await rig.counts(people);
    report('one hung request', { ...counts, openWhenOthersDone });
    expect(openWhenOthersDone).toBe(1);
    expect(rig.connector.sentTo(stuck)).toHaveLength(1);
    expect(counts).toMatchObject({ lost: 0, duplicates: 0, statuses: { sent: 60 } });
  });

  it('finding 2: 10 % of connector requests hang (never processed): 200 cards, lost 0, duplicates 0', async () => {
    rig = await DeliveryRig.start();
    const people = await rig.enqueue(200);
    const random = seeded(2);
    rig.connector.failNext(Infinity, 0, {}, () => random() < 0.1, undefined, 'hang');
    // The deadline leaves room for a starved CI process: the fake connector answers from the same event loop, and a
    // request it processed but answered after the deadline would be sent again (finding 4's duplicate, not this one's).
    const worker = rig.worker({ timeoutMs: 3_000 });
    const started = Date.now();
    worker.start();
    await rig.settled();
    await worker.stop();

    const counts = await rig.counts(people);
    report('10 % hung requests', { ...counts, hung: rig.connector.faultedCount, seconds: ((Date.now() - started) / 1000).toFixed(1) });
    expect(rig.connector.faultedCount).toBeGreaterThan(10);
    expect(counts).toMatchObject({ lost: 0, duplicates: 0, statuses: { sent: 200 } });
  });

  it('finding 4: Teams accepts, then the answer is lost (reset or timeout) on 20 % of sends: one request per attempt, at most one duplicate per lost answer', async () => {
    rig = await DeliveryRig.start();
    const people = await rig.enqueue(200);
    const random = seeded(4);
    rig.connector.failNext(Infinity, 0, {}, (r) => isMessagePost(r) && random() < 0.1, undefined, 'accept-then-drop');
    rig.connector.failNext(Infinity, 0, {}, (r) => isMessagePost(r) && random() < 0.11, undefined, 'accept-then-hang');
    // As above: only the scripted answers may be lost, not one the starved process was slow to give.
    const worker = rig.worker({ timeoutMs: 3_000 });
    worker.start();
    await rig.settled();
    await worker.stop();

    const counts = await rig.counts(people);
    const lostAnswers = rig.connector.faultedCount;
    report('answers lost after Teams accepted', { ...counts, lostAnswers });
    expect(lostAnswers).toBeGreaterThan(20);
    expect(counts.lost).toBe(0);
    expect(counts.duplicates).toBeLessThanOrEqual(lostAnswers);
    // No retries below the outbox: every request to Teams is one attempt the outbox counted.
    expect(counts.sendRequests).toBe(counts.attempts);
    expect(counts.statuses).toEqual({ sent: 200 });
  });

  it('finding 3: stop() with a request hanging returns within its deadline; the message goes back to pending and the next instance delivers it', async () => {
    rig = await DeliveryRig.start();
    const people = await rig.enqueue(1);
    rig.connector.failNext(1, 0, {}, isMessagePost, undefined, 'hang');
    const first = rig.worker({ timeoutMs: 60_000 });
    first.start();
    while (rig.connector.openRequests === 0) await new Promise((r) => setTimeout(r, 20));

    const stopping = Date.now();
    await first.stop(2_000);
    const stoppedMs = Date.now() - stopping;
    const [left] = await rig.messages();
    expect(stoppedMs).toBeLessThan(2_500);
    expect(left).toMatchObject({ status: 'pending', attempts: 1, lastError: expect.stringContaining('abandoned at shutdown') });

    const next = rig.worker();
    next.start();
    await rig.settled();
    await next.stop();
    const counts = await rig.counts(people);
    report('stop with a hung request', { stoppedMs, ...counts });
    // The abandoned request never reached Teams here (it hung unprocessed): delivered once.
    expect(counts).toMatchObject({ lost: 0, duplicates: 0, statuses: { sent: 1 } });
  });
});

describe.each([2, 3])('%i instances share one backlog and one rate (finding 6)', (instances) => {
  it('against a connector that refuses above 50/s: 0 x 429, lost 0, duplicates 0; the sender hands over when it stops', async () => {
    rig = await DeliveryRig.start({ enforceRateLimits: true, perAppPerSecond: 50 });
    const people = await rig.enqueue(240);
    // Paced under the default: the test is about sharing one rate. The fake connector counts arrivals in this same
    // process, and CI runs two suites at once: a stall of its event loop delivers requests sent over 1.25 s within
    // one second, which at 45/s (not 40/s) already exceeds 50 (a 429 seen once in CI, at no handover).
    const workers = Array.from({ length: instances }, () => rig.worker({ perSecond: 40 }));
    for (const w of workers) w.start();

    // Half way, the instance that delivers stops (a deployment); another takes over.
    while (rig.connector.activities.length < 120) await new Promise((r) => setTimeout(r, 20));
    const sender = workers.find((w) => w.isSender);
    expect(workers.filter((w) => w.isSender)).toHaveLength(1);
    await sender?.stop();
    await rig.settled();
    await Promise.all(workers.map((w) => w.stop()));

    const counts = await rig.counts(people);
    const sends = rig.connector.requests.filter((r) => r.status > 0 && r.status < 300);
    const spanS = ((sends.at(-1)?.at ?? 0) - (sends[0]?.at ?? 0)) / 1000;
    report(`${instances} instances`, { ...counts, throttled: rig.connector.throttledCount, requestsPerSecond: (sends.length / spanS).toFixed(1), delivered: workers.map((w) => w.delivered.sent) });
    expect(rig.connector.throttledCount).toBe(0);
    expect(counts).toMatchObject({ lost: 0, duplicates: 0, statuses: { sent: 240 } });
    expect(workers.filter((w) => w.delivered.sent > 0).length).toBeGreaterThanOrEqual(2);
  });
});
