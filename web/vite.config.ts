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
 * Prints what the browser downloads: every JS and CSS file of dist/web gzipped, and the total, after the build
 * (the one line to watch when a change makes the tab heavier).
 */
const gzipReport = (): Plugin => ({
  name: 'acceleratorn-gzip-report',
  apply: 'build',
  closeBundle() {
    const files = filesUnder(outDir).filter((f) => /\.(js|css)$/.test(f));
    let total = 0;
    for (const file of files) {
      const size = gzipSync(readFileSync(file), { level: 9 }).length;
      total += size;
      console.log(`  ${relative(outDir, file).padEnd(48)} ${String(size).padStart(8)} bytes gzip`);
    }
    console.log(`Tab bundle (JS+CSS, gzip): ${total} bytes in ${files.length} files (${(total / 1024).toFixed(1)} KiB)`);
  },
});

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
      // Fluent UI marks its modules 'use client' (for React Server Components); a browser bundle has no use for it.
      onwarn(warning, warn) {
        if (warning.code === 'MODULE_LEVEL_DIRECTIVE') return;
        warn(warning);
      },
    },
  },
  plugins: [gzipReport()],
});
