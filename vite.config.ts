import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import { defineConfig, type Plugin } from 'vite';

// Every file directly under client/ is one island entry (client/checkin.ts → /assets/checkin.js).
const entries = Object.fromEntries(
  readdirSync(resolve(import.meta.dirname, 'client'))
    .filter((f) => /\.(ts|tsx)$/.test(f) && !f.endsWith('.test.ts') && !f.startsWith('_'))
    .map((f) => [f.replace(/\.(ts|tsx)$/, ''), resolve(import.meta.dirname, 'client', f)]),
);

/**
 * Writes `x.js.br` and `x.js.gz` beside every built file, at the best level (once per build, not per
 * request): @fastify/static serves them to browsers that accept them (`preCompressed`).
 */
function precompress(): Plugin {
  let outDir = '';
  return {
    name: 'aula-precompress',
    apply: 'build',
    configResolved(config) {
      outDir = resolve(config.root, config.build.outDir);
    },
    writeBundle(_options, bundle) {
      for (const name of Object.keys(bundle)) {
        if (!/\.(js|css|svg|json|html|txt|map)$/.test(name)) continue;
        const file = resolve(outDir, name);
        const data = readFileSync(file);
        writeFileSync(
          `${file}.br`,
          brotliCompressSync(data, {
            params: {
              [constants.BROTLI_PARAM_QUALITY]: constants.BROTLI_MAX_QUALITY,
              [constants.BROTLI_PARAM_SIZE_HINT]: data.length,
            },
          }),
        );
        writeFileSync(`${file}.gz`, gzipSync(data, { level: constants.Z_BEST_COMPRESSION }));
      }
    },
  };
}

export default defineConfig({
  publicDir: false,
  plugins: [precompress()],
  esbuild: { jsx: 'automatic', jsxImportSource: 'preact' },
  build: {
    outDir: 'dist/public',
    emptyOutDir: true,
    target: 'es2020',
    sourcemap: false,
    rollupOptions: {
      input: entries,
      output: {
        entryFileNames: '[name].js',
        chunkFileNames: 'chunk-[hash].js',
        assetFileNames: '[name][extname]',
      },
    },
  },
});
