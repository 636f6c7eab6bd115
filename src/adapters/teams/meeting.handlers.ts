import { z } from 'zod';
import { MEETING_ANSWERS, mayMeetCandidates } from '../../domain/candidate-meeting';
import { answerMeeting, inviteToMeeting, meetingsOf, noteMeeting, type MeetingProblem } from '../../use-cases/programme/candidate-meetings';
import { coordinatorsCohort, type ProgrammeDeps } from '../../use-cases/programme/deps';
import { noticeCard } from '../cards/application.cards';
import { MEETINGS_SHOWN, meetingFormCard, meetingsListCard, meetingWhen } from '../cards/candidate-meeting.cards';
import { ApplicationId, CohortId } from './card-refs';
import { explain } from './explain';
import { plain } from '../cards/card-kit';
import type { ActionOutcome, Caller, Reply } from './turn';

/** The answer on an invitation: which application and meeting, and the answer. Untrusted, so parsed; who answers is the caller. */
export const MeetingAnswerData = z.object({ applicationId: ApplicationId, cohortId: CohortId, meetingId: z.string().regex(/^M-[0-9A-Z]{1,32}$/), answer: z.enum(MEETING_ANSWERS) });
export type MeetingAnswerData = z.output<typeof MeetingAnswerData>;

/** A typed field as it may be read: a string, cut long before any rule reads it (each rule has a smaller limit). */
const capped = (raw: Readonly<Record<string, string>>, key: string, max: number): string => (raw[key] ?? '').slice(0, max);

/** Meeting the candidates (issue 17): coordinators' commands and card, and the candidates' answers. */
export class MeetingHandlers {
  constructor(private readonly deps: ProgrammeDeps) {}

  private problem(caller: Caller, p: MeetingProblem): string {
    return p.kind === 'meeting' ? caller.m.meeting.refused[p.refusal] : p.kind === 'refusal' ? explain(p.refusal, caller.m) : caller.m.intake.fixFields;
  }

  /** `kandidatmöte`: the card, or at once why not now (all of it is checked again when the card is sent). */
  async form(caller: Caller): Promise<Reply[]> {
    const cohort = await coordinatorsCohort(this.deps, caller.id, 'current');
    if (!cohort.ok) return [{ text: explain(cohort.error, caller.m) }];
    const allowed = mayMeetCandidates(cohort.value);
    if (!allowed.ok) return [{ text: caller.m.meeting.refused[allowed.error] }];
    return [{ card: meetingFormCard({}, [], caller.m) }];
  }

  /** The card sent: the shortlist invited, or the card again with every error under its field. */
  async invite(caller: Caller, raw: Readonly<Record<string, string>>): Promise<ActionOutcome> {
    const values = { applications: capped(raw, 'applications', 2000), date: capped(raw, 'date', 40), time: capped(raw, 'time', 20), place: capped(raw, 'place', 1000), link: capped(raw, 'link', 1000) };
    const done = await inviteToMeeting(this.deps, caller.id, values);
    if (done.ok) {
      const at = done.value.invited[0]?.meeting?.at;
      return { send: [], card: noticeCard(caller.m.meeting.invited(done.value.invited.length, at ? meetingWhen(at, caller.m) : '')) };
    }
    if (done.error.kind === 'fields') return { send: [], card: meetingFormCard(values, done.error.errors, caller.m) };
    return { send: [], card: noticeCard(this.problem(caller, done.error)) };
  }

  /** "Jag kommer" / "Jag behöver en annan tid": the caller's own answer, or why not. */
  async answer(caller: Caller, data: MeetingAnswerData, raw: Readonly<Record<string, string>>): Promise<ActionOutcome> {
    const done = await answerMeeting(this.deps, caller, data, data.meetingId, data.answer, capped(raw, 'comment', 1000));
    return { send: [], card: noticeCard(done.ok ? caller.m.meeting.answered[data.answer] : this.problem(caller, done.error)) };
  }

  /** `kandidatmöten`. */
  async list(caller: Caller): Promise<Reply[]> {
    const found = await meetingsOf(this.deps, caller.id, MEETINGS_SHOWN);
    return found.ok ? [{ card: meetingsListCard({ cohortName: found.value.cohort.name, applications: found.value.applications, more: found.value.more }, caller.m) }] : [{ text: explain(found.error, caller.m) }];
  }

  /** `anteckning <id> <text>`: split at the first run of white space after the id (linear; the text is capped). */
  async note(caller: Caller, args: string): Promise<Reply[]> {
    const m = caller.m.meeting;
    const text = args.trim();
    const gap = /\s/.exec(text);
    if (!text || !gap) return [{ text: m.noteUsage }];
    const id = text.slice(0, gap.index);
    const done = await noteMeeting(this.deps, caller, id, text.slice(gap.index + 1));
    if (done.ok) return [{ text: m.noted(done.value.application.id) }];
    return [{ text: done.error.kind === 'refusal' && done.error.refusal.code === 'NOT_FOUND' ? caller.m.programme.show.notFound(plain(id.slice(0, 40))) : this.problem(caller, done.error) }];
  }
}
