import { CloudAdapter, ConfigurationBotFrameworkAuthentication, TeamsInfo } from 'botbuilder';
import type { Activity, ConversationParameters, ConversationReference } from 'botbuilder';
import { ConnectorClient, MicrosoftAppCredentials } from 'botframework-connector';
import { FakeBotConnector } from './fake-bot-connector';
import type { FakeBotConnectorOptions, FakeMember } from './fake-bot-connector';

/** Channel-thread ids in Teams contain ':', '@', ';' and '='; the client URL-encodes them. */
const CHANNEL_THREAD = '19:abc123@thread.tacv2;messageid=1700000000001';
const USER = { id: '29:user-anna', name: 'Anna Andersson', aadObjectId: 'aad-anna', email: 'anna@example.se' } satisfies FakeMember;
const OTHER = { id: '29:user-bo', name: 'Bo Berg', aadObjectId: 'aad-bo' } satisfies FakeMember;
const BOT = { id: '28:bot-id', name: 'Acceleratorn' };

interface HttpError {
  statusCode?: number;
  code?: string;
  message: string;
}

function asHttpError(error: unknown): HttpError {
  if (typeof error !== 'object' || error === null) throw new Error(`not an error object: ${String(error)}`);
  const e = error as Record<string, unknown>;
  const result: HttpError = { message: typeof e.message === 'string' ? e.message : '' };
  if (typeof e.statusCode === 'number') result.statusCode = e.statusCode;
  if (typeof e.code === 'string') result.code = e.code;
  return result;
}

async function rejection(promise: Promise<unknown>): Promise<HttpError> {
  try {
    await promise;
  } catch (error) {
    return asHttpError(error);
  }
  throw new Error('expected the call to fail, but it succeeded');
}

/** ConversationParameters as a Teams bot sends them for a 1:1 chat with `member`. */
function oneOnOne(member: { id: string; name: string }, extra: Partial<ConversationParameters> = {}): ConversationParameters {
  return { isGroup: false, bot: BOT, members: [{ id: member.id, name: member.name }], tenantId: 'tenant-1', channelData: { tenant: { id: 'tenant-1' } }, ...extra };
}

function message(text: string, extra: Partial<Activity> = {}): Partial<Activity> {
  return { type: 'message', text, from: BOT, recipient: { id: USER.id, name: USER.name }, ...extra };
}

async function rawPost(serviceUrl: string, path: string, body: unknown): Promise<{ status: number; retryAfter: string | null; json: unknown }> {
  const response = await fetch(new URL(path, serviceUrl), {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  const text = await response.text();
  return { status: response.status, retryAfter: response.headers.get('retry-after'), json: text ? (JSON.parse(text) as unknown) : undefined };
}

function sendPath(conversationId: string): string {
  return `v3/conversations/${encodeURIComponent(conversationId)}/activities`;
}

describe('FakeBotConnector', () => {
  let fake: FakeBotConnector;
  let serviceUrl: string;
  let client: ConnectorClient;
  let clock: number;

  async function startFake(options: FakeBotConnectorOptions = {}): Promise<void> {
    clock = 1_000_000;
    fake = new FakeBotConnector({ now: () => clock, members: [USER, OTHER], ...options });
    serviceUrl = await fake.start();
    // What CloudAdapter builds in anonymous mode (no app id): MicrosoftAppCredentials.Empty, so no token.
    client = new ConnectorClient(MicrosoftAppCredentials.Empty, { baseUri: serviceUrl });
  }

  afterEach(async () => {
    await fake.stop();
  });

  describe('through botbuilder ConnectorClient', () => {
    beforeEach(() => startFake());

    it('serves on 127.0.0.1 with a trailing-slash serviceUrl', () => {
      expect(serviceUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/$/);
      expect(fake.serviceUrl).toBe(serviceUrl);
    });

    it('records sendToConversation under the decoded conversation id and returns the generated id', async () => {
      const response = await client.conversations.sendToConversation(CHANNEL_THREAD, message('Hej!') as Activity);

      expect(response.id).toEqual(expect.any(String));
      const sent = fake.sentTo(CHANNEL_THREAD);
      expect(sent).toHaveLength(1);
      expect(sent[0]).toMatchObject({ conversationId: CHANNEL_THREAD, id: response.id, operation: 'sendToConversation', receivedAt: clock });
      expect(sent[0]?.activity).toMatchObject({ type: 'message', text: 'Hej!', id: response.id });
      expect(sent[0]?.replyToId).toBeUndefined();

      const request = fake.requests[0];
      expect(request).toMatchObject({ method: 'POST', operation: 'sendToConversation', conversationId: CHANNEL_THREAD, status: 201, outcome: 'ok' });
      expect(request?.path).toContain(encodeURIComponent(CHANNEL_THREAD));
      expect(request?.authorization).toBe(false);
      expect(fake.requestCount).toBe(1);
    });

    it('records replyToActivity with the replied-to id from the URL, even for activities it never saw', async () => {
      const response = await client.conversations.replyToActivity('a:1:1-29:user-anna', 'incoming;id=42', message('Svar') as Activity);

      const [reply] = fake.sentTo('a:1:1-29:user-anna');
      expect(reply).toMatchObject({ id: response.id, replyToId: 'incoming;id=42', operation: 'replyToActivity' });
      expect(reply?.activity.text).toBe('Svar');
    });

    it('gives every activity a distinct id', async () => {
      const ids = await Promise.all([1, 2, 3].map((n) => client.conversations.sendToConversation('conv', message(`m${n}`) as Activity)));
      expect(new Set(ids.map((r) => r.id)).size).toBe(3);
      expect(fake.sentTo('conv').map((a) => a.activity.text).sort()).toEqual(['m1', 'm2', 'm3']);
    });

    it('updateActivity replaces the activity and keeps every version; unknown ids get 404', async () => {
      const { id } = await client.conversations.sendToConversation(CHANNEL_THREAD, message('v1') as Activity);
      clock += 500;
      const updated = await client.conversations.updateActivity(CHANNEL_THREAD, id, message('v2', { id }) as Activity);

      expect(updated.id).toBe(id);
      const [record] = fake.sentTo(CHANNEL_THREAD);
      expect(record?.activity.text).toBe('v2');
      expect(record?.versions.map((v) => [v.activity.text, v.at])).toEqual([
        ['v1', clock - 500],
        ['v2', clock],
      ]);
      expect(record?.updatedAt).toBe(clock);
      expect(fake.requests.map((r) => [r.operation, r.status])).toEqual([
        ['sendToConversation', 201],
        ['updateActivity', 200],
      ]);

      const error = await rejection(client.conversations.updateActivity(CHANNEL_THREAD, 'no-such-id', message('x') as Activity));
      expect(error.statusCode).toBe(404);
      expect(fake.activities).toHaveLength(1);
    });

    it('deleteActivity flags the activity; it leaves sentTo, and can no longer be updated', async () => {
      const first = await client.conversations.sendToConversation('conv', message('keep') as Activity);
      const second = await client.conversations.sendToConversation('conv', message('remove') as Activity);

      await client.conversations.deleteActivity('conv', second.id);

      expect(fake.sentTo('conv').map((a) => a.id)).toEqual([first.id]);
      expect(fake.activities.find((a) => a.id === second.id)).toMatchObject({ deleted: true, deletedAt: clock });
      expect((await rejection(client.conversations.updateActivity('conv', second.id, message('again') as Activity))).statusCode).toBe(404);
      expect((await rejection(client.conversations.deleteActivity('conv', second.id))).statusCode).toBe(404);
    });

    it('createConversation returns a deterministic 1:1 id, records the first message, and answers 201 then 200', async () => {
      const created = await client.conversations.createConversation(oneOnOne(USER, { activity: message('Välkommen') as Activity }));

      expect(created.id).toBe(`a:1:1-${USER.id}`);
      expect(created.serviceUrl).toBe(serviceUrl);
      expect(created.activityId).toEqual(expect.any(String));
      const [first] = fake.sentTo(created.id);
      expect(first).toMatchObject({ id: created.activityId, operation: 'createConversation' });
      expect(first?.activity.text).toBe('Välkommen');
      expect(fake.conversations.get(created.id)).toMatchObject({ tenantId: 'tenant-1', isGroup: false, members: [{ id: USER.id, name: USER.name }] });

      const again = await client.conversations.createConversation(oneOnOne(USER));
      expect(again.id).toBe(created.id);
      expect(again.activityId).toBeUndefined();
      expect(fake.requests.map((r) => r.status)).toEqual([201, 200]);
      expect(fake.sentTo(created.id)).toHaveLength(1);

      const other = await client.conversations.createConversation(oneOnOne(OTHER));
      expect(other.id).not.toBe(created.id);
    });

    it('createConversation with channelData.channel.id starts a channel thread, like TeamsInfo.sendMessageToTeamsChannel', async () => {
      const created = await client.conversations.createConversation({
        isGroup: true,
        bot: BOT,
        channelData: { channel: { id: '19:general@thread.tacv2' } },
        activity: message('Ny tråd') as Activity,
      });

      expect(created.id).toBe(`19:general@thread.tacv2;messageid=${created.activityId}`);
      expect(fake.sentTo(created.id).map((a) => a.activity.text)).toEqual(['Ny tråd']);
    });

    it('rejects group-chat creation like Teams does', async () => {
      const error = await rejection(client.conversations.createConversation(oneOnOne(USER, { isGroup: true, members: [USER, OTHER] })));
      expect(error.statusCode).toBe(400);
      expect(error.code).toBe('BadArgument');
      expect(fake.conversations.size).toBe(0);
    });

    it('answers members from the roster, per-conversation lists, and 404 for unknown members', async () => {
      expect((await client.conversations.getConversationMembers('any')).map((m) => m.id)).toEqual([USER.id, OTHER.id]);

      fake.setMembers([OTHER], CHANNEL_THREAD);
      expect((await client.conversations.getConversationMembers(CHANNEL_THREAD)).map((m) => m.id)).toEqual([OTHER.id]);

      const anna = await client.conversations.getConversationMember('any', USER.id);
      expect(anna).toMatchObject({ id: USER.id, name: USER.name });
      const byAad = await client.conversations.getConversationMember('any', 'aad-bo');
      expect(byAad.id).toBe(OTHER.id);

      const missing = await rejection(client.conversations.getConversationMember(CHANNEL_THREAD, USER.id));
      expect(missing.statusCode).toBe(404);
      expect(missing.code).toBe('MemberNotFoundInConversation');

      const page = await client.conversations.getConversationPagedMembers('any', { pageSize: 1, continuationToken: '' });
      expect(page.members?.map((m) => m.id)).toEqual([USER.id]);
      expect(page.continuationToken).toEqual(expect.any(String));
      const next = await client.conversations.getConversationPagedMembers('any', { pageSize: 1, continuationToken: page.continuationToken ?? '' });
      expect(next.members?.map((m) => m.id)).toEqual([OTHER.id]);
      expect(next.continuationToken).toBeUndefined();
    });

    it('answers a message body over 100 KB with 413 MessageSizeTooBig and does not deliver it', async () => {
      const small = await client.conversations.sendToConversation('conv', message('x'.repeat(90 * 1024)) as Activity);
      expect(small.id).toBeDefined();

      const error = await rejection(client.conversations.sendToConversation('conv', message('x'.repeat(101 * 1024)) as Activity));
      expect(error.statusCode).toBe(413);
      expect(error.code).toBe('MessageSizeTooBig');
      expect(fake.sentTo('conv')).toHaveLength(1);
      expect(fake.requests.map((r) => [r.status, r.outcome])).toEqual([
        [201, 'ok'],
        [413, 'too-large'],
      ]);
    });
  });

  describe('waitFor', () => {
    beforeEach(() => startFake());

    it('resolves with an activity delivered later, and with one already delivered', async () => {
      const waiting = fake.waitFor((a) => a.activity.text === 'later', 2_000);
      await client.conversations.sendToConversation('conv', message('earlier') as Activity);
      await client.conversations.sendToConversation('conv', message('later') as Activity);
      await expect(waiting).resolves.toMatchObject({ conversationId: 'conv', activity: { text: 'later' } });

      await expect(fake.waitFor((a) => a.activity.text === 'earlier', 10)).resolves.toMatchObject({ activity: { text: 'earlier' } });
    });

    it('sees updates', async () => {
      const { id } = await client.conversations.sendToConversation('conv', message('draft') as Activity);
      const waiting = fake.waitFor((a) => a.activity.text === 'final', 2_000);
      await client.conversations.updateActivity('conv', id, message('final') as Activity);
      await expect(waiting).resolves.toMatchObject({ id, versions: [{}, {}] });
    });

    it('rejects on timeout, listing what was received and what failed', async () => {
      await client.conversations.sendToConversation(CHANNEL_THREAD, message('Något annat') as Activity);
      fake.failNext(1, 400);
      await rejection(client.conversations.sendToConversation('conv', message('refused') as Activity));

      const error = await rejection(fake.waitFor((a) => a.activity.text === 'never', 50));
      expect(error.message).toContain('no matching activity within 50 ms');
      expect(error.message).toContain('Received 1 activity');
      expect(error.message).toContain('Något annat');
      expect(error.message).toContain(CHANNEL_THREAD);
      expect(error.message).toMatch(/-> 400 \(scripted\)/);
    });
  });

  describe('rate limits (enforceRateLimits, controlled clock)', () => {
    it('allows 7 messages per second per conversation, then 429 with Retry-After and TooManyRequests', async () => {
      await startFake({ enforceRateLimits: true });
      for (let i = 0; i < 7; i++) {
        await client.conversations.sendToConversation(CHANNEL_THREAD, message(`m${i}`) as Activity);
      }

      const eighth = await rawPost(serviceUrl, sendPath(CHANNEL_THREAD), message('m7'));
      expect(eighth.status).toBe(429);
      expect(eighth.retryAfter).toBe('1');
      expect(eighth.json).toMatchObject({ error: { code: 'TooManyRequests', message: expect.stringContaining('7 per 1 s') } });
      expect(fake.throttledCount).toBe(1);
      expect(fake.sentTo(CHANNEL_THREAD)).toHaveLength(7);

      // Other conversations are not affected by this thread's limit.
      expect((await rawPost(serviceUrl, sendPath('other'), message('x'))).status).toBe(201);

      clock += 999;
      expect((await rawPost(serviceUrl, sendPath(CHANNEL_THREAD), message('m7'))).status).toBe(429);
      clock += 1;
      expect((await rawPost(serviceUrl, sendPath(CHANNEL_THREAD), message('m7'))).status).toBe(201);

      // Now 8 in the last 2 s: the 8-per-2-s window holds until the first seven leave it.
      const ninth = await rawPost(serviceUrl, sendPath(CHANNEL_THREAD), message('m8'));
      expect(ninth.status).toBe(429);
      expect(ninth.json).toMatchObject({ error: { message: expect.stringContaining('8 per 2 s') } });
      clock += 1_000;
      expect((await rawPost(serviceUrl, sendPath(CHANNEL_THREAD), message('m8'))).status).toBe(201);

      expect(fake.throttledCount).toBe(3);
      expect(fake.sentTo(CHANNEL_THREAD).map((a) => a.activity.text)).toEqual(['m0', 'm1', 'm2', 'm3', 'm4', 'm5', 'm6', 'm7', 'm8']);
      expect(fake.requests.filter((r) => r.outcome === 'throttled').every((r) => r.retryAfterSeconds === 1)).toBe(true);
    });

    it('enforces 60 per 30 s with a Retry-After covering the wait', async () => {
      await startFake({ enforceRateLimits: true });
      // 60 sends spread so that neither the 1 s nor the 2 s window trips: 4 per second for 15 s.
      for (let i = 0; i < 60; i++) {
        clock = 1_000_000 + Math.floor(i / 4) * 1_000;
        expect((await rawPost(serviceUrl, sendPath('busy'), message(`m${i}`))).status).toBe(201);
      }
      clock += 1_000; // t0 + 15 s
      const blocked = await rawPost(serviceUrl, sendPath('busy'), message('one too many'));
      expect(blocked.status).toBe(429);
      expect(blocked.json).toMatchObject({ error: { message: expect.stringContaining('60 per 30 s') } });
      expect(blocked.retryAfter).toBe('15');
      clock = 1_000_000 + 30_000;
      expect((await rawPost(serviceUrl, sendPath('busy'), message('fits again'))).status).toBe(201);
    });

    it('botbuilder retries a 429 by itself after Retry-After; the message is delivered once', async () => {
      await startFake({ enforceRateLimits: true });
      for (let i = 0; i < 7; i++) await client.conversations.sendToConversation('conv', message(`m${i}`) as Activity);

      const eighth = client.conversations.sendToConversation('conv', message('m7') as Activity);
      await fake.waitForRequest((r) => r.status === 429, 2_000);
      clock += 1_000; // the client sleeps Retry-After (1 s, real time), then retries
      const response = await eighth;

      expect(fake.requests.slice(-2).map((r) => r.status)).toEqual([429, 201]);
      expect(fake.sentTo('conv').map((a) => a.activity.text)).toEqual(['m0', 'm1', 'm2', 'm3', 'm4', 'm5', 'm6', 'm7']);
      expect(fake.sentTo('conv')[7]?.id).toBe(response.id);
    });

    it('limits the app to 50 requests per second across conversations', async () => {
      await startFake({ enforceRateLimits: true });
      const responses = await Promise.all(
        Array.from({ length: 50 }, (_, i) => client.conversations.sendToConversation(`conv-${i}`, message(`m${i}`) as Activity)),
      );
      expect(new Set(responses.map((r) => r.id)).size).toBe(50);

      const blocked = await rawPost(serviceUrl, sendPath('conv-new'), message('51st'));
      expect(blocked.status).toBe(429);
      expect(blocked.retryAfter).toBe('1');
      expect(blocked.json).toMatchObject({ error: { code: 'TooManyRequests', message: expect.stringContaining('per-app limit of 50 per 1 s') } });
      // Reads count against the app limit too.
      const read = await fetch(new URL(`v3/conversations/conv-0/members`, serviceUrl));
      expect(read.status).toBe(429);

      clock += 1_000;
      expect((await rawPost(serviceUrl, sendPath('conv-new'), message('51st'))).status).toBe(201);
      expect(fake.activities).toHaveLength(51);
      expect(fake.throttledCount).toBe(2);
    }, 15_000);

    it('honours perAppPerSecond and is off unless enforceRateLimits', async () => {
      await startFake({ enforceRateLimits: true, perAppPerSecond: 3 });
      for (let i = 0; i < 3; i++) expect((await rawPost(serviceUrl, sendPath(`c${i}`), message('x'))).status).toBe(201);
      expect((await rawPost(serviceUrl, sendPath('c3'), message('x'))).status).toBe(429);
      await fake.stop();

      await startFake();
      for (let i = 0; i < 60; i++) expect((await rawPost(serviceUrl, sendPath('same'), message(`m${i}`))).status).toBe(201);
      expect(fake.throttledCount).toBe(0);
    });
  });

  describe('failNext', () => {
    beforeEach(() => startFake());

    it('fails the next n requests, which botbuilder retries (Retry-After: 0); only the success is delivered', async () => {
      fake.failNext(2, 503, { 'Retry-After': '0' });
      const response = await client.conversations.sendToConversation('conv', message('persist') as Activity);

      expect(fake.requests.map((r) => [r.status, r.outcome])).toEqual([
        [503, 'scripted'],
        [503, 'scripted'],
        [201, 'ok'],
      ]);
      expect(fake.sentTo('conv')).toEqual([expect.objectContaining({ id: response.id })]);
      expect(fake.pendingFailures).toBe(0);
    });

    it('a 429 without Retry-After is not retried by botbuilder: the caller sees TooManyRequests', async () => {
      fake.failNext(1, 429);
      const error = await rejection(client.conversations.sendToConversation('conv', message('x') as Activity));
      expect(error.statusCode).toBe(429);
      expect(error.code).toBe('TooManyRequests');
      expect(fake.requestCount).toBe(1);
      expect(fake.throttledCount).toBe(1);
      expect(fake.activities).toHaveLength(0);
    });

    it('botbuilder gives up after 1 + 3 attempts when every answer is a 429 with Retry-After', async () => {
      fake.failNext(Infinity, 429, { 'Retry-After': '0' }, (r) => r.conversationId === 'conv');
      const error = await rejection(client.conversations.sendToConversation('conv', message('x') as Activity));
      expect(error.statusCode).toBe(429);
      expect(fake.requestCount).toBe(4);
      expect(fake.throttledCount).toBe(4);
      expect(fake.activities).toHaveLength(0);
    });

    it('502 is retried with backoff by botbuilder', async () => {
      fake.failNext(1, 502);
      await client.conversations.sendToConversation('conv', message('after 502') as Activity);
      expect(fake.requests.map((r) => r.status)).toEqual([502, 201]);
      expect(fake.sentTo('conv')).toHaveLength(1);
    });

    it('only fails requests matching the predicate, leaving others untouched', async () => {
      const { id } = await client.conversations.sendToConversation('conv', message('v1') as Activity);
      fake.failNext(1, 412, {}, (r) => r.operation === 'updateActivity');

      await client.conversations.sendToConversation('conv', message('unaffected') as Activity);
      const error = await rejection(client.conversations.updateActivity('conv', id, message('v2') as Activity));
      expect(error.statusCode).toBe(412);
      expect(error.code).toBe('PreconditionFailed');
      expect(fake.sentTo('conv').map((a) => a.activity.text)).toEqual(['v1', 'unaffected']);

      await client.conversations.updateActivity('conv', id, message('v2') as Activity);
      expect(fake.sentTo('conv')[0]?.activity.text).toBe('v2');
    });

    it('can target a member (e.g. a user who uninstalled the app) until cleared', async () => {
      fake.failNext(Infinity, 403, {}, (r) => r.operation === 'createConversation' && JSON.stringify(r.body).includes(OTHER.id), {
        error: { code: 'BotNotInConversationRoster', message: 'The bot is not part of the conversation roster.' },
      });
      for (let i = 0; i < 2; i++) {
        const error = await rejection(client.conversations.createConversation(oneOnOne(OTHER)));
        expect(error).toMatchObject({ statusCode: 403, code: 'BotNotInConversationRoster' });
      }
      expect((await client.conversations.createConversation(oneOnOne(USER))).id).toBe(`a:1:1-${USER.id}`);

      fake.clearFailures();
      expect((await client.conversations.createConversation(oneOnOne(OTHER))).id).toBe(`a:1:1-${OTHER.id}`);
    });

    it('takes scripted failures from the constructor, and clear() resets everything recorded', async () => {
      await fake.stop();
      await startFake({ failures: [{ status: 503, headers: { 'Retry-After': '0' } }] });
      await client.conversations.sendToConversation('conv', message('x') as Activity);
      expect(fake.requests.map((r) => r.status)).toEqual([503, 201]);

      fake.clear();
      expect([fake.activities.length, fake.requestCount, fake.throttledCount, fake.conversations.size]).toEqual([0, 0, 0, 0]);
    });
  });

  describe('as the serviceUrl of botbuilder CloudAdapter (anonymous)', () => {
    beforeEach(() => startFake());

    it('proactive send goes out as replyToActivity to a fresh uuid; update, delete and TeamsInfo.getMember work', async () => {
      const adapter = new CloudAdapter(new ConfigurationBotFrameworkAuthentication({}));
      const reference: Partial<ConversationReference> = {
        channelId: 'msteams',
        serviceUrl,
        conversation: { id: `a:1:1-${USER.id}`, isGroup: false, conversationType: 'personal', name: '', tenantId: 'tenant-1' },
        bot: BOT,
        user: { id: USER.id, name: USER.name },
      };
      let memberName: string | undefined;

      await adapter.continueConversationAsync('', reference, async (context) => {
        const sent = await context.sendActivity('Påminnelse');
        if (!sent) throw new Error('no ResourceResponse');
        await context.updateActivity({ ...message('Påminnelse (uppdaterad)'), id: sent.id, conversation: context.activity.conversation });
        const doomed = await context.sendActivity('tas bort');
        if (!doomed) throw new Error('no ResourceResponse');
        await context.deleteActivity(doomed.id);
        memberName = (await TeamsInfo.getMember(context, USER.id)).name;
      });

      const [sent, deleted] = fake.activities;
      expect(sent).toMatchObject({ operation: 'replyToActivity', conversationId: `a:1:1-${USER.id}`, activity: { text: 'Påminnelse (uppdaterad)' } });
      expect(sent?.replyToId).toMatch(/^[0-9a-f-]{36}$/);
      expect(sent?.versions).toHaveLength(2);
      expect(deleted).toMatchObject({ deleted: true, activity: { text: 'tas bort' } });
      expect(memberName).toBe(USER.name);
      expect(fake.requests.map((r) => r.operation)).toEqual([
        'replyToActivity',
        'updateActivity',
        'replyToActivity',
        'deleteActivity',
        'getConversationMember',
      ]);
      expect(fake.requests.every((r) => !r.authorization && r.status < 300)).toBe(true);
    });

    it('createConversationAsync creates the 1:1 conversation and sends into it', async () => {
      const adapter = new CloudAdapter(new ConfigurationBotFrameworkAuthentication({}));
      await adapter.createConversationAsync('', 'msteams', serviceUrl, '', oneOnOne(USER), async (context) => {
        await context.sendActivity('Första meddelandet');
      });

      const conversationId = `a:1:1-${USER.id}`;
      expect(fake.requests.map((r) => [r.operation, r.status])).toEqual([
        ['createConversation', 201],
        ['replyToActivity', 201],
      ]);
      const [first] = fake.sentTo(conversationId);
      expect(first?.activity.text).toBe('Första meddelandet');
      // The synthetic CreateConversation event has id = conversation id, so the send is a "reply" to it.
      expect(first?.replyToId).toBe(conversationId);
    });
  });
});
