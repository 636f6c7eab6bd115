import type { Application } from '../../src/domain/application';
import { answeredOf, invitedOf, mayMeetCandidates, MEETING_LIMITS, meetingIdOf, meetingWhenWhere, notedOf, shortlistOf } from '../../src/domain/candidate-meeting';
import { demoCohort } from '../../src/demo/demo';
import { anApplication } from '../builders/application.builder';

const now = new Date('2026-03-15T12:00:00Z');
const cohort = demoCohort(now);
const coordinator = { id: 'c', kind: 'coordinator' as const };
const meeting = { id: 'M-1', at: '2026-03-20T12:30:00.000Z', place: 'Stadshuset', invitedBy: 'c', invitedAt: now.toISOString() };
const team = (overrides: Partial<Application> = {}) =>
  anApplication({ state: 'inReview', applicantId: 'lead', coApplicants: [{ personId: 'co', name: 'Co', status: 'confirmed', invitedAt: now.toISOString() }, { personId: 'maybe', name: 'Maybe', status: 'invited', invitedAt: now.toISOString() }], ...overrides });

describe('when candidates can be met: after the ranking, before the selection is locked', () => {
  it.each([
    ['intake, no jury round yet', {}, { ok: false, error: 'noRanking' }],
    ['jury round open (a ranking exists)', { juryRound: 'open' as const }, { ok: true, value: true }],
    ['jury round locked', { juryRound: 'locked' as const }, { ok: true, value: true }],
    ['selection locked', { juryRound: 'locked' as const, selectionLockedAt: now.toISOString() }, { ok: false, error: 'selectionLocked' }],
  ])('%s', (_name, extra, expected) => {
    expect(mayMeetCandidates({ ...cohort, ...extra })).toEqual(expected);
  });
});

describe('when and where: a time to come in Swedish time, a place or an https link', () => {
  const ok = { date: '2026-03-20', time: '13:30', place: 'Stadshuset', link: '' };
  it.each([
    ['a place, 13:30 Swedish (winter) time', ok, { ok: true, value: { at: '2026-03-20T12:30:00.000Z', place: 'Stadshuset' } }],
    ['summer time', { ...ok, date: '2026-04-20' }, { ok: true, value: { at: '2026-04-20T11:30:00.000Z', place: 'Stadshuset' } }],
    ['a Teams link only', { ...ok, place: ' ', link: 'https://teams.microsoft.com/l/meetup-join/x' }, { ok: true, value: { at: '2026-03-20T12:30:00.000Z', link: 'https://teams.microsoft.com/l/meetup-join/x' } }],
    ['in the past', { ...ok, date: '2026-03-15', time: '12:00' }, { ok: false, error: [{ field: 'date', reason: 'past' }] }],
    ['not a date', { ...ok, date: '20 mars' }, { ok: false, error: [{ field: 'date', reason: 'invalid' }] }],
    ['not a time', { ...ok, time: '24:00' }, { ok: false, error: [{ field: 'time', reason: 'invalid' }] }],
    ['an http link', { ...ok, link: 'http://example.org' }, { ok: false, error: [{ field: 'link', reason: 'notHttps' }] }],
    ['a javascript link', { ...ok, link: 'javascript:alert(1)' }, { ok: false, error: [{ field: 'link', reason: 'notHttps' }] }],
    ['a link with a password', { ...ok, link: 'https://a:b@example.org' }, { ok: false, error: [{ field: 'link', reason: 'notHttps' }] }],
    ['a link with spaces', { ...ok, link: 'https://example.org/a b' }, { ok: false, error: [{ field: 'link', reason: 'notHttps' }] }],
    ['a link too long', { ...ok, link: `https://example.org/${'a'.repeat(MEETING_LIMITS.link)}` }, { ok: false, error: [{ field: 'link', reason: 'tooLong' }] }],
    ['neither place nor link', { ...ok, place: '' }, { ok: false, error: [{ field: 'place', reason: 'missing' }] }],
    ['a place too long', { ...ok, place: 'å'.repeat(MEETING_LIMITS.place + 1) }, { ok: false, error: [{ field: 'place', reason: 'tooLong' }] }],
    ['everything wrong at once', { date: '', time: '', place: '', link: 'ftp://x' }, { ok: false, error: [{ field: 'time', reason: 'invalid' }, { field: 'date', reason: 'invalid' }, { field: 'link', reason: 'notHttps' }] }],
  ])('%s', (_name, input, expected) => {
    expect(meetingWhenWhere(input, now)).toEqual(expected);
  });
});

describe('a meeting is named by when and where, so the same card sent twice is one meeting', () => {
  const when = { at: '2026-03-20T12:30:00.000Z', place: 'Stadshuset' };
  it.each([
    ['the same', when, true],
    ['another time', { ...when, at: '2026-03-20T13:30:00.000Z' }, false],
    ['another place', { ...when, place: 'Rådhuset' }, false],
    ['a link besides', { ...when, link: 'https://teams.microsoft.com/x' }, false],
  ])('%s', (_name, other, same) => {
    expect(meetingIdOf(other) === meetingIdOf(when)).toBe(same);
    expect(meetingIdOf(other)).toMatch(/^M-[0-9A-F]{16}$/);
  });
});

describe('the shortlist as typed', () => {
  it.each([
    ['commas and spaces, lower case, twice', 'a-7k3qx2, A-9XYZ12  a-7K3QX2', ['A-7K3QX2', 'A-9XYZ12']],
    ['semicolons and new lines', 'A-1;\nA-2', ['A-1', 'A-2']],
    ['nothing', '  , ;', []],
  ])('%s', (_name, typed, expected) => {
    expect(shortlistOf(typed)).toEqual(expected);
  });
});

describe('invited: applications in the jury round, each member told once', () => {
  it.each([
    ['in review', 'inReview', true],
    ['decided but not locked (waitlisted)', 'waitlisted', true],
    ['only approved (not in the round)', 'approved', false],
    ['withdrawn', 'withdrawn', false],
  ] as const)('%s', (_name, state, invited) => {
    const r = invitedOf(team({ state }), meeting, coordinator, now, 'e1');
    expect(r.ok).toBe(invited);
    if (r.ok) {
      expect(r.value.notifications.map((n) => n.recipientId)).toEqual(['lead', 'co']);
      expect(r.value.audit?.action).toBe('meetingInvited');
    }
  });
  it('the same meeting again writes nothing', () => {
    const first = invitedOf(team(), meeting, coordinator, now, 'e1');
    if (!first.ok) throw new Error('refused');
    const again = invitedOf(first.value.application, meeting, coordinator, now, 'e2');
    expect(again.ok && again.value.audit === null && again.value.notifications.length === 0).toBe(true);
  });
});

describe('answered: by members of the team, to the meeting they were invited to', () => {
  const invited = (() => {
    const r = invitedOf(team(), meeting, coordinator, now, 'e1');
    if (!r.ok) throw new Error('refused');
    return r.value.application;
  })();
  it.each([
    ['the lead applicant comes', 'lead', 'M-1', 'coming', { ok: true, told: [] as string[] }],
    ['a confirmed co-applicant needs another time: the coordinator who invited is told', 'co', 'M-1', 'otherTime', { ok: true, told: ['c'] }],
    ['a co-applicant who has not confirmed', 'maybe', 'M-1', 'coming', { ok: false, error: 'notYours' }],
    ['someone else', 'x', 'M-1', 'coming', { ok: false, error: 'notYours' }],
    ['an old card of another meeting', 'lead', 'M-0', 'coming', { ok: false, error: 'otherMeeting' }],
  ] as const)('%s', (_name, personId, meetingId, answer, expected) => {
    const r = answeredOf(invited, { id: personId, name: personId }, meetingId, answer, '  Jag  är bortrest. ', now, 'e2');
    expect(r.ok).toBe(expected.ok);
    if (r.ok && expected.ok) {
      expect(r.value.notifications.map((n) => n.recipientId)).toEqual(expected.told);
      expect(r.value.application.meeting?.answers).toEqual([{ personId, name: personId, answer, comment: 'Jag är bortrest.', at: now.toISOString() }]);
    } else if (!r.ok && !expected.ok) expect(r.error).toBe(expected.error);
  });
  it('not invited at all', () => {
    expect(answeredOf(team(), { id: 'lead', name: 'L' }, 'M-1', 'coming', '', now, 'e')).toEqual({ ok: false, error: 'notInvited' });
  });
  it('the same answer again writes nothing; a changed answer replaces it', () => {
    const first = answeredOf(invited, { id: 'lead', name: 'L' }, 'M-1', 'coming', '', now, 'e2');
    if (!first.ok) throw new Error('refused');
    const again = answeredOf(first.value.application, { id: 'lead', name: 'L' }, 'M-1', 'coming', '', now, 'e3');
    expect(again.ok && again.value.audit).toBe(null);
    const changed = answeredOf(first.value.application, { id: 'lead', name: 'L' }, 'M-1', 'otherTime', '', now, 'e4');
    expect(changed.ok && changed.value.application.meeting?.answers.map((a) => a.answer)).toEqual(['otherTime']);
  });
});

describe('notes of the meeting', () => {
  const who = { ...coordinator, name: 'Erik' };
  it.each([
    ['a note', 'Stark presentation.', { ok: true }],
    ['empty', '   ', { ok: false, error: 'noteEmpty' }],
    ['at the limit', 'å'.repeat(MEETING_LIMITS.note), { ok: true }],
    ['over the limit', 'å'.repeat(MEETING_LIMITS.note + 1), { ok: false, error: 'noteTooLong' }],
    ['huge (refused before any work)', 'å'.repeat(1_000_000), { ok: false, error: 'noteTooLong' }],
  ])('%s', (_name, text, expected) => {
    const r = notedOf(team(), who, text, now, 'e');
    expect(r.ok).toBe(expected.ok);
    if (r.ok) expect(r.value.audit).toMatchObject({ action: 'meetingNoted', actorId: 'c' });
    else expect(r.error).toBe((expected as { error: string }).error);
  });
  it('at most MEETING_LIMITS.notes on an application', () => {
    const full = team({ meetingNotes: Array.from({ length: MEETING_LIMITS.notes }, () => ({ at: now.toISOString(), by: 'c', byName: 'Erik', text: 'x' })) });
    expect(notedOf(full, who, 'En till.', now, 'e')).toEqual({ ok: false, error: 'tooManyNotes' });
  });
});
