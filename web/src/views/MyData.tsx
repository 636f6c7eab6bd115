import { Button, Field, Input, makeStyles, tokens } from '@fluentui/react-components';
import { useCallback, useRef, useState } from 'react';
import type { PrivacyResponse, RegisterExtractResponse } from '../../../src/adapters/tab/contract';
import { RECORD_TYPES, retentionRules } from '../../../src/domain/retention';
import type { Messages } from '../../../src/i18n';
import { ruleText } from '../../../src/i18n/retention-words';
import { saveFile } from '../api';
import { useMessages } from '../i18n';
import { Facts } from '../parts/Facts';
import { Heading } from '../parts/Heading';
import { Loading } from '../parts/Loading';
import { failureNotice, FailureBar, NoticeBar, type Notice } from '../parts/Notice';
import { useResource } from '../parts/useResource';
import { useSession } from '../session';

const useStyles = makeStyles({
  page: { display: 'grid', gap: tokens.spacingVerticalXL, minWidth: 0, maxWidth: '60rem' },
  section: { display: 'grid', gap: tokens.spacingVerticalM },
  row: { display: 'flex', flexWrap: 'wrap', gap: tokens.spacingHorizontalM, alignItems: 'end' },
  text: { margin: 0 },
  list: { margin: 0, paddingInlineStart: tokens.spacingHorizontalXL },
});

/** The file name a JSON download gets: the person's name, letters, digits and spaces only. */
const jsonName = (x: RegisterExtractResponse, m: Messages) => `${m.privacy.excel.file(x.person.name || x.person.id).replace(/[^\p{L}\p{N} ._-]+/gu, '').slice(0, 80)}.json`;

/** The extract in brief, as the chat's card has it: who, roles, how many of each record, the applications by id and title. */
function Summary({ extract: x, idPrefix }: { extract: RegisterExtractResponse; idPrefix: string }) {
  const m = useMessages();
  const styles = useStyles();
  const e = m.privacy.extract;
  const r = x.roles;
  const roles = [
    ...(r.coordinator ? [e.role.coordinator] : []),
    ...(r.steeringGroup ? [e.role.steeringGroup] : []),
    ...r.hrContactFor.map((v) => e.role.hrContact(v)),
    ...r.jurorIn.map((c) => e.role.juror(c)),
    ...r.mentorIn.map((c) => e.role.mentor(c)),
    ...r.sponsorIn.map((c) => e.role.sponsor(c)),
  ];
  const c = e.count;
  const counts = [
    c.applications(x.applications.length),
    c.approvalsDecided(x.approvalsDecided.length),
    c.scores(x.scores.length),
    c.recusals(x.recusals.length),
    c.expenses(x.expenses.length),
    c.recommendations(x.recommendationsGiven.length + x.recommendationsReceived.length),
    c.meetingInvitations(x.meetingInvitations.length),
    c.supportRoles(x.supportRoles.length),
    c.audit(x.audit.length),
    c.messages(x.messages.length),
    c.exports(x.exports.length),
  ];
  return (
    <>
      <section className={styles.section} aria-labelledby={`${idPrefix}-person`}>
        <Heading level={2} id={`${idPrefix}-person`}>
          {e.person}
        </Heading>
        <Facts rows={[[e.name, x.person.name], [e.email, x.person.email], x.person.municipality ? [m.intake.fields.municipality, x.person.municipality] : null, x.person.administration ? [m.intake.fields.administration, x.person.administration] : null, x.person.workplace ? [m.intake.fields.workplace, x.person.workplace] : null]} />
        {x.restriction ? <NoticeBar notice={{ intent: 'warning', text: e.restricted(x.restriction.reason, m.privacy.at(x.restriction.at)) }} /> : null}
      </section>
      <section className={styles.section} aria-labelledby={`${idPrefix}-roles`}>
        <Heading level={2} id={`${idPrefix}-roles`}>
          {e.roles}
        </Heading>
        {roles.length > 0 ? (
          <ul className={styles.list}>
            {roles.map((line) => (
              <li key={line}>{line}</li>
            ))}
          </ul>
        ) : (
          <p className={styles.text}>{e.noRoles}</p>
        )}
      </section>
      <section className={styles.section} aria-labelledby={`${idPrefix}-counts`}>
        <Heading level={2} id={`${idPrefix}-counts`}>
          {e.counts}
        </Heading>
        <ul className={styles.list}>
          {counts.map((line) => (
            <li key={line}>{line}</li>
          ))}
        </ul>
        {x.applications.length > 0 ? (
          <>
            <Heading level={3}>{m.privacy.tab.applicationsTitle}</Heading>
            <ul className={styles.list}>
              {x.applications.map((a) => (
                <li key={a.id}>{e.application(a.id, a.title ?? '', a.as === 'applicant' ? e.asApplicant : e.asCoApplicant, m.states[a.state])}</li>
              ))}
            </ul>
          </>
        ) : null}
        <p className={styles.text}>{e.conversation(x.conversation.stored)}</p>
      </section>
    </>
  );
}

/** "Ladda ner som JSON" and "Ladda ner som Excel", with the same sign-in as every request; what happened is said beside them. */
function Downloads({ extract, person }: { extract: RegisterExtractResponse; person?: string }) {
  const m = useMessages();
  const styles = useStyles();
  const { download } = useSession();
  const [busy, setBusy] = useState(false);
  const [notice, setNotice] = useState<Notice | null>(null);
  const running = useRef(false);
  const lang = m.tab.lang === 'en' ? 'en' : 'sv';
  const excel = async () => {
    if (running.current) return;
    running.current = true;
    setBusy(true);
    setNotice(null);
    try {
      const result = person === undefined ? await download('myData', { lang }) : await download('dataExtract', { person, lang });
      setNotice(result.ok ? { intent: 'success', text: m.privacy.tab.downloaded(result.data) } : failureNotice(result.failure, m));
    } finally {
      running.current = false;
      setBusy(false);
    }
  };
  const json = () => {
    const name = jsonName(extract, m);
    saveFile(new Blob([JSON.stringify(extract, null, 2)], { type: 'application/json' }), name);
    setNotice({ intent: 'success', text: m.privacy.tab.downloaded(name) });
  };
  return (
    <div className={styles.section}>
      <div className={styles.row}>
        <Button appearance="primary" onClick={json} data-download="json">
          {m.privacy.tab.downloadJson}
        </Button>
        <Button appearance="secondary" onClick={() => void excel()} disabled={busy} data-download="excel">
          {busy ? m.privacy.tab.downloading : m.privacy.tab.downloadExcel}
        </Button>
      </div>
      {notice ? <NoticeBar notice={notice} onDismiss={() => setNotice(null)} /> : null}
    </div>
  );
}

/** A coordinator's extract of a named person (who asked for it), by e-mail address: audited by the server. */
function ForOther() {
  const m = useMessages();
  const styles = useStyles();
  const { call } = useSession();
  const t = m.privacy.tab;
  const [person, setPerson] = useState('');
  const [asked, setAsked] = useState<string | null>(null);
  const [extract, setExtract] = useState<RegisterExtractResponse | null>(null);
  const [notice, setNotice] = useState<Notice | null>(null);
  const fetchIt = async () => {
    const named = person.trim();
    if (!named) return;
    setNotice(null);
    const result = await call('dataExtract', { person: named });
    if (result.ok) {
      setExtract(result.data);
      setAsked(named);
    } else {
      setExtract(null);
      setNotice(result.failure.kind === 'notFound' ? { intent: 'warning', text: m.privacy.extract.notFound } : failureNotice(result.failure, m));
    }
  };
  return (
    <section className={styles.section} aria-labelledby="extract-other">
      <Heading level={2} id="extract-other">
        {t.forOtherTitle}
      </Heading>
      <p className={styles.text}>{t.forOtherIntro}</p>
      <form
        className={styles.row}
        onSubmit={(e) => {
          e.preventDefault();
          void fetchIt();
        }}
      >
        <Field label={t.personLabel}>
          <Input type="email" value={person} maxLength={254} onChange={(_e, d) => setPerson(d.value)} />
        </Field>
        <Button appearance="secondary" type="submit">
          {t.fetch}
        </Button>
      </form>
      {notice ? <NoticeBar notice={notice} onDismiss={() => setNotice(null)} /> : null}
      {extract && asked ? (
        <div className={styles.section}>
          <p className={styles.text}>{m.privacy.extract.introFor(extract.person.name, m.privacy.at(extract.generatedAt))}</p>
          <Summary extract={extract} idPrefix="other" />
          <Downloads extract={extract} person={asked} />
        </div>
      ) : null}
    </section>
  );
}

/** 'Mina uppgifter': the register extract (GDPR art. 15) with its downloads; coordinators also make one for a named person. */
export function MyData() {
  const m = useMessages();
  const styles = useStyles();
  const { call, me } = useSession();
  const load = useCallback(() => call('myData', {}), [call]);
  const { resource, reload } = useResource(load);
  const data = resource.data;
  if (!data) {
    return resource.status === 'failed' ? (
      <>
        <Heading level={1} id="view-title" focusable>
          {m.privacy.extract.title}
        </Heading>
        <FailureBar failure={resource.failure} onRetry={() => void reload()} />
      </>
    ) : (
      <Loading />
    );
  }
  return (
    <div className={styles.page}>
      <Heading level={1} id="view-title" focusable>
        {m.privacy.extract.title}
      </Heading>
      <p className={styles.text}>{m.privacy.extract.intro(m.privacy.at(data.generatedAt))}</p>
      <Downloads extract={data} />
      <Summary extract={data} idPrefix="own" />
      {me.roles.includes('coordinator') ? <ForOther /> : null}
    </div>
  );
}

/** 'Integritet': the privacy notice, its retention from the rules in force, the same words as the chat's card. */
export function Privacy() {
  const m = useMessages();
  const styles = useStyles();
  const { call } = useSession();
  const load = useCallback(() => call('privacy', {}), [call]);
  const { resource, reload } = useResource(load);
  const data: PrivacyResponse | undefined = resource.data;
  const n = m.privacy.notice;
  if (!data) return resource.status === 'failed' ? <FailureBar failure={resource.failure} onRetry={() => void reload()} /> : <Loading />;
  const rules = retentionRules(data.retention);
  const parts: [string, string][] = [
    [n.controllerTitle, n.controller],
    [n.whatTitle, n.what],
  ];
  return (
    <div className={styles.page}>
      <Heading level={1} id="view-title" focusable>
        {n.title}
      </Heading>
      {parts.map(([title, text], i) => (
        <section key={title} className={styles.section} aria-labelledby={`privacy-${i}`}>
          <Heading level={2} id={`privacy-${i}`}>
            {title}
          </Heading>
          <p className={styles.text}>{text}</p>
        </section>
      ))}
      <section className={styles.section} aria-labelledby="privacy-retention">
        <Heading level={2} id="privacy-retention">
          {n.retentionTitle}
        </Heading>
        <ul className={styles.list}>
          {RECORD_TYPES.map((type) => (
            <li key={type}>{n.rule(m.disposal.recordType[type], ruleText(rules[type], m))}</li>
          ))}
        </ul>
      </section>
      {(
        [
          [n.publicRecordsTitle, m.intake.review.privacy],
          [n.rightsTitle, n.rights],
          [n.extractTitle, n.extract],
        ] as const
      ).map(([title, text], i) => (
        <section key={title} className={styles.section} aria-labelledby={`privacy-more-${i}`}>
          <Heading level={2} id={`privacy-more-${i}`}>
            {title}
          </Heading>
          <p className={styles.text}>{text}</p>
        </section>
      ))}
    </div>
  );
}
