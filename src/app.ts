import { reportDeliveryProblem } from './use-cases/report-delivery-problem';
import type { AddressInfo } from 'node:net';
import { randomBytes, randomUUID } from 'node:crypto';
import type { Config } from './config';
import { openCosmos, type CosmosStore } from './adapters/cosmos/connection';
import { CosmosExportLog } from './adapters/cosmos/export-log';
import { addRecommendedCounters, CosmosApplicationRepository } from './adapters/cosmos/application.repository';
import { CosmosCohortRepository, CosmosSettingsRepository } from './adapters/cosmos/programme.repository';
import { CosmosConversationAddressBook } from './adapters/cosmos/conversation.repository';
import { CosmosOnceLedger, CosmosStateStore } from './adapters/cosmos/state.store';
import { LocalDirectory } from './adapters/directory/local-directory';
import { createGraphClient, createGraphDirectory, GRAPH_BASE_URL } from './adapters/directory/graph-directory';
import { CosmosCampaignRepository } from './adapters/cosmos/campaign.repository';
import { GraphAppInstaller } from './adapters/teams/app-installer';
import { showProgressWith, type ProgressDeps } from './adapters/teams/announcement.progress';
import { createHttpServer, type HttpServer } from './adapters/http/server';
import { botTokenVerifier } from './adapters/http/bot-token';
import { AcceleratornBot, type BotServices } from './adapters/teams/acceleratorn.bot';
import { CosmosOutboxStore } from './adapters/cosmos/outbox.store';
import { CosmosLeaseStore } from './adapters/cosmos/lease.store';
import { CosmosJuryRepository } from './adapters/cosmos/jury.repository';
import { CosmosFollowUpRepository } from './adapters/cosmos/follow-up.repository';
import { CosmosRecommendationRepository } from './adapters/cosmos/recommendation.repository';
import { CosmosDisposalStore } from './adapters/cosmos/disposal.store';
import { CosmosPersonalDataStore } from './adapters/cosmos/personal-data.store';
import { HoldForRestricted } from './use-cases/hold-restricted';
import { restrictedIdsOf } from './domain/restriction';
import { outsideTurn, withTurnCache } from './adapters/cosmos/turn-cache';
import { createNotificationRenderer } from './adapters/teams/notification.renderer';
import { pacedProactiveSender } from './adapters/teams/proactive-sender';
import { OutboxWorker } from './use-cases/deliver-notifications';
import { WakeOnEnqueue } from './use-cases/wake-on-enqueue';
import { JobsThenTeams } from './use-cases/scheduled-jobs';
import { hostname } from 'node:os';
import { CosmosBotStorage } from './adapters/teams/bot-storage';
import { createCloudAdapter, createConversationState } from './adapters/teams/cloud-adapter';
import { AlreadyExists } from './domain/errors';
import type { Clock, Directory, OutboxStore } from './domain/ports';
import { DEMO_PEOPLE, seedDemo } from './demo/demo';
import { registerTab } from './adapters/tab/tab-http';
import { tabTokenVerifier } from './adapters/tab/tab-token';
import { localTabLink, teamsTabLink } from './adapters/tab/deep-link';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import demoDirectory from './demo/directory.json';
import { createLogger, type Logger } from './logger';
import type { ServiceClientCredentialsFactory } from 'botframework-connector';
import type { TokenCredential } from '@azure/identity';
import { defaultAzureCredential } from './adapters/azure-credential';

/** Microsoft Graph with the app's managed identity in production; a JSON file (or the demo people) otherwise. */
async function openDirectory(config: Config['directory'], credential: TokenCredential): Promise<Directory> {
  if (config.source === 'graph') {
    return createGraphDirectory({
      credential,
      municipalityFrom: config.municipalityFrom,
      ...(config.baseUrl ? { baseUrl: config.baseUrl } : {}),
      ...(config.permanentEmployeeTypes ? { permanentEmployeeTypes: config.permanentEmployeeTypes } : {}),
    });
  }
  return config.file ? LocalDirectory.fromFile(config.file) : new LocalDirectory(demoDirectory);
}

/**
 * With Graph as the directory and the Teams app's id known, people who have never talked to the bot get the app
 * installed for them before a message (an announcement to thousands); otherwise they are reached only if Teams
 * lets the bot create the conversation (the app already installed for them).
 */
function installerFor(config: Config, credential: TokenCredential): { installer: GraphAppInstaller } | undefined {
  const { directory, tab } = config;
  if (directory.source !== 'graph' || !tab.teamsAppId) return undefined;
  const baseUrl = directory.baseUrl ?? GRAPH_BASE_URL;
  return { installer: new GraphAppInstaller(createGraphClient({ credential, baseUrl }), tab.teamsAppId, baseUrl.replace(/\/+$/, '')) };
}

export interface RunningApp {
  readonly url: string;
  readonly port: number;
  readonly store: CosmosStore;
  readonly services: BotServices;
  /** The delivery worker (started unless OUTBOX_WORKER=false); tests drive it with runOnce(). */
  readonly outbox: OutboxWorker;
  /** Stops serving and delivering within `deadlineMs` (default SHUTDOWN_DEADLINE_MS), then closes the store. */
  close(deadlineMs?: number): Promise<void>;
}

export interface AppOverrides {
  readonly clock?: Clock;
  readonly log?: Logger;
  readonly directory?: Directory;
  /** Use this store instead of opening one (tests that restart the bot on the same data). */
  readonly store?: CosmosStore;
  /** Tests with bot credentials: what stands in for Entra ID when the bot asks for its outbound token. */
  readonly botCredentials?: ServiceClientCredentialsFactory;
  /** What stands in for the managed identity toward Cosmos DB and Graph (a bench against a local fake of Graph). */
  readonly credential?: TokenCredential;
}

const systemClock: Clock = { now: () => new Date() };

/** Crockford's base32 without I, L, O, U: six characters are about a billion ids, easy to read aloud. */
const SHORT_ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
function shortId(prefix: string): string {
  const bytes = randomBytes(6);
  return `${prefix}-${[...bytes].map((b) => SHORT_ALPHABET[b % 32]).join('')}`;
}

/** The folder with package.json: the tab's built files are under it (dist/web), whether this runs from src/ or dist/src/. */
function projectRoot(): string {
  return [join(__dirname, '..'), join(__dirname, '..', '..')].find((dir) => existsSync(join(dir, 'package.json'))) ?? process.cwd();
}

/** The demo people `npm start`'s tab offers to sign in as, by role, named from the directory. */
async function demoPeopleOf(directory: Directory): Promise<{ id: string; name: string; role: string }[]> {
  return Promise.all(Object.entries(DEMO_PEOPLE).map(async ([role, id]) => ({ id, role: role.replace(/\d+$/, ''), name: (await directory.getPerson(id))?.name ?? id })));
}

/** The composition root's body: config -> adapters -> use cases -> server.listen. */
export async function startApp(config: Config, overrides: AppOverrides = {}): Promise<RunningApp> {
  const log = overrides.log ?? createLogger(config.logLevel);
  const clock = overrides.clock ?? systemClock;
  // One credential (one token cache) for Cosmos DB and Graph; made only if either asks for a token.
  const credential = overrides.credential ?? defaultAzureCredential(config.managedIdentityClientId);
  const store = overrides.store ?? (await openCosmos(config.cosmos, credential));
  if (store.inMemory && !overrides.store) {
    log.warn('No COSMOS_ENDPOINT: using the embedded Cosmos DB server. Data lives in memory and is gone when the process stops.', { endpoint: store.endpoint });
  }

  // Counters documents older than their `recommended` counter get it before anything writes (issue 17).
  await addRecommendedCounters(store.containers.applications);
  const directory = overrides.directory ?? (await openDirectory(config.directory, credential));
  const listening = { url: '' };
  // The worker is made after the bot's adapter; a turn that enqueued wakes it through this late binding.
  const delivery: { worker?: OutboxWorker } = {};
  // Messages enqueued outside an application change (jury notices, the selection) wake the worker too.
  // The worker runs outside the waking turn (outsideTurn), so its loop never reads through that turn's memory.
  const wake = () => outsideTurn(() => delivery.worker?.wake());
  const outbox: OutboxStore = new CosmosOutboxStore(store.containers.applications, wake);
  const settings = new CosmosSettingsRepository(store.containers.programme);
  // Lists leave out the applications of people whose data is restricted (ADR 0019), read from the settings (turn-cached).
  const restricted = async () => restrictedIdsOf((await settings.get())?.value);
  const services: BotServices = {
    applications: new WakeOnEnqueue(new CosmosApplicationRepository(store.containers.applications, restricted), wake),
    outbox,
    jury: new CosmosJuryRepository(store.containers.applications),
    campaigns: new CosmosCampaignRepository(store.containers.programme),
    followUps: new CosmosFollowUpRepository(store.containers.applications),
    recommendations: new CosmosRecommendationRepository(store.containers.applications, wake),
    disposals: new CosmosDisposalStore(store.containers.applications),
    personalData: new CosmosPersonalDataStore(store.containers.applications),
    exportLog: new CosmosExportLog(store.containers.applications),
    cohorts: new CosmosCohortRepository(store.containers.programme),
    settings,
    directory,
    addresses: new CosmosConversationAddressBook(store.containers.conversations, () => clock.now()),
    once: new CosmosOnceLedger(store.containers.botState, () => clock.now()),
    clock,
    ids: { uuid: () => randomUUID(), shortId },
    schedule: config.approvalSchedule,
    log,
    ...(config.localeOverride ? { localeOverride: config.localeOverride } : {}),
    ...(config.botAuth ? { personalChatLink: `https://teams.microsoft.com/l/chat/0/0?users=28:${config.botAuth.appId}` } : {}),
    // In Teams a deep link into the tab; locally the tab's page on this server (its address is known once it listens).
    ...(config.tab.enabled ? { tabLink: config.tab.teamsAppId ? teamsTabLink(config.tab.teamsAppId) : localTabLink(() => listening.url) } : {}),
  };

  if (config.seedDemo) await seedDemo(services, clock.now());
  if (config.coordinatorIds.length > 0 && !(await services.settings.get())) {
    await services.settings.save({ coordinatorIds: config.coordinatorIds, hrContactIds: config.hrContactIds, steeringGroupIds: [] }).catch((e: unknown) => {
      if (!(e instanceof AlreadyExists)) throw e;
    });
  }

  // Replies in a turn try a throttled request (429: nothing was accepted) twice more; nothing else is retried.
  const adapter = createCloudAdapter(config.botAuth, log, config.localeOverride, overrides.botCredentials, { timeoutMs: config.connectorTimeoutMs, throttledRetries: 2 });
  const conversationState = createConversationState(new CosmosBotStorage(new CosmosStateStore(store.containers.botState)));
  const bot = new AcceleratornBot(services, conversationState);

  // Proactive messages: the outbox worker delivers what the turns enqueued, paced under Teams' limits.
  // The outbox retries on its own (docs/decisions/0005): its adapter tries every request once, under a deadline.
  const progress: ProgressDeps = { ...services, perSecond: config.outbox.sendRate };
  // One pacer for every proactive request: its slots before the claim, its last gate inside the connector's pipeline.
  const sender = pacedProactiveSender(config.outbox.sendRate, (paced) => createCloudAdapter(config.botAuth, log, config.localeOverride, overrides.botCredentials, { timeoutMs: config.connectorTimeoutMs, ...paced }), {
    appId: config.botAuth?.appId ?? '',
    addresses: services.addresses,
    render: createNotificationRenderer({ ...services, progress }),
    defaults: { ...(config.teamsServiceUrl ? { serviceUrl: config.teamsServiceUrl } : {}), tenantId: config.botAuth?.tenantId ?? config.allowedTenantIds[0] },
    ...(config.localeOverride ? { localeOverride: config.localeOverride } : {}),
    ...(installerFor(config, credential) ?? {}),
    log,
  });
  // One instance delivers at the app's whole rate while it holds the sender lease; the others stand by.
  const worker = new OutboxWorker({
    store: outbox,
    sender: new HoldForRestricted(new JobsThenTeams(services, sender, showProgressWith(progress, (...a) => sender.update(...a))), services),
    leases: new CosmosLeaseStore(store.containers.botState),
    onGaveUp: (m) => reportDeliveryProblem({ settings: services.settings, outbox, clock }, m),
    clock,
    workerId: `${hostname()}-${randomUUID().slice(0, 8)}`,
    pollMs: config.outbox.pollMs,
    // Enough sends in flight to keep Teams' rate with a connector answering in a few hundred milliseconds.
    concurrency: 32,
    batchSize: 100,
    leaseMs: Math.max(30_000, 2 * config.connectorTimeoutMs + 5_000),
    log,
  });
  delivery.worker = worker;
  if (config.outbox.worker) worker.start();

  const tab = config.tab;
  const demoPeople = tab.enabled && tab.demoSignIn ? await demoPeopleOf(directory) : undefined;
  const http: HttpServer = createHttpServer({
    ...(tab.enabled
      ? {
          register: (server) =>
            registerTab(server, {
              services,
              ...(tab.appId ? { appId: tab.appId, verifyToken: tabTokenVerifier({ appId: tab.appId, tenantIds: config.allowedTenantIds, ...(tab.appIdUri ? { appIdUri: tab.appIdUri } : {}), ...(tab.jwksUrl ? { jwksUrl: tab.jwksUrl } : {}) }) } : {}),
              ...(demoPeople ? { demoPeople } : {}),
              staticDir: join(projectRoot(), 'dist', 'web'),
              perRequest: withTurnCache,
              log,
            }),
        }
      : {}),
    handleMessage: (req, res) => adapter.process(req, res, (context) => withTurnCache(() => bot.run(context))),
    ...(config.botAuth ? { verifyToken: botTokenVerifier(config.botAuth) } : {}),
    allowedTenantIds: config.allowedTenantIds,
    pingStore: (deadlineMs) => store.ping(deadlineMs),
    inMemoryStore: store.inMemory,
    log,
  });
  await new Promise<void>((resolve, reject) => {
    http.server.once('error', reject);
    http.server.listen(config.port, config.host, () => resolve());
  });
  const port = (http.server.address() as AddressInfo).port;
  const url = `http://${config.host === '0.0.0.0' ? '127.0.0.1' : config.host}:${port}`;
  listening.url = url;
  log.info('Acceleratorn is listening', { url: `${url}/api/messages`, auth: config.botAuth ? 'bot framework' : 'anonymous (local only)' });

  let closed: Promise<void> | undefined;
  return {
    url,
    port,
    store,
    services,
    outbox: worker,
    close(deadlineMs = config.shutdownDeadlineMs) {
      // One deadline for everything: turns in flight and deliveries finish or are abandoned within it.
      closed ??= (async () => {
        await Promise.all([http.close(deadlineMs * 0.8), worker.stop(deadlineMs * 0.9)]);
        if (!overrides.store) await store.close();
      })();
      return closed;
    },
  };
}
