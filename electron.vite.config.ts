import { resolve } from 'node:path'
import { defineConfig } from 'electron-vite'
import react from '@vitejs/plugin-react'

// Three bundles from one repo: the Electron main process (domain code + thin Electron glue),
// the sandboxed preload (CommonJS, as sandboxed preloads must be) and the React renderer.
export default defineConfig({
  main: {
    build: {
      outDir: 'out/main',
      rolldownOptions: {
        input: { index: resolve(__dirname, 'main/index.ts') },
        // kubernetes-models (bundled: a devDependency, so app.asar carries only what is used) in a chunk of its own:
        // index.js stays our code, small enough for the Electronegativity scan to read.
        output: {
          codeSplitting: {
            groups: [{ name: 'kubernetes-models', test: /node_modules[\\/]@?kubernetes-models/ }],
          },
        },
      },
    },
  },
  preload: {
    build: {
      outDir: 'out/preload',
      externalizeDeps: false,
      rolldownOptions: {
        input: { index: resolve(__dirname, 'preload/index.ts') },
        output: { format: 'cjs', entryFileNames: '[name].cjs' },
      },
    },
  },
  renderer: {
    root: resolve(__dirname, 'renderer'),
    plugins: [react()],
    build: {
      outDir: resolve(__dirname, 'out/renderer'),
      minify: true,
      rolldownOptions: { input: { index: resolve(__dirname, 'renderer/index.html') } },
    },
  },
})
