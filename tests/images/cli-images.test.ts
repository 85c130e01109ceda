import { spawn, spawnSync } from 'node:child_process'
import { promises as fs } from 'node:fs'
import { join } from 'node:path'
import { build } from 'vite'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { pushBlob, putManifest, registryClient } from '../../main/registry-api'
import { preconditions, smallImage, startTestRegistry, type TestRegistry } from '../registry-api/support'
import { englishWords } from '../support/english-words'
import { dockerCleanup, run } from '../support/rw-reg-fixtures'
import { shellLine } from '../../main/shell/quote'
import { tagsOf, writeOciLayout } from './import-support'

// `registry-wizard images inspect|import|export` as shipped: the CLI bundled by vite.cli.config.ts, run as a child
// process against a real registry:2 (our startRegistry, htpasswd on) with archives skopeo wrote from it.
const ready = await preconditions()
const repo = join(__dirname, '../..')
const USER = { user: 'imgcli', password: 'imgcli-pass-1' }
let work: string
let reg: TestRegistry
let conn: string[]

function cli(args: string[], lang: 'en' | 'zh-CN' = 'en'): { code: number; stdout: string; stderr: string } {
  const r = spawnSync('node', [join(work, 'cli/registry-wizard.js'), '--lang', lang, ...args], {
    encoding: 'utf8',
    cwd: work,
    env: { PATH: process.env.PATH, HOME: work },
  })
  return { code: r.status ?? -1, stdout: r.stdout, stderr: r.stderr }
}

/**
 * The CLI on a pseudo-terminal (util-linux `script`), as a user runs it: the status line is rewritten in place, and
 * Ctrl-C (0x03 typed into the terminal) reaches it as SIGINT through the terminal, once `interruptWhen` matches what
 * the terminal shows.
 */
function cliOnTerminal(
  args: string[],
  interruptWhen: RegExp,
): Promise<{ code: number | null; output: string; interrupted: boolean }> {
  const line = shellLine(['exec', 'node', join(work, 'cli/registry-wizard.js'), '--lang', 'en', ...args])
  const child = spawn('script', ['-qfec', line, '/dev/null'], {
    cwd: work,
    env: { PATH: process.env.PATH, HOME: work, TERM: 'dumb' },
    stdio: ['pipe', 'pipe', 'pipe'],
  })
  let output = ''
  let interrupted = false
  child.stdout.on('data', (d: Buffer) => {
    output += d.toString('utf8')
    if (!interrupted && interruptWhen.test(output)) {
      interrupted = true
      child.stdin.write('\x03')
    }
  })
  return new Promise((resolve) => {
    child.on('exit', (code) => resolve({ code, output, interrupted }))
  })
}

/** Which of `digests` the registry holds in `repo` (HEAD with our CA and the login). */
async function blobsPresent(repo: string, digests: string[]): Promise<string[]> {
  const present: string[] = []
  for (const d of digests) {
    const { stdout } = await run('curl', [
      '-s',
      '-o',
      '/dev/null',
      '-w',
      '%{http_code}',
      '-I',
      '--cacert',
      join(work, 'ca.crt'),
      '-u',
      `${USER.user}:${USER.password}`,
      `https://127.0.0.1:${reg.port}/v2/${repo}/blobs/${d}`,
    ])
    if (stdout.trim() === '200') present.push(d)
  }
  return present
}

async function rawDigest(ref: string): Promise<string> {
  const { stdout } = await run('skopeo', [
    'inspect',
    '--cert-dir',
    reg.trustDir,
    '--creds',
    `${USER.user}:${USER.password}`,
    '--format',
    '{{.Digest}}',
    `docker://127.0.0.1:${reg.port}/${ref}`,
  ])
  return stdout.trim()
}

describe.runIf(ready)('the built CLI: images inspect / import / export against registry:2', () => {
  beforeAll(async () => {
    await fs.mkdir(join(repo, 'tests/.tmp'), { recursive: true })
    work = await fs.mkdtemp(join(repo, 'tests/.tmp/rw-images-cli-'))
    await build({
      configFile: join(repo, 'vite.cli.config.ts'),
      logLevel: 'silent',
      build: { outDir: join(work, 'cli'), emptyOutDir: true },
    })
    reg = await startTestRegistry(work, 'imgcli', [USER])
    await fs.writeFile(join(work, 'ca.crt'), reg.caPem)
    await fs.writeFile(join(work, 'password'), `${USER.password}\n`, { mode: 0o600 })
    conn = ['--registry', `127.0.0.1:${reg.port}`, '--ca', 'ca.crt', '--user', USER.user]
    conn.push('--password-file', 'password')
    const c = registryClient({ host: '127.0.0.1', port: reg.port, caPem: reg.caPem, ...USER })
    const img = smallImage(64 * 1024)
    for (const b of [img.layer, img.config]) await pushBlob(c, 'seed/app', b)
    await putManifest(c, 'seed/app', '1', { mediaType: img.mediaType, bytes: img.manifest })
    c.close()
    await run('skopeo', [
      'copy',
      '--src-cert-dir',
      reg.trustDir,
      '--src-creds',
      `${USER.user}:${USER.password}`,
      `docker://127.0.0.1:${reg.port}/seed/app:1`,
      `docker-archive:${join(work, 'app.tar')}:seed/app:1`,
    ])
  }, 300_000)

  afterAll(async () => {
    await dockerCleanup([reg.name], [`${reg.name}-data`, `${reg.name}-certs`, `${reg.name}-auth`])
    await fs.rm(work, { recursive: true, force: true })
  })

  it('inspect: the images, tags, platforms and sizes, as text and as JSON', () => {
    const r = cli(['images', 'inspect', 'app.tar'])
    expect(r.code, r.stderr).toBe(0)
    expect(r.stdout).toMatch(/app\.tar: docker-archive, images: 1, \d/)
    expect(r.stdout).toContain('seed/app:1')
    expect(r.stdout).toMatch(/linux\/amd64 {2}sha256:[0-9a-f]{64} {2}\d/)
    const j = cli(['images', 'inspect', 'app.tar', '--json'])
    const parsed = JSON.parse(j.stdout) as { kind: string; images: { names: string[] }[] }
    expect(parsed.kind).toBe('docker-archive')
    expect(parsed.images[0]?.names).toEqual(['seed/app:1'])
    expect(j.stderr).toBe('')
  })

  it('import with --prefix: the tag appears with the digest skopeo sees; a second import uploads nothing', async () => {
    const r = cli(['images', 'import', 'app.tar', ...conn, '--prefix', 'copied'])
    expect(r.code, r.stderr).toBe(0)
    const pushed = /pushed copied\/seed\/app:1 {2}(sha256:[0-9a-f]{64})/.exec(r.stdout)
    expect(pushed, r.stdout).not.toBeNull()
    expect(await rawDigest('copied/seed/app:1')).toBe(pushed?.[1])
    expect(r.stdout).toMatch(/Blobs: 2 uploaded/)
    // Not a terminal: one line per image on stderr, no rewritten status line.
    expect(r.stderr).toContain('tagged copied/seed/app:1')
    expect(r.stderr).not.toContain('\r')
    const again = cli(['images', 'import', 'app.tar', ...conn, '--prefix', 'copied', '--json'])
    expect(again.code, again.stderr).toBe(0)
    const j = JSON.parse(again.stdout) as { blobs: { uploaded: number; present: number } }
    expect(j.blobs).toMatchObject({ uploaded: 0, present: 2 })
    expect(again.stderr).toBe('')
  })

  it('zh-CN import and inspect: every line in Chinese (data aside)', () => {
    const r = cli(['images', 'import', 'app.tar', ...conn, '--prefix', 'zh'], 'zh-CN')
    expect(r.code, r.stderr).toBe(0)
    expect(r.stdout).toContain('已推送 zh/seed/app:1')
    const data = ['app.tar', 'zh/seed/app:1', 'seed/app:1', 'KiB', 'MiB', 'docker-archive']
    expect(englishWords(r.stdout + r.stderr, data)).toEqual([])
    const i = cli(['images', 'inspect', 'app.tar'], 'zh-CN')
    expect(i.stdout).toContain('镜像数：1')
    expect(englishWords(i.stdout, data)).toEqual([])
  })

  it('export: the archive and its .sha256 (sha256sum -c passes); import of that archive gives the same digest', async () => {
    const r = cli(['images', 'export', 'copied/seed/app:1', ...conn, '--out', 'back.tar'])
    expect(r.code, r.stderr).toBe(0)
    expect(r.stdout).toContain(`Archive written: ${join(work, 'back.tar')}`)
    const sum = spawnSync('sha256sum', ['-c', 'back.tar.sha256'], { cwd: work, encoding: 'utf8' })
    expect(sum.status, sum.stdout + sum.stderr).toBe(0)
    const again = cli(['images', 'import', 'back.tar', ...conn, '--prefix', 'round'])
    expect(again.code, again.stderr).toBe(0)
    expect(await rawDigest('round/copied/seed/app:1')).toBe(await rawDigest('copied/seed/app:1'))
    const zh = cli(['images', 'export', 'copied/seed/app:1', ...conn, '--out', 'zh.tar'], 'zh-CN')
    expect(zh.code, zh.stderr).toBe(0)
    expect(zh.stdout).toContain('归档已写入')
    const zhText = (zh.stdout + zh.stderr).replace(/(sha256[: ])?[0-9a-f]{64}/g, ' ')
    expect(englishWords(zhText, [join(work, 'zh.tar'), 'copied/seed/app:1', 'KiB'])).toEqual([])
  })

  it('--repository names the images of a skopeo oci-archive that carries only the tag 1.0', async () => {
    await run('skopeo', [
      'copy',
      '--src-cert-dir',
      reg.trustDir,
      '--src-creds',
      `${USER.user}:${USER.password}`,
      `docker://127.0.0.1:${reg.port}/seed/app:1`,
      `oci-archive:${join(work, 'bare.tar')}:1.0`,
    ])
    const seen = JSON.parse(cli(['images', 'inspect', 'bare.tar', '--json']).stdout) as {
      images: { names: string[]; tags: string[]; digest: string }[]
    }
    expect(seen.images[0]).toMatchObject({ names: [], tags: ['1.0'] })
    const unnamed = cli(['images', 'import', 'bare.tar', ...conn])
    expect(unnamed.code, unnamed.stderr).toBe(2)
    expect(unnamed.stderr).toContain(
      `error: --repository: ${join(work, 'bare.tar')} has 1 image(s) without a repository name`,
    )
    expect(unnamed.stderr).toContain('hint: Give --repository NAME (for example --repository team/app)')
    const zh = cli(['images', 'import', 'bare.tar', ...conn], 'zh-CN')
    expect(zh.code).toBe(2)
    expect(zh.stderr).toContain('--repository NAME')
    const bad = cli(['images', 'import', 'bare.tar', ...conn, '--repository', 'Team/App'])
    expect(bad.code).toBe(2)
    expect(bad.stderr).toContain('--repository: Team/App is not a repository name')
    const caFile = join(work, 'ca.crt')
    const auth = `${USER.user}:${USER.password}`
    expect(await tagsOf(reg.port, caFile, 'team/app', auth)).toEqual([])
    const r = cli(['images', 'import', 'bare.tar', ...conn, '--repository', 'team/app'])
    expect(r.code, r.stderr).toBe(0)
    expect(r.stdout).toContain(`pushed team/app:1.0  ${seen.images[0]?.digest ?? '?'}`)
    expect(await rawDigest('team/app:1.0')).toBe(seen.images[0]?.digest)
    expect(await tagsOf(reg.port, caFile, 'team/app', auth)).toEqual(['1.0'])
  }, 120_000)

  it('Ctrl-C once the status line shows bytes sent: cancelled, nothing tagged; the rerun sends only the missing blobs', async () => {
    const layout = await writeOciLayout(join(work, 'big'), 'big/app:1', { layerSize: 64 << 20 })
    const all = (await fs.readdir(join(work, 'big/blobs/sha256'))).map((h) => `sha256:${h}`)
    const blobs = all.filter((d) => d !== layout.indexDigest && !layout.manifestDigests.includes(d))
    expect(blobs).toHaveLength(layout.blobCount)
    const run1 = await cliOnTerminal(['images', 'import', 'big', ...conn], /total [1-9][\d.]* (KiB|MiB)/)
    expect(run1.interrupted, run1.output).toBe(true)
    expect(run1.code, run1.output).toBe(1)
    expect(run1.output).toContain(
      'Cancelled. Nothing was tagged; blobs already uploaded stay in the registry',
    )
    expect(run1.output).toContain('error: The operation was cancelled.')
    expect(run1.output).not.toContain('pushed big/app:1')
    const caFile = join(work, 'ca.crt')
    const auth = `${USER.user}:${USER.password}`
    expect(await tagsOf(reg.port, caFile, 'big/app', auth)).toEqual([])
    const before = await blobsPresent('big/app', blobs)
    expect(before.length).toBeLessThan(blobs.length)
    const rerun = cli(['images', 'import', 'big', ...conn, '--json'])
    expect(rerun.code, rerun.stderr).toBe(0)
    const j = JSON.parse(rerun.stdout) as { blobs: { uploaded: number; present: number; mounted: number } }
    expect(j.blobs).toEqual(
      expect.objectContaining({ present: before.length, uploaded: blobs.length - before.length, mounted: 0 }),
    )
    expect(await tagsOf(reg.port, caFile, 'big/app', auth)).toEqual(['1'])
  }, 180_000)

  it('bad input exits 2 and writes nothing: both --list and refs, a missing archive, a bad --registry', async () => {
    await fs.writeFile(join(work, 'list.txt'), 'copied/seed/app:1\n')
    const before = (await fs.readdir(work)).sort()
    for (const args of [
      ['images', 'export', 'copied/seed/app:1', '--list', 'list.txt', ...conn, '--out', 'never.tar'],
      ['images', 'import', 'missing.tar', ...conn],
      ['images', 'import', 'app.tar', '--registry', '127.0.0.1', '--ca', 'ca.crt'],
      ['images', 'import', 'app.tar', ...conn, '--prefix', 'UPPER'],
    ]) {
      const r = cli(args)
      expect(r.code, `${args.join(' ')}\n${r.stderr}`).toBe(2)
      expect(r.stdout).toBe('')
    }
    expect((await fs.readdir(work)).sort()).toEqual(before)
  })
})
