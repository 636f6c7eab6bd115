import { MUNICIPALITIES, type Municipality } from './municipalities';
import type { OutboxStatus } from './notification';
import type { Person } from './person';

/**
 * An announcement (kungörelse): a coordinator's message to many employees at once, the programme's marketing
 * ("marknadsföring – ansökan"). Each recipient gets one outbox message keyed by the campaign and the person, so
 * nobody is told twice whatever is retried or restarted (ADR 0017).
 */
export const AUDIENCE_KINDS = ['everyone', 'municipalities', 'managers', 'emails'] as const;
export type AudienceKind = (typeof AUDIENCE_KINDS)[number];

/**
 * Who is told. `everyone`: every employee of the eleven municipalities (a guest or someone the directory places in
 * no municipality is not); `municipalities`: the employees of those; `managers`: everyone with a direct report (in
 * the municipalities given, or all eleven); `emails`: the addresses typed, each found in the directory.
 */
export type Audience =
  | { readonly kind: 'everyone' }
  | { readonly kind: 'municipalities'; readonly municipalities: readonly Municipality[] }
  | { readonly kind: 'managers'; readonly municipalities: readonly Municipality[] }
  | { readonly kind: 'emails'; readonly emails: readonly string[] };

export const ANNOUNCEMENT_LIMITS = { title: 120, text: 2000, link: 500, emails: 500 } as const;

export const CAMPAIGN_STATES = ['draft', 'sending', 'cancelled', 'done'] as const;
export type CampaignState = (typeof CAMPAIGN_STATES)[number];

export interface Campaign {
  /** K-XXXXXX (a short id a coordinator can read out). */
  readonly id: string;
  /** The cohort whose intake the announcement points to; its outbox messages live in that cohort's partition. */
  readonly cohortId: string;
  readonly title: string;
  readonly text: string;
  readonly link?: string;
  readonly audience: Audience;
  readonly createdBy: string;
  readonly createdAt: string;
  readonly state: CampaignState;
  /** Counted when it was confirmed (the directory may change meanwhile: the start counts again). */
  readonly recipients: number;
  readonly startedAt?: string;
  readonly finishedAt?: string;
  readonly cancelledBy?: string;
}

/** The people an audience reaches, from the whole directory (`managerIds`: everyone who is somebody's manager). */
export function inAudience(person: Person, audience: Audience, managerIds: ReadonlySet<string>): boolean {
  if (audience.kind === 'emails') return false; // found one by one, not by scanning
  if (person.guest || !person.municipality || !MUNICIPALITIES.includes(person.municipality)) return false;
  switch (audience.kind) {
    case 'everyone':
      return true;
    case 'municipalities':
      return audience.municipalities.includes(person.municipality);
    case 'managers':
      return managerIds.has(person.id) && (audience.municipalities.length === 0 || audience.municipalities.includes(person.municipality));
  }
}

/** A campaign's delivery as the coordinator's card shows it. */
export interface CampaignProgress {
  readonly total: number;
  readonly sent: number;
  /** Failed, unreachable, or uncertain (in flight when a sender stopped: not sent again). */
  readonly failed: number;
  /** Not sent because the campaign was cancelled. */
  readonly cancelled: number;
  /** Still to go (pending or being sent). */
  readonly left: number;
}

export function progressOf(counts: Readonly<Partial<Record<OutboxStatus, number>>>): CampaignProgress {
  const n = (s: OutboxStatus) => counts[s] ?? 0;
  const sent = n('sent');
  const failed = n('failed') + n('unreachable');
  const cancelled = n('cancelled');
  const left = n('pending') + n('sending');
  return { total: sent + failed + cancelled + left, sent, failed, cancelled, left };
}

/** Whole seconds until the last message goes out at `perSecond`, rounded up (0 when nothing is left). */
export function secondsLeft(progress: CampaignProgress, perSecond: number): number {
  return progress.left === 0 ? 0 : Math.ceil(progress.left / perSecond);
}

/** Why a message given up on without a new try: its request was in flight when its sender stopped (ADR 0017). */
export const UNCERTAIN = 'uncertain';

/** The recipient's outbox key: one announcement per person per campaign. */
export const announcementKey = (campaignId: string) => `announce/${campaignId}`;
