// The pull-through mirror on the real engine: an upstream registry (our startRegistry, its own CA) holding
// library/hello:latest stands in for Docker Hub; our mirror proxies it with that CA. Nothing leaves the machine.
import { mkdir, copyFile } from 'node:fs/promises'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { pushBlob, registryClient } from '../../main/registry-api'
import { runVerify } from '../../main/verify'
import { preconditions } from '../registry-api/support'
import { curlStatus, run, runCliIn, tempDir } from '../support/rw-reg-fixtures'
import {
  engine,
  HELLO,
  removeAll,
  startTestMirror,
  startUpstream,
  type Mirror,
  type Upstream,
} from './support'

const ok = await preconditions()
const names: string[] = []
let root: { path: string; cleanup: () => Promise<void> }
let up: Upstream
let mirror: Mirror
let trustRoot: string

/** A trust root whose certs.d holds the mirror's CA for exactly 127.0.0.1:PORT (verify's check 10). */
async function trustRootFor(m: Mirror): Promise<string> {
  const dir = join(root.path, `trust-${m.name}`)
  const certsD = join(dir, 'etc/docker/certs.d', `127.0.0.1:${m.port}`)
  await mkdir(certsD, { recursive: true })
  await copyFile(m.caFile, join(certsD, 'ca.crt'))
  return dir
}

describe.skipIf(!ok)('mirror start: a pull-through mirror of an internal upstream', () => {
  beforeAll(async () => {
    root = await tempDir('rw-mir-')
    up = await startUpstream(root.path)
    names.push(up.name)
    mirror = await startTestMirror(root.path, up)
    names.push(mirror.name)
    trustRoot = await trustRootFor(mirror)
  }, 240_000)

  afterAll(async () => {
    await removeAll(names)
    await root.cleanup()
  }, 120_000)

  it('starts healthy on its own port and storage, proxying the upstream with its CA', async () => {
    const r = mirror.result
    expect(r.upstream).toBe(up.url)
    expect(r.upstreamCa).toBe(true)
    expect(r.port).toBe(mirror.port)
    expect(r.storage).toEqual({ kind: 'volume', name: `${mirror.name}-data` })
    expect(r.health.status).toBe(200)
    const { stdout } = await run('docker', ['inspect', mirror.name, '--format', '{{json .Config}}'])
    const config = JSON.parse(stdout) as { Env: string[]; Labels: Record<string, string>; Cmd: string[] }
    expect(config.Env).toContain('SSL_CERT_FILE=/etc/registry-wizard/upstream-ca.crt')
    expect(config.Env.some((e) => e.startsWith('REGISTRY_PROXY'))).toBe(false)
    expect(config.Labels['io.registry-wizard.role']).toBe('mirror')
    expect(config.Cmd).toEqual(['/etc/registry-wizard/config.yml'])
  })

  it('serves library/hello:latest fetched from the upstream (skopeo), then lists it in its catalog', async () => {
    const dest = join(root.path, 'pulled')
    await run('skopeo', [
      'copy',
      '--quiet',
      '--src-cert-dir',
      join(trustRoot, 'etc/docker/certs.d', `127.0.0.1:${mirror.port}`),
      `docker://127.0.0.1:${mirror.port}/${HELLO}`,
      `dir:${dest}`,
    ])
    const { stdout } = await run('curl', [
      '-sS',
      '--cacert',
      mirror.caFile,
      `https://127.0.0.1:${mirror.port}/v2/_catalog`,
    ])
    expect((JSON.parse(stdout) as { repositories: string[] }).repositories).toContain('library/hello')
    // The upstream's access log shows the mirror fetching the manifest (Go's client, from the bridge).
    const logs = await run('docker', ['logs', up.name])
    const fetched = `${logs.stdout}${logs.stderr}`.split('\n').filter((l) => l.includes('Go-http-client'))
    expect(fetched.join('\n')).toMatch(/"GET \/v2\/library\/hello\/manifests\/\S+ HTTP\/[12]\.[01]" 200 /)
    expect(fetched.join('\n')).toMatch(
      /"GET \/v2\/library\/hello\/blobs\/sha256:[0-9a-f]{64} HTTP\/[12]\.[01]" 200 /,
    )
  }, 120_000)

  it('verify in mirror mode pulls a Docker Hub name through it (CLI, en and zh-CN)', async () => {
    const args = ['verify', '--mirror', `127.0.0.1:${mirror.port}`, '--ca', mirror.caFile]
    const more = ['--image', 'hello', '--trust-root', trustRoot]
    const en = await runCliIn(root.path, [...args, ...more])
    expect(en.code, en.out + en.err).toBe(0)
    expect(en.out).toMatch(
      /Pull of a Docker Hub name through the mirror: library\/hello:latest: manifest sha256:/,
    )
    expect(en.out).not.toMatch(/Push and pull round trip/)
    const zh = await runCliIn(root.path, ['--lang', 'zh-CN', ...args, ...more])
    expect(zh.code, zh.out + zh.err).toBe(0)
    expect(zh.out).toContain('通过镜像加速器拉取 Docker 公共镜像名称')
    expect(zh.out).toContain('已通过镜像加速器获取')
  }, 120_000)

  it('a push to the mirror fails with the explanation that a pull-through mirror takes no pushes', async () => {
    const report = await runVerify(
      { registry: `127.0.0.1:${mirror.port}`, caPem: mirror.caPem, push: true },
      { docker: engine().docker, trustRoot },
    )
    const rt = report.results.find((r) => r.id === 'round-trip')
    expect(rt?.status).toBe('fail')
    expect(rt?.reason.key).toBe('verify.mirror.push.refused')
    expect(rt?.fix?.code).toBe('MIRROR_NO_PUSH')
    expect(rt?.explanation?.code).toBe('MIRROR_NO_PUSH')
    const cli = await runCliIn(root.path, [
      'verify',
      '--registry',
      `127.0.0.1:${mirror.port}`,
      '--ca',
      mirror.caFile,
      '--push',
      '--trust-root',
      trustRoot,
    ])
    expect(cli.code).toBe(1)
    expect(cli.out).toContain('This is a pull-through mirror: it cannot take pushes')
    expect(cli.out).toContain(`registry-wizard verify --mirror 127.0.0.1:${mirror.port}`)
    // The registry client itself names the refusal (images import, any push): not a bare 405.
    const c = registryClient({ host: '127.0.0.1', port: mirror.port, caPem: mirror.caPem })
    const pushed = await pushBlob(c, 'library/late', Buffer.from('no pushes here')).catch((e: unknown) => e)
    c.close()
    expect(pushed).toMatchObject({ code: 'REGISTRY_API_NO_PUSH' })
  }, 180_000)

  it('mirror status shows the upstream and that it is a proxy; stop, restart, logs work; en and zh-CN', async () => {
    const common = ['--name', mirror.name]
    const json = await runCliIn(root.path, ['mirror', 'status', ...common, '--json'])
    expect(json.code, json.err).toBe(0)
    const s = JSON.parse(json.out) as { proxy: boolean; upstream: string; running: boolean; port: number }
    expect(s).toMatchObject({ proxy: true, upstream: up.url, running: true, port: mirror.port })
    const en = await runCliIn(root.path, ['mirror', 'status', ...common])
    expect(en.out).toContain(`Pull-through mirror of ${up.url} (takes no pushes)`)
    const zh = await runCliIn(root.path, ['--lang', 'zh-CN', 'mirror', 'status', ...common])
    expect(zh.out).toContain(`${up.url} 的拉取缓存镜像加速器（不接受推送）`)
    expect((await runCliIn(root.path, ['mirror', 'stop', ...common])).code).toBe(0)
    const after = await runCliIn(root.path, ['mirror', 'status', ...common, '--json'])
    const stopped = JSON.parse(after.out) as { running: boolean }
    expect(stopped).toMatchObject({ running: false })
    const restarted = await runCliIn(root.path, ['mirror', 'restart', ...common, '--certs', mirror.certDir])
    expect(restarted.code, restarted.err).toBe(0)
    expect(await curlStatus(`https://127.0.0.1:${mirror.port}/v2/`, mirror.caFile)).toBe('200')
    const logs = await runCliIn(root.path, ['mirror', 'logs', ...common, '--tail', '50'])
    expect(logs.code).toBe(0)
    expect(logs.out).toContain('listening on')
  }, 120_000)

  it('the mirror commands refuse a container that is not a mirror (the upstream registry)', async () => {
    const r = await runCliIn(root.path, ['mirror', 'stop', '--name', up.name])
    expect(r.code).not.toBe(0)
    expect(r.err).toContain(`The container ${up.name} is not a pull-through mirror`)
    const { stdout } = await run('docker', ['inspect', up.name, '--format', '{{.State.Running}}'])
    expect(stdout.trim()).toBe('true')
  })
})
