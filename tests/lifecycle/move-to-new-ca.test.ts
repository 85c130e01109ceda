// Moving the served certificate to the new CA after `ca renew` (registry renew-cert --to-new-ca,
// main/lifecycle/renew-certificate.ts) against the real registry:2. The CA is renewed and the two-CA bundle exported;
// before the move a client with only the old CA works (and one with only the new CA does not); a move whose health
// fails is rolled back (the old-CA certificate served again); without --to-new-ca, or with a CA folder whose
// archived CA did not issue the served certificate, the move is refused before anything changes; the move itself
// serves a certificate of the new CA: clients with the new CA or the bundle work (skopeo pushes with the bundle
// before and after), one with only the old CA fails, and the job's own check says so. The Docker Hub mirror moves
// the same way (renew-cert --name MIRROR --to-new-ca) and stays a mirror: its labels and proxy config are kept.
import { execFileSync, spawnSync } from 'node:child_process'
import { X509Certificate, randomBytes } from 'node:crypto'
import { readFileSync } from 'node:fs'
import { copyFile, mkdir, readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import {
  connectEngine,
  readCertDir,
  readContainerFile,
  registryStatus,
  startRegistry,
} from '../../main/docker'
import { renewCa } from '../../main/lifecycle/renew-ca'
import { renewServerCertificate, type RenewCertificateResult } from '../../main/lifecycle/renew-certificate'
import { LABEL_ROLE, LABEL_UPSTREAM, ROLE_MIRROR, startMirror } from '../../main/mirror'
import { createCaDir, issueToDir, pemCertificates } from '../../main/pki'
import {
  curlStatus,
  dockerCleanup,
  ensureRegistryImage,
  ensureTestImage,
  freePort,
  run,
  runCliIn,
  tempDir,
  trackRegistry,
} from '../support/rw-reg-fixtures'
import { removeAll, startUpstream, type Upstream } from '../mirror/support'
import { fileFingerprint, folderState, servedFingerprint, stagingLeft, waitServed } from './served-cert'

const IMAGE = 'rw-reg-busybox:1'
const engine = connectEngine({})
const tag = randomBytes(3).toString('hex')
const containers: string[] = []
const volumes: string[] = []
let root: { path: string; cleanup: () => Promise<void> }
let caDir: string
/** The old CA alone (a client that never got the bundle), the new CA alone, and the two-CA bundle's ca.crt. */
let oldCa: string
let newCa: string
let bundleCa: string
/** skopeo's cert dir holding the bundle's ca.crt (both CAs), as Docker's certs.d/HOST:PORT/ would. */
let bundleTrustDir: string

interface Reg {
  name: string
  port: number
  liveDir: string
}
const regA = {} as Reg
const regB = {} as Reg
/** A pull-through mirror served by the same CA, and its upstream (a registry with a CA of its own). */
const mirror = {} as Reg
let upstream: Upstream | undefined

const url = (r: Reg): string => `https://127.0.0.1:${r.port}/v2/`

/** curl's exit code trusting only `caFile` (0 accepted; 60: the peer certificate cannot be authenticated). */
const curlCode = async (r: Reg, caFile: string): Promise<number> =>
  run('curl', ['-sS', '-o', '/dev/null', '--cacert', caFile, url(r)]).then(
    () => 0,
    (e: unknown) => (e as { code?: number }).code ?? -1,
  )

async function startOn(r: Reg, which: string): Promise<void> {
  r.name = trackRegistry(containers, volumes, `rw-move-${which}-${tag}`)
  r.liveDir = join(root.path, `live-${which}`)
  await issueToDir({ caDir, outDir: r.liveDir, sans: ['127.0.0.1', 'localhost'], keySize: 2048, days: 60 })
  r.port = await freePort()
  await startRegistry(engine, {
    name: r.name,
    port: r.port,
    certs: await readCertDir(r.liveDir),
    certStore: 'bind',
    registryHost: '127.0.0.1',
  })
}

/** A mirror of an internal upstream (tests/mirror/support), its own pair from the CA under test (bind-mounted). */
async function startMirrorOn(r: Reg): Promise<void> {
  upstream = await startUpstream(root.path)
  r.name = trackRegistry(containers, volumes, `rw-move-m-${tag}`)
  volumes.push(`${r.name}-config`) // a mirror's config.yml volume
  r.liveDir = join(root.path, 'live-m')
  await issueToDir({ caDir, outDir: r.liveDir, sans: ['127.0.0.1'], keySize: 2048, days: 60 })
  r.port = await freePort()
  await startMirror(engine, {
    name: r.name,
    port: r.port,
    certs: await readCertDir(r.liveDir),
    upstream: upstream.url,
    upstreamCaPem: upstream.caPem,
    certStore: 'bind',
    registryHost: '127.0.0.1',
  })
}

beforeAll(async () => {
  await ensureRegistryImage()
  await ensureTestImage(IMAGE)
  root = await tempDir('rw-move-')
  caDir = join(root.path, 'ca')
  await createCaDir(caDir, { subject: { cn: 'rw-move CA' }, keySize: 2048, days: 100 })
  await startOn(regA, 'a')
  await startOn(regB, 'b')
  await startMirrorOn(mirror)
  oldCa = join(root.path, 'old-ca.crt')
  await copyFile(join(caDir, 'ca.crt'), oldCa)
  const renewed = await renewCa({ caDir, keySize: 2048 })
  newCa = join(caDir, 'ca.crt')
  const out = join(root.path, 'bundles')
  const r = await runCliIn(root.path, [
    'bundle',
    'export',
    '--ca',
    newCa,
    '--previous-ca',
    renewed.previous.certPath,
    '--registry',
    `127.0.0.1:${regA.port}`,
    '--out',
    out,
  ])
  expect(r.code).toBe(0)
  bundleCa = join(out, `registry-trust-127.0.0.1_${regA.port}`, 'ca.crt')
  expect(pemCertificates(await readFile(bundleCa, 'utf8'))).toHaveLength(2)
  bundleTrustDir = join(root.path, 'client-bundle')
  await mkdir(bundleTrustDir, { recursive: true })
  await copyFile(bundleCa, join(bundleTrustDir, 'ca.crt'))
})

afterAll(async () => {
  await dockerCleanup(containers, volumes)
  if (upstream) await removeAll([upstream.name])
  await root.cleanup()
})

const push = (r: Reg, t: string): Promise<unknown> =>
  run('skopeo', [
    'copy',
    '--dest-cert-dir',
    bundleTrustDir,
    `docker-daemon:${IMAGE}`,
    `docker://127.0.0.1:${r.port}/rw-move/busybox:${t}`,
  ])

const renewCli = (r: Reg, extra: string[]): ReturnType<typeof runCliIn> =>
  runCliIn(root.path, ['registry', 'renew-cert', '--name', r.name, '--ca-dir', caDir, ...extra])

describe('before the move (the CA renewed, the served certificate still from the old CA)', () => {
  it('a client with only the old CA works, so does one with the bundle; one with only the new CA does not', async () => {
    expect(await curlStatus(url(regA), oldCa)).toBe('200')
    expect(await curlStatus(url(regA), bundleCa)).toBe('200')
    expect(await curlCode(regA, newCa)).toBe(60)
    await push(regA, 'before')
  })

  it('renew-cert without --to-new-ca is refused (exit 2) and points to the bundle and --to-new-ca; nothing changed', async () => {
    const before = await folderState(regA.liveDir)
    const startedAt = (await registryStatus(engine, regA.name)).startedAt
    const r = await renewCli(regA, [])
    expect(r.code).toBe(2)
    expect(r.err).toContain('was issued by the previous CA of')
    expect(r.err).toContain('ca.crt.bak-')
    expect(r.err).toContain('--previous-ca')
    expect(r.err).toContain('registry renew-cert --to-new-ca')
    const zh = await renewCli(regA, ['--lang', 'zh-CN'])
    expect(zh.code).toBe(2)
    expect(zh.err).toContain('上一个 CA 签发')
    expect(zh.err).not.toMatch(/was issued|previous CA of/)
    expect(await folderState(regA.liveDir)).toEqual(before)
    expect((await registryStatus(engine, regA.name)).startedAt).toBe(startedAt)
  })

  it('--to-new-ca with a CA folder that was never renewed, or whose archived CA did not issue it: refused', async () => {
    const fresh = join(root.path, 'never-renewed')
    await createCaDir(fresh, { subject: { cn: 'rw-move CA' }, keySize: 2048, days: 30 })
    const none = await runCliIn(root.path, [
      'registry',
      'renew-cert',
      '--name',
      regA.name,
      '--ca-dir',
      fresh,
      '--to-new-ca',
    ])
    expect(none.code).toBe(2)
    expect(none.err).toContain('--to-new-ca: ')
    expect(none.err).toContain('holds no previous CA')
    expect(none.err).toContain('registry-wizard ca renew --ca-dir')
    // Renewed, but from another CA with the SAME name: the name alone proves nothing, the signature decides.
    await renewCa({ caDir: fresh, keySize: 2048 })
    const other = await runCliIn(root.path, [
      '--lang',
      'zh-CN',
      'registry',
      'renew-cert',
      '--name',
      regA.name,
      '--ca-dir',
      fresh,
      '--to-new-ca',
    ])
    expect(other.code).toBe(2)
    expect(other.err).toContain('无法迁移到新 CA')
    expect(other.err).toContain('ca.crt.bak-')
    expect(await servedFingerprint(regA.port)).toBe(await fileFingerprint(join(regA.liveDir, 'domain.crt')))
  })

  it('a move whose health check fails is rolled back: the old-CA certificate is served again', async () => {
    const before = await folderState(regA.liveDir)
    const oldPrint = await fileFingerprint(join(regA.liveDir, 'domain.crt'))
    let swappedIssuer: string | undefined
    const err = await renewServerCertificate(
      { engine, name: regA.name, caDir, toNewCa: true, registryHost: '127.0.0.1', healthTimeoutMs: 1 },
      {
        onProgress: (p) => {
          // Read at once: an async read could land after the rollback put the old pair back.
          if (p.step === 'health' && swappedIssuer === undefined) {
            swappedIssuer = readFileSync(join(regA.liveDir, 'ca.crt'), 'utf8')
            // Health must fail whatever the timing: the registry stops before the first probe (a restarted
            // registry can answer within the 1 ms budget's one attempt). The rollback restarts it.
            execFileSync('docker', ['stop', '-t', '0', regA.name], { stdio: 'ignore' })
          }
        },
      },
    ).catch((e: unknown) => e)
    expect(err).toMatchObject({ code: 'HEALTH_FAILED' }) // the registry stopped: health says so at once
    // When health was checked, the live folder held the new CA's pair.
    expect(swappedIssuer).toBe(await readFile(newCa, 'utf8'))
    expect(await folderState(regA.liveDir)).toEqual(before)
    expect(await waitServed(regA.port, oldPrint)).toBe(oldPrint)
    expect(await stagingLeft(regA.liveDir)).toEqual([])
    expect(await curlStatus(url(regA), oldCa)).toBe('200')
  })
})

describe('registry renew-cert --to-new-ca', () => {
  let moved: RenewCertificateResult

  it('moves: a certificate of the new CA, the same addresses; the job reports the old-CA-only client refused', async () => {
    const oldPrint = await fileFingerprint(join(regA.liveDir, 'domain.crt'))
    const r = await renewCli(regA, ['--to-new-ca', '--json'])
    expect(r.err).toContain('clients need the trust bundle with both CAs before this')
    expect(r.err).toContain('Checking what clients with the previous CA only')
    expect(r.code).toBe(0)
    moved = JSON.parse(r.out) as RenewCertificateResult
    expect(moved).toMatchObject({
      issuedBy: 'previousCa',
      sans: ['127.0.0.1', 'localhost'],
      previousFingerprintSha256: oldPrint,
      move: { caPath: newCa, previousCaOnly: 'refused', bothCas: 'accepted' },
    })
    expect(moved.move?.previousCaPath).toMatch(/ca\.crt\.bak-\d{8}T\d{6}Z$/)
    expect(await waitServed(regA.port, moved.fingerprintSha256)).toBe(moved.fingerprintSha256)
    // The served chain is the new CA's: the leaf verifies with the new CA alone, the live ca.crt is the new CA.
    const leaf = join(regA.liveDir, 'domain.crt')
    expect(spawnSync('openssl', ['verify', '-CAfile', newCa, leaf], { encoding: 'utf8' }).stdout).toMatch(
      /: OK/,
    )
    expect(await readFile(join(regA.liveDir, 'ca.crt'), 'utf8')).toBe(await readFile(newCa, 'utf8'))
    expect(new X509Certificate(await readFile(leaf, 'utf8')).subjectAltName).toBe(
      'IP Address:127.0.0.1, DNS:localhost',
    )
  })

  it('afterwards clients with the new CA or the bundle work (the bundle client pushes), one with only the old CA fails', async () => {
    expect(await curlStatus(url(regA), newCa)).toBe('200')
    expect(await curlStatus(url(regA), bundleCa)).toBe('200')
    expect(await curlCode(regA, oldCa)).toBe(60)
    await push(regA, 'after')
    const { stdout } = await run('curl', [
      '-sS',
      '--cacert',
      newCa,
      `https://127.0.0.1:${regA.port}/v2/rw-move/busybox/tags/list`,
    ])
    expect((JSON.parse(stdout) as { tags: string[] }).tags.sort()).toEqual(['after', 'before'])
  })

  it('run again: already from the new CA, so a plain renewal (issuedBy sameCa, no move), said in the output', async () => {
    const r = await renewCli(regA, ['--to-new-ca'])
    expect(r.code).toBe(0)
    expect(r.out).toContain('already issued by the current CA of the folder')
    expect(r.out).not.toContain('Moved to the new CA')
    const json = await renewCli(regA, ['--to-new-ca', '--json'])
    expect(JSON.parse(json.out)).toMatchObject({ issuedBy: 'sameCa' })
    expect((JSON.parse(json.out) as RenewCertificateResult).move).toBeUndefined()
    expect(await curlStatus(url(regA), newCa)).toBe('200')
  })

  it('in Chinese: the warning before, the move and the client check after, with no English words', async () => {
    const r = await renewCli(regB, ['--lang', 'zh-CN', '--to-new-ca'])
    expect(r.code).toBe(0)
    expect(r.err).toContain('客户端必须事先安装包含两个 CA 的信任包')
    expect(r.out).toContain('已迁移到新 CA')
    expect(r.out).toContain('只信任上一个 CA 的客户端现在被拒绝')
    expect(r.out).toContain('安装了包含两个 CA 的信任包的客户端被接受')
    expect(r.out).not.toMatch(/Moved|Checked|client|Clients/)
    expect(await curlCode(regB, oldCa)).toBe(60)
    expect(await curlStatus(url(regB), bundleCa)).toBe('200')
  })
})

describe('the Docker Hub mirror after the CA renewal', () => {
  const labels = async (): Promise<Record<string, string>> =>
    JSON.parse(
      (await run('docker', ['inspect', '-f', '{{json .Config.Labels}}', mirror.name])).stdout,
    ) as Record<string, string>

  it('moves with renew-cert --name MIRROR --to-new-ca and stays a mirror of the same upstream', async () => {
    const before = await labels()
    expect(before[LABEL_ROLE]).toBe(ROLE_MIRROR)
    expect(await curlStatus(url(mirror), oldCa)).toBe('200')
    const r = await renewCli(mirror, ['--to-new-ca', '--json'])
    expect(r.code).toBe(0)
    const moved = JSON.parse(r.out) as RenewCertificateResult
    expect(moved).toMatchObject({
      issuedBy: 'previousCa',
      move: { previousCaOnly: 'refused', bothCas: 'accepted' },
    })
    expect(await waitServed(mirror.port, moved.fingerprintSha256)).toBe(moved.fingerprintSha256)
    expect(await curlStatus(url(mirror), newCa)).toBe('200')
    expect(await curlCode(mirror, oldCa)).toBe(60)
    const after = await labels()
    expect(after[LABEL_ROLE]).toBe(ROLE_MIRROR)
    expect(after[LABEL_UPSTREAM]).toBe(upstream?.url)
    const config = await readContainerFile(engine, mirror.name, '/etc/registry-wizard/config.yml')
    expect(config).toContain(`remoteurl: ${JSON.stringify(upstream?.url)}`)
    // And it still proxies: the upstream's manifest through the mirror, trusting the new CA only.
    const manifest = `https://127.0.0.1:${mirror.port}/v2/library/hello/manifests/latest`
    expect(await curlStatus(manifest, newCa)).toBe('200')
  })
})
