import { readdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { defineConfig } from 'vite';

// Every file directly under client/ is one island entry (client/checkin.ts → /assets/checkin.js).
const entries = Object.fromEntries(
  readdirSync(resolve(import.meta.dirname, 'client'))
    .filter((f) => /\.(ts|tsx)$/.test(f) && !f.endsWith('.test.ts') && !f.startsWith('_'))
    .map((f) => [f.replace(/\.(ts|tsx)$/, ''), resolve(import.meta.dirname, 'client', f)]),
);

export default defineConfig({
  publicDir: false,
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
