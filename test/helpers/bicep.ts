import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * infra/main.bicep read as text: there is no Bicep compiler on this machine (it downloads from GitHub), so the
 * tests read the few shapes the file keeps to: one `resource <symbol> '<type>@<version>' = {` per resource, and
 * flat `key: value` lines.
 */
export const INFRA = join(__dirname, '..', '..', 'infra');
export const mainBicep = (): string => readFileSync(join(INFRA, 'main.bicep'), 'utf8');

/** The text without `// comments` (a `//` inside a 'string', such as https://, stays). */
export function withoutComments(text: string): string {
  return text
    .split('\n')
    .map((line) => {
      let quoted = false;
      for (let i = 0; i < line.length; i++) {
        if (line[i] === "'") quoted = !quoted;
        else if (!quoted && line.startsWith('//', i)) return line.slice(0, i).trimEnd();
      }
      return line;
    })
    .join('\n');
}

/** The text between a `{` at `open` and its matching `}` (Bicep strings hold no braces here but `${…}`, which balance). */
function balanced(text: string, open: number): string {
  let depth = 0;
  for (let i = open; i < text.length; i++) {
    if (text[i] === '{') depth++;
    else if (text[i] === '}' && --depth === 0) return text.slice(open + 1, i);
  }
  throw new Error(`unbalanced braces from ${open}`);
}

/** The body of `resource <symbol> '<type>@…' = {…}` (a loop's `[ for … : {…} ]` body too), and its type. */
export function resourceBlock(text: string, symbol: string): { type: string; body: string } {
  const head = new RegExp(`^resource ${symbol} '([^'@]+)@[^']+' = \\[?\\s*(?:for [^:]+:\\s*)?\\{`, 'm').exec(text);
  if (!head) throw new Error(`no resource ${symbol} in main.bicep`);
  return { type: head[1] ?? '', body: balanced(text, head.index + head[0].length - 1) };
}

/** The text of `<key>: {…}` inside a block. */
export function objectIn(body: string, key: string): string {
  const at = new RegExp(`^\\s*${key}: \\{`, 'm').exec(body);
  if (!at) throw new Error(`no ${key} object`);
  return balanced(body, at.index + at[0].length - 1);
}

/** The flat `KEY: value` lines of an object's text (nested objects are not entries). */
export function entriesOf(objectText: string): Map<string, string> {
  const entries = new Map<string, string>();
  for (const match of objectText.matchAll(/^\s*([A-Za-z_][A-Za-z0-9_]*): (.+)$/gm)) {
    const value = (match[2] ?? '').trim();
    if (value !== '{' && value !== '[') entries.set(match[1] ?? '', value);
  }
  return entries;
}

/** A Bicep string literal's value (`'B1'` → B1), or undefined for an expression. */
export function literal(value: string | undefined): string | undefined {
  const m = value === undefined ? null : /^'([^'$]*)'$/.exec(value);
  return m ? m[1] : undefined;
}

/** `output NAME type = value` lines. */
export function outputsOf(text: string): { name: string; type: string; value: string }[] {
  return [...text.matchAll(/^output (\w+) (\w+) = (.+)$/gm)].map((m) => ({ name: m[1] ?? '', type: m[2] ?? '', value: (m[3] ?? '').trim() }));
}

/** `param name type [= default]` lines, with the decorators just above each. */
export function paramsOf(text: string): { name: string; type: string; decorators: string[] }[] {
  const lines = text.split('\n');
  const params: { name: string; type: string; decorators: string[] }[] = [];
  lines.forEach((line, i) => {
    const m = /^param (\w+) (\w+)/.exec(line);
    if (!m) return;
    const decorators: string[] = [];
    for (let j = i - 1; j >= 0 && /^(@|\s+'|\])/.test(lines[j] ?? ''); j--) decorators.unshift(lines[j] ?? '');
    params.push({ name: m[1] ?? '', type: m[2] ?? '', decorators });
  });
  return params;
}

/** The app settings main.bicep writes: the `properties` of its sites/config 'appsettings' resource. */
export function appSettings(): Map<string, string> {
  const settings = resourceBlock(withoutComments(mainBicep()), 'appSettings');
  if (entriesOf(settings.body).get('name') !== "'appsettings'") throw new Error('appSettings is not the appsettings config');
  return entriesOf(objectIn(settings.body, 'properties'));
}

const GUIDS = ['3f0c2b7e-8d41-4a6b-9c1e-5b2f7a9d0e13', 'a7d9e4c2-1b3f-4e5a-8c6d-0f2e4b6a8c1d', '5c8e1f3a-9b2d-4c7e-a1f6-3d5b7e9a2c4f'];

/**
 * The app settings with each expression replaced by a value of the shape Azure gives it (literals stay): what the
 * app sees in App Service. `overrides` point an expression elsewhere (the Cosmos endpoint at the embedded server).
 */
export function fakedAppSettings(written: Map<string, string>, overrides: Record<string, string> = {}): Record<string, string> {
  const byExpression: Record<string, string> = {
    'identity.properties.clientId': GUIDS[0] ?? '',
    'identity.properties.tenantId': GUIDS[1] ?? '',
    allowedTenantIds: GUIDS[1] ?? '',
    'cosmos.properties.documentEndpoint': 'https://acc-cosmos.documents.azure.com:443/',
    cosmosDatabaseName: 'acceleratorn',
    graphMunicipalityFrom: 'companyName',
    graphPermanentEmployeeTypes: 'Tillsvidareanställd,Tillsvidare,Permanent,Employee',
    coordinatorIds: '',
    hrContacts: '',
    tabAppId: GUIDS[2] ?? '',
    teamsAppId: GUIDS[0] ?? '',
    "'api://${app.properties.defaultHostName}/${tabAppId}'": `api://acc.azurewebsites.net/${GUIDS[2]}`,
    'insights.properties.ConnectionString': 'InstrumentationKey=00000000-0000-4000-8000-000000000001;IngestionEndpoint=https://swedencentral-0.in.applicationinsights.azure.com/;LiveEndpoint=https://swedencentral.livediagnostics.monitor.azure.com/',
  };
  return Object.fromEntries(
    [...written].map(([name, value]) => {
      if (name in overrides) return [name, overrides[name] ?? ''];
      const text = literal(value) ?? byExpression[value];
      if (text === undefined) throw new Error(`${name}: no plausible value for the expression ${value}; add one to fakedAppSettings`);
      return [name, text];
    }),
  );
}
