/**
 * The built app started the way App Service starts it: exactly the app settings infra/main.bicep writes (values
 * faked, the Cosmos endpoint pointed at the embedded server over TLS it trusts), and what App Service itself gives a
 * process with a user-assigned identity (PORT, IDENTITY_ENDPOINT, IDENTITY_HEADER). A local fake of the managed
 * identity endpoint stands in for Entra ID. The app must pass its production checks, sign in to Cosmos DB as the
 * named identity, and find the database and containers the Bicep creates (it may not create them itself).
 */
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { Server as HttpsServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createCosmosClient } from '../../src/adapters/cosmos/connection';
import { FakeAppInsights } from '../fakes/fake-app-insights';
import { appSettings, fakedAppSettings, INFRA } from '../helpers/bicep';
import { freePort } from '../helpers/free-port';
import { eventually } from '../helpers/eventually';

const root = join(__dirname, '..', '..');
const dir = mkdtempSync(join(tmpdir(), 'acceleratorn-prod-'));
const certFile = join(dir, 'cert.pem');
const keyFile = join(dir, 'key.pem');

let cosmos: HttpsServer;
let cosmosEndpoint: string;
let entra: Server;
/** Application Insights' ingestion, over TLS the child trusts (the exporter sends only over HTTPS). */
let ingestion: FakeAppInsights;
const tokenRequests: { clientId: string | null; resource: string | null; header: string | undefined }[] = [];
const IDENTITY_HEADER = 'identity-header-from-app-service';

beforeAll(async () => {
  // A certificate for 127.0.0.1 that the child trusts through NODE_EXTRA_CA_CERTS, as it trusts Azure's.
  execFileSync('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', keyFile, '-out', certFile, '-days', '1', '-subj', '/CN=127.0.0.1', '-addext', 'subjectAltName=IP:127.0.0.1,DNS:localhost'], { stdio: 'ignore' });
  const { default: createCosmosServer } = await import('@vercel/cosmosdb-server');
  cosmos = createCosmosServer({ cert: readFileSync(certFile), key: readFileSync(keyFile), keepAlive: true });
  await new Promise<void>((resolve) => cosmos.listen(0, '127.0.0.1', resolve));
  cosmosEndpoint = `https://127.0.0.1:${(cosmos.address() as AddressInfo).port}/`;

  // App Service's managed identity endpoint (api-version 2019-08-01), answering for any resource.
  ingestion = new FakeAppInsights({ cert: readFileSync(certFile), key: readFileSync(keyFile) });
  await ingestion.start();
  entra = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://x');
    tokenRequests.push({ clientId: url.searchParams.get('client_id'), resource: url.searchParams.get('resource'), header: req.headers['x-identity-header'] as string | undefined });
    const expires = Math.floor(Date.now() / 1000) + 3600;
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ access_token: 'fake-managed-identity-token', expires_on: String(expires), resource: url.searchParams.get('resource'), token_type: 'Bearer', client_id: url.searchParams.get('client_id') }));
  });
  await new Promise<void>((resolve) => entra.listen(0, '127.0.0.1', resolve));
}, 30_000);

afterAll(async () => {
  cosmos.closeAllConnections();
  await new Promise((resolve) => cosmos.close(resolve));
  await new Promise((resolve) => entra.close(resolve));
  await ingestion.stop();
  rmSync(dir, { recursive: true, force: true });
});

/** What infra/main.bicep creates: the database and the containers of infra/cosmos-containers.json. */
async function createWhatTheBicepCreates(database: string, containers = true): Promise<void> {
  const client = createCosmosClient(cosmosEndpoint, { embedded: true });
  const { database: db } = await client.databases.createIfNotExists({ id: database });
  if (containers) {
    const defined = JSON.parse(readFileSync(join(INFRA, 'cosmos-containers.json'), 'utf8')) as { id: string; partitionKey: string; indexingPolicy: object }[];
    for (const c of defined) await db.containers.createIfNotExists({ id: c.id, partitionKey: { paths: [c.partitionKey] }, indexingPolicy: c.indexingPolicy });
  }
  client.dispose();
}

interface Started {
  readonly child: ChildProcess;
  readonly port: number;
  readonly stderr: () => string;
  readonly exited: Promise<number | null>;
}

async function startAsAppService(database: string): Promise<Started> {
  const port = await freePort();
  const entraUrl = `http://127.0.0.1:${(entra.address() as AddressInfo).port}`;
  const settings = fakedAppSettings(appSettings(), {
    COSMOS_ENDPOINT: cosmosEndpoint,
    COSMOS_DATABASE: database,
    APPLICATIONINSIGHTS_CONNECTION_STRING: ingestion.connectionString('00000000-0000-4000-8000-000000000001'),
  });
  const child = spawn(process.execPath, [join(root, 'dist', 'src', 'index.js')], {
    cwd: root,
    env: {
      PATH: process.env.PATH ?? '',
      ...settings,
      // What App Service gives the process, not app settings.
      PORT: String(port),
      IDENTITY_ENDPOINT: `${entraUrl}/msi/token`,
      IDENTITY_HEADER,
      NODE_EXTRA_CA_CERTS: certFile,
      // The telemetry exporter's own usage reports go to Microsoft; this machine reaches nothing but npm.
      APPLICATIONINSIGHTS_STATSBEAT_DISABLED: 'true',
    },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  return { child, port, stderr: () => stderr, exited };
}

describe('the app with exactly the app settings of infra/main.bicep', () => {
  it('passes its production checks, signs in to Cosmos DB as the user-assigned identity and serves /healthz', async () => {
    await createWhatTheBicepCreates('acceleratorn-prod');
    const app = await startAsAppService('acceleratorn-prod');
    try {
      const health = await eventually(async () => {
        const res = await fetch(`http://127.0.0.1:${app.port}/healthz`);
        const body = (await res.json()) as { status: string; storeInMemory: boolean; store: { state: string } };
        if (res.status !== 200 || body.store.state !== 'ok') throw new Error(`not yet: ${res.status} ${JSON.stringify(body)}\n${app.stderr()}`);
        return body;
      }, 60_000);
      expect(health).toMatchObject({ status: 'ok', storeInMemory: false });

      // Every token was asked for the identity the Bicep names (MICROSOFT_APP_ID), with App Service's header.
      const settings = fakedAppSettings(appSettings());
      expect(tokenRequests.length).toBeGreaterThan(0);
      for (const asked of tokenRequests) expect(asked).toMatchObject({ clientId: settings.MICROSOFT_APP_ID, header: IDENTITY_HEADER });
      expect(tokenRequests.map((t) => t.resource)).toContain(new URL(cosmosEndpoint).origin);

      // Bot Framework authentication is on: an unsigned activity is refused.
      const refused = await fetch(`http://127.0.0.1:${app.port}/api/messages`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ type: 'message', text: 'hej' }) });
      expect(refused.status).toBe(401);
      expect(app.stderr()).not.toMatch(/"level":"error"/);
    } finally {
      app.child.kill('SIGTERM');
      // Its telemetry (the app settings name Application Insights) went out over TLS on the way down.
      expect({ exit: await app.exited, stderr: app.stderr() }).toMatchObject({ exit: 0 });
      expect(ingestion.requests.length).toBeGreaterThan(0);
    }
  }, 150_000);

  it('stops with one line naming the deployment when a container the Bicep creates is missing (it may not create it)', async () => {
    await createWhatTheBicepCreates('acceleratorn-empty', false);
    const app = await startAsAppService('acceleratorn-empty');
    const code = await app.exited;
    expect(code).not.toBe(0);
    expect(app.stderr()).toMatch(/Cosmos DB has no container "\w+" in the database "acceleratorn-empty".*deploy infra\/main\.bicep/);
  }, 150_000);
});
