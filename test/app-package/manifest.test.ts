/**
 * The Teams app package: manifest and localization validate against the schemas bundled in
 * @microsoft/app-manifest, the icons are what Teams requires, and packaging renders and zips
 * exactly the four files.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import * as zlib from 'zlib';
import AdmZip from 'adm-zip';
import { buildAppPackage, renderManifest } from '../../scripts/package-app';
import { parseCommand } from '../../src/adapters/teams/commands';
import { TAB_ENTITY_ID } from '../../src/adapters/tab/contract';
import { compileSchema } from '../helpers/teams-schema';

const ROOT = path.resolve(__dirname, '..', '..');
const APP_DIR = path.join(ROOT, 'appPackage');

const SAMPLE_VARS = {
  TEAMS_APP_ID: '3f0c2b7e-8d41-4a6b-9c1e-5b2f7a9d0e13',
  BOT_ID: 'a7d9e4c2-1b3f-4e5a-8c6d-0f2e4b6a8c1d',
  BOT_DOMAIN: 'acceleratorn-dev.azurewebsites.net',
  TAB_APP_ID: '5c8e1f3a-9b2d-4c7e-a1f6-3d5b7e9a2c4f',
};

type Json = Record<string, unknown>;

interface Command {
  title: string;
  description?: string;
}
interface CommandList {
  scopes: string[];
  commands: Command[];
}
interface Manifest {
  id: string;
  name: { short: string; full: string };
  description: { short: string; full: string };
  icons: { color: string; outline: string };
  localizationInfo: { defaultLanguageTag: string; additionalLanguages?: { languageTag: string; file: string }[] };
  bots: { botId: string; scopes: string[]; commandLists: CommandList[] }[];
  validDomains: string[];
}

const readText = (name: string): string => fs.readFileSync(path.join(APP_DIR, name), 'utf8');
const renderedManifest = (): Manifest & Json => JSON.parse(renderManifest(readText('manifest.json'), SAMPLE_VARS));
const english = (): Record<string, string> => JSON.parse(readText('en.json'));

const validateManifest = compileSchema('MicrosoftTeams.schema.json');
const validateLocalization = compileSchema('MicrosoftTeams.Localization.schema.json');

describe('manifest.json', () => {
  it('renders and validates against the bundled v1.30 schema', () => {
    const manifest = renderedManifest();
    const valid = validateManifest(manifest);
    expect(validateManifest.errors ?? []).toEqual([]);
    expect(valid).toBe(true);
    expect(manifest.manifestVersion).toBe('1.30');
    expect(manifest.id).toBe(SAMPLE_VARS.TEAMS_APP_ID);
    expect(manifest.bots[0]?.botId).toBe(SAMPLE_VARS.BOT_ID);
    expect(manifest.validDomains).toEqual([SAMPLE_VARS.BOT_DOMAIN]);
  });

  it('has the personal tab beside the chat, served by the bot\'s host, signed in with the tab app (SSO)', () => {
    const manifest = renderedManifest() as unknown as { manifestVersion: string; staticTabs: Json[]; webApplicationInfo: Json; validDomains: string[] };
    expect(Number(manifest.manifestVersion)).toBeGreaterThanOrEqual(1.24);
    expect(manifest.staticTabs).toEqual([
      { entityId: TAB_ENTITY_ID, name: 'Acceleratorn', contentUrl: `https://${SAMPLE_VARS.BOT_DOMAIN}/tab/`, websiteUrl: `https://${SAMPLE_VARS.BOT_DOMAIN}/tab/`, scopes: ['personal'] },
      { entityId: 'conversations', scopes: ['personal'] },
    ]);
    expect(manifest.webApplicationInfo).toEqual({ id: SAMPLE_VARS.TAB_APP_ID, resource: `api://${SAMPLE_VARS.BOT_DOMAIN}/${SAMPLE_VARS.TAB_APP_ID}` });
    // The tab's page is on a valid domain, so Teams lets it load and deep links open it.
    expect(manifest.validDomains).toContain(new URL(String(manifest.staticTabs[0]?.contentUrl)).host);
  });

  it('uses only the placeholders the package script is documented to fill', () => {
    const names = [...new Set([...readText('manifest.json').matchAll(/\$\{\{\s*(\w+)\s*\}\}/g)].map((m) => m[1]))].sort();
    expect(names).toEqual(['BOT_DOMAIN', 'BOT_ID', 'TAB_APP_ID', 'TEAMS_APP_ID']);
  });

  it('is Swedish first, with every referenced file present in appPackage', () => {
    const manifest = renderedManifest();
    expect(manifest.localizationInfo.defaultLanguageTag).toBe('sv-SE');
    const languageFiles = (manifest.localizationInfo.additionalLanguages ?? []).map((l) => l.file);
    expect(languageFiles).toEqual(['en.json']);
    for (const file of [manifest.icons.color, manifest.icons.outline, ...languageFiles]) {
      expect(fs.existsSync(path.join(APP_DIR, file))).toBe(true);
    }
  });

  it('has one command list per bot scope, with the agreed commands', () => {
    const bot = renderedManifest().bots[0];
    expect(bot?.scopes).toEqual(['personal', 'team', 'groupChat']);
    const byScope = Object.fromEntries((bot?.commandLists ?? []).map((l) => [l.scopes.join(','), l.commands.map((c) => c.title)]));
    expect(byScope).toEqual({
      personal: ['hjälp', 'ansök', 'status', 'ändra', 'dra tillbaka', 'att godkänna', 'kohorter'],
      team: ['hjälp'],
      groupChat: ['hjälp'],
    });
  });

  it('advertises only commands the bot understands, in Swedish and in English', () => {
    const bot = renderedManifest().bots[0];
    const en = english();
    const titles = (bot?.commandLists ?? []).flatMap((l, li) =>
      l.commands.flatMap((c, ci) => [c.title, en[`bots[0].commandLists[${li}].commands[${ci}].title`] ?? '']),
    );
    expect(titles.length).toBeGreaterThan(8);
    for (const t of titles) expect({ t, parsed: parseCommand(t).kind }).toEqual({ t, parsed: 'command' });
  });

  // The v1.30 schema allows bot command titles up to 128 and descriptions up to 4000 characters
  // (the 32/128 limits are only on message-extension commands), but Teams documents 32/128 for
  // bot commands too, so the project holds both languages to the stricter limits.
  it('keeps bot command titles within 32 and descriptions within 128 characters, in both languages', () => {
    const en = english();
    const lists = renderedManifest().bots[0]?.commandLists ?? [];
    const texts: { key: string; text: string; max: number }[] = [];
    lists.forEach((list, l) =>
      list.commands.forEach((c, i) => {
        const key = `bots[0].commandLists[${l}].commands[${i}]`;
        texts.push({ key: `${key}.title`, text: c.title, max: 32 }, { key: `${key}.description`, text: c.description ?? '', max: 128 });
        texts.push({ key: `en ${key}.title`, text: en[`${key}.title`] ?? '', max: 32 });
        texts.push({ key: `en ${key}.description`, text: en[`${key}.description`] ?? '', max: 128 });
      }),
    );
    const tooLong = texts.filter((t) => t.text.length > t.max).map((t) => t.key);
    expect(tooLong).toEqual([]);
    expect(texts.every((t) => t.text.trim().length > 0)).toBe(true);
  });

  it('fails validation when a required field is missing or a value breaks the schema', () => {
    const withoutDeveloper: Json = renderedManifest();
    delete withoutDeveloper.developer;
    expect(validateManifest(withoutDeveloper)).toBe(false);
    expect(validateManifest.errors).toEqual(
      expect.arrayContaining([expect.objectContaining({ keyword: 'required', params: { missingProperty: 'developer' } })]),
    );

    // `const` is a draft-06 keyword: this proves it is enforced, not silently ignored.
    expect(validateManifest({ ...renderedManifest(), manifestVersion: '1.29' })).toBe(false);
    // An unreplaced placeholder is not a GUID.
    expect(validateManifest(JSON.parse(readText('manifest.json')))).toBe(false);
    expect(validateManifest.errors?.map((e) => e.instancePath)).toEqual(expect.arrayContaining(['/id', '/bots/0/botId']));
  });
});

describe('en.json', () => {
  it('validates against the bundled localization schema', () => {
    const valid = validateLocalization(english());
    expect(validateLocalization.errors ?? []).toEqual([]);
    expect(valid).toBe(true);
  });

  it('fails the localization schema when a text is too long or a key is unknown', () => {
    // maxLength sits next to a $ref in this schema; Ajv 8 applies both.
    expect(validateLocalization({ ...english(), 'description.short': 'x'.repeat(81) })).toBe(false);
    expect(validateLocalization({ ...english(), 'bots[0].commandLists[0].commands[0].tooltip': 'help' })).toBe(false);
  });

  it('translates name, descriptions and every personal command', () => {
    const en = english();
    const manifest = renderedManifest();
    expect(en['name.full']).toBeTruthy();
    expect(en['name.full']).not.toBe(manifest.name.full);
    expect(en['description.short']).not.toBe(manifest.description.short);
    expect(en['description.full']).not.toBe(manifest.description.full);

    const lists = manifest.bots[0]?.commandLists ?? [];
    const personalIndex = lists.findIndex((l) => l.scopes.includes('personal'));
    const personal = lists[personalIndex];
    expect(personal?.commands.length).toBeGreaterThan(0);
    const titles = (personal?.commands ?? []).map((_c, i) => en[`bots[0].commandLists[${personalIndex}].commands[${i}].title`]);
    const descriptions = (personal?.commands ?? []).map((_c, i) => en[`bots[0].commandLists[${personalIndex}].commands[${i}].description`]);
    expect(titles.every((t) => typeof t === 'string' && t.trim() !== '')).toBe(true);
    expect(descriptions.every((d) => typeof d === 'string' && d.trim() !== '')).toBe(true);
    expect(new Set(titles).size).toBe(titles.length);
    expect(titles).toEqual(['help', 'apply', 'my application', 'edit', 'withdraw', 'approvals', 'cohorts']);
  });

  it('has no command keys that point at commands the manifest does not have', () => {
    const lists = renderedManifest().bots[0]?.commandLists ?? [];
    const stale = Object.keys(english())
      .filter((k) => k.startsWith('bots['))
      .filter((k) => {
        const m = /^bots\[0\]\.commandLists\[(\d+)\]\.commands\[(\d+)\]\.(title|description)$/.exec(k);
        return !m || lists[Number(m[1])]?.commands[Number(m[2])] === undefined;
      });
    expect(stale).toEqual([]);
  });
});

describe('renderManifest', () => {
  const template = '{"id":"${{TEAMS_APP_ID}}","bot":"${{BOT_ID}}","domains":["${{ BOT_DOMAIN }}"]}';

  it('replaces every placeholder', () => {
    expect(JSON.parse(renderManifest(template, SAMPLE_VARS))).toEqual({
      id: SAMPLE_VARS.TEAMS_APP_ID,
      bot: SAMPLE_VARS.BOT_ID,
      domains: [SAMPLE_VARS.BOT_DOMAIN],
    });
  });

  it('throws naming the missing variable', () => {
    expect(() => renderManifest(template, { ...SAMPLE_VARS, BOT_ID: undefined })).toThrow(/BOT_ID/);
    expect(() => renderManifest(template, { ...SAMPLE_VARS, BOT_ID: undefined })).not.toThrow(/TEAMS_APP_ID|BOT_DOMAIN/);
  });

  it('lists every missing variable at once, and treats an empty value as missing', () => {
    expect(() => renderManifest(template, { TEAMS_APP_ID: '' })).toThrow(/TEAMS_APP_ID, BOT_ID, BOT_DOMAIN/);
  });

  it('escapes values so the result stays valid JSON', () => {
    const rendered = renderManifest(template, { ...SAMPLE_VARS, BOT_DOMAIN: 'a"b\\c' });
    expect(JSON.parse(rendered).domains).toEqual(['a"b\\c']);
  });
});

// ---- PNG reading: chunks, CRC, inflate, unfilter (all five filter types) ----

const CRC_TABLE = Array.from({ length: 256 }, (_v, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
function crc32(bytes: Buffer): number {
  let c = 0xffffffff;
  for (const b of bytes) c = (CRC_TABLE[(c ^ b) & 0xff] ?? 0) ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

interface Png {
  width: number;
  height: number;
  bitDepth: number;
  colorType: number;
  interlace: number;
  rgba: Buffer;
}

function readPng(file: string): Png {
  const bytes = fs.readFileSync(file);
  expect(bytes.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
  const chunks: { type: string; data: Buffer }[] = [];
  for (let at = 8; at < bytes.length; ) {
    const length = bytes.readUInt32BE(at);
    const type = bytes.toString('ascii', at + 4, at + 8);
    const data = bytes.subarray(at + 8, at + 8 + length);
    expect({ type, crc: bytes.readUInt32BE(at + 8 + length) }).toEqual({ type, crc: crc32(bytes.subarray(at + 4, at + 8 + length)) });
    chunks.push({ type, data });
    at += 12 + length;
  }
  expect(chunks[0]?.type).toBe('IHDR');
  expect(chunks[chunks.length - 1]?.type).toBe('IEND');
  const ihdr = chunks[0]?.data ?? Buffer.alloc(13);
  const png = { width: ihdr.readUInt32BE(0), height: ihdr.readUInt32BE(4), bitDepth: ihdr[8] ?? 0, colorType: ihdr[9] ?? 0, interlace: ihdr[12] ?? 0 };
  if (png.bitDepth !== 8 || png.colorType !== 6 || png.interlace !== 0) return { ...png, rgba: Buffer.alloc(0) };

  const raw = zlib.inflateSync(Buffer.concat(chunks.filter((c) => c.type === 'IDAT').map((c) => c.data)));
  const stride = png.width * 4;
  expect(raw.length).toBe((stride + 1) * png.height);
  const rgba = Buffer.alloc(stride * png.height);
  for (let y = 0; y < png.height; y++) {
    const filter = raw[y * (stride + 1)];
    for (let x = 0; x < stride; x++) {
      const value = raw[y * (stride + 1) + 1 + x] ?? 0;
      const a = x >= 4 ? (rgba[y * stride + x - 4] ?? 0) : 0;
      const b = y > 0 ? (rgba[(y - 1) * stride + x] ?? 0) : 0;
      const c = x >= 4 && y > 0 ? (rgba[(y - 1) * stride + x - 4] ?? 0) : 0;
      let predictor: number;
      switch (filter) {
        case 0: predictor = 0; break;
        case 1: predictor = a; break;
        case 2: predictor = b; break;
        case 3: predictor = (a + b) >> 1; break;
        case 4: {
          const p = a + b - c;
          const [pa, pb, pc] = [Math.abs(p - a), Math.abs(p - b), Math.abs(p - c)];
          predictor = pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
          break;
        }
        default: throw new Error(`row ${y}: unknown PNG filter type ${filter}`);
      }
      rgba[y * stride + x] = (value + predictor) & 0xff;
    }
  }
  return { ...png, rgba };
}

function pixels(png: Png): [number, number, number, number][] {
  const out: [number, number, number, number][] = [];
  for (let i = 0; i < png.rgba.length; i += 4) out.push([png.rgba[i] ?? 0, png.rgba[i + 1] ?? 0, png.rgba[i + 2] ?? 0, png.rgba[i + 3] ?? 0]);
  return out;
}

describe('icons', () => {
  it('color.png is a 192x192 RGBA PNG that is mostly opaque colour with a white symbol', () => {
    const png = readPng(path.join(APP_DIR, 'color.png'));
    expect([png.width, png.height, png.bitDepth, png.colorType]).toEqual([192, 192, 8, 6]);
    const px = pixels(png);
    expect(px).toHaveLength(192 * 192);
    const opaque = px.filter(([, , , a]) => a === 255);
    expect(opaque.length / px.length).toBeGreaterThan(0.9);
    const white = opaque.filter(([r, g, b]) => r === 255 && g === 255 && b === 255).length;
    expect(white / opaque.length).toBeGreaterThan(0.1);
    expect(white / opaque.length).toBeLessThan(0.5);
  });

  it('outline.png is 32x32 with only white or fully transparent pixels', () => {
    const png = readPng(path.join(APP_DIR, 'outline.png'));
    expect([png.width, png.height, png.bitDepth, png.colorType]).toEqual([32, 32, 8, 6]);
    const px = pixels(png);
    expect(px).toHaveLength(32 * 32);
    const offending = px.map((p, i) => ({ i, p })).filter(({ p: [r, g, b, a] }) => a !== 0 && (r !== 255 || g !== 255 || b !== 255));
    expect(offending).toEqual([]);
    const solidWhite = px.filter(([, , , a]) => a === 255).length;
    const transparent = px.filter(([, , , a]) => a === 0).length;
    expect(solidWhite).toBeGreaterThan(px.length * 0.15);
    expect(transparent).toBeGreaterThan(px.length * 0.3);
  });
});

describe('buildAppPackage', () => {
  let outDir: string;
  beforeEach(() => {
    outDir = fs.mkdtempSync(path.join(os.tmpdir(), 'acceleratorn-app-'));
  });
  afterEach(() => fs.rmSync(outDir, { recursive: true, force: true }));

  it('writes appPackage.<env>.zip with exactly the four files, placeholders filled', () => {
    const zipPath = buildAppPackage({ env: 'test', vars: SAMPLE_VARS, outDir });
    expect(zipPath).toBe(path.join(outDir, 'appPackage.test.zip'));
    const zip = new AdmZip(zipPath);
    const names = zip.getEntries().map((e) => e.entryName).sort();
    expect(names).toEqual(['color.png', 'en.json', 'manifest.json', 'outline.png']);

    const manifestText = zip.readAsText('manifest.json');
    expect(manifestText).not.toContain('${{');
    const manifest = JSON.parse(manifestText) as Manifest;
    expect(manifest.id).toBe(SAMPLE_VARS.TEAMS_APP_ID);
    expect(validateManifest(manifest)).toBe(true);
    expect(JSON.parse(zip.readAsText('en.json'))).toEqual(english());
    for (const icon of ['color.png', 'outline.png']) {
      expect(zip.readFile(icon)?.equals(fs.readFileSync(path.join(APP_DIR, icon)))).toBe(true);
    }
  });

  it('refuses to build, naming each missing variable, and writes nothing', () => {
    expect(() => buildAppPackage({ env: 'test', vars: { TEAMS_APP_ID: SAMPLE_VARS.TEAMS_APP_ID }, outDir })).toThrow(
      /BOT_ID, BOT_DOMAIN, TAB_APP_ID/,
    );
    expect(fs.readdirSync(outDir)).toEqual([]);
  });

  it('rejects ids that are not GUIDs and a domain given as a URL', () => {
    expect(() => buildAppPackage({ env: 'test', vars: { ...SAMPLE_VARS, BOT_ID: 'my-bot' }, outDir })).toThrow(/BOT_ID must be a GUID/);
    expect(() => buildAppPackage({ env: 'test', vars: { ...SAMPLE_VARS, BOT_DOMAIN: 'https://x.example' }, outDir })).toThrow(/BOT_DOMAIN/);
    expect(fs.readdirSync(outDir)).toEqual([]);
  });
});
