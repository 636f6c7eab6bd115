/**
 * The Microsoft 365 Agents Toolkit project files and the GitHub workflow: they parse, validate against the
 * toolkit's own schema, refer only to files that exist (or that an earlier step makes), use only variables that
 * are defined by the time a step runs, keep secrets out of the committed env files, and the app package the
 * provision builds validates against the bundled Teams schema.
 */
import { mkdtempSync, readFileSync, existsSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import AdmZip from 'adm-zip';
import Ajv from 'ajv';
import { parse } from 'yaml';
import { buildAppPackage } from '../../scripts/package-app';
import { mainBicep, outputsOf, withoutComments } from '../helpers/bicep';
import { compileSchema } from '../helpers/teams-schema';

const ROOT = join(__dirname, '..', '..');
const read = (file: string) => readFileSync(join(ROOT, file), 'utf8');

interface Step {
  readonly uses: string;
  readonly name?: string;
  readonly with?: Record<string, unknown>;
  readonly writeToEnvironmentFile?: Record<string, string>;
}
interface ProjectFile {
  readonly version: string;
  readonly environmentFolderPath: string;
  readonly provision: Step[];
  readonly deploy: Step[];
}

/** The toolkit's own schema for these files (test/fixtures/README.md says where it comes from). */
const validateProjectFile = new Ajv({ strict: false, allErrors: true }).compile(JSON.parse(read('test/fixtures/m365agents-yaml-schema-v1.11.json')) as object);

/** Set by the toolkit itself: the environment's name, the signed-in tenant, the subscription it asks for. */
const BUILT_IN = ['TEAMSFX_ENV', 'APP_NAME_SUFFIX', 'TEAMS_APP_TENANT_ID', 'AZURE_SUBSCRIPTION_ID', 'AZURE_RESOURCE_GROUP_NAME'];

const PLACEHOLDER = /\$\{\{\s*([A-Za-z_][A-Za-z0-9_]*)\s*\}\}/g;
const placeholders = (text: string) => [...text.matchAll(PLACEHOLDER)].map((m) => m[1] ?? '');

/** The variables whose comment (the lines just above) says "Required": the admin fills them in before provision. */
function requiredIn(file: string): Set<string> {
  const required = new Set<string>();
  let comment = '';
  for (const line of read(file).split('\n')) {
    if (line.startsWith('#')) comment += line;
    else if (/^[A-Z_][A-Z0-9_]*=/.test(line)) {
      if (/\bRequired\b/.test(comment)) required.add(line.slice(0, line.indexOf('=')));
    } else comment = '';
  }
  return required;
}

/** KEY=value lines of an env file. */
function envFile(file: string): Map<string, string> {
  return new Map(
    read(file)
      .split('\n')
      .filter((line) => /^[A-Z_][A-Z0-9_]*=/.test(line))
      .map((line) => [line.slice(0, line.indexOf('=')), line.slice(line.indexOf('=') + 1)] as const),
  );
}

/** The files a step reads (must exist when it runs) and the ones it writes. */
function filesOf(step: Step): { reads: string[]; writes: string[] } {
  const w = step.with ?? {};
  const str = (key: string) => (typeof w[key] === 'string' ? [w[key]] : []);
  const templates = (w.templates as { path: string; parameters?: string }[] | undefined) ?? [];
  return {
    reads: [...str('manifestPath'), ...str('ignoreFile'), ...str('appPackagePath'), ...str('artifactFolder'), ...templates.flatMap((t) => [t.path, ...(t.parameters ? [t.parameters] : [])])],
    writes: [...str('outputZipPath'), ...str('outputFolder'), ...str('outputFilePath'), ...str('target')],
  };
}

describe.each([
  ['m365agents.yml', 'env/.env.dev'],
  ['m365agents.local.yml', 'env/.env.local'],
])('%s', (file, envName) => {
  const text = read(file);
  const project = parse(text) as ProjectFile;
  const env = envFile(envName);
  const pkg = JSON.parse(read('package.json')) as { scripts: Record<string, string> };

  it('parses as YAML and validates against the toolkit\'s schema (v1.11)', () => {
    const valid = validateProjectFile(project);
    expect(validateProjectFile.errors ?? []).toEqual([]);
    expect(valid).toBe(true);
    expect(project.environmentFolderPath).toBe('./env');
  });

  it('refers only to files that exist, or that an earlier step writes', () => {
    const written = new Set<string>();
    const normal = (p: string) => p.replace(/^\.\//, '').replace(/\$\{\{TEAMSFX_ENV\}\}/g, envName.replace('env/.env.', ''));
    for (const step of [...project.provision, ...project.deploy]) {
      const { reads, writes } = filesOf(step);
      for (const path of reads.map(normal)) expect({ step: step.uses, path, there: existsSync(join(ROOT, path)) || written.has(path) }).toEqual({ step: step.uses, path, there: true });
      // npm commands name scripts that package.json has; `run stage` makes .deploy/ (scripts/stage-deploy.mjs).
      const args = String(step.with?.args ?? '');
      const script = /^run (\S+)/.exec(args)?.[1];
      if (step.uses === 'cli/runNpmCommand' && script) {
        expect(pkg.scripts).toHaveProperty([script]);
        if (script === 'stage') written.add('.deploy');
      }
      for (const path of writes.map(normal)) written.add(path);
    }
  });

  it('uses only variables that are defined when each step runs (env file, toolkit, earlier steps, the Bicep\'s outputs)', () => {
    const defined = new Set([...env.keys(), ...BUILT_IN]);
    // The toolkit leaves a placeholder whose variable is empty unreplaced and stops: one that is empty in the env
    // file and made by no earlier step is one the admin must fill (marked Required), or one the toolkit fills.
    const filled = new Set([...[...env].filter(([, value]) => value !== '').map(([name]) => name), ...requiredIn(envName), ...BUILT_IN]);
    const bicepOutputs = outputsOf(withoutComments(mainBicep())).map((o) => o.name);
    const undefinedUses: string[] = [];
    const emptyUses: string[] = [];
    for (const step of [...project.provision, ...project.deploy]) {
      const { reads } = filesOf(step);
      const templates = reads.filter((p) => /\.json$/.test(p) && existsSync(join(ROOT, p))).map((p) => read(p));
      for (const name of placeholders(JSON.stringify(step.with ?? {}) + templates.join('\n'))) {
        // aadApp/update makes the permission's id when it is empty (its documented behaviour).
        if (step.uses === 'aadApp/update' && name === 'AAD_APP_ACCESS_AS_USER_PERMISSION_ID') continue;
        if (!defined.has(name)) undefinedUses.push(`${step.uses}: ${name}`);
        else if (!filled.has(name)) emptyUses.push(`${step.uses}: ${name}`);
      }
      const made = [...Object.values(step.writeToEnvironmentFile ?? {}), ...(step.uses === 'arm/deploy' ? bicepOutputs : [])];
      for (const name of made) {
        defined.add(name);
        filled.add(name);
      }
    }
    expect(undefinedUses).toEqual([]);
    expect(emptyUses).toEqual([]);
  });

  it(`keeps no secret in ${envName}: secrets go to the git-ignored .user file`, () => {
    expect(env.get('TEAMSFX_ENV')).toBe(envName.replace('env/.env.', ''));
    for (const [name, value] of env) {
      expect({ name, secretName: /SECRET|PASSWORD|KEY|TOKEN|CONNECTION_STRING/.test(name) }).toEqual({ name, secretName: false });
      // A value is empty, or a plain name, id or choice: nothing long and random, no connection string.
      expect({ name, value, plain: value === '' || (/^[\w.,:/-]{1,60}$/.test(value) && !/(Key|Secret|Password)=/i.test(value)) }).toEqual({ name, value, plain: true });
    }
    const ignored = read('.gitignore').split('\n');
    expect(ignored).toEqual(expect.arrayContaining(['env/.env.*.user', '.localConfigs', '.deploy/']));
    // The only secret the toolkit makes (the local bot's password) goes to a SECRET_ variable, kept in the .user file.
    const secretsWritten = [...project.provision, ...project.deploy].flatMap((s) => Object.values(s.writeToEnvironmentFile ?? {})).filter((n) => /SECRET|PASSWORD/.test(n));
    expect(secretsWritten.every((n) => n.startsWith('SECRET_'))).toBe(true);
  });
});

describe('the app package the provision builds', () => {
  it('validates against the bundled Teams schema with the values provision writes', () => {
    const validate = compileSchema('MicrosoftTeams.schema.json');
    const out = mkdtempSync(join(tmpdir(), 'acceleratorn-package-'));
    try {
      // What env/.env.dev holds after teamsApp/create, aadApp/create and arm/deploy.
      const vars = { TEAMS_APP_ID: '3f0c2b7e-8d41-4a6b-9c1e-5b2f7a9d0e13', TAB_APP_ID: '5c8e1f3a-9b2d-4c7e-a1f6-3d5b7e9a2c4f', BOT_ID: 'a7d9e4c2-1b3f-4e5a-8c6d-0f2e4b6a8c1d', BOT_DOMAIN: 'acceleratorn-fh.azurewebsites.net' };
      const zip = new AdmZip(buildAppPackage({ env: 'dev', vars, outDir: out }));
      expect(zip.getEntries().map((e) => e.entryName).sort()).toEqual(['color.png', 'en.json', 'manifest.json', 'outline.png']);
      const manifest = JSON.parse(zip.readAsText('manifest.json')) as { webApplicationInfo: { resource: string }; bots: { botId: string }[] };
      expect(validate(manifest)).toBe(true);
      expect(validate.errors ?? []).toEqual([]);
      expect(manifest.bots[0]?.botId).toBe(vars.BOT_ID);
      // The tab's SSO resource is an identifier URI of the tab's registration (infra/aad.manifest.json).
      const aad = JSON.parse(read('infra/aad.manifest.json').replace(PLACEHOLDER, (_m, name: string) => (vars as Record<string, string>)[name] ?? `<${name}>`)) as {
        identifierUris: string[];
        spa: { redirectUris: string[] };
        api: { oauth2PermissionScopes: { value: string }[] };
      };
      expect(aad.identifierUris).toContain(manifest.webApplicationInfo.resource);
      // Nested app authentication asks for api://<client id>/access_as_user (web/src/auth.ts) and returns to brk-multihub://<host>.
      expect(aad.identifierUris).toContain(`api://${vars.TAB_APP_ID}`);
      expect(read('web/src/auth.ts')).toContain('`api://${appId}/access_as_user`');
      expect(aad.api.oauth2PermissionScopes.map((s) => s.value)).toEqual(['access_as_user']);
      expect(aad.spa.redirectUris).toContain(`brk-multihub://${vars.BOT_DOMAIN}`);
    } finally {
      rmSync(out, { recursive: true, force: true });
    }
  });
});

describe('.webappignore and the GitHub workflow', () => {
  it('never uploads an env file', () => {
    expect(read('.webappignore').split('\n')).toEqual(expect.arrayContaining(['.env*', '.localConfigs']));
  });

  it('tests, then deploys with OpenID Connect and no stored secret', () => {
    const text = read('.github/workflows/deploy.yml');
    const workflow = parse(text) as {
      on: Record<string, unknown>;
      permissions: Record<string, string>;
      jobs: Record<string, { needs?: string; permissions?: Record<string, string>; steps: { uses?: string; run?: string; with?: Record<string, string> }[] }>;
    };
    expect(text).not.toMatch(/secrets\./);
    expect(Object.keys(workflow.on)).not.toContain('pull_request_target');
    expect(workflow.permissions).toEqual({ contents: 'read' });
    const { test, deploy } = workflow.jobs;
    expect(test?.steps.map((s) => s.run).filter(Boolean)).toEqual(['npm ci --no-audit --no-fund', 'npm test']);
    expect(deploy?.needs).toBe('test');
    expect(deploy?.permissions).toEqual({ contents: 'read', 'id-token': 'write' });
    const login = deploy?.steps.find((s) => s.uses?.startsWith('azure/login@'));
    expect(Object.keys(login?.with ?? {}).sort()).toEqual(['client-id', 'subscription-id', 'tenant-id']);
    const runs = (deploy?.steps ?? []).map((s) => s.run ?? '').join('\n');
    expect(runs).toMatch(/npm run stage/);
    expect(runs).toMatch(/az deployment group create[\s\S]*--template-file infra\/main\.bicep/);
    expect(deploy?.steps.find((s) => s.uses?.startsWith('azure/webapps-deploy@'))?.with?.package).toBe('.deploy');
  });
});
