import { app, authentication, nestedAppAuth } from '@microsoft/teams-js';

/** What the Teams host tells the tab at start. */
export interface TeamsHost {
  readonly locale: string;
  readonly theme: string;
  /** The deep link's sub-entity id (`page.subPageId`), when the tab was opened through one. */
  readonly subPageId?: string;
}

/** How long to wait for Teams before deciding the page runs outside it (initialize may never settle there). */
export const TEAMS_TIMEOUT_MS = 2000;

/**
 * Starts teams-js and reads the context, or answers null when the page is not in Teams: initialize fails at once in
 * a top-level page ("No Parent window found") and never settles in a foreign frame, hence the deadline.
 */
export async function startTeams(timeoutMs = TEAMS_TIMEOUT_MS): Promise<TeamsHost | null> {
  if (window.parent === window && !window.opener) return null;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const deadline = new Promise<null>((resolve) => {
    timer = setTimeout(() => resolve(null), timeoutMs);
  });
  try {
    const context = await Promise.race([app.initialize().then(() => app.getContext()), deadline]);
    if (!context) return null;
    return {
      locale: context.app.locale,
      theme: context.app.theme,
      ...(context.page.subPageId ? { subPageId: context.page.subPageId } : {}),
    };
  } catch {
    return null;
  } finally {
    clearTimeout(timer);
  }
}

/** Tells Teams the tab has loaded (it hides its own loading indicator). */
export function notifyLoaded(): void {
  try {
    app.notifyAppLoaded();
    void app.notifySuccess().catch(() => undefined);
  } catch {
    // Older hosts without the loading indicator: nothing to tell.
  }
}

/** Follows the Teams theme as the person changes it. */
export function onThemeChange(handler: (theme: string) => void): void {
  app.registerOnThemeChangeHandler(handler);
}

/** Opens a link through Teams (a chat, a deep link). */
export function openInTeams(link: string): Promise<void> {
  return app.openLink(link);
}

/** Whether the host recommends nested app authentication (MSAL through the Teams bridge). */
export function naaRecommended(): boolean {
  try {
    return nestedAppAuth.isNAAChannelRecommended();
  } catch {
    return false;
  }
}

/** Teams SSO, the fallback where NAA is not recommended: Teams caches the token and renews it when it expires. */
export function teamsSsoToken(): Promise<string> {
  return authentication.getAuthToken();
}
