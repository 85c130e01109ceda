import { builtinModules } from 'node:module'
import { resolve } from 'node:path'
import { defineConfig, runnerImport } from 'vite'
import pkg from './package.json' with { type: 'json' }
import type * as CliCatalogue from './main/messages/cli-catalogue'

type CliCatalogueModule = typeof CliCatalogue

// The headless CLI: the same main/ domain code as the app, bundled for plain Node (no Electron).
// commander and i18next are bundled into the bin: every command loads them, and from the bundle Node resolves no
// node_modules path and reads no package.json for them at each start.
const BUNDLED = [
  'commander',
  'i18next',
  // ES-module-only packages ("import" exports only): a CommonJS bin cannot require them, so they go into the bundle
  // (only the chunks of `k8s manifests` and `bundle export` load them).
  'kubernetes-models',
  '@kubernetes-models/apimachinery',
  '@kubernetes-models/base',
  '@kubernetes-models/validate',
  // dockerode and docker-modem (their own lib/ files only; every package they require stays external): bundled so
  // that what only ssh:// engines and image builds use loads on first use (plugin 'docker-lazy' below).
  'dockerode',
  'docker-modem',
  // zod from its ES modules, tree-shaken: its CommonJS entry evaluates every locale (~40 of them) at load.
  'zod',
  // yaml (the plan file, trust targets' configuration files) is 72 CommonJS files in node_modules: every `setup`
  // resolved, stat'ed and read each of them before its first step (~40-55 ms); smol-toml (containerd's config)
  // loads with the same trust chunk.
  'yaml',
  'smol-toml',
]

/**
 * dockerode/docker-modem requires that load at start but serve only ssh:// engines (ssh2, ~80 ms), BuildKit sessions
 * (@grpc/grpc-js + protobufjs, ~145 ms), build contexts (tar-fs, ~30 ms; @balena/dockerignore) and DEBUG output
 * (debug): made lazy (measured on a loaded 2-core
 * machine: dockerode's load 328 ms, of which these ~250 ms). session.js stays in node_modules (it reads its .proto
 * next to itself); './ssh' is bundled and requires ssh2 only when called.
 */
const DOCKER_LAZY: { file: string; eager: string; lazy: string }[] = [
  {
    file: 'node_modules/docker-modem/lib/modem.js',
    eager: "ssh = require('./ssh'),",
    lazy: "ssh = (...a) => require('./ssh')(...a),",
  },
  {
    // only for hijacked streams (exec/attach); it brings readable-stream (~50 ms)
    file: 'node_modules/docker-modem/lib/modem.js',
    eager: "HttpDuplex = require('./http_duplex'),",
    lazy: "HttpDuplex = function (...a) { return new (require('./http_duplex'))(...a) },",
  },
  {
    file: 'node_modules/dockerode/lib/docker.js',
    eager: "withSession = require('./session'),",
    lazy: "withSession = (...a) => require('dockerode/lib/session.js')(...a),",
  },
  {
    file: 'node_modules/dockerode/lib/util.js',
    eager: "var tar = require('tar-fs');",
    lazy: "var tar = { pack: (...a) => require('tar-fs').pack(...a) };",
  },
  {
    // debug (with supports-color, has-flag and ms: ~20 ms at every engine call's first load) prints only when
    // DEBUG is set; without it the calls do nothing, so it is not loaded. With DEBUG set it loads as before.
    file: 'node_modules/docker-modem/lib/modem.js',
    eager: "debug = require('debug')('modem'),",
    lazy: "debug = process.env.DEBUG ? require('debug')('modem') : () => undefined,",
  },
  {
    // build contexts only (.dockerignore)
    file: 'node_modules/dockerode/lib/util.js',
    eager: "var DockerIgnore = require('@balena/dockerignore');",
    lazy: "var DockerIgnore = (...a) => require('@balena/dockerignore')(...a);",
  },
]
const DOCKER_LIB = /node_modules\/(dockerode|docker-modem)\//

/**
 * The Kubernetes models' validator registers every ajv format at load, among them the draft 2019 ones (iri,
 * idn-email, ... with schemes, smtp-address-parser, nearley, punycode: ~15-75 ms) and Istio's cidr (is-cidr, ~7-30
 * ms), which no Kubernetes model we build uses (theirs are byte, date-time, double, quantity...). They load on first
 * use instead: the bundle's manifests (setup's bundle step, `bundle export`, `k8s manifests`) no longer pay for them.
 */
const K8S_FORMATS_FILE = 'node_modules/@kubernetes-models/validate/dist/formats.js'
const K8S_FORMATS_LAZY: { eager: string; lazy: string }[] = [
  {
    eager: 'import draft2019Formats from "ajv-formats-draft2019/formats/index.js";',
    lazy: [
      'const draft2019 = (name) => (value) => {',
      '  const f = require("ajv-formats-draft2019/formats/index.js")[name];',
      '  return typeof f === "function" ? f(value) : f.test(value);',
      '};',
      'const draft2019Formats = Object.fromEntries(',
      '  ["iri", "duration", "idn-email", "idn-hostname", "iri-reference"].map((n) => [n, draft2019(n)]),',
      ');',
    ].join('\n'),
  },
  {
    eager: 'import isCidr from "is-cidr";',
    lazy: 'const isCidr = (value) => { const m = require("is-cidr"); return (m.default ?? m)(value); };',
  },
]
const external = [
  ...builtinModules,
  ...builtinModules.map((m) => `node:${m}`),
  ...Object.keys(pkg.dependencies).filter((d) => !BUNDLED.includes(d)),
]

const MESSAGES_INDEX = resolve(import.meta.dirname, 'main/messages/index.ts')
const CLI_CATALOGUE = resolve(import.meta.dirname, 'main/cli/catalogue.ts')

export default defineConfig({
  plugins: [
    {
      name: 'commonjs-scope',
      generateBundle() {
        this.emitFile({ type: 'asset', fileName: 'package.json', source: '{ "type": "commonjs" }\n' })
      },
    },
    {
      // main/messages/index.ts swapped for main/cli/catalogue.ts, which reads the catalogues the next plugin writes as
      // JSON: a command parses one language's JSON instead of evaluating and assembling both catalogues' modules.
      name: 'catalogue-cli-index',
      enforce: 'pre',
      async resolveId(source, importer, options) {
        if (importer === undefined || !/(^|\/)messages\/index$/.test(source)) return null
        const resolved = await this.resolve(source, importer, { ...options, skipSelf: true })
        return resolved?.id === MESSAGES_INDEX ? CLI_CATALOGUE : null
      },
    },
    {
      // commander requires node:child_process at load, for executable sub-commands we never use: that module (and
      // the stream and net modules it pulls in) loads on first use instead, i.e. never.
      name: 'commander-lazy-child-process',
      transform(code, id) {
        if (!id.replaceAll('\\', '/').endsWith('node_modules/commander/lib/command.js')) return null
        const eager = "const childProcess = require('node:child_process');"
        if (!code.includes(eager))
          this.error('commander-lazy-child-process: commander changed; update the plugin')
        const lazy = "const childProcess = { spawn: (...a) => require('node:child_process').spawn(...a) };"
        return { code: code.replace(eager, lazy), map: null }
      },
    },
    {
      name: 'docker-lazy',
      transform(code, id) {
        const path = id.replaceAll('\\', '/')
        const entries = DOCKER_LAZY.filter((e) => path.endsWith(e.file))
        if (entries.length === 0) return null
        let out = code
        for (const e of entries) {
          if (!out.includes(e.eager)) this.error(`docker-lazy: ${e.file} changed; update the plugin`)
          out = out.replace(e.eager, e.lazy)
        }
        return { code: out, map: null }
      },
    },
    {
      name: 'k8s-formats-lazy',
      transform(code, id) {
        if (!id.replaceAll('\\', '/').endsWith(K8S_FORMATS_FILE)) return null
        let out = code
        for (const e of K8S_FORMATS_LAZY) {
          if (!out.includes(e.eager)) this.error('k8s-formats-lazy: formats.js changed; update the plugin')
          out = out.replace(e.eager, e.lazy)
        }
        return { code: out, map: null }
      },
    },
    {
      // out/cli/messages/LANG.json: each catalogue without the GUI's namespaces (main/messages/cli-catalogue.ts).
      name: 'catalogue-json',
      async generateBundle() {
        // Loaded through Vite's module runner (the TypeScript sources as they are), not imported by this config.
        const file = resolve(import.meta.dirname, 'main/messages/cli-catalogue.ts')
        const { module } = await runnerImport<CliCatalogueModule>(file, {
          configFile: false,
          logLevel: 'silent',
        })
        for (const [lang, source] of Object.entries(module.cliCatalogueFiles()))
          this.emitFile({ type: 'asset', fileName: `messages/${lang}.json`, source })
      },
    },
  ],
  // Vite externalises dependencies of an SSR build by default: these go into the bundle (see BUNDLED).
  ssr: { noExternal: BUNDLED },
  build: {
    ssr: resolve(import.meta.dirname, 'main/cli/registry-wizard.ts'),
    outDir: 'out/cli',
    emptyOutDir: true,
    target: 'node20',
    minify: false,
    sourcemap: true,
    rolldownOptions: {
      external: (id, importer) =>
        external.some((e) => id === e || id.startsWith(`${e}/`)) ||
        id === 'dockerode/lib/session.js' ||
        // a package dockerode or docker-modem requires (not their own relative files) stays in node_modules
        (importer !== undefined &&
          DOCKER_LIB.test(importer.replaceAll('\\', '/')) &&
          /^[@a-z]/.test(id) &&
          !BUNDLED.includes(id)),
      // One chunk per command group (program.ts imports them lazily), loaded relative to the entry: any cwd works.
      // CommonJS: Node loads it ~20-30 ms faster than ES modules at every start (measured: `import 'commander'` vs
      // `require('commander')`); out/cli/package.json (written below) scopes out/cli's .js files as CommonJS.
      output: {
        format: 'cjs',
        dynamicImportInCjs: false,
        entryFileNames: 'registry-wizard.js',
        chunkFileNames: 'chunks/[name]-[hash].js',
        banner: (chunk) => (chunk.isEntry ? '#!/usr/bin/env node' : ''),
      },
    },
  },
})
