import { GraphError, type Client } from '@microsoft/microsoft-graph-client';
import { z } from 'zod';
import { odataString } from '../directory/graph-directory';
import { InstallFailed, type AppInstaller } from './proactive-sender';

const Collection = z.object({ value: z.array(z.object({ id: z.string().min(1) })) });
const Chat = z.object({ id: z.string().min(1) });

/**
 * Installs the bot for a person through Microsoft Graph and finds their 1:1 chat with it, as Microsoft's Company
 * Communicator does (application permissions TeamsAppInstallation.ReadWriteForUser.All and AppCatalog.Read.All):
 *
 * 1. the app's id in the tenant's catalogue, from the manifest id (once per process);
 * 2. POST /users/{id}/teamwork/installedApps (409: already installed, which is as good);
 * 3. the installation, by the catalogue id; 4. its chat: `19:…@unq.gbl.spaces`, a conversation id the Bot
 *    Connector accepts.
 *
 * The client's retry handler waits out Graph's 429 and 503 (Retry-After, three tries, ADR 0017); what still fails
 * is thrown as InstallFailed for the outbox to try again later. Nothing has reached the person by then.
 */
export class GraphAppInstaller implements AppInstaller {
  private catalogId: Promise<string> | undefined;

  constructor(
    private readonly client: Client,
    /** The Teams app's manifest id (TEAMS_APP_ID). */
    private readonly teamsAppId: string,
    private readonly graphRoot: string,
  ) {}

  async chatWith(userId: string, signal: AbortSignal): Promise<string | null> {
    const catalogId = await this.catalog();
    const user = `/users/${encodeURIComponent(userId)}/teamwork/installedApps`;
    try {
      await this.call(() => this.client.api(user).post({ 'teamsApp@odata.bind': `${this.graphRoot}/v1.0/appCatalogs/teamsApps/${catalogId}` }), 'install');
    } catch (e) {
      if (!(e instanceof InstallFailed && e.status === 409)) throw e;
    }
    if (signal.aborted) throw new InstallFailed('abandoned at shutdown', undefined);
    const filter = encodeURIComponent(`teamsApp/id eq ${odataString(catalogId)}`);
    const installed = Collection.parse(await this.call(() => this.client.api(`${user}?$expand=teamsApp&$filter=${filter}`).get(), 'find the installation'));
    const installation = installed.value[0];
    if (!installation) return null;
    const chat = Chat.parse(await this.call(() => this.client.api(`${user}/${encodeURIComponent(installation.id)}/chat`).get(), 'find the chat'));
    return chat.id;
  }

  private catalog(): Promise<string> {
    this.catalogId ??= (async () => {
      const filter = encodeURIComponent(`externalId eq ${odataString(this.teamsAppId)}`);
      const apps = Collection.parse(await this.call(() => this.client.api(`/appCatalogs/teamsApps?$filter=${filter}`).get(), 'find the app in the catalogue'));
      const app = apps.value[0];
      if (!app) throw new InstallFailed(`the Teams app ${this.teamsAppId} is not in the tenant's app catalogue (upload it first)`, 424);
      return app.id;
    })().catch((e: unknown) => {
      this.catalogId = undefined;
      throw e;
    });
    return this.catalogId;
  }

  private async call(request: () => Promise<unknown>, what: string): Promise<unknown> {
    try {
      return await request();
    } catch (e) {
      if (e instanceof GraphError) {
        const status = e.statusCode > 0 ? e.statusCode : undefined;
        const retryAfter = Number(e.headers?.get('Retry-After'));
        throw new InstallFailed(`Graph could not ${what}: ${status ?? 'no response'} ${e.code ?? ''}`.trim(), status, Number.isFinite(retryAfter) && retryAfter > 0 ? retryAfter * 1000 : undefined);
      }
      throw new InstallFailed(`Graph could not ${what}: ${e instanceof Error ? e.message : String(e)}`, undefined);
    }
  }
}
