/**
 * Everything the tab asks of Teams, through teams-js. The library is loaded only when the page is framed (in Teams,
 * or some other host to be told apart by the deadline): at load it fetches Microsoft's list of valid host origins,
 * which a page outside Teams has no use for.
 */
type TeamsJs = typeof import('./teams-sdk');

let library: Promise<TeamsJs> | undefined;
const teamsJs = (): Promise<TeamsJs> => (library ??= import('./teams-sdk'));

/** What the Teams host tells the tab at start. */
export interface TeamsHost {
  readonly locale: string;
  readonly theme: string;
  /** The deep link's sub-entity id (`page.subPageId`), when the tab was opened through one. */
  readonly subPageId?: string;
  /** The signed-in user's tenant: MSAL signs in against it (a single-tenant app refuses `organizations`). */
  readonly tenantId?: string;
}

/** How long to wait for Teams before deciding the page runs outside it (initialize may never settle there). */
export const TEAMS_TIMEOUT_MS = 2000;

/**
 * Starts teams-js and reads the context, or answers null when the page is not in Teams: a top-level page is not
 * (teams-js would fail at once with "No Parent window found"), and in a foreign frame initialize never settles,
 * hence the deadline.
 */
export async function startTeams(timeoutMs = TEAMS_TIMEOUT_MS): Promise<TeamsHost | null> {
  if (window.parent === window) return null;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const deadline = new Promise<null>((resolve) => {
    timer = setTimeout(() => resolve(null), timeoutMs);
  });
  try {
    const context = await Promise.race([teamsJs().then(async ({ app }) => (await app.initialize(), app.getContext())), deadline]);
    if (!context) return null;
    return {
      locale: context.app.locale,
      theme: context.app.theme,
      ...(context.page.subPageId ? { subPageId: context.page.subPageId } : {}),
      ...(context.user?.tenant?.id ? { tenantId: context.user.tenant.id } : {}),
    };
  } catch {
    return null;
  } finally {
    clearTimeout(timer);
  }
}

/** Tells Teams the tab has loaded (it hides its own loading indicator). */
export async function notifyLoaded(): Promise<void> {
  try {
    const { app } = await teamsJs();
    app.notifyAppLoaded();
    await app.notifySuccess();
  } catch {
    // Older hosts without the loading indicator: nothing to tell.
  }
}

/** Follows the Teams theme as the person changes it. */
export async function onThemeChange(handler: (theme: string) => void): Promise<void> {
  (await teamsJs()).app.registerOnThemeChangeHandler(handler);
}

/** Opens a link through Teams (a chat, a deep link). */
export async function openInTeams(link: string): Promise<void> {
  await (await teamsJs()).app.openLink(link);
}

/** Whether the host recommends nested app authentication (MSAL through the Teams bridge). */
export async function naaRecommended(): Promise<boolean> {
  try {
    return (await teamsJs()).nestedAppAuth.isNAAChannelRecommended();
  } catch {
    return false;
  }
}

/** Teams SSO, the fallback where NAA is not recommended: Teams caches the token and renews it when it expires. */
export async function teamsSsoToken(): Promise<string> {
  return (await teamsJs()).authentication.getAuthToken();
}
