#!/usr/bin/env node
// `npm start` / `npm run dev`: make sure the Electron runtime is here, then run the given command
// (`node scripts/ensure-electron.mjs electron-vite preview`). The `electron` package downloads its runtime on first
// use; without internet that fails with a raw stack trace, so this prints what to do instead and exits 1.
//
// Offline: ELECTRON_MIRROR (a reachable mirror of Electron's release files) or ELECTRON_OVERRIDE_DIST_PATH (a folder
// holding an unpacked Electron of the same version; passed on to electron-vite as ELECTRON_EXEC_PATH).
import { spawn, spawnSync } from 'node:child_process'
import { accessSync, constants, existsSync, readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'

const require = createRequire(import.meta.url)
const electronDir = dirname(require.resolve('electron/package.json'))
const { version } = JSON.parse(readFileSync(join(electronDir, 'package.json'), 'utf8'))
const executableName =
  { darwin: 'Electron.app/Contents/MacOS/Electron', win32: 'electron.exe' }[process.platform] ?? 'electron'
const [major = 0, minor = 0] = process.versions.node.split('.').map(Number)
const oldNode = major < 22 || (major === 22 && minor < 12)
const zipName = `electron-v${version}-${process.platform}-${process.arch}.zip`

const isExecutable = (path) => {
  try {
    accessSync(path, constants.X_OK)
    return true
  } catch {
    return false
  }
}

/** The runtime `require('electron')` would start, if it is already on disk. */
function installedRuntime() {
  const pathFile = join(electronDir, 'path.txt')
  if (!existsSync(pathFile)) return undefined
  const full = join(electronDir, 'dist', readFileSync(pathFile, 'utf8'))
  return isExecutable(full) ? full : undefined
}

function explain(cause) {
  const mirror = process.env.ELECTRON_MIRROR
  process.stderr.write(
    [
      `Registry Wizard cannot start: the Electron ${version} runtime is not installed and could not be downloaded`,
      `${mirror ? ` from ELECTRON_MIRROR=${mirror}` : ' from github.com (no internet access here?)'}.`,
      ` The app needs it; to run without internet, either set ELECTRON_MIRROR to a mirror this machine can reach`,
      ` that serves v${version}/${zipName} (e.g. ELECTRON_MIRROR=http://mirror.lan/electron/ npm start), or unpack`,
      ` ${zipName} into a folder and run ELECTRON_OVERRIDE_DIST_PATH=/that/folder npm start.`,
      ` The command-line interface needs no Electron: npm run build:cli && npm run cli -- --help.`,
      cause ? `\n(cause: ${cause})` : '',
      oldNode ? `\n(Electron's installer declares Node >= 22.12; this is Node ${process.versions.node})` : '',
      '\n',
    ].join(''),
  )
  process.exit(1)
}

/** The first line of the downloader's output that says what went wrong (no stack frames). */
function causeOf(output) {
  const lines = output
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l !== '' && !l.startsWith('at ') && l !== 'Downloading Electron binary...')
  return lines.find((l) => /error|fail|ENOTFOUND|ECONN|EAI_AGAIN|timed? ?out/i.test(l)) ?? lines[0]
}

function ensureRuntime() {
  const override = process.env.ELECTRON_OVERRIDE_DIST_PATH
  if (override) {
    const full = join(override, executableName)
    if (!isExecutable(full)) {
      process.stderr.write(
        `ELECTRON_OVERRIDE_DIST_PATH=${override} holds no Electron runtime: ${full} is missing or not executable.` +
          ` Unpack ${zipName} into that folder (its ${executableName} must be at the top), or unset the variable.\n`,
      )
      process.exit(1)
    }
    return full
  }
  const present = installedRuntime()
  if (present) return present
  process.stderr.write(`Downloading the Electron ${version} runtime (first start only)...\n`)
  const run = spawnSync(process.execPath, [join(electronDir, 'install.js')], {
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
    timeout: 15 * 60 * 1000,
  })
  const after = installedRuntime()
  if (run.status === 0 && after) return after
  explain(run.error ? run.error.message : causeOf(`${run.stderr ?? ''}\n${run.stdout ?? ''}`))
}

const runtime = ensureRuntime()
const [command, ...args] = process.argv.slice(2)
if (command) {
  // electron-vite reads ELECTRON_EXEC_PATH (it does not know ELECTRON_OVERRIDE_DIST_PATH).
  const child = spawn(command, args, {
    stdio: 'inherit',
    shell: process.platform === 'win32',
    env: { ...process.env, ELECTRON_EXEC_PATH: process.env.ELECTRON_EXEC_PATH ?? runtime },
  })
  child.on('error', (err) => {
    process.stderr.write(`${command}: ${err.message}\n`)
    process.exit(1)
  })
  child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)))
}
