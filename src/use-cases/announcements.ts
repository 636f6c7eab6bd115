import { announcementKey, inAudience, progressOf, type Audience, type Campaign, type CampaignProgress } from '../domain/announcement';
import { ConcurrencyConflict, domainError, type UseCaseResult } from '../domain/errors';
import { aboutCohort, notify, SYSTEM_RECIPIENT, type Notification, type OutboxMessage } from '../domain/notification';
import type { Person } from '../domain/person';
import type { CampaignRepository, Clock, CohortRepository, Directory, IdGenerator, OutboxStore, SettingsRepository } from '../domain/ports';
import { err, ok } from '../domain/result';
import { chunks, inParallel } from './pages';
import { coordinatorOnly } from './programme/deps';

export interface AnnouncementDeps {
  readonly campaigns: CampaignRepository;
  readonly cohorts: CohortRepository;
  readonly settings: SettingsRepository;
  readonly directory: Directory;
  readonly outbox: OutboxStore;
  readonly clock: Clock;
  readonly ids: IdGenerator;
}

/** What a coordinator typed on the compose card, already held to its shape and lengths by the adapter. */
export interface AnnouncementDraft {
  readonly title: string;
  readonly text: string;
  readonly link?: string;
  readonly audience: Audience;
}

/** Messages enqueued per request batch while a campaign starts (the outbox's bulk takes them a hundred at a time). */
const ENQUEUE_CHUNK = 1000;
/** How often the coordinator's progress card is brought up to date while the campaign runs. */
export const TICK_MS = 5_000;

/** The people an audience reaches now, and the typed addresses nobody in the directory has. */
export async function recipientsOf(directory: Directory, audience: Audience): Promise<{ people: readonly Person[]; unknownEmails: readonly string[] }> {
  if (audience.kind === 'emails') {
    const found: Person[] = [];
    const unknownEmails: string[] = [];
    await inParallel(audience.emails, 8, async (email) => {
      const person = await directory.findByEmail(email);
      if (person) found.push(person);
      else unknownEmails.push(email);
    });
    const unique = [...new Map(found.map((p) => [p.id, p])).values()].sort((a, b) => a.id.localeCompare(b.id));
    return { people: unique, unknownEmails: unknownEmails.sort() };
  }
  const everyone: Person[] = [];
  for await (const page of directory.everyone()) everyone.push(...page);
  const managerIds = new Set(everyone.flatMap((p) => (p.managerId ? [p.managerId] : [])));
  return { people: everyone.filter((p) => inAudience(p, audience, managerIds)), unknownEmails: [] };
}

/**
 * The cohort an announcement invites to: the newest whose intake has not closed (it may open later: the
 * announcement comes first), else none.
 */
async function cohortToAnnounce(deps: Pick<AnnouncementDeps, 'cohorts' | 'clock'>): Promise<string | undefined> {
  const now = deps.clock.now().toISOString();
  const open = (await deps.cohorts.list()).filter((c) => !c.intakeClosedAt && c.intakeClosesAt > now).sort((a, b) => b.intakeOpensAt.localeCompare(a.intakeOpensAt));
  return open[0]?.id;
}

/** A draft campaign and its audience counted: what the coordinator confirms. */
export async function draftAnnouncement(deps: AnnouncementDeps, coordinatorId: string, draft: AnnouncementDraft): Promise<UseCaseResult<{ campaign: Campaign; unknownEmails: readonly string[] }>> {
  const allowed = await coordinatorOnly(deps, coordinatorId);
  if (!allowed.ok) return allowed;
  const cohortId = await cohortToAnnounce(deps);
  if (!cohortId) return err(domainError('NOT_FOUND', 'no cohort with an intake to come or open'));
  const { people, unknownEmails } = await recipientsOf(deps.directory, draft.audience);
  const campaign: Campaign = {
    id: deps.ids.shortId('K'),
    cohortId,
    title: draft.title,
    text: draft.text,
    ...(draft.link ? { link: draft.link } : {}),
    audience: draft.audience,
    createdBy: coordinatorId,
    createdAt: deps.clock.now().toISOString(),
    state: 'draft',
    recipients: people.length,
  };
  await deps.campaigns.save(campaign);
  return ok({ campaign, unknownEmails });
}

/** Moves a campaign on, guarded by its version (read again on a lost race); coordinators only; `change` answers null when the state does not allow it. */
async function moveCampaign(deps: AnnouncementDeps, coordinatorId: string, campaignId: string, change: (c: Campaign) => Campaign | null): Promise<UseCaseResult<Campaign>> {
  const allowed = await coordinatorOnly(deps, coordinatorId);
  if (!allowed.ok) return allowed;
  for (let attempt = 0; attempt < 3; attempt++) {
    const found = await deps.campaigns.get(campaignId);
    if (!found) return err(domainError('NOT_FOUND', 'no such campaign'));
    const next = change(found.value);
    if (!next) return err(domainError('ILLEGAL_TRANSITION', `campaign is ${found.value.state}`));
    try {
      return ok((await deps.campaigns.save(next, found.etag)).value);
    } catch (e) {
      if (!(e instanceof ConcurrencyConflict)) throw e;
    }
  }
  return err(domainError('CONCURRENCY_CONFLICT', 'campaign changed meanwhile'));
}

/** The latest campaigns with their delivery (the tab's Översikt), coordinators only. */
export async function recentCampaigns(deps: AnnouncementDeps, coordinatorId: string, limit = 5): Promise<UseCaseResult<readonly { campaign: Campaign; progress: CampaignProgress }[]>> {
  const allowed = await coordinatorOnly(deps, coordinatorId);
  if (!allowed.ok) return allowed;
  const campaigns = (await deps.campaigns.recent(limit)).filter((c) => c.state !== 'draft');
  return ok(await Promise.all(campaigns.map(async (campaign) => ({ campaign, progress: progressOf(await deps.outbox.campaignCounts(campaign.cohortId, campaign.id)) }))));
}

/** A campaign and every message given up on, for the coordinators' Excel list; coordinators only. */
export async function campaignFailures(deps: AnnouncementDeps, coordinatorId: string, campaignId: string): Promise<UseCaseResult<{ campaign: Campaign; failures: readonly OutboxMessage[] }>> {
  const allowed = await coordinatorOnly(deps, coordinatorId);
  if (!allowed.ok) return allowed;
  const found = await deps.campaigns.get(campaignId);
  if (!found) return err(domainError('NOT_FOUND', 'no such campaign'));
  return ok({ campaign: found.value, failures: await deps.outbox.campaignFailures(found.value.cohortId, campaignId, MAX_FAILURES_LISTED) });
}

/** A campaign to every employee is about 30,000 messages: its failures are listed whole. */
const MAX_FAILURES_LISTED = 40_000;

/** Confirmed: the campaign starts as a job (its audience resolved and enqueued by whichever instance delivers). */
export async function sendAnnouncement(deps: AnnouncementDeps, coordinatorId: string, campaignId: string): Promise<UseCaseResult<Campaign>> {
  const now = deps.clock.now();
  const moved = await moveCampaign(deps, coordinatorId, campaignId, (c) => (c.state === 'draft' ? { ...c, state: 'sending', startedAt: now.toISOString() } : null));
  if (!moved.ok) return moved;
  await deps.outbox.enqueue(job(moved.value, 'announcementStart', 'start'), now);
  return moved;
}

/** Cancelled: what has not gone out is not sent (each message finds the campaign cancelled when its turn comes). */
export function cancelAnnouncement(deps: AnnouncementDeps, coordinatorId: string, campaignId: string): Promise<UseCaseResult<Campaign>> {
  return moveCampaign(deps, coordinatorId, campaignId, (c) => (c.state === 'sending' || c.state === 'draft' ? { ...c, state: 'cancelled', cancelledBy: coordinatorId } : null));
}

/** The campaign's jobs and messages, all in its cohort's partition, keyed under the campaign (notify). */
const subject = (campaign: Campaign) => aboutCohort({ id: campaign.cohortId });

function job(campaign: Campaign, kind: 'announcementStart' | 'announcementTick', step: string, dueAt?: string): Notification[] {
  return notify(subject(campaign), kind, [SYSTEM_RECIPIENT], `${announcementKey(campaign.id)}/${step}`, { campaignId: campaign.id, step }, dueAt);
}

/** The coordinator's progress card: one message, later updated in place by the ticks. */
export const progressNote = (campaign: Campaign): Notification[] => notify(subject(campaign), 'announcementProgress', [campaign.createdBy], `${announcementKey(campaign.id)}/progress`, { campaignId: campaign.id });

/**
 * The start job: the progress card first, then one announcement per recipient (keyed by campaign and person:
 * enqueued again after a crash, each is still one message), then the first tick. Idempotent.
 */
export async function startCampaign(deps: AnnouncementDeps, message: OutboxMessage): Promise<boolean> {
  const found = await deps.campaigns.get(message.payload.campaignId ?? '');
  if (!found || found.value.state !== 'sending') return false;
  const campaign = found.value;
  const now = deps.clock.now();
  await deps.outbox.enqueue(progressNote(campaign), now);
  const { people } = await recipientsOf(deps.directory, campaign.audience);
  // A second later than the progress card, so that the coordinator's card is the first to go.
  const dueAt = new Date(now.getTime() + 1_000).toISOString();
  for (const chunk of chunks(people, ENQUEUE_CHUNK)) {
    await deps.outbox.enqueue(
      notify(subject(campaign), 'announcement', chunk.map((p) => p.id), `${announcementKey(campaign.id)}/to`, { campaignId: campaign.id }, dueAt),
      now,
    );
  }
  if (people.length !== campaign.recipients) {
    await deps.campaigns.save({ ...campaign, recipients: people.length }, found.etag).catch((e: unknown) => {
      if (!(e instanceof ConcurrencyConflict)) throw e; // cancelled meanwhile: the count stays as confirmed
    });
  }
  await deps.outbox.enqueue(job(campaign, 'announcementTick', 'tick-1', new Date(now.getTime() + TICK_MS).toISOString()), now);
  return true;
}

/** Shows a campaign's progress to its coordinator (the Teams adapter updates the card in place). */
export type ShowProgress = (campaign: Campaign, progress: CampaignProgress, final: boolean) => Promise<void>;

/**
 * A tick: the counts, shown on the coordinator's card; the next tick while messages are left, else the campaign
 * is done (or stays cancelled) and the card shows the summary. Each tick is its own job (keyed by its number).
 */
export async function tickCampaign(deps: AnnouncementDeps, message: OutboxMessage, show: ShowProgress): Promise<boolean> {
  const found = await deps.campaigns.get(message.payload.campaignId ?? '');
  if (!found) return false;
  const progress = progressOf(await deps.outbox.campaignCounts(found.value.cohortId, found.value.id));
  const final = progress.left === 0;
  let campaign = found.value;
  if (final && campaign.state === 'sending') {
    campaign = (await deps.campaigns.save({ ...campaign, state: 'done', finishedAt: deps.clock.now().toISOString() }, found.etag)).value;
  }
  await show(campaign, progress, final);
  if (!final) {
    const n = Number(/^tick-(\d{1,9})$/.exec(message.payload.step ?? '')?.[1] ?? '1') + 1;
    await deps.outbox.enqueue(job(campaign, 'announcementTick', `tick-${n}`, new Date(deps.clock.now().getTime() + TICK_MS).toISOString()), deps.clock.now());
  }
  return true;
}
