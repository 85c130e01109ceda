import { spawn } from 'node:child_process'
import { createHash } from 'node:crypto'
import {
  chmodSync,
  copyFileSync,
  createWriteStream,
  mkdirSync,
  readdirSync,
  readFileSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs'
import { createServer, type Server } from 'node:http'
import { join, resolve } from 'node:path'
import { pipeline } from 'node:stream/promises'
import { ZipArchive } from 'archiver'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { makeTmpDir } from '../support/fs-snapshot'

/**
 * scripts/ensure-electron.mjs, run for real in a copy of this project whose `electron` package has no runtime yet
 * (what a fresh `npm install` on a machine without internet has): the download fails against a closed local port
 * (deterministic, with or without internet), succeeds from a local ELECTRON_MIRROR, and ELECTRON_OVERRIDE_DIST_PATH
 * is honoured and handed to electron-vite.
 */
const ROOT = resolve(__dirname, '../..')
const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { scripts: Record<string, string> }
const electronVersion = (JSON.parse(readFileSync(join(ROOT, 'node_modules/electron/package.json'), 'utf8')) as { version: string }).version
const zipName = `electron-v${electronVersion}-${process.platform}-${process.arch}.zip`

let work: string
let project: string
let server: Server
let mirror: string

/** A project copy: our script, node_modules linked to the real one except `electron`, which is fresh (no dist/). */
function makeProject(dir: string): string {
  mkdirSync(join(dir, 'scripts'), { recursive: true })
  copyFileSync(join(ROOT, 'scripts/ensure-electron.mjs'), join(dir, 'scripts/ensure-electron.mjs'))
  const nm = join(dir, 'node_modules')
  mkdirSync(nm)
  for (const entry of readdirSync(join(ROOT, 'node_modules'))) {
    if (entry !== 'electron' && entry !== '.bin') symlinkSync(join(ROOT, 'node_modules', entry), join(nm, entry))
  }
  const electron = join(nm, 'electron')
  mkdirSync(electron)
  for (const f of ['package.json', 'index.js', 'install.js', 'cli.js', 'checksums.json']) {
    copyFileSync(join(ROOT, 'node_modules/electron', f), join(electron, f))
  }
  return dir
}

const run = (env: NodeJS.ProcessEnv, ...command: string[]) => {
  const clean = Object.fromEntries(
    Object.entries(process.env).filter(([k]) => !/^(ELECTRON_|electron_|npm_config_electron)/i.test(k)),
  )
  // Asynchronous: the mirror is served from this process.
  const child = spawn(process.execPath, [join(project, 'scripts/ensure-electron.mjs'), ...command], {
    cwd: project,
    env: { ...clean, electron_config_cache: join(work, 'cache'), ...env },
    timeout: 120_000,
  })
  let stdout = ''
  let stderr = ''
  child.stdout.on('data', (d: Buffer) => (stdout += d.toString()))
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()))
  return new Promise<{ status: number | null; stdout: string; stderr: string }>((res) =>
    child.on('close', (status) => res({ status, stdout, stderr })),
  )
}

describe('scripts/ensure-electron.mjs (npm start / npm run dev)', () => {
  beforeAll(async () => {
    work = makeTmpDir('rw-ensure-electron-')
    project = makeProject(join(work, 'project'))
    // A mirror laid out like Electron's releases: vVERSION/ZIP and its SHASUMS256.txt; the "runtime" is a script.
    const zip = join(work, zipName)
    const a = new ZipArchive()
    const done = pipeline(a, createWriteStream(zip))
    a.append('#!/bin/sh\necho "stand-in electron $*"\n', { name: 'electron', mode: 0o755 })
    a.append(electronVersion, { name: 'version' })
    await a.finalize()
    await done
    const sums = `${createHash('sha256').update(readFileSync(zip)).digest('hex')} *${zipName}\n`
    server = createServer((req, res) => {
      const files: Record<string, Buffer> = {
        [`/electron/v${electronVersion}/${zipName}`]: readFileSync(zip),
        [`/electron/v${electronVersion}/SHASUMS256.txt`]: Buffer.from(sums),
      }
      const body = files[req.url ?? '']
      res.writeHead(body ? 200 : 404).end(body)
    })
    await new Promise<void>((res) => server.listen(0, '127.0.0.1', res))
    const addr = server.address()
    mirror = `http://127.0.0.1:${typeof addr === 'object' && addr ? addr.port : 0}/electron/`
  })
  afterAll(async () => {
    await new Promise((res) => (server as Server | undefined)?.close(res) ?? res(undefined))
    rmSync(work, { recursive: true, force: true })
  })

  it('start and dev go through it (no bare require("electron") with its raw stack)', () => {
    expect(pkg.scripts['start']).toContain('node scripts/ensure-electron.mjs electron-vite preview')
    expect(pkg.scripts['dev']).toContain('node scripts/ensure-electron.mjs electron-vite dev')
    expect(`${pkg.scripts['start']} ${pkg.scripts['dev']}`).not.toContain("require('electron')")
  })

  it('without network for the runtime: one paragraph with the offline options, exit 1, no stack trace, nothing started', async () => {
    // Port 9 on loopback (discard) has no listener: the download fails as it does without internet.
    const r = await run({ ELECTRON_MIRROR: 'http://127.0.0.1:9/' }, 'sh', '-c', 'echo STARTED')
    expect(r.status).toBe(1)
    expect(r.stdout).not.toContain('STARTED')
    expect(r.stderr).toContain(`the Electron ${electronVersion} runtime is not installed and could not be downloaded`)
    expect(r.stderr).toContain('ELECTRON_MIRROR')
    expect(r.stderr).toContain('ELECTRON_OVERRIDE_DIST_PATH')
    expect(r.stderr).toContain(zipName)
    expect(r.stderr).toContain('npm run cli')
    expect(r.stderr).toMatch(/\(cause: .*fetch failed/)
    expect(r.stderr).not.toMatch(/^\s+at /m)
    expect(r.stderr).not.toMatch(/node:internal|Error: Electron failed to install/)
  })

  it('ELECTRON_OVERRIDE_DIST_PATH without an Electron in it: says so, exit 1', async () => {
    const empty = join(work, 'empty-dist')
    mkdirSync(empty, { recursive: true })
    const r = await run({ ELECTRON_OVERRIDE_DIST_PATH: empty }, 'sh', '-c', 'echo STARTED')
    expect(r.status).toBe(1)
    expect(r.stdout).not.toContain('STARTED')
    expect(r.stderr).toContain(`ELECTRON_OVERRIDE_DIST_PATH=${empty} holds no Electron runtime`)
  })

  it('ELECTRON_OVERRIDE_DIST_PATH with an unpacked Electron: runs the command with it as ELECTRON_EXEC_PATH', async () => {
    const dist = join(work, 'unpacked')
    mkdirSync(dist, { recursive: true })
    writeFileSync(join(dist, 'electron'), '#!/bin/sh\nexit 0\n')
    chmodSync(join(dist, 'electron'), 0o755)
    const r = await run({ ELECTRON_OVERRIDE_DIST_PATH: dist }, 'sh', '-c', 'echo "exec=$ELECTRON_EXEC_PATH"; exit 7')
    expect(r.stdout.trim()).toBe(`exec=${join(dist, 'electron')}`)
    expect(r.status).toBe(7)
  })

  it('ELECTRON_MIRROR reachable: downloads the runtime from it, then runs the command with it', async () => {
    const r = await run({ ELECTRON_MIRROR: mirror, electron_use_remote_checksums: '1' }, 'sh', '-c', 'echo "exec=$ELECTRON_EXEC_PATH"; "$ELECTRON_EXEC_PATH" hello')
    expect(r.stderr).not.toContain('cannot start')
    expect(r.stdout).toContain(`exec=${join(project, 'node_modules/electron/dist/electron')}`)
    expect(r.stdout).toContain('stand-in electron hello')
    expect(r.status).toBe(0)
    // Installed now: a second start needs no network at all.
    const again = await run({ ELECTRON_MIRROR: 'http://127.0.0.1:9/' }, 'sh', '-c', 'echo STARTED')
    expect(again.stdout.trim()).toBe('STARTED')
    expect(again.status).toBe(0)
  })
})
