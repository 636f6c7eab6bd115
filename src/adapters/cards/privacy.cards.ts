import { RECORD_TYPES, retentionRules, retentionOf, type RetentionSettings } from '../../domain/retention';
import type { RegisterExtract } from '../../domain/register-extract';
import type { Messages } from '../../i18n';
import { bullets, card, facts, heading, openUrlAction, plain, text, title, type AdaptiveCard } from './card-kit';
import { ruleText } from '../../i18n/retention-words';

/** The most applications the summary card lists by name (the rest are counted; the whole extract is in the tab). */
const APPLICATIONS_SHOWN = 10;

/**
 * `mina uppgifter` / `registerutdrag <e-post>`: the register extract in brief (GDPR art. 15, ADR 0019): who, roles,
 * the applications by id and title, and how many of each other kind of record; the whole extract downloads from the
 * tab (JSON and Excel). Everything the person typed is shown as plain text.
 */
export function registerExtractCard(extract: RegisterExtract, m: Messages, options: { readonly forOther: boolean; readonly tabLink?: string }): AdaptiveCard {
  const e = m.privacy.extract;
  const at = m.privacy.at(extract.generatedAt);
  const p = extract.person;
  const r = extract.roles;
  const roles = [
    ...(r.coordinator ? [e.role.coordinator] : []),
    ...(r.steeringGroup ? [e.role.steeringGroup] : []),
    ...r.hrContactFor.map((x) => e.role.hrContact(x)),
    ...r.jurorIn.map((c) => e.role.juror(plain(c))),
    ...r.mentorIn.map((c) => e.role.mentor(plain(c))),
    ...r.sponsorIn.map((c) => e.role.sponsor(plain(c))),
  ];
  const c = e.count;
  const counts: [string, number][] = [
    [c.applications(extract.applications.length), extract.applications.length],
    [c.approvalsDecided(extract.approvalsDecided.length), extract.approvalsDecided.length],
    [c.scores(extract.scores.length), extract.scores.length],
    [c.recusals(extract.recusals.length), extract.recusals.length],
    [c.expenses(extract.expenses.length), extract.expenses.length],
    [c.recommendations(extract.recommendationsGiven.length + extract.recommendationsReceived.length), extract.recommendationsGiven.length + extract.recommendationsReceived.length],
    [c.meetingInvitations(extract.meetingInvitations.length), extract.meetingInvitations.length],
    [c.supportRoles(extract.supportRoles.length), extract.supportRoles.length],
    [c.audit(extract.audit.length), extract.audit.length],
    [c.messages(extract.messages.length), extract.messages.length],
    [c.exports(extract.exports.length), extract.exports.length],
  ];
  const shown = extract.applications.slice(0, APPLICATIONS_SHOWN);
  return card(
    [
      title(options.forOther ? e.titleFor(plain(p.name)) : e.title),
      text(options.forOther ? e.introFor(plain(p.name), at) : e.intro(at), { isSubtle: true }),
      heading(e.person),
      facts([
        [e.name, plain(p.name)],
        [e.email, plain(p.email)],
        ...(p.municipality ? [[m.intake.fields.municipality, p.municipality] as const] : []),
        ...(p.administration ? [[m.intake.fields.administration, plain(p.administration)] as const] : []),
        ...(p.workplace ? [[m.intake.fields.workplace, plain(p.workplace)] as const] : []),
      ]),
      heading(e.roles),
      roles.length > 0 ? bullets(roles) : text(e.noRoles),
      heading(e.counts),
      bullets(counts.filter(([, n]) => n > 0).map(([line]) => line)),
      ...(shown.length > 0 ? [bullets(shown.map((a) => e.application(a.id, plain(a.title ?? ''), a.as === 'applicant' ? e.asApplicant : e.asCoApplicant, m.states[a.state])))] : []),
      text(e.conversation(extract.conversation.stored)),
      ...(extract.restriction ? [text(e.restricted(plain(extract.restriction.reason), m.privacy.at(extract.restriction.at)), { color: 'attention', wrap: true })] : []),
      text(e.download, { isSubtle: true }),
    ],
    options.tabLink ? [openUrlAction(e.open, options.tabLink)] : [],
  );
}

/** `integritet` / `privacy`: the privacy notice, its retention read from the rules in force (so it stays true). */
export function privacyCard(retention: RetentionSettings | undefined, m: Messages, tabLink?: string): AdaptiveCard {
  const n = m.privacy.notice;
  const rules = retentionRules(retentionOf(retention));
  return card(
    [
      title(n.title),
      heading(n.controllerTitle),
      text(n.controller),
      heading(n.whatTitle),
      text(n.what),
      heading(n.retentionTitle),
      bullets(RECORD_TYPES.map((type) => n.rule(m.disposal.recordType[type], ruleText(rules[type], m)))),
      heading(n.publicRecordsTitle),
      text(m.intake.review.privacy),
      heading(n.rightsTitle),
      text(n.rights),
      heading(n.extractTitle),
      text(n.extract),
    ],
    tabLink ? [openUrlAction(m.privacy.extract.open, tabLink)] : [],
  );
}
