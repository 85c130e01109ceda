import { spawn } from 'node:child_process'
import { createPrivateKey, X509Certificate } from 'node:crypto'
import {
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  statSync,
  utimesSync,
  writeFileSync,
} from 'node:fs'
import { join, resolve } from 'node:path'
import { describe, expect, it } from 'vitest'
import { makeTmpDir } from '../support/fs-snapshot'
import { cli } from '../support/run-cli'

// kill -9 during `ca create`: a key is never left in a temp file, and never without its certificate. The child is a
// real process (tsx running createCaDir, or the built CLI) killed with SIGKILL.
const SCRIPT = resolve(import.meta.dirname, 'kill-ca-create.ts')
const BIN = resolve('out/cli/registry-wizard.js')

/** Every file under `root` (recursively, hidden ones too). */
function walk(root: string): string[] {
  const out: string[] = []
  for (const e of readdirSync(root, { withFileTypes: true })) {
    const p = join(root, e.name)
    if (e.isDirectory()) out.push(...walk(p))
    else out.push(p)
  }
  return out
}

/** The invariants after a kill, for CA folder `dir` inside `parent`. */
function checkAfterKill(parent: string, dir: string, what: string): void {
  for (const f of walk(parent)) {
    const text = readFileSync(f, 'utf8')
    if (!text.includes('PRIVATE KEY')) continue
    // Key material only ever at a key's final name (or in a --force backup), 0600.
    expect(f, `${what}: key material in ${f}`).toMatch(/\/ca\.key(\.bak-\d{8}T\d{6}Z(-\d+)?)?$/)
    expect(statSync(f).mode & 0o077, `${what}: ${f} mode`).toBe(0)
    expect(f, `${what}: key material in a temp name`).not.toMatch(/\.tmp|\.rw-ca-/)
  }
  const key = join(dir, 'ca.key')
  if (existsSync(key)) {
    expect(existsSync(join(dir, 'ca.crt')), `${what}: ca.key without ca.crt`).toBe(true)
    const pem = readFileSync(key, 'utf8')
    if (/-----END PRIVATE KEY-----\n$/.test(pem)) {
      // A complete key always sits beside its own certificate.
      expect(
        new X509Certificate(readFileSync(join(dir, 'ca.crt'))).checkPrivateKey(createPrivateKey(pem)),
        what,
      ).toBe(true)
    }
  }
}

/** Spawns `cmd`, kills it with SIGKILL when `until` resolves or when it prints `line`; resolves after it is gone. */
function runAndKill(
  cmd: string,
  args: string[],
  opts: { line?: string; afterMs?: number },
): Promise<{ killed: boolean; stdout: string }> {
  return new Promise((res, rej) => {
    const child = spawn(cmd, args, { stdio: ['ignore', 'pipe', 'pipe'] })
    let stdout = ''
    let stderr = ''
    let killed = false
    const kill = (): void => {
      if (child.exitCode === null && !killed) {
        killed = child.kill('SIGKILL')
      }
    }
    child.stdout.on('data', (d: Buffer) => {
      stdout += d.toString()
      if (opts.line !== undefined && stdout.includes(opts.line)) kill()
    })
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()))
    const timer = opts.afterMs === undefined ? undefined : setTimeout(kill, opts.afterMs)
    child.on('error', rej)
    child.on('close', (code, signal) => {
      if (timer) clearTimeout(timer)
      if (opts.line !== undefined && signal !== 'SIGKILL')
        rej(new Error(`child ended (${code}) without reaching ${opts.line}: ${stdout}${stderr}`))
      else res({ killed: signal === 'SIGKILL', stdout })
    })
  })
}

describe('kill -9 during ca create', () => {
  it('killed at each write step of a new folder: never a key without its cert, never a temp key; the next run recovers', async () => {
    for (const step of ['generated', 'staged', 'renamed', 'key-written']) {
      const parent = makeTmpDir('rw-pki-kill-')
      const dir = join(parent, 'ca')
      await runAndKill(process.execPath, ['--import', 'tsx', SCRIPT, dir, step], { line: `STEP ${step}` })
      checkAfterKill(parent, dir, step)
      if (step === 'staged') {
        // The staging folder (certificates only) is left behind by the kill...
        expect(
          readdirSync(parent).filter((n) => n.startsWith('.rw-ca-')),
          step,
        ).toHaveLength(1)
        expect(existsSync(dir), step).toBe(false)
      }
      // ...and the next run removes it and creates the CA without --force.
      const next = await cli(['ca', 'create', '--dir', dir, '--key-size', '2048', '--json'])
      if (step === 'renamed') {
        // ca.crt is in place but the key was never written: reported as an interrupted CA, --force replaces it.
        expect(next.code, step).toBe(1)
        expect(next.stderr).toContain(
          'holds ca.crt without a complete ca.key (an interrupted create or import of a CA)',
        )
        expect((await cli(['ca', 'create', '--dir', dir, '--key-size', '2048', '--force'])).code).toBe(0)
      } else if (step === 'key-written') {
        expect(next.code, step).toBe(1)
        expect(next.stderr).toContain('A CA already exists')
      } else {
        expect(next.code, `${step}: ${next.stderr}`).toBe(0)
        const removed = (JSON.parse(next.stdout) as { staleRemoved: string[] }).staleRemoved
        expect(removed.length, step).toBe(step === 'staged' ? 1 : 0)
      }
      expect(
        readdirSync(parent).filter((n) => n !== 'ca'),
        step,
      ).toEqual([])
      checkAfterKill(parent, dir, `${step} (after the next run)`)
    }
  }, 120_000)

  it('killed at each step of --force over an existing CA: the old key is gone before the new cert lands', async () => {
    for (const step of ['generated', 'backed-up', 'old-removed', 'certs-written', 'key-written']) {
      const parent = makeTmpDir('rw-pki-killf-')
      const dir = join(parent, 'ca')
      expect((await cli(['ca', 'create', '--dir', dir, '--key-size', '2048'])).code).toBe(0)
      await runAndKill(process.execPath, ['--import', 'tsx', SCRIPT, dir, step, 'force'], {
        line: `STEP ${step}`,
      })
      checkAfterKill(parent, dir, `force ${step}`)
      expect((await cli(['ca', 'create', '--dir', dir, '--key-size', '2048', '--force'])).code, step).toBe(0)
      checkAfterKill(parent, dir, `force ${step} (after the next run)`)
      expect(
        walk(parent).filter((f) => /\.tmp$|\.rw-ca-/.test(f)),
        step,
      ).toEqual([])
    }
  }, 120_000)

  it('the built CLI killed after random delays (bounded loop): the invariants hold every time', async () => {
    expect(existsSync(BIN), 'out/cli/registry-wizard.js is missing: run npm run build:cli').toBe(true)
    const parent = makeTmpDir('rw-pki-killr-')
    const t0 = Date.now()
    await runAndKill(
      process.execPath,
      [BIN, 'ca', 'create', '--dir', join(parent, 'timing'), '--key-size', '2048'],
      {},
    )
    const full = Math.max(200, Date.now() - t0)
    let killed = 0
    for (let i = 0; i < 16; i++) {
      const dir = join(parent, `ca-${i % 4}`)
      const args = [BIN, 'ca', 'create', '--dir', dir, '--key-size', '2048', ...(i >= 4 ? ['--force'] : [])]
      const r = await runAndKill(process.execPath, args, {
        afterMs: Math.floor(full * (0.4 + Math.random() * 0.7)),
      })
      if (r.killed) killed++
      checkAfterKill(parent, dir, `random ${i}`)
    }
    expect(killed).toBeGreaterThan(0)
  }, 120_000)

  it('removes our own stale temp files on the next run (a key temp at once, public temps after a minute, dead staging folders)', async () => {
    const parent = makeTmpDir('rw-pki-stale-')
    const dir = join(parent, 'ca')
    expect((await cli(['ca', 'create', '--dir', dir, '--key-size', '2048'])).code).toBe(0)
    const keyTmp = join(dir, '.ca.key.0123456789ab.tmp')
    writeFileSync(keyTmp, readFileSync(join(dir, 'ca.key')), { mode: 0o600 })
    const oldPublic = join(dir, '.ca.crt.aaaaaaaaaaaa.tmp')
    writeFileSync(oldPublic, 'x')
    utimesSync(oldPublic, new Date(Date.now() - 120_000), new Date(Date.now() - 120_000))
    const freshPublic = join(dir, '.index.json.bbbbbbbbbbbb.tmp')
    writeFileSync(freshPublic, 'x')
    const notOurs = join(dir, '.notes.cccccccccccc.tmp')
    writeFileSync(notOurs, 'x')
    let deadPid = 4_000_000
    while (
      ((): boolean => {
        try {
          process.kill(deadPid, 0)
          return true
        } catch {
          return false
        }
      })()
    )
      deadPid++
    const deadStaging = join(parent, `.rw-ca-${deadPid}-AbC123`)
    const liveStaging = join(parent, `.rw-ca-${process.pid}-XyZ789`)
    mkdirSync(deadStaging)
    mkdirSync(liveStaging)
    const r = await cli(['ca', 'create', '--dir', dir, '--key-size', '2048', '--force', '--json'])
    expect(r.code).toBe(0)
    expect((JSON.parse(r.stdout) as { staleRemoved: string[] }).staleRemoved.sort()).toEqual(
      [deadStaging, oldPublic, keyTmp].sort(),
    )
    expect([existsSync(freshPublic), existsSync(notOurs), existsSync(liveStaging)]).toEqual([
      true,
      true,
      true,
    ])
    expect(
      (await cli(['ca', 'create', '--dir', join(parent, 'ca2'), '--key-size', '2048'])).stdout,
    ).not.toContain('removed')
  })
})
