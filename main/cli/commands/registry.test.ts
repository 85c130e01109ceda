import { describe, expect, it } from 'vitest'
import { DEFAULT_NAME, checkContainerName } from '../../docker'
import { dockerHandlers } from '../../ipc/handlers/docker-handlers'
import { EngineCache } from '../../ipc/engine-cache'
import { runCli } from '../program'

function io(): { io: Parameters<typeof runCli>[1]; err: () => string } {
  let err = ''
  return {
    io: { stdout: () => undefined, stderr: (t) => (err += t), env: {}, cwd: '/tmp' },
    err: () => err,
  }
}

describe('registry/engine CLI input checks (no engine needed, nothing changed)', () => {
  it.each([
    [
      ['registry', 'start', '--certs', '/nonexistent', '--port', '70000'],
      '--port: "70000" is not valid; a whole number from 1 to 65535',
    ],
    [
      ['registry', 'start', '--certs', '/nonexistent', '--name', 'bad name'],
      '--name: "bad name" is not valid',
    ],
    [
      ['registry', 'start', '--certs', '/nonexistent', '--data', 'relative/path'],
      '--data: "relative/path" is not valid; an absolute path on the engine\'s host is allowed',
    ],
    [
      ['registry', 'start', '--certs', '/nonexistent', '--cert-store', 'nowhere'],
      '--cert-store: "nowhere" is not valid; allowed: auto, bind, volume, host:/ABSOLUTE/PATH',
    ],
    [
      ['registry', 'start', '--certs', '/nonexistent', '--user', 'alice'],
      '--user/--password-file: "1 users, 0 password files" is not valid',
    ],
    [
      ['registry', 'start', '--certs', '/nonexistent'],
      '--certs: /nonexistent/domain.crt cannot be read (ENOENT)',
    ],
    [['engine', 'check', '--tls-ca', '/x'], '--tls-ca/--tls-cert/--tls-key: "1 of 3 given" is not valid'],
    [['engine', 'check', '--docker-host', 'ftp://x'], '--docker-host: "ftp://x" is not valid'],
    [['registry', 'status', '--name', '-x'], '--name: "-x" is not valid; allowed: letters, digits'],
    [['registry', 'stop', '--name', `a${'b'.repeat(63)}`], `--name: "a${'b'.repeat(63)}" is not valid`],
  ])('%j', async (argv, message) => {
    const c = io()
    expect(await runCli(argv, c.io)).toBe(2)
    expect(c.err()).toContain(`error: ${message}`)
  })
})

/**
 * Latin words in a zh-CN error that are not data: flags, quoted values and paths are taken out; what may remain are
 * command names, errno codes and the syntax of values (host:port, host:/PATH), listed here. Prose ("is not valid",
 * "allowed", "directory") is not in the list, so any English sentence from the domain fails the test.
 */
const DATA_WORDS = new Set(
  ['ENOENT', 'registry', 'wizard', 'cert', 'issue', 'DIR', 'auto', 'bind', 'volume', 'host', 'port', 'user']
    .concat(['path', 'name', 'pipe', 'unix', 'npipe', 'tcp', 'ssh', 'crt', 'key', 'domain', 'ca'])
    // The Chinese texts keep the term CA as it is (as Chinese documentation does).
    .concat(['CA']),
)
function englishWords(text: string): string[] {
  const data = text
    .replace(/--[a-z][a-z-]*/g, ' ')
    .replace(/"[^"]*"/g, ' ')
    .replace(/(?:\/[\w.-]+)+/g, ' ')
  return (data.match(/[A-Za-z]{2,}/g) ?? []).filter((w) => !DATA_WORDS.has(w))
}

describe('the container-name rule, one home in the domain (CLI and IPC alike)', () => {
  it('accepts 1 to 63 characters starting with a letter or digit, and refuses either edge', () => {
    expect(checkContainerName('a')).toBe('a')
    expect(checkContainerName(`a${'b'.repeat(62)}`)).toHaveLength(63)
    expect(checkContainerName('reg_1.test-x')).toBe('reg_1.test-x')
    for (const bad of ['', `a${'b'.repeat(63)}`, '-lead', '.lead', '_lead', 'has space', 'a/b', 'a:b'])
      expect(() => checkContainerName(bad), bad).toThrow(
        expect.objectContaining({ code: 'INVALID_CONTAINER_NAME', kind: 'input', field: 'name' }),
      )
  })

  it('the IPC handlers refuse a bad name before any engine is asked', () => {
    expect(DEFAULT_NAME).toBe('registry')
    expect(() => dockerHandlers(new EngineCache({}), {}, 'bad name')).toThrow(
      expect.objectContaining({ code: 'INVALID_CONTAINER_NAME' }),
    )
    expect(() => dockerHandlers(new EngineCache({}), {}, `a${'b'.repeat(62)}`)).not.toThrow()
  })
})

describe('registry/engine input errors in zh-CN', () => {
  it.each([
    [['registry', 'start', '--certs', '/nonexistent', '--name', 'bad name'], '--name："bad name" 无效'],
    [['registry', 'start', '--certs', '/nonexistent'], '--certs：无法读取 /nonexistent/domain.crt（ENOENT）'],
    [['engine', 'check', '--docker-host', 'ftp://x'], '--docker-host："ftp://x" 无效'],
    [
      ['registry', 'start', '--certs', '/nonexistent', '--cert-store', 'nowhere'],
      '--cert-store："nowhere" 无效',
    ],
    [['registry', 'replace-cert', '--certs', '/x', '--ca-dir', '/y'], '请为新证书指定一个来源'],
    [['registry', 'replace-cert'], '请为新证书指定一个来源'],
    [['registry', 'replace-cert', '--certs', '/x', '--out', '/y'], '请为新证书指定一个来源'],
  ])('%j: exit 2, Chinese words only around the data', async (argv, start) => {
    const c = io()
    expect(await runCli(['--lang', 'zh-CN', ...argv], c.io)).toBe(2)
    expect(c.err()).toContain(`错误: ${start}`)
    expect(c.err()).toMatch(/\n提示: /)
    expect(englishWords(c.err())).toEqual([])
  })

  it('help texts of registry start come from the catalogue in zh-CN', async () => {
    let out = ''
    const code = await runCli(['--lang', 'zh-CN', 'registry', 'start', '--help'], {
      stdout: (t) => (out += t),
      stderr: () => undefined,
      env: {},
      cwd: '/tmp',
    })
    expect(code).toBe(0)
    expect(out).toContain('预检、镜像')
    expect(out).toContain('客户端使用的地址')
    expect(out).not.toContain('host port')
  })

  it('help texts of registry replace-cert (the replace job) come from the catalogue in zh-CN', async () => {
    let out = ''
    const code = await runCli(['--lang', 'zh-CN', 'registry', 'replace-cert', '--help'], {
      stdout: (t) => (out += t),
      stderr: () => undefined,
      env: {},
      cwd: '/tmp',
    })
    expect(code).toBe(0)
    expect(out).toContain('由此目录中的 CA 签发新的证书和密钥')
    expect(out).toContain('--passphrase-file')
    expect(out).not.toContain('with --ca-dir')
  })
})

describe('registry replace-cert --out on a container (the local engine, nothing changed)', () => {
  it.each([
    ['en', '--out is for a Swarm service', 'Run it again without --out.'],
    ['zh-CN', '--out 仅用于 Swarm 服务', '请去掉 --out 再运行一次。'],
  ])('%s: refused with exit 2 before any replace', async (lang, message, hint) => {
    const c = io()
    const name = `rw-no-such-${process.pid}`
    const argv = [
      'registry',
      'replace-cert',
      '--name',
      name,
      '--ca-dir',
      '/tmp/rw-none',
      '--out',
      '/tmp/rw-none-out',
    ]
    expect(await runCli(['--lang', lang, ...argv], c.io)).toBe(2)
    expect(c.err()).toContain(message)
    expect(c.err()).toContain(hint)
  })
})
