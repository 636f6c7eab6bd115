import {
  Button,
  FluentProvider,
  makeStaticStyles,
  makeStyles,
  Tab,
  TabList,
  teamsDarkTheme,
  teamsHighContrastTheme,
  teamsLightTheme,
  tokens,
  typographyStyles,
  type Theme,
} from '@fluentui/react-components';
import { lazy, Suspense, useCallback, useEffect, useMemo, useState } from 'react';
import { TAB_VIEWS, TabConfig, type MeResponse, type TabView } from '../../src/adapters/tab/contract';
import { localeFrom, messages, type Locale, type Messages } from '../../src/i18n';
import { createCall, createDownload, demoPerson, type Credentials, type Failure } from './api';
import { teamsCredentials } from './auth';
import { firstView, parseTarget, type Target } from './deep-link';
import { MessagesContext, useMessages } from './i18n';
import { SessionContext, type Session } from './session';
import { notifyLoaded, onThemeChange, openInTeams, startTeams, type TeamsHost } from './teams';
import { ChatButton } from './parts/ChatButton';
import { Heading } from './parts/Heading';
import { Loading } from './parts/Loading';
import { FailureBar } from './parts/Notice';
import { Approvals } from './views/Approvals';
import { Home, MyApplication } from './views/MyApplication';
import { Reviews } from './views/Reviews';

// The coordinators' and the steering group's views (and the charts library) load only when one is opened: the
// first view of everyone else stays as small as it was.
const Overview = lazy(() => import('./coordinator/Overview').then((x) => ({ default: x.Overview })));
const Applications = lazy(() => import('./coordinator/Applications').then((x) => ({ default: x.Applications })));
const Ranking = lazy(() => import('./coordinator/Ranking').then((x) => ({ default: x.Ranking })));
const Jury = lazy(() => import('./coordinator/Jury').then((x) => ({ default: x.Jury })));
const Programme = lazy(() => import('./coordinator/Programme').then((x) => ({ default: x.Programme })));
const Criteria = lazy(() => import('./coordinator/Criteria').then((x) => ({ default: x.Criteria })));
const Report = lazy(() => import('./coordinator/Report').then((x) => ({ default: x.Report })));
const MyData = lazy(() => import('./views/MyData').then((x) => ({ default: x.MyData })));
const Privacy = lazy(() => import('./views/MyData').then((x) => ({ default: x.Privacy })));

/** The demo person chosen in this browser tab (sessionStorage: gone when the tab closes). */
const DEMO_KEY = 'acceleratorn.demoPerson';

const useStaticStyles = makeStaticStyles({
  body: { margin: 0 },
});

const useStyles = makeStyles({
  app: { minHeight: '100vh', backgroundColor: tokens.colorNeutralBackground2, color: tokens.colorNeutralForeground1 },
  header: {
    display: 'flex',
    flexWrap: 'wrap',
    alignItems: 'center',
    gap: tokens.spacingHorizontalL,
    padding: `${tokens.spacingVerticalM} ${tokens.spacingHorizontalXL}`,
    backgroundColor: tokens.colorNeutralBackground1,
    borderBottom: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
  },
  appName: { ...typographyStyles.title3, margin: 0, color: tokens.colorNeutralForeground1 },
  who: { color: tokens.colorNeutralForeground2, marginInlineEnd: 'auto' },
  end: { marginInlineStart: 'auto' },
  // Many views (a coordinator has up to eleven) scroll sideways on a narrow window instead of wrapping.
  nav: { padding: `0 ${tokens.spacingHorizontalM}`, backgroundColor: tokens.colorNeutralBackground1, borderBottom: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`, overflowX: 'auto' },
  tabs: { flexWrap: 'nowrap', whiteSpace: 'nowrap' },
  main: { padding: `${tokens.spacingVerticalXL} ${tokens.spacingHorizontalXL}`, display: 'grid', gap: tokens.spacingVerticalL },
  people: { listStyle: 'none', margin: 0, padding: 0, display: 'grid', gap: tokens.spacingVerticalS, maxWidth: '32rem' },
  text: { margin: 0, maxWidth: '60rem' },
});

/** The Teams theme by its name in the context ('default', 'dark', 'contrast'), or the `?theme=` of a local run. */
export function themeOf(name: string | null | undefined): Theme {
  return name === 'dark' ? teamsDarkTheme : name === 'contrast' ? teamsHighContrastTheme : teamsLightTheme;
}

type Demo = NonNullable<TabConfig['demo']>;

/** A demo person's role in words (the server names it by its code: 'manager', 'juror'). */
const roleName = (role: string, m: Messages): string => (Object.prototype.hasOwnProperty.call(m.roles, role) ? m.roles[role as keyof Messages['roles']] : role);

/** Where the start has come to. */
type Phase =
  | { readonly kind: 'starting' }
  | { readonly kind: 'failed'; readonly failure: Failure; readonly retry: () => void; readonly demo?: Demo }
  | { readonly kind: 'notInTeams' }
  | { readonly kind: 'pickDemo'; readonly demo: Demo }
  | { readonly kind: 'signedIn'; readonly session: Session; readonly demo?: Demo };

/** GET /api/tab/config, which needs no sign-in. */
async function loadConfig(): Promise<{ ok: true; config: TabConfig } | { ok: false; failure: Failure }> {
  let response: Response;
  try {
    response = await fetch('/api/tab/config', { headers: { Accept: 'application/json' }, cache: 'no-store' });
  } catch {
    return { ok: false, failure: { kind: 'unreachable' } };
  }
  if (response.status >= 500) return { ok: false, failure: { kind: 'unreachable' } };
  if (!response.ok) return { ok: false, failure: { kind: 'broken' } };
  try {
    const parsed = TabConfig.safeParse(await response.json());
    return parsed.success ? { ok: true, config: parsed.data } : { ok: false, failure: { kind: 'broken' } };
  } catch {
    return { ok: false, failure: { kind: 'broken' } };
  }
}

const storage = {
  get: (): string | null => {
    try {
      return window.sessionStorage.getItem(DEMO_KEY);
    } catch {
      return null;
    }
  },
  set: (id: string | null): void => {
    try {
      if (id) window.sessionStorage.setItem(DEMO_KEY, id);
      else window.sessionStorage.removeItem(DEMO_KEY);
    } catch {
      // Storage refused (private mode): the choice lasts until the page reloads.
    }
  },
};

/**
 * The whole page: finds out whether it runs in Teams (language, theme and deep link from the context, sign-in by
 * NAA or Teams SSO) or outside it (the local demo's sign-in, `?lang=`, `?theme=`, `?view=`, `?as=`), asks the server
 * who the person is, and shows their views.
 */
export function Root() {
  useStaticStyles();
  const params = useMemo(() => new URLSearchParams(window.location.search), []);
  const [host, setHost] = useState<TeamsHost | null | undefined>(undefined);
  const [theme, setTheme] = useState<string>(params.get('theme') ?? 'default');
  const [phase, setPhase] = useState<Phase>({ kind: 'starting' });

  const locale: Locale = host ? localeFrom(host.locale) : localeFrom(null, params.get('lang') === 'en' ? 'en' : undefined);
  const m = messages(locale);
  const target: Target = useMemo(() => parseTarget(host?.subPageId ?? params.get('view')), [host, params]);

  useEffect(() => {
    document.documentElement.lang = m.tab.lang;
  }, [m]);

  /** Signs in with the credentials and asks who the person is. */
  const signIn = useCallback(
    async (credentials: () => Promise<Credentials>, inTeams: boolean, demo?: Demo) => {
      setPhase({ kind: 'starting' });
      const retry = () => void signIn(credentials, inTeams, demo);
      let creds: Credentials;
      try {
        creds = await credentials();
      } catch {
        setPhase({ kind: 'failed', failure: { kind: 'signIn' }, retry });
        return;
      }
      const call = createCall(creds);
      const me = await call('me', {});
      if (!me.ok) {
        setPhase({ kind: 'failed', failure: me.failure, retry, ...(demo ? { demo } : {}) });
        return;
      }
      const link = me.data.chatLink;
      const openChat = link
        ? inTeams
          ? () => void openInTeams(link).catch(() => window.open(link, '_blank', 'noopener'))
          : () => void window.open(link, '_blank', 'noopener')
        : undefined;
      setPhase({ kind: 'signedIn', session: { call, download: createDownload(creds), me: me.data, inTeams, ...(openChat ? { openChat } : {}) }, ...(demo ? { demo } : {}) });
    },
    [],
  );

  /** The demo person: `?as=` first, then the one chosen earlier in this browser tab, if the server knows them. */
  const pickDemo = useCallback(
    (demo: Demo, id: string | null) => {
      const person = id ? demo.find((p) => p.id === id) : undefined;
      if (!person) {
        setPhase({ kind: 'pickDemo', demo });
        return;
      }
      storage.set(person.id);
      void signIn(async () => demoPerson(person.id), false, demo);
    },
    [signIn],
  );

  const start = useCallback(
    async (teams: TeamsHost | null, configLoading: ReturnType<typeof loadConfig> = loadConfig()) => {
      setPhase({ kind: 'starting' });
      const config = await configLoading;
      if (!config.ok) {
        setPhase({ kind: 'failed', failure: config.failure, retry: () => void start(teams) });
        return;
      }
      if (teams) {
        await signIn(() => teamsCredentials(config.config.appId, teams.tenantId), true);
        return;
      }
      const demo = config.config.demo;
      if (!demo) {
        setPhase({ kind: 'notInTeams' });
        return;
      }
      pickDemo(demo, params.get('as') ?? storage.get());
    },
    [params, pickDemo, signIn],
  );

  useEffect(() => {
    let cancelled = false;
    void (async () => {
      // The configuration needs no sign-in: fetched while teams-js finds out whether this is Teams.
      const config = loadConfig();
      const teams = await startTeams();
      if (cancelled) return;
      setHost(teams);
      if (teams) {
        setTheme(teams.theme);
        void onThemeChange((name) => setTheme(name));
      }
      await start(teams, config);
      if (teams) void notifyLoaded();
    })();
    return () => {
      cancelled = true;
    };
  }, [start]);

  const switchPerson = (demo: Demo) => {
    storage.set(null);
    const url = new URL(window.location.href);
    url.searchParams.delete('as');
    window.history.replaceState(null, '', url);
    setPhase({ kind: 'pickDemo', demo });
  };

  return (
    <MessagesContext.Provider value={m}>
      <FluentProvider theme={themeOf(theme)} lang={m.tab.lang}>
        <Page phase={phase} target={target} onPick={(demo, id) => pickDemo(demo, id)} onSwitch={switchPerson} />
      </FluentProvider>
    </MessagesContext.Provider>
  );
}

function Page({ phase, target, onPick, onSwitch }: { phase: Phase; target: Target; onPick: (demo: Demo, id: string) => void; onSwitch: (demo: Demo) => void }) {
  const m = useMessages();
  const styles = useStyles();
  if (phase.kind === 'signedIn') {
    return (
      <SessionContext.Provider value={phase.session}>
        <SignedIn me={phase.session.me} target={target} {...(phase.demo ? { onSwitch: () => onSwitch(phase.demo!) } : {})} />
      </SessionContext.Provider>
    );
  }
  return (
    <div className={styles.app}>
      <header className={styles.header}>
        {/* While starting or after a failure the name is the page's only heading; else the view's title is. */}
        {phase.kind === 'starting' || phase.kind === 'failed' ? <Heading level={1}>{m.appName}</Heading> : <p className={styles.appName}>{m.appName}</p>}
        {phase.kind === 'failed' && phase.demo ? (
          <Button appearance="subtle" className={styles.end} onClick={() => onSwitch(phase.demo!)}>
            {m.tab.header.switchPerson}
          </Button>
        ) : null}
      </header>
      <main className={styles.main}>
        {phase.kind === 'starting' ? <Loading label={m.tab.starting} /> : null}
        {phase.kind === 'failed' ? <FailureBar failure={phase.failure} onRetry={phase.retry} /> : null}
        {phase.kind === 'notInTeams' ? (
          <>
            <Heading level={1}>{m.tab.notInTeams.title}</Heading>
            <p className={styles.text}>{m.tab.notInTeams.body}</p>
          </>
        ) : null}
        {phase.kind === 'pickDemo' ? (
          <>
            <Heading level={1} id="demo-title">
              {m.tab.demo.title}
            </Heading>
            <p className={styles.text}>{m.tab.demo.intro}</p>
            <ul className={styles.people} aria-label={m.tab.demo.listLabel}>
              {phase.demo.map((p) => (
                <li key={p.id}>
                  <Button appearance="secondary" onClick={() => onPick(phase.demo, p.id)}>
                    {m.tab.demo.person(p.name, roleName(p.role, m))}
                  </Button>
                </li>
              ))}
            </ul>
          </>
        ) : null}
      </main>
    </div>
  );
}

/** The views in the tab list's order (the contract's: the person's own first, then the coordinators'), whatever order the server sent. */
const ordered = (views: readonly TabView[]): TabView[] => [...views].sort((a, b) => TAB_VIEWS.indexOf(a) - TAB_VIEWS.indexOf(b));

function SignedIn({ me, target, onSwitch }: { me: MeResponse; target: Target; onSwitch?: () => void }) {
  const m = useMessages();
  const styles = useStyles();
  const [view, setView] = useState<TabView | undefined>(() => firstView(me.views, target.view));
  // The cohort the coordinator's views show, shared between them (undefined: the one the programme works on now).
  const [cohortId, setCohortId] = useState<string | undefined>(undefined);
  const cohort = { cohortId, onCohort: setCohortId };
  return (
    <div className={styles.app}>
      <header className={styles.header}>
        <p className={styles.appName}>{m.appName}</p>
        <span className={styles.who}>{m.tab.header.signedInAs(me.name)}</span>
        <ChatButton label={m.tab.header.chat} appearance="primary" />
        {onSwitch ? (
          <Button appearance="subtle" onClick={onSwitch}>
            {m.tab.header.switchPerson}
          </Button>
        ) : null}
      </header>
      {me.views.length > 0 ? (
        <nav className={styles.nav} aria-label={m.tab.nav.label}>
          <TabList className={styles.tabs} selectedValue={view} onTabSelect={(_e, d) => setView(d.value as TabView)}>
            {ordered(me.views).map((v) => (
              <Tab key={v} value={v}>
                {m.tab.nav.views[v]}
              </Tab>
            ))}
          </TabList>
        </nav>
      ) : null}
      <main className={styles.main}>
        {view === 'approvals' ? (
          <Approvals {...(target.view === 'approvals' && target.approval ? { initial: target.approval } : {})} />
        ) : view === 'reviews' ? (
          <Reviews {...(target.view === 'reviews' && target.review ? { initial: target.review } : {})} />
        ) : view === 'home' || view === 'application' ? (
          <MyApplication />
        ) : view === undefined ? (
          <Home programme={me.programme} />
        ) : (
          <Suspense fallback={<Loading />}>
            {view === 'overview' ? (
              <Overview {...cohort} />
            ) : view === 'applications' ? (
              <Applications {...cohort} />
            ) : view === 'ranking' ? (
              <Ranking {...cohort} />
            ) : view === 'jury' ? (
              <Jury {...cohort} />
            ) : view === 'programme' ? (
              <Programme {...cohort} />
            ) : view === 'criteria' ? (
              <Criteria {...cohort} />
            ) : view === 'myData' ? (
              <MyData />
            ) : view === 'privacy' ? (
              <Privacy />
            ) : (
              <Report {...cohort} />
            )}
          </Suspense>
        )}
      </main>
    </div>
  );
}
