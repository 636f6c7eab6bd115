import { teamOf, type Application } from './application';
import type { Actor, Change } from './application.lifecycle';
import { auditFor } from './audit-event';
import type { Cohort } from './cohort';
import { isIsoDate, swedishInstant } from './dates';
import { aboutApplication, notify } from './notification';
import { err, ok, type Result } from './result';
import { JUDGED_STATES } from './tally';

/**
 * Meeting the candidates (issue 17, optional per cohort): after the ranking and before `lås urval`, coordinators
 * invite a shortlist of applications to a meeting; each member of a team (the applicant and the co-applicants who
 * confirmed) answers "Jag kommer" or "Jag behöver en annan tid"; coordinators keep notes of the meeting on the
 * application. The meeting lives on each application it concerns, so an invitation, an answer and a note are each
 * one guarded write with its audit event and messages (the outbox). Pure: no frameworks, no I/O.
 */

/** A note is typed after `anteckning <id>` in one message, which is read up to MAX_COMMAND_LENGTH (1 000) characters. */
export const MEETING_LIMITS = { place: 200, link: 500, comment: 300, note: 900, notes: 30, shortlist: 20 } as const;

export const MEETING_ANSWERS = ['coming', 'otherTime'] as const;
export type MeetingAnswerKind = (typeof MEETING_ANSWERS)[number];

export interface MeetingAnswer {
  readonly personId: string;
  readonly name: string;
  readonly answer: MeetingAnswerKind;
  readonly comment?: string;
  readonly at: string;
}

/** One invitation of one application to a meeting: when, where (a place, a Teams link or both), who invited. */
export interface CandidateMeeting {
  /** The same for every application invited together (a short id). */
  readonly id: string;
  /** The instant it starts (ISO), from a Swedish date and time. */
  readonly at: string;
  readonly place?: string;
  readonly link?: string;
  readonly invitedBy: string;
  readonly invitedAt: string;
  readonly answers: readonly MeetingAnswer[];
}

export interface MeetingNote {
  readonly at: string;
  readonly by: string;
  readonly byName: string;
  readonly text: string;
}

/** Why a meeting step is refused; each is said in the person's language. */
export const MEETING_REFUSALS = ['noRanking', 'selectionLocked', 'notCandidate', 'notInvited', 'notYours', 'otherMeeting', 'noteEmpty', 'noteTooLong', 'tooManyNotes'] as const;
export type MeetingRefusal = (typeof MEETING_REFUSALS)[number];

/** The fields of the invitation card that can be wrong, each with why. */
export type MeetingFieldError =
  | { readonly field: 'applications'; readonly reason: 'none' | 'tooMany' | 'unknown'; readonly ids?: readonly string[] }
  | { readonly field: 'date'; readonly reason: 'invalid' | 'past' }
  | { readonly field: 'time'; readonly reason: 'invalid' }
  | { readonly field: 'link'; readonly reason: 'notHttps' | 'tooLong' }
  | { readonly field: 'place'; readonly reason: 'missing' | 'tooLong' };

/** Candidates can be met once the jury round has opened (a ranking exists) and until the selection is locked. */
export function mayMeetCandidates(cohort: Cohort): Result<true, MeetingRefusal> {
  if (cohort.selectionLockedAt) return err('selectionLocked');
  if (!cohort.juryRound) return err('noRanking');
  return ok(true);
}

/** Application ids as typed ("A-7K3QX2, a-9xyz12 …"): upper-cased, deduplicated, in order; one linear split. */
export function shortlistOf(typed: string): string[] {
  const ids = typed.slice(0, 2000).toUpperCase().split(/[\s,;]+/).filter(Boolean);
  return [...new Set(ids)];
}

const TIME = /^([01]\d|2[0-3]):([0-5]\d)$/;

/**
 * When and where, from the card's fields: a date and time in Swedish time that is still to come, and a place, an
 * https link (a Teams meeting) or both. Every field is checked and every error returned.
 */
export function meetingWhenWhere(
  input: { readonly date: string; readonly time: string; readonly place: string; readonly link: string },
  now: Date,
): Result<{ at: string; place?: string; link?: string }, MeetingFieldError[]> {
  const errors: MeetingFieldError[] = [];
  const time = TIME.exec(input.time.trim());
  if (!time) errors.push({ field: 'time', reason: 'invalid' });
  const date = input.date.trim();
  let at: Date | undefined;
  if (!isIsoDate(date)) errors.push({ field: 'date', reason: 'invalid' });
  else {
    at = swedishInstant(date, time ? Number(time[1]) : 23, time ? Number(time[2]) : 59);
    if (at.getTime() <= now.getTime()) errors.push({ field: 'date', reason: 'past' });
  }
  const place = input.place.replace(/\s+/g, ' ').trim();
  const link = input.link.trim();
  if (place.length > MEETING_LIMITS.place) errors.push({ field: 'place', reason: 'tooLong' });
  if (link.length > MEETING_LIMITS.link) errors.push({ field: 'link', reason: 'tooLong' });
  else if (link && !isHttpsLink(link)) errors.push({ field: 'link', reason: 'notHttps' });
  if (!place && !link) errors.push({ field: 'place', reason: 'missing' });
  if (errors.length > 0 || !at) return err(errors);
  return ok({ at: at.toISOString(), ...(place ? { place } : {}), ...(link ? { link } : {}) });
}

function isHttpsLink(value: string): boolean {
  if (/\s/.test(value)) return false;
  try {
    const url = new URL(value);
    return url.protocol === 'https:' && url.hostname.length > 0 && !url.username && !url.password;
  } catch {
    return false;
  }
}

/**
 * A meeting's id, from when and where: the same card sent twice (a double click, a retry) is the same meeting, and
 * every application already invited to it is left as it is (ADR 0011), so nobody gets the invitation twice. Two
 * 32-bit FNV-1a hashes of the text (linear, capped fields), as 16 hexadecimal digits.
 */
export function meetingIdOf(when: { readonly at: string; readonly place?: string; readonly link?: string }): string {
  const text = `${when.at}|${when.place ?? ''}|${when.link ?? ''}`;
  let a = 0x811c9dc5;
  let b = 0x01000193;
  for (let i = 0; i < text.length; i++) {
    a = Math.imul(a ^ text.charCodeAt(i), 0x01000193) >>> 0;
    b = Math.imul(b ^ text.charCodeAt(text.length - 1 - i), 0x811c9dc5 | 1) >>> 0;
  }
  return `M-${a.toString(16).padStart(8, '0')}${b.toString(16).padStart(8, '0')}`.toUpperCase();
}

/** The application invited to the meeting: its team is told. The same meeting again changes nothing. */
export function invitedOf(current: Application, meeting: Omit<CandidateMeeting, 'answers'>, actor: Actor, now: Date, auditId: string): Result<Change, MeetingRefusal> {
  if (!JUDGED_STATES.includes(current.state)) return err('notCandidate');
  if (current.meeting?.id === meeting.id) return ok({ application: current, audit: null, notifications: [] });
  const application: Application = { ...current, meeting: { ...meeting, answers: [] }, updatedAt: now.toISOString() };
  return ok({
    application,
    audit: auditFor(current, application, 'meetingInvited', actor, now.toISOString(), auditId),
    notifications: notify(aboutApplication(current), 'candidateMeeting', teamOf(current), `${current.id}/meeting/${meeting.id}`, { meetingId: meeting.id }),
  });
}

/**
 * A member of the team answers the invitation to `meetingId`, decided by their verified id: someone outside the team
 * is refused whatever the card says. The same answer again changes nothing; asking for another time tells the
 * coordinator who invited.
 */
export function answeredOf(
  current: Application,
  person: { readonly id: string; readonly name: string },
  meetingId: string,
  answer: MeetingAnswerKind,
  comment: string,
  now: Date,
  auditId: string,
): Result<Change, MeetingRefusal> {
  if (!teamOf(current).includes(person.id)) return err('notYours');
  const meeting = current.meeting;
  if (!meeting) return err('notInvited');
  if (meeting.id !== meetingId) return err('otherMeeting');
  const said = comment.replace(/\s+/g, ' ').trim().slice(0, MEETING_LIMITS.comment);
  const before = meeting.answers.find((a) => a.personId === person.id);
  if (before && before.answer === answer && (before.comment ?? '') === said) return ok({ application: current, audit: null, notifications: [] });
  const given: MeetingAnswer = { personId: person.id, name: person.name, answer, ...(said ? { comment: said } : {}), at: now.toISOString() };
  const application: Application = {
    ...current,
    meeting: { ...meeting, answers: [...meeting.answers.filter((a) => a.personId !== person.id), given] },
    updatedAt: now.toISOString(),
  };
  return ok({
    application,
    // Without a reason: the answer is on the application, and a word like "otherTime" says nothing in a timeline.
    audit: auditFor(current, application, 'meetingAnswered', { id: person.id, kind: 'applicant' }, now.toISOString(), auditId),
    notifications:
      answer === 'otherTime'
        ? notify(aboutApplication(current), 'candidateMeetingOtherTime', [meeting.invitedBy], `${current.id}/meeting/${meeting.id}/other-time/${person.id}/${now.toISOString()}`, {
            name: person.name,
            comment: said,
          })
        : [],
  });
}

/** A coordinator's note of the meeting, kept on the application (for coordinators) and audited (who and when). */
export function notedOf(current: Application, actor: Actor & { readonly name: string }, text: string, now: Date, auditId: string): Result<Change, MeetingRefusal> {
  if (text.length > MEETING_LIMITS.note * 2) return err('noteTooLong');
  const note = text.replace(/[ \t]+/g, ' ').trim();
  if (!note) return err('noteEmpty');
  if (note.length > MEETING_LIMITS.note) return err('noteTooLong');
  const notes = current.meetingNotes ?? [];
  if (notes.length >= MEETING_LIMITS.notes) return err('tooManyNotes');
  const application: Application = { ...current, meetingNotes: [...notes, { at: now.toISOString(), by: actor.id, byName: actor.name, text: note }], updatedAt: now.toISOString() };
  return ok({ application, audit: auditFor(current, application, 'meetingNoted', actor, now.toISOString(), auditId), notifications: [] });
}
