import { execFile, spawn } from 'node:child_process';
import { join } from 'node:path';
import { ConfigError, parseConfig } from '../src/config';

const TAB_APP = '11111111-2222-4333-8444-555555555555';
const TEAMS_APP = '66666666-7777-4888-8999-000000000000';
/** A production environment with every required variable. */
const production = { NODE_ENV: 'production', MICROSOFT_APP_ID: 'a', MICROSOFT_APP_PASSWORD: 'p', MICROSOFT_APP_TENANT_ID: 't', COSMOS_ENDPOINT: 'https://x.documents.azure.com/', DIRECTORY_FILE: 'd.json', ALLOWED_TENANT_IDS: 't', TAB_APP_ID: TAB_APP, TEAMS_APP_ID: TEAMS_APP };

describe('parseConfig', () => {
  it('needs no variables at all in local mode', () => {
    const config = parseConfig({});
    expect(config).toMatchObject({ env: 'development', port: 3978, host: '127.0.0.1', cosmos: { mode: 'embedded', database: 'acceleratorn' }, seedDemo: false });
    expect(config.botAuth).toBeUndefined();
  });

  it('reads Azure Cosmos DB with a key, or with a managed identity when there is no key', () => {
    expect(parseConfig({ COSMOS_ENDPOINT: 'https://acc.documents.azure.com:443/', COSMOS_KEY: 'k' }).cosmos).toEqual({
      mode: 'azure',
      database: 'acceleratorn',
      endpoint: 'https://acc.documents.azure.com:443/',
      key: 'k',
    });
    expect(parseConfig({ COSMOS_ENDPOINT: 'https://acc.documents.azure.com:443/' }).cosmos).not.toHaveProperty('key');
  });

  it('parses lists and booleans', () => {
    const c = parseConfig({ COORDINATOR_IDS: ' a-1, b-2 ,,', SEED_DEMO: 'yes', HR_CONTACTS: 'Höganäs=h-1; Bjuv = h-2' });
    expect(c.hrContactIds).toEqual({ Höganäs: 'h-1', Bjuv: 'h-2' });
    expect(() => parseConfig({ HR_CONTACTS: 'Malmö=h-3' })).toThrow('HR_CONTACTS');
    expect(c.coordinatorIds).toEqual(['a-1', 'b-2']);
    expect(c.seedDemo).toBe(true);
  });

  it.each([
    [{ PORT: 'eighty' }, 'PORT'],
    [{ PORT: '70000' }, 'PORT'],
    [{ NODE_ENV: 'staging' }, 'NODE_ENV'],
    [{ COSMOS_ENDPOINT: 'not a url' }, 'COSMOS_ENDPOINT'],
    [{ SEED_DEMO: 'maybe' }, 'SEED_DEMO'],
    [{ COORDINATOR_IDS: 'ok-1,not ok' }, 'COORDINATOR_IDS'],
    [{ MICROSOFT_APP_ID: 'app' }, 'MICROSOFT_APP_PASSWORD'],
  ])('names the variable that is wrong: %p', (env, name) => {
    expect(() => parseConfig(env)).toThrow(ConfigError);
    expect(() => parseConfig(env)).toThrow(name);
  });

  it('refuses production with the tab on and its settings missing, or with the demo sign-in or test keys', () => {
    const { TAB_APP_ID: _a, TEAMS_APP_ID: _b, ...withoutTab } = production;
    expect(() => parseConfig(withoutTab)).toThrow('Missing configuration: NODE_ENV=production refuses to start without TAB_APP_ID (or TAB_ENABLED=false), TEAMS_APP_ID (or TAB_ENABLED=false)');
    expect(parseConfig({ ...withoutTab, TAB_ENABLED: 'false' }).tab).toEqual({ enabled: false, demoSignIn: false });
    expect(parseConfig(production).tab).toEqual({ enabled: true, demoSignIn: false, appId: TAB_APP, teamsAppId: TEAMS_APP });
    expect(() => parseConfig({ ...production, TAB_DEMO_SIGNIN: 'true' })).toThrow('TAB_DEMO_SIGNIN is for npm start only');
    expect(() => parseConfig({ ...production, TAB_ENABLED: 'false', TAB_DEMO_SIGNIN: 'true' })).toThrow('TAB_DEMO_SIGNIN is for npm start only');
    expect(() => parseConfig({ ...production, TAB_JWKS_URL: 'http://127.0.0.1:1/keys' })).toThrow('TAB_JWKS_URL is for tests only');
    expect(() => parseConfig({ TAB_APP_ID: 'not-a-guid' })).toThrow('TAB_APP_ID');
    expect(parseConfig({ TAB_DEMO_SIGNIN: 'true' }).tab.demoSignIn).toBe(true);
  });

  it('takes a language override for local demos only', () => {
    expect(parseConfig({ LOCALE_OVERRIDE: 'sv' }).localeOverride).toBe('sv');
    expect(() => parseConfig({ LOCALE_OVERRIDE: 'de' })).toThrow('LOCALE_OVERRIDE');
    expect(() => parseConfig({ ...production, LOCALE_OVERRIDE: 'sv' })).toThrow('LOCALE_OVERRIDE is for local demos only');
  });

  it('serves only the allowed tenants: required in production, the Playground\'s mock tenant locally', () => {
    expect(parseConfig({}).allowedTenantIds).toEqual(['00000000-0000-4000-8000-00000000a11a']);
    expect(parseConfig({ ALLOWED_TENANT_IDS: 'a-1, b-2' }).allowedTenantIds).toEqual(['a-1', 'b-2']);
    expect(() => parseConfig({ ALLOWED_TENANT_IDS: 'a/1' })).toThrow('ALLOWED_TENANT_IDS');
    const { ALLOWED_TENANT_IDS: _t, ...withoutTenants } = production;
    expect(() => parseConfig(withoutTenants)).toThrow('Missing configuration: NODE_ENV=production refuses to start without ALLOWED_TENANT_IDS');
    expect(() => parseConfig({ ...production, ALLOWED_TENANT_IDS: ' , ' })).toThrow('ALLOWED_TENANT_IDS');
    expect(parseConfig(production).allowedTenantIds).toEqual(['t']);
  });

  it('takes the Bot Connector keys from another place in tests only', () => {
    expect(parseConfig({ MICROSOFT_APP_ID: 'a', MICROSOFT_APP_PASSWORD: 'p', BOT_OPENID_METADATA_URL: 'http://127.0.0.1:1/openid' }).botAuth?.openIdMetadataUrl).toBe('http://127.0.0.1:1/openid');
    expect(() => parseConfig({ ...production, BOT_OPENID_METADATA_URL: 'http://127.0.0.1:1/openid' })).toThrow('BOT_OPENID_METADATA_URL is for tests only');
  });

  it('refuses production without bot credentials, a real store and a directory, naming each missing variable', () => {
    expect(() => parseConfig({ NODE_ENV: 'production' })).toThrow(
      'Missing configuration: NODE_ENV=production refuses to start without MICROSOFT_APP_ID, MICROSOFT_APP_PASSWORD, MICROSOFT_APP_TENANT_ID, COSMOS_ENDPOINT, DIRECTORY=graph or DIRECTORY_FILE, ALLOWED_TENANT_IDS, TAB_APP_ID (or TAB_ENABLED=false), TEAMS_APP_ID (or TAB_ENABLED=false)',
    );
    const managedIdentity = parseConfig({
      NODE_ENV: 'production',
      MICROSOFT_APP_ID: 'app',
      MICROSOFT_APP_TYPE: 'UserAssignedMSI',
      MICROSOFT_APP_TENANT_ID: 'tenant',
      COSMOS_ENDPOINT: 'https://acc.documents.azure.com:443/',
      DIRECTORY: 'graph',
      ALLOWED_TENANT_IDS: 'tenant',
      TAB_ENABLED: 'false',
    });
    expect(managedIdentity).toMatchObject({ host: '0.0.0.0', allowedTenantIds: ['tenant'], teamsServiceUrl: 'https://smba.trafficmanager.net/teams/', botAuth: { appId: 'app', appType: 'UserAssignedMSI' }, directory: { source: 'graph', municipalityFrom: 'companyName' } });
  });
});

const runEntry = (env: Record<string, string>) =>
  spawn(process.execPath, ['-r', join(__dirname, 'helpers', 'ts-register.js'), join(__dirname, '..', 'src', 'index.ts')], {
    env: { PATH: process.env.PATH ?? '', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });

describe('the process', () => {
  it('starts with no variables at all, says the data lives in memory, and stops cleanly on SIGTERM', async () => {
    const child = runEntry({ PORT: '0' });
    let stderr = '';
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`did not start: ${stderr}`)), 20000);
      child.stderr.on('data', () => {
        if (stderr.includes('Acceleratorn is listening')) {
          clearTimeout(timer);
          resolve();
        }
      });
    });
    expect(stderr).toContain('Data lives in memory');
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    child.kill('SIGTERM');
    expect(await exited).toBe(0);
    expect(stderr).toContain('SIGTERM: finishing in-flight turns and deliveries');
  });

  it('exits at once in production without credentials, with one line naming the missing variables', async () => {
    const entry = join(__dirname, '..', 'src', 'index.ts');
    const result = await new Promise<{ code: number | null; stderr: string }>((resolve) => {
      const child = execFile(
        process.execPath,
        ['-r', join(__dirname, 'helpers', 'ts-register.js'), entry],
        { env: { PATH: process.env.PATH ?? '', NODE_ENV: 'production' }, timeout: 20000 },
        (error, _stdout, stderr) => resolve({ code: child.exitCode ?? (error ? 1 : 0), stderr }),
      );
    });
    expect(result.code).toBe(1);
    expect(result.stderr.trim().split('\n')).toEqual([
      'Missing configuration: NODE_ENV=production refuses to start without MICROSOFT_APP_ID, MICROSOFT_APP_PASSWORD, MICROSOFT_APP_TENANT_ID, COSMOS_ENDPOINT, DIRECTORY=graph or DIRECTORY_FILE, ALLOWED_TENANT_IDS, TAB_APP_ID (or TAB_ENABLED=false), TEAMS_APP_ID (or TAB_ENABLED=false)',
    ]);
  });
});

describe('the identity the app signs in with', () => {
  it('is the bot\'s own user-assigned identity under UserAssignedMSI, and the telemetry connection string is read when set', () => {
    const msi = { ...production, MICROSOFT_APP_TYPE: 'UserAssignedMSI', MICROSOFT_APP_PASSWORD: '' };
    expect(parseConfig(msi).managedIdentityClientId).toBe('a');
    expect(parseConfig(production).managedIdentityClientId).toBeUndefined();
    expect(parseConfig(msi).telemetry).toBeUndefined();
    const connectionString = 'InstrumentationKey=00000000-0000-4000-8000-000000000000;IngestionEndpoint=https://swedencentral-0.in.applicationinsights.azure.com/';
    expect(parseConfig({ ...msi, APPLICATIONINSIGHTS_CONNECTION_STRING: connectionString }).telemetry).toEqual({ connectionString });
    expect(() => parseConfig({ APPLICATIONINSIGHTS_CONNECTION_STRING: 'not a connection string' })).toThrow('APPLICATIONINSIGHTS_CONNECTION_STRING');
  });
});
