import { teamNamesOf, teamOf, type Application } from '../../domain/application';
import { MEETING_LIMITS, type CandidateMeeting, type MeetingFieldError } from '../../domain/candidate-meeting';
import type { Messages } from '../../i18n';
import { card, dateInput, executeAction, facts, field, heading, openUrlAction, plain, text, textInput, title, userText, type AdaptiveCard, type CardElement } from './card-kit';
import { VERBS } from './verbs';

/** Swedish wall-clock time, "13:30", the same in both languages. Built once. */
const TIME = new Intl.DateTimeFormat('sv-SE', { hour: '2-digit', minute: '2-digit', timeZone: 'Europe/Stockholm' });

/** When a meeting starts, as a person reads it ("3 april 2026 kl. 13:30"). */
export const meetingWhen = (at: string, m: Messages): string => m.meeting.at(m.date(at), TIME.format(new Date(at)));

/** What the coordinator typed, kept when the card comes back with errors. */
export interface MeetingFormValues {
  readonly applications?: string;
  readonly date?: string;
  readonly time?: string;
  readonly place?: string;
  readonly link?: string;
}

/** The errors of the form, each under its field, in the coordinator's language. */
function fieldErrors(errors: readonly MeetingFieldError[], m: Messages): Record<MeetingFieldError['field'], string[]> {
  const f = m.meeting.fieldErrors;
  const out: Record<MeetingFieldError['field'], string[]> = { applications: [], date: [], time: [], place: [], link: [] };
  for (const e of errors) {
    if (e.field === 'applications') out.applications.push(e.reason === 'none' ? f.none : e.reason === 'tooMany' ? f.tooMany : f.unknown((e.ids ?? []).map(plain).join(', ')));
    else if (e.field === 'date') out.date.push(e.reason === 'past' ? f.datePast : f.dateInvalid);
    else if (e.field === 'time') out.time.push(f.timeInvalid);
    else if (e.field === 'link') out.link.push(e.reason === 'notHttps' ? f.notHttps : f.linkTooLong);
    else out.place.push(e.reason === 'missing' ? f.placeMissing : f.placeTooLong);
  }
  return out;
}

/** `kandidatmöte`: the shortlist and when and where, sent with one button (coordinators only, checked on the server). */
export function meetingFormCard(values: MeetingFormValues, errors: readonly MeetingFieldError[], m: Messages): AdaptiveCard {
  const f = m.meeting.form;
  const e = fieldErrors(errors, m);
  return card(
    [
      title(f.title),
      text(f.intro, { isSubtle: true }),
      ...field(textInput('applications', f.applications, values.applications ?? '', { maxLength: 400, placeholder: 'A-7K3QX2, A-9XYZ12' }), e.applications),
      ...field(dateInput('date', f.date, values.date ?? ''), e.date),
      ...field({ type: 'Input.Time', id: 'time', label: f.time, value: values.time ?? '' }, e.time),
      ...field(textInput('place', f.place, values.place ?? '', { maxLength: MEETING_LIMITS.place }), e.place),
      ...field(textInput('link', f.link, values.link ?? '', { maxLength: MEETING_LIMITS.link, placeholder: 'https://teams.microsoft.com/l/meetup-join/…' }), e.link),
    ],
    [executeAction(f.send, VERBS.meetingInvite, {}, 'positive')],
  );
}

/** When and where, as facts. */
function whenWhere(meeting: CandidateMeeting, m: Messages): CardElement {
  const c = m.meeting.card;
  return facts([[c.when, meetingWhen(meeting.at, m)], ...(meeting.place ? ([[c.place, plain(meeting.place)]] as const) : []), ...(meeting.link ? ([[c.link, plain(meeting.link)]] as const) : [])]);
}

/**
 * To each member of a shortlisted team: when and where, "Jag kommer" and "Jag behöver en annan tid" (with a short
 * comment). The buttons carry the application and the meeting; who answers is the verified person who clicks.
 */
export function meetingInvitationCard(application: Application, meeting: CandidateMeeting, m: Messages): AdaptiveCard {
  const c = m.meeting.card;
  const ref = { applicationId: application.id, cohortId: application.cohortId, meetingId: meeting.id };
  return card(
    [title(c.title), text(c.body(plain(application.idea?.title ?? application.id))), whenWhere(meeting, m), textInput('comment', c.comment, '', { maxLength: MEETING_LIMITS.comment, multiline: true })],
    [
      executeAction(c.coming, VERBS.meetingAnswer, { ...ref, answer: 'coming' }, 'positive'),
      executeAction(c.otherTime, VERBS.meetingAnswer, { ...ref, answer: 'otherTime' }),
      // Only a link that was checked as https when it was saved (domain/candidate-meeting.ts).
      ...(meeting.link ? [openUrlAction(c.openLink, meeting.link)] : []),
    ],
  );
}

/** How many invited applications `kandidatmöten` shows (the largest teams with every comment stay a Teams message). */
export const MEETINGS_SHOWN = 15;
/** A text cut for the list (the whole is on the application): at most `n` characters. */
const cut = (value: string, n: number): string => (value.length > n ? `${value.slice(0, n)}…` : value);

/** `kandidatmöten`: each invited application, when, and every member's answer (or none yet), with its notes counted. */
export function meetingsListCard(data: { readonly cohortName: string; readonly applications: readonly Application[]; readonly more: boolean }, m: Messages): AdaptiveCard {
  const l = m.meeting.list;
  if (data.applications.length === 0) return card([title(l.title(plain(data.cohortName))), text(l.none)]);
  const rows = data.applications.flatMap((a): CardElement[] => {
    if (!a.meeting) return [];
    const meeting = a.meeting;
    const names = teamNamesOf(a);
    const answers = teamOf(a).map((id, i) => {
      const given = meeting.answers.find((x) => x.personId === id);
      const who = plain(given?.name ?? names[i] ?? id);
      return given ? `${who}: ${l.answer[given.answer]}${given.comment ? ` (${plain(cut(given.comment, 60))})` : ''}` : `${who}: ${l.noAnswer}`;
    });
    return [
      heading(`${a.id} · ${plain(cut(a.idea?.title ?? '', 80))}`),
      text(`${meetingWhen(meeting.at, m)}${meeting.place ? ` · ${plain(cut(meeting.place, 60))}` : ''}${a.meetingNotes?.length ? ` · ${l.notes(a.meetingNotes.length)}` : ''}`, { isSubtle: true, spacing: 'None' }),
      text(answers.map((x) => `- ${x}`).join('\n'), { spacing: 'None' }),
    ];
  });
  return card([title(l.title(plain(data.cohortName))), ...rows, ...(data.more ? [text(l.more, { isSubtle: true })] : [])]);
}

/** How many of the latest notes `visa` shows (each up to 1 000 characters: the card stays a Teams message). */
export const NOTES_SHOWN = 5;

/** The meeting and its notes on a coordinator's view of the application (`visa`). */
export function meetingSection(application: Application, m: Messages): CardElement[] {
  const s = m.meeting.show;
  const notes = application.meetingNotes ?? [];
  const shown = notes.slice(-NOTES_SHOWN);
  return [
    ...(application.meeting ? [heading(s.meeting), whenWhere(application.meeting, m)] : []),
    ...(notes.length > 0
      ? [
          heading(s.notes),
          ...(notes.length > shown.length ? [text(s.earlier(notes.length - shown.length), { isSubtle: true, size: 'Small' })] : []),
          ...shown.flatMap((n) => [text(`${m.date(n.at)} · ${plain(n.byName)}`, { isSubtle: true, size: 'Small' }), userText(n.text)]),
        ]
      : []),
  ];
}
