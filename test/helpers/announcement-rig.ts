import { TEST_TENANT } from './teams-client';
import { randomUUID } from 'node:crypto';
import type { CosmosStore } from '../../src/adapters/cosmos/connection';
import { CosmosConversationAddressBook } from '../../src/adapters/cosmos/conversation.repository';
import type { Cohort } from '../../src/domain/cohort';
import { MUNICIPALITIES } from '../../src/domain/municipalities';
import type { FakeBotConnector } from '../fakes/fake-bot-connector';
import type { FakeGraph, FakeGraphUser } from '../fakes/fake-graph';

/** The Teams app's manifest id and its id in the fake tenant's catalogue. */
export const TEAMS_APP = { externalId: '6a1f2c3d-0000-4000-8000-00000000acce', id: 'catalog-acceleratorn' } as const;
export const RIG_TENANT = TEST_TENANT;
export const COORDINATOR = '00000000-0000-4000-8000-00000000c00d';

/**
 * A tenant of `n` employees spread over the eleven municipalities, one manager for every twenty, for an
 * announcement to everyone; the first `withChat` of them have talked to the bot (a stored 1:1 conversation), the
 * rest get the app installed through Graph. The coordinator is among the directory's users.
 */
export function tenantOf(n: number): { users: FakeGraphUser[]; employees: string[] } {
  const employees = Array.from({ length: n }, (_, i) => `00000000-0000-4000-9000-${String(i).padStart(12, '0')}`);
  const users: FakeGraphUser[] = employees.map((id, i) => {
    const municipality = MUNICIPALITIES[i % MUNICIPALITIES.length] ?? 'Helsingborg';
    const manager = employees[Math.floor(i / 20) * 20];
    return { id, userPrincipalName: `person${i}@example.se`, mail: `person${i}@example.se`, displayName: `Person ${i}`, companyName: `${municipality}s kommun`, ...(manager && manager !== id ? { managerId: manager } : {}) };
  });
  users.push({ id: COORDINATOR, userPrincipalName: 'samordnare@helsingborg.example.se', mail: 'samordnare@helsingborg.example.se', displayName: 'Sam Ordnare', companyName: 'Acceleratorpartnern AB' });
  return { users, employees };
}

/** Stores a 1:1 conversation for each person, as the bot does when they first write to it. */
export async function storeChats(store: CosmosStore, serviceUrl: string, people: readonly string[]): Promise<void> {
  const addresses = new CosmosConversationAddressBook(store.containers.conversations, () => new Date());
  for (let i = 0; i < people.length; i += 50) {
    await Promise.all(
      people.slice(i, i + 50).map((person) =>
        addresses.save(
          person,
          { channelId: 'msteams', serviceUrl, conversation: { id: `a:1:1-${person}`, isGroup: false, conversationType: 'personal', tenantId: RIG_TENANT }, bot: { id: '28:acceleratorn', name: 'Acceleratorn' }, user: { id: `29:${person}`, aadObjectId: person, name: person } },
          'sv-SE',
        ),
      ),
    );
  }
}

/** A cohort whose intake is open, written as a coordinator's `ny kohort` would. */
export function openCohort(now: Date): Cohort {
  const day = 86_400_000;
  return {
    id: `rig-${randomUUID().slice(0, 8)}`,
    name: 'Kohort för kungörelsen',
    intakeOpensAt: new Date(now.getTime() - day).toISOString(),
    intakeClosesAt: new Date(now.getTime() + 30 * day).toISOString(),
    programmeStartsOn: new Date(now.getTime() + 60 * day).toISOString().slice(0, 10),
    capacity: 10,
    budgetPerParticipantOre: 5_000_000,
    jurorIds: [],
    mentorIds: [],
    sponsorIds: [],
  };
}

/** How many announcements (cards with this heading) each person received, in either of their chats. */
export function receivedBy(connector: FakeBotConnector, graph: FakeGraph, people: readonly string[], heading: string): { lost: string[]; twice: string[]; once: number } {
  const count = new Map<string, number>();
  for (const a of connector.activities) {
    if (a.deleted || !JSON.stringify(a.activity.attachments ?? []).includes(heading)) continue;
    count.set(a.conversationId, (count.get(a.conversationId) ?? 0) + 1);
  }
  const of = (p: string) => (count.get(`a:1:1-${p}`) ?? 0) + (count.get(graph.chatOf(p)) ?? 0);
  return { lost: people.filter((p) => of(p) === 0), twice: people.filter((p) => of(p) > 1), once: people.filter((p) => of(p) === 1).length };
}
