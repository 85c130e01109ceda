// A real registry:2 on the local engine: `registry start` speaks zh-CN through the whole start, a reused container
// is reported as the engine describes it (not as the input asked), and an IPv6 identity is bracketed in the URL.
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { closeEngine, connectEngine, readCertDir, startRegistry } from '../../main/docker'
import {
  curlStatus,
  dockerCleanup,
  ensureRegistryImage,
  freePort,
  makeCerts,
  run,
  runCliIn,
  rwName,
  tempDir,
  trackRegistry,
} from '../support/rw-reg-fixtures'

const engine = connectEngine({})
let root: { path: string; cleanup: () => Promise<void> }
let certDir: string
const containers: string[] = []
const volumes: string[] = []

const cli = (args: string[]): ReturnType<typeof runCliIn> => runCliIn(root.path, args)
const track = (name: string): string => trackRegistry(containers, volumes, name)

/**
 * Latin words left in zh-CN output once data is taken out (flags, quoted values, paths, URLs, the container and
 * image names, engine log text is not printed here). What may stay: command names and docker's own words for data.
 */
const DATA_WORDS = new Set([
  'registry',
  'status',
  'stop',
  'docker',
  'rmi',
  'crt',
  'key',
  'domain',
  'htpasswd',
  'bcrypt',
])
function englishWords(text: string, data: string[]): string[] {
  let rest = text
  for (const d of data) rest = rest.split(d).join(' ')
  rest = rest
    .replace(/https:\/\/\S+/g, ' ')
    .replace(/--[a-z][a-z-]*/g, ' ')
    .replace(/"[^"]*"/g, ' ')
    .replace(/(?:\/[\w.-]+)+/g, ' ')
    .replace(/\bHTTP \d+/g, ' ')
  return (rest.match(/[A-Za-z]{2,}/g) ?? []).filter((w) => !DATA_WORDS.has(w))
}

beforeAll(async () => {
  await ensureRegistryImage()
  root = await tempDir()
  ;({ certDir } = await makeCerts(root.path, ['127.0.0.1', 'localhost', '::1']))
}, 120_000)

afterAll(async () => {
  closeEngine(engine)
  await dockerCleanup(containers, volumes, [])
  await root.cleanup()
}, 120_000)

describe('registry start in zh-CN', () => {
  it('prints every progress line and the result in Chinese; exit codes as in English', async () => {
    const name = track(rwName('zh'))
    const port = await freePort()
    const r = await cli([
      '--lang',
      'zh-CN',
      'registry',
      'start',
      '--certs',
      certDir,
      '--port',
      String(port),
      '--name',
      name,
    ])
    expect(r.code, r.err).toBe(0)
    expect(r.err).toContain('预检: 正在检查引擎连接、证书、名称、端口和镜像\n')
    expect(r.err).toContain(`健康检查: 正在等待 https://127.0.0.1:${port}/v2/`)
    expect(r.err).toContain('存储: 正在检查仓库能否写入其存储\n')
    expect(r.out).toMatch(new RegExp(`^仓库“${name}”在 https://127\\.0\\.0\\.1:${port}/v2/ 上健康`))
    expect(englishWords(r.err + r.out, [name, 'registry:2'])).toEqual([])
    expect(await curlStatus(`https://127.0.0.1:${port}/v2/`, join(certDir, 'ca.crt'))).toBe('200')

    // A clash: exit 1 (an operation failure), the message and the CLI's hint in Chinese.
    const clash = await cli(['--lang', 'zh-CN', 'registry', 'start', '--certs', certDir, '--name', name])
    expect(clash.code).toBe(1)
    expect(clash.err).toContain(
      `错误: 名为“${name}”的容器已存在（running，镜像 registry:2，由 Registry Wizard 创建）`,
    )
    expect(clash.err).toContain('提示: 请加 --reuse 复用它')
    expect(englishWords(clash.err.replace(/Registry Wizard/g, ''), [name, 'registry:2', 'running'])).toEqual(
      [],
    )

    const removed = await cli(['--lang', 'zh-CN', 'registry', 'remove', '--name', name])
    expect(removed.code).toBe(0)
    expect(removed.out).toBe(`已删除 ${name}\n保留了数据：卷 ${name}-data\n`)
  })
})

describe('reusing a container reports what the engine says about it', () => {
  it('port, image, storage, certificate store and auth come from the container, not from the input', async () => {
    const name = track(rwName('reuse'))
    const realPort = await freePort()
    const askedPort = await freePort()
    const dataVolume = `${name}-own-data`
    volumes.push(dataVolume)
    // Made by hand (not by us): another port, its own data volume, the certificates bind-mounted at /certs.
    await run('docker', [
      'run',
      '-d',
      '--name',
      name,
      '-p',
      `${realPort}:5000`,
      '-v',
      `${certDir}:/certs:ro`,
      '-v',
      `${dataVolume}:/var/lib/registry`,
      '-e',
      'REGISTRY_HTTP_TLS_CERTIFICATE=/certs/domain.crt',
      '-e',
      'REGISTRY_HTTP_TLS_KEY=/certs/domain.key',
      'registry:2',
    ])
    const r = await startRegistry(engine, {
      name,
      image: 'registry:3',
      port: askedPort,
      certs: await readCertDir(certDir),
      storage: { kind: 'volume', name: `${name}-asked-data` },
      certStore: 'volume',
      users: [{ user: 'alice', password: 'not-used' }],
      ifExists: 'reuse',
      healthTimeoutMs: 30_000,
    })
    expect(r).toMatchObject({
      reused: true,
      name,
      image: 'registry:2',
      imageSource: 'present',
      port: realPort,
      url: `https://127.0.0.1:${realPort}`,
      storage: { kind: 'volume', name: dataVolume },
      certStore: { kind: 'hostPath', path: certDir },
      auth: false,
      health: { status: 200 },
      notices: [],
    })
    // Nothing was made from the input: no container on the asked port, no volumes of the asked names.
    const { stdout } = await run('docker', ['volume', 'ls', '-q'])
    expect(stdout.split('\n')).not.toContain(`${name}-asked-data`)
    expect(stdout.split('\n')).not.toContain(`${name}-certs`)
    const ps = await run('docker', ['ps', '--filter', `publish=${askedPort}`, '-q'])
    expect(ps.stdout.trim()).toBe('')
  })
})

describe('an IPv6 identity', () => {
  it('is bracketed in the reported URL and in the health target; the check still connects to the engine', async () => {
    const name = track(rwName('v6'))
    const port = await freePort()
    const events: string[] = []
    const r = await startRegistry(
      engine,
      { name, port, certs: await readCertDir(certDir), registryHost: '::1' },
      { onProgress: (e) => events.push(`${e.step} ${JSON.stringify(e.message.params ?? {})}`) },
    )
    expect(r.url).toBe(`https://[::1]:${port}`)
    expect(events.join('\n')).toContain(`"url":"https://[::1]:${port}/v2/","connectHost":"127.0.0.1"`)
    expect(
      await curlStatus(`https://[::1]:${port}/v2/`, join(certDir, 'ca.crt'), [
        '--connect-to',
        `[::1]:${port}:127.0.0.1:${port}`,
      ]),
    ).toBe('200')
  })
})
