import { builtinModules } from 'node:module'
import { resolve } from 'node:path'
import { defineConfig } from 'vite'
import pkg from './package.json' with { type: 'json' }

// The headless CLI: the same main/ domain code as the app, bundled for plain Node (no Electron).
const external = [
  ...builtinModules,
  ...builtinModules.map((m) => `node:${m}`),
  ...Object.keys(pkg.dependencies),
]

export default defineConfig({
  build: {
    ssr: resolve(import.meta.dirname, 'main/cli/registry-wizard.ts'),
    outDir: 'out/cli',
    emptyOutDir: true,
    target: 'node20',
    minify: false,
    sourcemap: true,
    rolldownOptions: {
      external: (id) => external.some((e) => id === e || id.startsWith(`${e}/`)),
      // One chunk per command group (program.ts imports them lazily), loaded relative to the entry: any cwd works.
      output: {
        format: 'es',
        entryFileNames: 'registry-wizard.js',
        chunkFileNames: 'chunks/[name]-[hash].js',
        banner: (chunk) => (chunk.isEntry ? '#!/usr/bin/env node' : ''),
      },
    },
  },
})
