/**
 * Builds the Teams app package: appPackage/build/appPackage.<env>.zip
 *
 * The manifest and the localization file are templates with Microsoft 365 Agents Toolkit style
 * placeholders, `${{NAME}}`. Every placeholder is replaced from process.env; if any is missing
 * the build stops and names each missing variable. The zip holds exactly manifest.json, en.json,
 * color.png and outline.png at its root, as Teams expects.
 *
 * Usage: npm run package [-- <env>]      (env defaults to $TEAMSFX_ENV, then "local")
 *   e.g. TEAMS_APP_ID=... BOT_ID=... BOT_DOMAIN=... TAB_APP_ID=... npm run package -- dev
 */
import * as fs from 'fs';
import * as path from 'path';
import AdmZip from 'adm-zip';

/** `${{NAME}}`, optionally with spaces inside the braces, as the Agents Toolkit writes them. */
const PLACEHOLDER = /\$\{\{\s*([A-Za-z_][A-Za-z0-9_]*)\s*\}\}/g;

/** The files that go into the package, relative to the appPackage folder. */
export const TEMPLATE_FILES = ['manifest.json', 'en.json'] as const;
export const ICON_FILES = ['color.png', 'outline.png'] as const;

/** Variables that must be set even if a future template stops mentioning them. */
export const REQUIRED_VARS = ['TEAMS_APP_ID', 'BOT_ID', 'BOT_DOMAIN', 'TAB_APP_ID'] as const;

const GUID = /^[0-9a-fA-F]{8}-([0-9a-fA-F]{4}-){3}[0-9a-fA-F]{12}$/;

function missingMessage(missing: readonly string[]): string {
  return `Missing environment variable${missing.length > 1 ? 's' : ''} for the app manifest: ${missing.join(', ')}`;
}

/** The placeholder names used in a template, in order of first appearance. */
export function placeholdersIn(template: string): string[] {
  return [...new Set(Array.from(template.matchAll(PLACEHOLDER), (m) => m[1] ?? ''))];
}

/**
 * Replaces every `${{NAME}}` in a JSON template with vars[NAME], escaped for use inside a JSON string.
 * Throws one Error that lists every missing (undefined or empty) variable.
 */
export function renderManifest(template: string, vars: Record<string, string | undefined>): string {
  const missing = placeholdersIn(template).filter((name) => !vars[name]);
  if (missing.length > 0) throw new Error(missingMessage(missing));
  return template.replace(PLACEHOLDER, (_match, name: string) => JSON.stringify(vars[name] ?? '').slice(1, -1));
}

/**
 * Checks that every variable the templates use (and every REQUIRED_VARS name) is set, and that the
 * values Teams is strict about have the right shape, so a typo fails here rather than at upload.
 */
export function checkVars(templates: readonly string[], vars: Record<string, string | undefined>): void {
  const names = [...new Set([...REQUIRED_VARS, ...templates.flatMap(placeholdersIn)])];
  const missing = names.filter((name) => !vars[name]);
  if (missing.length > 0) throw new Error(missingMessage(missing));
  const problems: string[] = [];
  for (const name of ['TEAMS_APP_ID', 'BOT_ID', 'TAB_APP_ID'] as const) {
    if (!GUID.test(vars[name] ?? '')) problems.push(`${name} must be a GUID, got "${vars[name]}"`);
  }
  const domain = vars.BOT_DOMAIN ?? '';
  if (/[/:\s]/.test(domain)) problems.push(`BOT_DOMAIN must be a bare host name such as "example.azurewebsites.net", got "${domain}"`);
  if (problems.length > 0) throw new Error(`Invalid environment for the app manifest:\n  ${problems.join('\n  ')}`);
}

/** The repository's appPackage folder, found upwards from this file (works from scripts/ and dist/scripts/). */
export function findAppPackageDir(start: string = __dirname): string {
  for (let dir = start; ; dir = path.dirname(dir)) {
    const candidate = path.join(dir, 'appPackage');
    if (fs.existsSync(path.join(candidate, 'manifest.json'))) return candidate;
    if (path.dirname(dir) === dir) throw new Error(`No appPackage/manifest.json found above ${start}`);
  }
}

export interface BuildOptions {
  env: string;
  vars: Record<string, string | undefined>;
  /** Folder with manifest.json, en.json and the icons. Default: the repository's appPackage. */
  sourceDir?: string;
  /** Where the zip is written. Default: <sourceDir>/build. */
  outDir?: string;
}

/** Renders the templates, zips them with the icons and returns the path of the zip. */
export function buildAppPackage(options: BuildOptions): string {
  const { env, vars } = options;
  if (!/^[A-Za-z0-9_-]+$/.test(env)) throw new Error(`Invalid environment name "${env}": use letters, digits, - and _`);
  const sourceDir = options.sourceDir ?? findAppPackageDir();
  const outDir = options.outDir ?? path.join(sourceDir, 'build');
  const templates = TEMPLATE_FILES.map((name) => [name, fs.readFileSync(path.join(sourceDir, name), 'utf8')] as const);
  checkVars(templates.map(([, text]) => text), vars);

  const zip = new AdmZip();
  for (const [name, template] of templates) {
    const rendered = renderManifest(template, vars);
    try {
      JSON.parse(rendered);
    } catch (err) {
      throw new Error(`${name} is not valid JSON after rendering: ${(err as Error).message}`);
    }
    zip.addFile(name, Buffer.from(rendered, 'utf8'));
  }
  for (const name of ICON_FILES) zip.addFile(name, fs.readFileSync(path.join(sourceDir, name)));

  fs.mkdirSync(outDir, { recursive: true });
  const zipPath = path.join(outDir, `appPackage.${env}.zip`);
  zip.writeZip(zipPath);
  return zipPath;
}

function main(): void {
  const env = process.argv[2] ?? process.env.TEAMSFX_ENV ?? 'local';
  try {
    const zipPath = buildAppPackage({ env, vars: process.env });
    console.log(`Teams app package written to ${path.relative(process.cwd(), zipPath) || zipPath}`);
  } catch (err) {
    console.error(`package-app: ${(err as Error).message}`);
    process.exitCode = 1;
  }
}

if (require.main === module) main();
