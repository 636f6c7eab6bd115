import {
  Accordion,
  AccordionHeader,
  AccordionItem,
  AccordionPanel,
  Badge,
  Button,
  Dialog,
  DialogActions,
  DialogBody,
  DialogContent,
  DialogSurface,
  DialogTitle,
  DialogTrigger,
  Field,
  Input,
  Radio,
  RadioGroup,
  Select,
  makeStyles,
  tokens,
} from '@fluentui/react-components';
import { useCallback, useState, type FormEvent } from 'react';
import { PHASES, type ApiError, type ProgrammeResponse } from '../../../src/adapters/tab/contract';
import type { ResponseOf } from '../api';
import { GATE_OUTCOMES, IP_OWNERS, OUTCOME_KINDS, type GateOutcome, type IpOwner, type OutcomeKind } from '../../../src/domain/application';
import { formatSek } from '../../../src/domain/budget';
import { Facts } from '../parts/Facts';
import { Heading } from '../parts/Heading';
import { Loading } from '../parts/Loading';
import { failureNotice, NoticeBar, type Notice } from '../parts/Notice';
import { stateColour } from '../parts/Timeline';
import { useActions, type Perform, type PlacedNotice } from '../parts/useActions';
import { useResource } from '../parts/useResource';
import { refusalText } from '../problems';
import { useSession } from '../session';
import { cohortQuery, ExportButton, focusLater, municipalityName, Pending, Placed, Refreshing, Scroll, stateName, useStyles, ViewHead, type CohortProps } from './parts';
import { BudgetPart } from '../parts/BudgetPart';
import { useCoordinatorMessages } from './texts';

type Programme = ProgrammeResponse;
type Team = Programme['teams'][number];
type Phase = (typeof PHASES)[number];
type Role = 'mentor' | 'sponsor';

interface Actions {
  busy: string | null;
  notice: PlacedNotice | null;
  setNotice: (n: PlacedNotice | null) => void;
  perform: Perform<Programme>;
}

const useLocal = makeStyles({
  assign: { display: 'grid', gap: tokens.spacingVerticalS, flex: '1 1 18rem', maxWidth: '28rem', alignContent: 'start' },
  assignRow: { display: 'flex', flexWrap: 'wrap', gap: tokens.spacingHorizontalL, alignItems: 'start' },
});

/** States in which a team can take in a participant from another team at the gate (phase 1, and on to phase 2). */
const JOINABLE: ReadonlySet<Team['state']> = new Set(['phase1', 'continuing']);

/** 'Program': the cohort's settings, its phases, every team with its support, gate, outcome and budget, and the exports made. */
export function Programme({ cohortId, onCohort }: CohortProps) {
  const m = useCoordinatorMessages();
  const styles = useStyles();
  const { call } = useSession();
  const t = m.tab.programme;
  const load = useCallback(() => call('programme', cohortQuery(cohortId)), [call, cohortId]);
  const { resource, reload, set } = useResource(load, cohortId);
  const actions = useActions(reload);
  const data = resource.data;
  if (!data) return <Pending resource={resource} title={t.title} onRetry={() => void reload()} />;
  const c = data.cohort;
  const yesNo = (b: boolean) => (b ? m.tab.coordinator.yes : m.tab.coordinator.no);

  return (
    <div className={styles.page}>
      <ViewHead title={t.title} cohort={c} cohorts={data.cohorts} onCohort={onCohort}>
        <ExportButton exportId="ledger" request={cohortQuery(cohortId)} label={t.exportLedger} />
      </ViewHead>
      <Refreshing resource={resource} onRetry={() => void reload()} />
      <section className={styles.section} aria-labelledby="prog-settings">
        <Heading level={2} id="prog-settings">
          {t.settingsTitle}
        </Heading>
        <Facts
          columns
          rows={[
            [t.intakeOpensAt, m.tab.at(c.intakeOpensAt)],
            c.intakeClosedAt ? [t.intakeClosedAt, m.tab.at(c.intakeClosedAt)] : [t.intakeClosesAt, m.tab.at(c.intakeClosesAt)],
            [t.programmeStartsOn, m.date(c.programmeStartsOn)],
            [t.capacity, m.tab.coordinator.number(c.capacity)],
            [t.budget, formatSek(c.budgetPerParticipantOre)],
            [t.quorum, m.tab.coordinator.number(c.quorum)],
            [t.normalise, yesNo(c.normalise)],
            [t.round, t.rounds[c.round ?? 'none']],
            c.selectionLockedAt ? [t.selectionLockedAt, m.tab.at(c.selectionLockedAt)] : null,
          ]}
        />
      </section>

      <section className={styles.section} aria-labelledby="prog-phases">
        <Heading level={2} id="prog-phases">
          {t.phasesTitle}
        </Heading>
        <Scroll labelledBy="prog-phases-caption">
          <table className={styles.table}>
            <caption id="prog-phases-caption" className={styles.caption}>
              {t.phasesCaption}
            </caption>
            <thead>
              <tr>
                <th scope="col" className={styles.th}>
                  {t.phaseColumns.phase}
                </th>
                <th scope="col" className={`${styles.th} ${styles.num}`}>
                  {t.phaseColumns.started}
                </th>
                <th scope="col" className={`${styles.th} ${styles.num}`}>
                  {t.phaseColumns.waiting}
                </th>
                <th scope="col" className={styles.th}>
                  {t.phaseColumns.action}
                </th>
              </tr>
            </thead>
            <tbody>
              {data.phases.map((p) => (
                <tr key={p.phase}>
                  <th scope="row" className={styles.rowHead}>
                    {t.phase(p.phase)}
                  </th>
                  <td className={`${styles.td} ${styles.num}`}>{m.tab.coordinator.number(p.started)}</td>
                  <td className={`${styles.td} ${styles.num}`}>{m.tab.coordinator.number(p.waiting)}</td>
                  <td className={styles.td}>
                    <PhaseDialog phase={p.phase} data={data} set={set} actions={actions} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </Scroll>
        <Placed notice={actions.notice} at="phase" onDismiss={() => actions.setNotice(null)} />
      </section>

      <section className={styles.section} aria-labelledby="prog-teams">
        <Heading level={2} id="prog-teams">
          {t.teamsTitle}
        </Heading>
        {data.teams.length === 0 ? (
          <p className={styles.text}>{m.programme.participants.none}</p>
        ) : (
          <>
            <p className={styles.text}>{t.teamsIntro}</p>
            <Accordion multiple collapsible>
              {data.teams.map((team) => (
                <AccordionItem key={team.ref.applicationId} value={team.ref.applicationId}>
                  <AccordionHeader as="h3">
                    {team.title} · {municipalityName(team.municipality, m)} · {stateName(team.state, m)}
                  </AccordionHeader>
                  <AccordionPanel>
                    <TeamPanel team={team} teams={data.teams} set={set} actions={actions} />
                  </AccordionPanel>
                </AccordionItem>
              ))}
            </Accordion>
          </>
        )}
      </section>

      <section className={styles.section} aria-labelledby="prog-exports">
        <Heading level={2} id="prog-exports">
          {t.exportsTitle}
        </Heading>
        {data.exports.length === 0 ? (
          <p className={styles.text}>{t.exportsNone}</p>
        ) : (
          <Scroll labelledBy="prog-exports-caption">
            <table className={styles.table}>
              <caption id="prog-exports-caption" className={styles.caption}>
                {t.exportsCaption}
              </caption>
              <thead>
                <tr>
                  <th scope="col" className={styles.th}>
                    {t.exportColumns.at}
                  </th>
                  <th scope="col" className={styles.th}>
                    {t.exportColumns.by}
                  </th>
                  <th scope="col" className={styles.th}>
                    {t.exportColumns.what}
                  </th>
                  <th scope="col" className={`${styles.th} ${styles.num}`}>
                    {t.exportColumns.rows}
                  </th>
                </tr>
              </thead>
              <tbody>
                {data.exports.map((x, i) => (
                  <tr key={`${x.at}-${i}`}>
                    <td className={`${styles.td} ${styles.nowrap}`}>{m.tab.at(x.at)}</td>
                    <td className={styles.td}>{x.byName}</td>
                    <td className={styles.td}>{t.exportWhat[x.what] ?? x.what}</td>
                    <td className={`${styles.td} ${styles.num}`}>{m.tab.coordinator.number(x.rows)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </Scroll>
        )}
      </section>
    </div>
  );
}

/** "Starta fas N": asks first, saying how many teams and people are told, then starts it. */
function PhaseDialog({ phase, data, set, actions }: { phase: Phase; data: Programme; set: (d: Programme) => void; actions: Actions }) {
  const m = useCoordinatorMessages();
  const { call } = useSession();
  const t = m.tab.programme;
  const c = m.programme.phaseConfirm;
  const [open, setOpen] = useState(false);
  const [preview, setPreview] = useState<ResponseOf<'phasePreview'> | null>(null);
  const [problem, setProblem] = useState<Notice | null>(null);
  const cohortId = data.cohort.id;
  const loadPreview = async () => {
    setPreview(null);
    setProblem(null);
    const result = await call('phasePreview', { cohortId, phase });
    if (result.ok) setPreview(result.data);
    else setProblem(failureNotice(result.failure, m));
  };
  const start = () => {
    const teams = preview?.teams ?? 0;
    void actions.perform('phase', () => call('startPhase', { cohortId, phase }), {
      ok: (fresh) => {
        set(fresh);
        // The dialog gives the keyboard back to its button.
        setOpen(false);
        return { intent: 'success', text: m.programme.phaseStarted(Number(phase), teams) };
      },
      conflict: () => {
        setOpen(false);
        return undefined;
      },
    });
  };
  const bodyId = `phase-${phase}-body`;
  return (
    <Dialog
      open={open}
      onOpenChange={(_e, d) => {
        setOpen(d.open);
        if (d.open) void loadPreview();
      }}
    >
      <DialogTrigger disableButtonEnhancement>
        <Button size="small">{t.start(phase)}</Button>
      </DialogTrigger>
      <DialogSurface aria-describedby={bodyId}>
        <DialogBody>
          <DialogTitle>{c.title(Number(phase), data.cohort.name)}</DialogTitle>
          <DialogContent id={bodyId}>
            {problem ? <NoticeBar notice={problem} onRetry={() => void loadPreview()} /> : null}
            {preview === null ? (
              problem ? null : (
                <Loading label={t.previewLoading} />
              )
            ) : preview.teams === 0 ? (
              <p>{c.nothing(Number(phase), preview.already)}</p>
            ) : (
              <>
                <p>{c.body(Number(phase), preview.teams, preview.people)}</p>
                {phase === '1' ? <p>{c.budget}</p> : null}
                <p>
                  <strong>{c.final}</strong>
                </p>
              </>
            )}
          </DialogContent>
          <DialogActions>
            <DialogTrigger disableButtonEnhancement>
              <Button appearance="secondary">{preview?.teams === 0 ? m.tab.coordinator.close : c.no}</Button>
            </DialogTrigger>
            {preview && preview.teams > 0 ? (
              <Button appearance="primary" onClick={start} disabledFocusable={actions.busy !== null}>
                {c.yes(Number(phase))}
              </Button>
            ) : null}
          </DialogActions>
        </DialogBody>
      </DialogSurface>
    </Dialog>
  );
}

function TeamPanel({ team, teams, set, actions }: { team: Team; teams: readonly Team[]; set: (d: Programme) => void; actions: Actions }) {
  const m = useCoordinatorMessages();
  const styles = useStyles();
  const local = useLocal();
  const t = m.tab.programme;
  const id = team.ref.applicationId;
  return (
    <div className={styles.section}>
      <div className={styles.row}>
        <Badge appearance="tint" color={stateColour(team.state)}>
          {stateName(team.state, m)}
        </Badge>
      </div>
      <Facts
        columns
        rows={[
          [t.members, team.teamNames.length ? m.list(team.teamNames) : m.tab.coordinator.nobody],
          [m.intake.fields.municipality, municipalityName(team.municipality, m)],
          [m.programme.show.mentor, team.mentorName ?? m.tab.coordinator.nobody],
          [m.programme.show.sponsor, team.sponsorName ?? m.tab.coordinator.nobody],
          team.gate ? [m.programme.show.gate, t.gateOptions[team.gate]] : null,
          team.outcome ? [m.programme.show.outcome, t.outcomeOptions[team.outcome]] : null,
        ]}
      />
      {team.mayAssign ? (
        <>
          <Heading level={4} id={`team-${id}-assign`}>
            {t.assignTitle}
          </Heading>
          <div className={local.assignRow}>
            <AssignForm team={team} role="mentor" set={set} />
            <AssignForm team={team} role="sponsor" set={set} />
          </div>
        </>
      ) : null}
      {team.mayGate ? <GateForm team={team} teams={teams} set={set} actions={actions} /> : null}
      {team.mayRecordOutcome ? <OutcomeForm team={team} set={set} actions={actions} /> : null}
      <Heading level={4} id={`team-${id}-budget`}>
        {t.budgetTitle}
      </Heading>
      {team.budget ? <BudgetPart budget={team.budget} caption={t.expensesCaption(team.title)} idPrefix={`team-${id}-budget`} level={5} /> : <p className={styles.text}>{t.noBudget}</p>}
    </div>
  );
}

/** A mentor or a sponsor by e-mail; an address nobody has is said beside the field. */
function AssignForm({ team, role, set }: { team: Team; role: Role; set: (d: Programme) => void }) {
  const m = useCoordinatorMessages();
  const { call } = useSession();
  const t = m.tab.programme;
  const local = useLocal();
  const roleName = m.programme.support.roleName[role];
  const [email, setEmail] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [notice, setNotice] = useState<Notice | null>(null);
  const [busy, setBusy] = useState(false);
  const fieldId = `team-${team.ref.applicationId}-${role}`;
  const submit = async (e?: FormEvent) => {
    e?.preventDefault();
    if (busy) return;
    const typed = email.trim();
    setNotice(null);
    if (!typed) {
      setError(t.emailRequired);
      focusLater(fieldId);
      return;
    }
    setError(null);
    setBusy(true);
    try {
      const result = await call('assign', { ...team.ref, role, email: typed });
      if (result.ok) {
        set(result.data);
        setEmail('');
        const fresh = result.data.teams.find((x) => x.ref.applicationId === team.ref.applicationId);
        const name = (role === 'mentor' ? fresh?.mentorName : fresh?.sponsorName) ?? typed;
        setNotice({ intent: 'success', text: t.assigned(roleName, name) });
      } else if (result.failure.kind === 'notFound') {
        setError(m.jury.commands.unknownPerson(typed));
        focusLater(fieldId);
      } else if (result.failure.kind === 'refused') {
        const fields = result.failure.error.fields ?? [];
        setError(fields.some((f) => f.code === 'unknownPerson') ? m.jury.commands.unknownPerson(typed) : fields.length ? m.intake.fieldErrors.invalid() : refusalText(result.failure.error, m));
        focusLater(fieldId);
      } else if (result.failure.kind === 'conflict' && result.failure.error?.error === 'ILLEGAL_TRANSITION') {
        // Not someone else first: the team is not (or no longer) in the programme, where support is given.
        setError(m.programme.support.notParticipant(roleName, team.title, stateName(team.state, m)));
      } else setNotice(failureNotice(result.failure, m));
    } finally {
      setBusy(false);
    }
  };
  return (
    <form className={local.assign} onSubmit={(e) => void submit(e)} noValidate>
      <Field label={t.assignEmail(roleName)} {...(error ? { validationMessage: error, validationState: 'error' as const } : {})}>
        <Input id={fieldId} type="email" value={email} onChange={(_e, d) => setEmail(d.value)} maxLength={254} autoComplete="off" />
      </Field>
      {notice ? <NoticeBar notice={notice} onRetry={() => void submit()} onDismiss={() => setNotice(null)} /> : null}
      <div>
        <Button type="submit" disabledFocusable={busy}>
          {t.assign(roleName)}
        </Button>
      </div>
    </form>
  );
}

/** The gate after phase 1: on to phase 2, back to the job, or into another team (which one). */
function GateForm({ team, teams, set, actions }: { team: Team; teams: readonly Team[]; set: (d: Programme) => void; actions: Actions }) {
  const m = useCoordinatorMessages();
  const styles = useStyles();
  const { call } = useSession();
  const g = m.programme.gate;
  const id = team.ref.applicationId;
  const at = `gate-${id}`;
  const others = teams.filter((x) => x.ref.applicationId !== id && JOINABLE.has(x.state));
  const [outcome, setOutcome] = useState<GateOutcome | undefined>(undefined);
  const [joined, setJoined] = useState('');
  const [errors, setErrors] = useState<{ outcome?: string; team?: string }>({});
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const found = {
      ...(outcome ? {} : { outcome: g.outcomeRequired }),
      ...(outcome === 'joinOtherTeam' && !joined ? { team: others.length ? g.teamRequired : g.noTeamToJoin } : {}),
    };
    setErrors(found);
    if (!outcome || Object.keys(found).length > 0) return;
    void actions.perform(at, () => call('gate', { ...team.ref, outcome, ...(outcome === 'joinOtherTeam' ? { joinedApplicationId: joined } : {}) }), {
      ok: (fresh) => {
        set(fresh);
        return { intent: 'success', text: g.saved(g.options[outcome]) };
      },
      refused: (err: ApiError) => {
        setErrors({ outcome: refusalText(err, m) });
        return true;
      },
    });
  };
  return (
    <form className={styles.form} onSubmit={submit} noValidate aria-labelledby={`${at}-title`}>
      <Heading level={4} id={`${at}-title`}>
        {m.tab.programme.gateTitle}
      </Heading>
      <Field label={g.choose} required {...(errors.outcome ? { validationMessage: errors.outcome, validationState: 'error' as const } : {})}>
        <RadioGroup value={outcome ?? ''} onChange={(_e, d) => setOutcome(d.value as GateOutcome)}>
          {GATE_OUTCOMES.map((o) => (
            <Radio key={o} value={o} label={g.options[o]} />
          ))}
        </RadioGroup>
      </Field>
      {outcome === 'joinOtherTeam' ? (
        <Field label={g.team} required {...(errors.team ? { validationMessage: errors.team, validationState: 'error' as const } : {})}>
          <Select value={joined} onChange={(_e, d) => setJoined(d.value)}>
            <option value="" />
            {others.map((x) => (
              <option key={x.ref.applicationId} value={x.ref.applicationId}>
                {x.title} ({m.list(x.teamNames)})
              </option>
            ))}
          </Select>
        </Field>
      ) : null}
      <Placed notice={actions.notice} at={at} onDismiss={() => actions.setNotice(null)} />
      <div>
        <Button appearance="primary" type="submit" disabledFocusable={actions.busy !== null}>
          {g.save}
        </Button>
      </div>
    </form>
  );
}

/** The outcome in phase 3: what happens to the idea, who owns it, and which administration takes it over. */
function OutcomeForm({ team, set, actions }: { team: Team; set: (d: Programme) => void; actions: Actions }) {
  const m = useCoordinatorMessages();
  const styles = useStyles();
  const { call } = useSession();
  const o = m.programme.outcome;
  const at = `outcome-${team.ref.applicationId}`;
  const [kind, setKind] = useState<OutcomeKind | undefined>(undefined);
  const [ipOwner, setIpOwner] = useState<IpOwner | undefined>(undefined);
  const [administration, setAdministration] = useState('');
  const [errors, setErrors] = useState<{ kind?: string; ipOwner?: string; administration?: string }>({});
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const receiving = administration.trim();
    const found = {
      ...(kind ? {} : { kind: o.kindRequired }),
      ...(ipOwner ? {} : { ipOwner: o.ipRequired }),
      ...(kind === 'handedToLine' && !receiving ? { administration: o.administrationRequired } : {}),
    };
    setErrors(found);
    if (!kind || !ipOwner || Object.keys(found).length > 0) return;
    void actions.perform(at, () => call('outcome', { ...team.ref, kind, ipOwner, ...(receiving ? { receivingAdministration: receiving } : {}) }), {
      ok: (fresh) => {
        set(fresh);
        return { intent: 'success', text: o.saved };
      },
      refused: (err: ApiError) => {
        const field = err.fields?.find((f) => f.field === 'receivingAdministration');
        if (field) setErrors({ administration: o.administrationRequired });
        else setErrors({ kind: refusalText(err, m) });
        return true;
      },
    });
  };
  const error = (text: string | undefined) => (text ? { validationMessage: text, validationState: 'error' as const } : {});
  return (
    <form className={styles.form} onSubmit={submit} noValidate aria-labelledby={`${at}-title`}>
      <Heading level={4} id={`${at}-title`}>
        {m.tab.programme.outcomeTitle}
      </Heading>
      <Field label={o.choose} required {...error(errors.kind)}>
        <RadioGroup value={kind ?? ''} onChange={(_e, d) => setKind(d.value as OutcomeKind)}>
          {OUTCOME_KINDS.map((k) => (
            <Radio key={k} value={k} label={o.options[k]} />
          ))}
        </RadioGroup>
      </Field>
      <Field label={o.ip} required {...error(errors.ipOwner)}>
        <RadioGroup layout="horizontal" value={ipOwner ?? ''} onChange={(_e, d) => setIpOwner(d.value as IpOwner)}>
          {IP_OWNERS.map((x) => (
            <Radio key={x} value={x} label={o.ipOptions[x]} />
          ))}
        </RadioGroup>
      </Field>
      <Field label={o.administration} required={kind === 'handedToLine'} {...error(errors.administration)}>
        <Input value={administration} onChange={(_e, d) => setAdministration(d.value)} maxLength={120} />
      </Field>
      <Placed notice={actions.notice} at={at} onDismiss={() => actions.setNotice(null)} />
      <div>
        <Button appearance="primary" type="submit" disabledFocusable={actions.busy !== null}>
          {o.save}
        </Button>
      </div>
    </form>
  );
}
