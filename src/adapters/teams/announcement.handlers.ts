import { z } from 'zod';
import { ANNOUNCEMENT_LIMITS, type Audience } from '../../domain/announcement';
import { CAMPAIGN_ID } from '../../domain/ids';
import { MUNICIPALITIES, type Municipality } from '../../domain/municipalities';
import type { Messages } from '../../i18n';
import { cancelAnnouncement, draftAnnouncement, sendAnnouncement, type AnnouncementDeps, type AnnouncementDraft } from '../../use-cases/announcements';
import { coordinatorOnly } from '../../use-cases/programme/deps';
import { announcementCard, composeCard, confirmCard } from '../cards/announcement.cards';
import { noticeCard } from '../cards/application.cards';
import { isEmail } from './card-refs';
import { explain } from './explain';
import type { ActionOutcome, Caller, Reply } from './turn';

/** A button naming a campaign. Untrusted: a malformed id is never looked up. */
export const CampaignRef = z.object({ campaignId: z.string().regex(CAMPAIGN_ID) });
export type CampaignRef = z.output<typeof CampaignRef>;

type Errors = Record<string, string[]>;

/**
 * The compose card's values, held to their shapes: a draft, or what to correct per field. Every operation on the
 * typed text is linear (the card caps each field; the address list is split once and cut at its limit).
 */
export function readDraft(raw: Readonly<Record<string, string>>, m: Messages): { draft: AnnouncementDraft } | { errors: Errors } {
  const x = m.announce.compose;
  const errors: Errors = {};
  const add = (field: string, message: string) => (errors[field] ??= []).push(message);
  const title = (raw.title ?? '').trim().slice(0, ANNOUNCEMENT_LIMITS.title);
  const text = (raw.text ?? '').trim().slice(0, ANNOUNCEMENT_LIMITS.text);
  const link = (raw.link ?? '').trim();
  if (!title) add('title', x.required);
  if (!text) add('text', x.required);
  if (link && (link.length > ANNOUNCEMENT_LIMITS.link || !isHttpsUrl(link))) add('link', x.badLink);
  const municipalities = (raw.municipalities ?? '')
    .slice(0, 400)
    .split(',')
    .map((v) => MUNICIPALITIES.find((k) => k === v.trim()))
    .filter((k): k is Municipality => k !== undefined);
  let audience: Audience | undefined;
  switch (raw.audience) {
    case 'everyone':
      audience = { kind: 'everyone' };
      break;
    case 'municipalities':
    case 'managers':
      if (raw.audience === 'municipalities' && municipalities.length === 0) add('municipalities', x.noMunicipality);
      audience = { kind: raw.audience, municipalities: [...new Set(municipalities)] };
      break;
    case 'emails': {
      const typed = (raw.emails ?? '').slice(0, ANNOUNCEMENT_LIMITS.emails * 80).split(/[\s,;]+/).filter(Boolean);
      const emails = [...new Set(typed.map((e) => e.toLowerCase()))];
      const bad = emails.filter((e) => !isEmail(e));
      if (emails.length === 0) add('emails', x.noEmails);
      else if (emails.length > ANNOUNCEMENT_LIMITS.emails) add('emails', x.tooManyEmails(ANNOUNCEMENT_LIMITS.emails));
      else if (bad.length > 0) add('emails', x.badEmails(bad.slice(0, 10).join(', ')));
      audience = { kind: 'emails', emails };
      break;
    }
    default:
      add('audience', x.required);
  }
  if (Object.keys(errors).length > 0 || !audience) return { errors };
  return { draft: { title, text, ...(link ? { link } : {}), audience } };
}

function isHttpsUrl(value: string): boolean {
  try {
    return new URL(value).protocol === 'https:';
  } catch {
    return false;
  }
}

/** `kungörelse` / `announce`: compose, preview and confirm, stop. Coordinators only (decided from stored settings). */
export class AnnouncementHandlers {
  constructor(private readonly deps: AnnouncementDeps) {}

  async compose(caller: Caller): Promise<Reply[]> {
    const allowed = await coordinatorOnly(this.deps, caller.id);
    return allowed.ok ? [{ card: composeCard({}, caller.m) }] : [{ text: explain(allowed.error, caller.m) }];
  }

  /** The preview: the card as recipients see it and the confirmation with the count; or the form with what to correct. */
  async preview(caller: Caller, raw: Readonly<Record<string, string>>): Promise<ActionOutcome> {
    const read = readDraft(raw, caller.m);
    if ('errors' in read) return { send: [], card: composeCard({ values: raw, errors: read.errors }, caller.m) };
    const drafted = await draftAnnouncement(this.deps, caller.id, read.draft);
    if (!drafted.ok) return { send: [{ text: drafted.error.code === 'NOT_FOUND' ? caller.m.announce.confirm.noCohort : explain(drafted.error, caller.m) }] };
    const { campaign, unknownEmails } = drafted.value;
    return { send: [{ card: announcementCard(campaign, caller.m) }, { card: confirmCard(campaign, unknownEmails, caller.m) }] };
  }

  async send(caller: Caller, ref: CampaignRef): Promise<ActionOutcome> {
    const sent = await sendAnnouncement(this.deps, caller.id, ref.campaignId);
    if (!sent.ok) return { send: [], card: noticeCard(sent.error.code === 'ILLEGAL_TRANSITION' ? caller.m.announce.confirm.alreadySent : explain(sent.error, caller.m)) };
    return { send: [], card: noticeCard(caller.m.announce.confirm.sending) };
  }

  /** From the confirmation (a draft: nothing goes) or the progress card (what is left does not go). */
  async cancel(caller: Caller, ref: CampaignRef): Promise<ActionOutcome> {
    const found = await this.deps.campaigns.get(ref.campaignId);
    const wasDraft = found?.value.state === 'draft';
    const cancelled = await cancelAnnouncement(this.deps, caller.id, ref.campaignId);
    if (!cancelled.ok) return { send: [{ text: cancelled.error.code === 'ILLEGAL_TRANSITION' ? caller.m.announce.confirm.alreadySent : explain(cancelled.error, caller.m) }] };
    const text = wasDraft ? caller.m.announce.confirm.cancelledDraft : caller.m.announce.progress.stopped;
    return wasDraft ? { send: [], card: noticeCard(text) } : { send: [{ text }] };
  }
}
