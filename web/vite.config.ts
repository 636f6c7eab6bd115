import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { defineConfig, type Plugin } from 'vite';

const here = dirname(fileURLToPath(import.meta.url));
const outDir = join(here, '..', 'dist', 'web');

/** Every file under `dir`, recursively. */
const filesUnder = (dir: string): string[] =>
  readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? filesUnder(path) : [path];
  });

/**
 * Prints what the browser downloads, gzipped: every JS and CSS file of the build, what the page loads at start (the
 * files index.html names, and what they import statically), and the total. MSAL is a chunk of its own that only a
 * tab in Teams with nested app authentication loads.
 */
const gzipReport = (): Plugin => {
  let dir = outDir;
  return {
    name: 'acceleratorn-gzip-report',
    apply: 'build',
    configResolved(config) {
      dir = config.build.outDir;
    },
    closeBundle() {
      const files = filesUnder(dir).filter((f) => /\.(js|css)$/.test(f));
      const html = readFileSync(join(dir, 'index.html'), 'utf8');
      const atStart = new Set<string>();
      const visit = (name: string) => {
        if (atStart.has(name)) return;
        atStart.add(name);
        const code = readFileSync(join(dir, 'assets', name), 'utf8');
        // Static imports between chunks: `from"./x.js"` or `import"./x.js"`, never the `import("./x.js")` of a lazy one.
        for (const [, dep] of code.matchAll(/(?:from|import)\s*["']\.\/([^"']+\.js)["']/g)) if (dep) visit(dep);
      };
      for (const [, name] of html.matchAll(/assets\/([^"']+\.(?:js|css))/g)) if (name) visit(name);
      let total = 0;
      let start = 0;
      for (const file of files) {
        const size = gzipSync(readFileSync(file), { level: 9 }).length;
        const name = relative(join(dir, 'assets'), file);
        total += size;
        if (atStart.has(name)) start += size;
        console.log(`  ${name.padEnd(48)} ${String(size).padStart(8)} bytes gzip${atStart.has(name) ? '  (at start)' : '  (lazy)'}`);
      }
      const kib = (n: number) => `${(n / 1024).toFixed(1)} KiB`;
      console.log(`Tab bundle, JS+CSS gzipped: ${start} bytes (${kib(start)}) at start, ${total} bytes (${kib(total)}) in all ${files.length} files`);
    },
  };
};

/**
 * The personal tab's browser app: React 19 + Fluent UI v9, built by Vite 8 (oxc turns TSX into JS with the
 * automatic JSX runtime). Served by the bot's server under /tab/ with CSP `script-src 'self'`, so the page has no
 * inline script: no module-preload polyfill, every script a file.
 */
export default defineConfig({
  root: here,
  base: '/tab/',
  publicDir: false,
  oxc: { jsx: { runtime: 'automatic' } },
  build: {
    outDir,
    emptyOutDir: true,
    modulePreload: { polyfill: false },
    sourcemap: false,
    reportCompressedSize: true,
    chunkSizeWarningLimit: 1024,
    rolldownOptions: {
      output: {
        // Everything the first view needs in one chunk (compressed together), whatever the lazy views share with it;
        // the lazy views and their own dependencies (the charts) stay in chunks of their own.
        codeSplitting: { groups: [{ name: 'index', tags: ['$initial'] }] },
      },
      // Fluent UI marks its modules 'use client' (for React Server Components); a browser bundle has no use for it.
      onwarn(warning, warn) {
        if (warning.code === 'MODULE_LEVEL_DIRECTIVE') return;
        warn(warning);
      },
    },
  },
  plugins: [gzipReport()],
});
