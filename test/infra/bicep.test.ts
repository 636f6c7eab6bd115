/**
 * infra/main.bicep, read as text (no Bicep compiler here): the security invariants of the deployment, the
 * containers it creates equal to the app's own definitions, and its app settings exactly what src/config.ts
 * needs in production.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { CONFIG_VARIABLES, NOT_IN_PRODUCTION, PRODUCTION_REQUIRES, parseConfig } from '../../src/config';
import { CONTAINERS } from '../../src/adapters/cosmos/containers';
import { INFRA, appSettings, entriesOf, fakedAppSettings, literal, mainBicep, objectIn, outputsOf, paramsOf, resourceBlock, withoutComments } from '../helpers/bicep';

const code = withoutComments(mainBicep());
const block = (symbol: string) => resourceBlock(code, symbol);
const entries = (symbol: string, key?: string) => entriesOf(key ? objectIn(block(symbol).body, key) : block(symbol).body);

const SECRET_WORDS = /key|secret|password|connectionstring|token|credential/i;

describe('infra/main.bicep: security invariants', () => {
  it('serves the web app over HTTPS only, TLS 1.2 or later, FTP off, on Linux with Node 22 LTS and a health check on /healthz', () => {
    const app = block('app');
    expect(app.type).toBe('Microsoft.Web/sites');
    expect(entries('app').get('kind')).toBe("'app,linux'");
    expect(entriesOf(objectIn(app.body, 'properties')).get('httpsOnly')).toBe('true');
    const site = entries('app', 'siteConfig');
    for (const tls of ['minTlsVersion', 'scmMinTlsVersion']) expect(Number(literal(site.get(tls)))).toBeGreaterThanOrEqual(1.2);
    expect(site.get('ftpsState')).toBe("'Disabled'");
    expect(site.get('healthCheckPath')).toBe("'/healthz'");
    expect(site.get('linuxFxVersion')).toBe("'NODE|22-lts'");
    expect(site.get('alwaysOn')).toBe('true');
    // App Service runs what scripts/stage-deploy.mjs stages, the same entry point as `npm run start:bot`.
    const pkg = JSON.parse(readFileSync(join(INFRA, '..', 'package.json'), 'utf8')) as { scripts: Record<string, string> };
    expect(`'${pkg.scripts['start:bot']}'`).toBe(site.get('appCommandLine'));
    expect(entries('ftpBasicAuth', 'properties').get('allow')).toBe('false');
    expect(entries('plan', 'properties').get('reserved')).toBe('true');
  });

  it('gives the app only the user-assigned identity, and the bot signs in as that identity (UserAssignedMSI) with the Teams channel on', () => {
    expect(block('identity').type).toBe('Microsoft.ManagedIdentity/userAssignedIdentities');
    const identity = objectIn(block('app').body, 'identity');
    expect(entriesOf(identity).get('type')).toBe("'UserAssigned'");
    expect(identity).toMatch(/'\$\{identity\.id\}': \{\}/);

    expect(block('bot').type).toBe('Microsoft.BotService/botServices');
    const bot = entries('bot', 'properties');
    expect(bot.get('msaAppType')).toBe("'UserAssignedMSI'");
    expect(bot.get('msaAppId')).toBe('identity.properties.clientId');
    expect(bot.get('msaAppMSIResourceId')).toBe('identity.id');
    expect(bot.get('msaAppTenantId')).toBe('identity.properties.tenantId');
    expect(bot.get('endpoint')).toBe("'https://${app.properties.defaultHostName}/api/messages'");
    const channel = block('teamsChannel');
    expect(channel.type).toBe('Microsoft.BotService/botServices/channels');
    expect(entriesOf(channel.body).get('name')).toBe("'MsTeamsChannel'");
    expect(entriesOf(objectIn(channel.body, 'properties')).get('channelName')).toBe("'MsTeamsChannel'");
  });

  it('makes Cosmos DB serverless with local (key) auth off, and gives the identity\'s principal the Built-in Data Contributor role', () => {
    const cosmos = block('cosmos');
    expect(cosmos.type).toBe('Microsoft.DocumentDB/databaseAccounts');
    const props = entriesOf(objectIn(cosmos.body, 'properties'));
    expect(props.get('disableLocalAuth')).toBe('true');
    expect(props.get('disableKeyBasedMetadataWriteAccess')).toBe('true');
    expect(props.get('minimalTlsVersion')).toBe("'Tls12'");
    expect(objectIn(cosmos.body, 'properties')).toMatch(/name: 'EnableServerless'/);

    const role = block('cosmosRole');
    expect(role.type).toBe('Microsoft.DocumentDB/databaseAccounts/sqlRoleAssignments');
    const assignment = entriesOf(objectIn(role.body, 'properties'));
    expect(assignment.get('principalId')).toBe('identity.properties.principalId');
    expect(assignment.get('roleDefinitionId')).toBe("'${cosmos.id}/sqlRoleDefinitions/${cosmosDataContributor}'");
    expect(assignment.get('scope')).toBe('cosmos.id');
    expect(code).toMatch(/^var cosmosDataContributor = '00000000-0000-0000-0000-000000000002'$/m);
  });

  it('reads no key anywhere, takes no secret parameter and outputs no secret', () => {
    expect(code).not.toMatch(/\blist[A-Z]\w*\(/); // listKeys, listConnectionStrings, listCredentials, ...
    expect(code).not.toMatch(/@secure\(\)/);
    expect(code).not.toMatch(/primaryMasterKey|InstrumentationKey|AccountKey=/);
    const params = paramsOf(code);
    expect(params.map((p) => p.name)).toContain('instanceCount');
    for (const param of params) expect(param.name).not.toMatch(SECRET_WORDS);
    const outputs = outputsOf(code);
    expect(outputs.map((o) => o.name)).toEqual(expect.arrayContaining(['AZURE_APP_SERVICE_RESOURCE_ID', 'BOT_ID', 'BOT_DOMAIN', 'BOT_ENDPOINT']));
    for (const output of outputs) {
      expect(output.name).not.toMatch(SECRET_WORDS);
      expect(output.value).not.toMatch(/ConnectionString|insights\./);
    }
    // The connection string of Application Insights goes to the app setting only.
    expect(code.match(/insights\.properties\.ConnectionString/g)).toHaveLength(1);
  });

  it('is given every parameter without a default by main.parameters.json and the workflow, and no unknown one', () => {
    const params = paramsOf(code);
    const names = params.map((p) => p.name);
    const required = [...code.matchAll(/^param (\w+) \w+$/gm)].map((m) => m[1]);
    const file = Object.keys((JSON.parse(readFileSync(join(INFRA, 'main.parameters.json'), 'utf8')) as { parameters: object }).parameters);
    expect(file.filter((n) => !names.includes(n))).toEqual([]);
    expect(required.filter((n) => !file.includes(n ?? ''))).toEqual([]);
    const workflow = readFileSync(join(INFRA, '..', '.github', 'workflows', 'deploy.yml'), 'utf8');
    const passed = [...workflow.matchAll(/\b(\w+)="\$\w+"/g)].map((m) => m[1] ?? '');
    expect(passed.filter((n) => !names.includes(n))).toEqual([]);
    expect(required.filter((n) => !passed.includes(n ?? ''))).toEqual([]);
  });

  it('takes the instance count from a parameter, with at least two by default', () => {
    expect(entries('plan', 'sku').get('capacity')).toBe('instanceCount');
    expect(code).toMatch(/^param instanceCount int = ([2-9]|10)$/m);
    expect(entriesOf(objectIn(block('app').body, 'properties')).get('clientAffinityEnabled')).toBe('false');
  });

  it('sends the telemetry to a workspace-based Application Insights', () => {
    expect(block('logs').type).toBe('Microsoft.OperationalInsights/workspaces');
    expect(block('insights').type).toBe('Microsoft.Insights/components');
    expect(entries('insights', 'properties').get('WorkspaceResourceId')).toBe('logs.id');
  });

  it('creates the containers of docs/decisions/0002 with the app\'s partition keys and composite indexes', () => {
    expect(code).toMatch(/^var containers = loadJsonContent\('cosmos-containers\.json'\)$/m);
    const defined = JSON.parse(readFileSync(join(INFRA, 'cosmos-containers.json'), 'utf8')) as { id: string; partitionKey: string; indexingPolicy: { compositeIndexes: unknown[] }; defaultTtl?: number }[];
    expect(defined.map((c) => ({ id: c.id, partitionKey: c.partitionKey, compositeIndexes: c.indexingPolicy.compositeIndexes, defaultTtl: c.defaultTtl }))).toEqual(
      Object.values(CONTAINERS).map((c) => ({ id: c.id, partitionKey: c.partitionKey, compositeIndexes: 'indexingPolicy' in c ? c.indexingPolicy.compositeIndexes : [], defaultTtl: 'defaultTtl' in c ? c.defaultTtl : undefined })),
    );
    // Time to live (ADR 0018): the containers' setting reaches Azure too.
    expect(code).toMatch(/^\s*defaultTtl: container\.\?defaultTtl$/m);
  });
});

describe('infra/main.bicep: the app settings are exactly what src/config.ts needs in production', () => {
  const written = appSettings();

  it('writes only variables src/config.ts reads, none of those production refuses, and no secret', () => {
    expect(block('appSettings').type).toBe('Microsoft.Web/sites/config');
    expect(written.size).toBeGreaterThan(10);
    const unknown = [...written.keys()].filter((name) => !CONFIG_VARIABLES.includes(name));
    expect(unknown).toEqual([]);
    expect([...written.keys()].filter((name) => name in NOT_IN_PRODUCTION)).toEqual([]);
    expect(written.has('COSMOS_KEY')).toBe(false);
    expect(written.has('MICROSOFT_APP_PASSWORD')).toBe(false);
  });

  it('writes every variable production requires, given the values it writes', () => {
    expect(literal(written.get('NODE_ENV'))).toBe('production');
    // The literal values decide which requirements apply (UserAssignedMSI needs no password; graph needs no file).
    // Unwritten, a variable has its default (SingleTenant, file, tab on).
    const env = { MICROSOFT_APP_TYPE: 'SingleTenant', DIRECTORY: 'file', TAB_ENABLED: true, ...literalsOf(written) } as unknown as Parameters<(typeof PRODUCTION_REQUIRES)[number]['when']>[0];
    const needed = PRODUCTION_REQUIRES.filter((need) => need.when(env)).map((need) => need.name);
    expect(needed).toEqual(expect.arrayContaining(['MICROSOFT_APP_ID', 'COSMOS_ENDPOINT', 'ALLOWED_TENANT_IDS', 'TAB_APP_ID', 'TEAMS_APP_ID']));
    expect(needed).not.toContain('MICROSOFT_APP_PASSWORD');
    expect(needed.filter((name) => !written.has(name))).toEqual([]);
  });

  it('passes parseConfig in production with the expressions given plausible values', () => {
    const config = parseConfig(fakedAppSettings(written, { COSMOS_ENDPOINT: 'https://acc-cosmos.documents.azure.com:443/' }));
    expect(config).toMatchObject({
      env: 'production',
      botAuth: { appType: 'UserAssignedMSI' },
      cosmos: { mode: 'azure', endpoint: 'https://acc-cosmos.documents.azure.com:443/' },
      directory: { source: 'graph' },
      tab: { enabled: true, demoSignIn: false },
    });
    expect(config.managedIdentityClientId).toBe(config.botAuth?.appId);
    expect(config.telemetry?.connectionString).toMatch(/^InstrumentationKey=/);
  });
});

/** The settings' literal values, typed as the config schema would read them. */
function literalsOf(written: Map<string, string>): Record<string, unknown> {
  return Object.fromEntries(
    [...written].flatMap(([name, value]) => {
      const text = literal(value);
      if (text === undefined) return [];
      return [[name, text === 'true' ? true : text === 'false' ? false : text]];
    }),
  );
}
