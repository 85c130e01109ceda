import { promises as fs } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { execFileSync } from 'node:child_process'
import { craftedPem } from '../../../tests/support/crafted-pem'
import { snapshotDir } from '../../../tests/support/fs-snapshot'
import { englishWords } from '../../../tests/support/english-words'
import { runCliIn } from '../../../tests/support/run-cli'
import { makeTestCa } from '../../../tests/trust/fixtures'
import { makeOpensslChain, type OpensslChain } from '../../../tests/trust/openssl-chain'
import { pemFromDer } from '../../pki/pem'
import type { PemPair } from '../../pki/types'
import { X509Certificate } from 'node:crypto'
import { runMode } from './trust'

let work: string
let ca: PemPair
let chain: OpensslChain

beforeAll(async () => {
  chain = makeOpensslChain()
  work = await fs.mkdtemp(join(tmpdir(), 'rw-trust-cli-'))
  ca = await makeTestCa()
  await fs.writeFile(join(work, 'ca.crt'), ca.certPem)
  await fs.writeFile(join(work, 'ca-with-key.pem'), ca.certPem + ca.keyPem)
  await fs.writeFile(join(work, 'intermediate.crt'), chain.intermediate)
  await fs.writeFile(join(work, 'chain.pem'), chain.intermediate + chain.root)
})
afterAll(async () => {
  await fs.rm(work, { recursive: true, force: true })
})

const cli = (args: string[]): ReturnType<typeof runCliIn> => runCliIn(work, args, { HOME: '/home/admin' })

async function newRoot(osRelease = 'ID=debian'): Promise<string> {
  const root = await fs.mkdtemp(join(work, 'root-'))
  await fs.mkdir(join(root, 'etc'))
  await fs.writeFile(join(root, 'etc/os-release'), osRelease)
  return root
}

const args = (root: string): string[] => [
  '--ca',
  'ca.crt',
  '--registry',
  '192.168.20.10:5000',
  '--registry',
  'registry.lan:5000',
  '--root',
  root,
]

describe('registry-wizard trust', () => {
  it('install / status / uninstall under --root; store commands are listed, not run', async () => {
    const root = await newRoot()
    expect((await cli(['trust', 'status', ...args(root)])).code).toBe(1)

    const dry = await cli(['trust', 'install', ...args(root), '--dry-run'])
    expect(dry.code, dry.err).toBe(0)
    expect(dry.out).toContain(`would write ${root}/etc/docker/certs.d/192.168.20.10:5000/ca.crt (mode 0644`)
    expect(dry.out).toContain('would run update-ca-certificates')
    expect(await fs.readdir(join(root, 'etc'))).toEqual(['os-release'])

    const inst = await cli(['trust', 'install', ...args(root)])
    expect(inst.code, inst.err).toBe(0)
    expect(inst.out).toMatch(/Not run \(root prefix .*\n {2}update-ca-certificates/)
    expect(inst.out).toMatch(/restart/)
    expect(await fs.readFile(join(root, 'etc/docker/certs.d/registry.lan:5000/ca.crt'), 'utf8')).toBe(
      ca.certPem,
    )

    const st = await cli(['trust', 'status', ...args(root), '--json'])
    expect(st.code).toBe(0)
    expect((JSON.parse(st.out) as { installed: boolean }[]).map((s) => s.installed)).toEqual([true, true])

    const again = await cli(['trust', 'install', ...args(root)])
    expect(again.out).toContain('Nothing to change: already installed.')

    const un = await cli(['trust', 'uninstall', ...args(root), '--targets', 'docker,os'])
    expect(un.code, un.err).toBe(0)
    expect(un.out).toContain(`remove ${root}/etc/docker/certs.d/192.168.20.10:5000/ca.crt`)
    expect((await cli(['trust', 'status', ...args(root)])).out).toContain('Docker: NOT installed')
  })

  it('refuses a CA file holding a private key with exit 2 and writes nothing', async () => {
    const root = await newRoot()
    const r = await cli([
      'trust',
      'install',
      '--ca',
      'ca-with-key.pem',
      '--registry',
      '10.0.0.1:5000',
      '--root',
      root,
    ])
    expect(r.code).toBe(2)
    expect(r.err).toMatch(/--ca: ".*ca-with-key.pem" is not valid; give the CA certificate \(ca.crt\) only/)
    expect(await fs.readdir(join(root, 'etc'))).toEqual(['os-release'])
  })

  it.each([
    [['--registry', 'http://x:5000'], /--registry: "http:\/\/x:5000" is not valid/],
    [[], /at least one --registry/],
    [['--registry', '10.0.0.1:5000', '--targets', 'docker,nss'], /--targets: .*"nss" is not a target/],
  ])('bad input %j exits 2', async (extra, message) => {
    const root = await newRoot()
    const r = await cli(['trust', 'install', '--ca', 'ca.crt', '--root', root, ...extra])
    expect(r.code).toBe(2)
    expect(r.err).toMatch(message)
  })

  it('chooses how commands run: direct as root, listed under a prefix, printed for non-root', () => {
    expect(runMode('/', 'linux', 0)).toBe('direct')
    expect(runMode('/', 'linux', 1000)).toBe('print')
    expect(runMode('/tmp/x', 'linux', 0)).toBe('prefix')
  })

  it('a crafted --ca (shell lines after a "-" line in the block) is written re-encoded from DER, never as given', async () => {
    const root = await newRoot()
    const marker = join(work, 'pwned-cli')
    await fs.writeFile(
      join(work, 'crafted.crt'),
      craftedPem(ca.certPem, ['REGISTRY_WIZARD_EOF', `touch ${marker}`]),
    )
    const r = await cli([
      'trust',
      'install',
      '--ca',
      'crafted.crt',
      '--registry',
      '192.168.20.10:5000',
      '--root',
      root,
    ])
    expect(r.code, r.err).toBe(0)
    expect(r.out).toMatch(
      /note: .*crafted\.crt: the certificate block holds text that is not base64; it was ignored/,
    )
    const canonical = pemFromDer(new X509Certificate(ca.certPem).raw)
    expect(await fs.readFile(join(root, 'etc/docker/certs.d/192.168.20.10:5000/ca.crt'), 'utf8')).toBe(
      canonical,
    )
    const grep = (() => {
      try {
        return execFileSync('grep', ['-rl', 'touch', root], { encoding: 'utf8' })
      } catch {
        return ''
      }
    })()
    expect(grep).toBe('')
    await expect(fs.access(marker)).rejects.toThrow()
  })

  it.each(['192.168.20.10', '[fd00::1]', 'registry.lan'])(
    '--registry %s without a port: exit 2, says Docker would use 443, writes nothing',
    async (reg) => {
      const root = await newRoot()
      const r = await cli(['trust', 'install', '--ca', 'ca.crt', '--registry', reg, '--root', root])
      expect(r.code).toBe(2)
      expect(r.err).toContain(
        `--registry: ${reg} has no port: Docker would use 443 (certs.d/${reg}/). Write ${reg}:443 if that is meant, or add the registry's port, e.g. ${reg}:5000`,
      )
      expect(await fs.readdir(join(root, 'etc'))).toEqual(['os-release'])
    },
  )

  it('an explicit :443 installs for both spellings Docker keeps apart (HOST:443 and HOST)', async () => {
    const root = await newRoot()
    const r = await cli([
      'trust',
      'install',
      '--ca',
      'ca.crt',
      '--registry',
      '192.168.20.10:443',
      '--root',
      root,
      '--targets',
      'docker',
    ])
    expect(r.code, r.err).toBe(0)
    expect((await fs.readdir(join(root, 'etc/docker/certs.d'))).sort()).toEqual([
      '192.168.20.10',
      '192.168.20.10:443',
    ])
  })

  it('refuses an intermediate as --ca (exit 2, names its issuer, asks for the root); takes the root from a chain file', async () => {
    const root = await newRoot()
    const r = await cli([
      'trust',
      'install',
      '--ca',
      'intermediate.crt',
      '--registry',
      '192.168.20.10:5000',
      '--root',
      root,
    ])
    expect(r.code).toBe(2)
    expect(r.err).toMatch(
      /--ca: ".*intermediate\.crt" is not valid; this is an intermediate CA \(O=Example Corp, CN=Example Issuing CA 1\) issued by O=Example Corp, CN=Example Root CA: clients must trust the root; give the root CA certificate/,
    )
    expect(await fs.readdir(join(root, 'etc'))).toEqual(['os-release'])

    const ok = await cli([
      'trust',
      'install',
      '--ca',
      'chain.pem',
      '--registry',
      '192.168.20.10:5000',
      '--root',
      root,
      '--targets',
      'docker',
    ])
    expect(ok.code, ok.err).toBe(0)
    expect(ok.out).toMatch(
      /note: .*chain\.pem holds a chain of 2 certificates: the root CA O=Example Corp, CN=Example Root CA was taken from it/,
    )
    expect(await fs.readFile(join(root, 'etc/docker/certs.d/192.168.20.10:5000/ca.crt'), 'utf8')).toBe(
      pemFromDer(new X509Certificate(chain.root).raw),
    )
  })

  it('ENOTDIR midway: exit 2 naming the path, and the files already written are put back', async () => {
    const root = await newRoot()
    await fs.writeFile(join(root, 'etc/containers'), 'a file where Podman has its folder\n')
    const before = await snapshotDir(root)
    const r = await cli([
      'trust',
      'install',
      '--ca',
      'ca.crt',
      '--registry',
      '192.168.20.10:5000',
      '--root',
      root,
      '--targets',
      'docker,podman',
    ])
    expect(r.code, r.err).toBe(2)
    expect(r.err).toContain(
      `--root: cannot write ${root}/etc/containers/certs.d/192.168.20.10:5000/ca.crt: a part of this path is a file, not a folder [ENOTDIR]`,
    )
    expect(r.err).toMatch(/Nothing was changed/)
    expect(await snapshotDir(root)).toEqual(before)
  })

  it('ENAMETOOLONG (a 253-character registry name + port is longer than a folder name may be): exit 2, nothing written', async () => {
    const root = await newRoot()
    const host = `${'a'.repeat(63)}.${'b'.repeat(63)}.${'c'.repeat(63)}.${'d'.repeat(61)}`
    const before = await snapshotDir(root)
    const r = await cli([
      'trust',
      'install',
      '--ca',
      'ca.crt',
      '--registry',
      '192.168.20.10:5000',
      '--registry',
      `${host}:5000`,
      '--root',
      root,
    ])
    expect(r.code, r.err).toBe(2)
    expect(r.err).toMatch(/cannot write .*:5000\/ca\.crt: the path is too long .*\[ENAMETOOLONG\]/)
    expect(await snapshotDir(root)).toEqual(before)
  })

  it('EROFS (a read-only root prefix, a real ro tmpfs mount): exit 2, nothing written', async () => {
    const root = await fs.mkdtemp(join(work, 'ro-'))
    execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=1m', 'rw-trust-ro', root])
    try {
      await fs.mkdir(join(root, 'etc'))
      await fs.writeFile(join(root, 'etc/os-release'), 'ID=debian\n')
      execFileSync('mount', ['-o', 'remount,ro', root])
      const before = await snapshotDir(root)
      const r = await cli([
        'trust',
        'install',
        '--ca',
        'ca.crt',
        '--registry',
        '192.168.20.10:5000',
        '--root',
        root,
      ])
      expect(r.code, r.err).toBe(2)
      expect(r.err).toContain(
        `cannot write ${root}/etc/docker/certs.d/192.168.20.10:5000/ca.crt: the file system is read-only [EROFS]`,
      )
      expect(await snapshotDir(root)).toEqual(before)
    } finally {
      execFileSync('umount', [root])
    }
  })
})

describe('registry-wizard trust --lang zh-CN', () => {
  const data = (root: string): string[] => [root, work, 'Registry Wizard Test CA', 'update-ca-certificates']

  it('install under a root prefix (dry run, then for real) prints no English word from the domain', async () => {
    const root = await newRoot()
    const dry = await cli(['trust', 'install', ...args(root), '--dry-run', '--lang', 'zh-CN'])
    expect(dry.code, dry.err).toBe(0)
    expect(dry.out).toContain('试运行：为 192.168.20.10:5000、registry.lan:5000 安装对 CA')
    expect(dry.out).toContain('将会写入')
    expect(dry.out).toContain('请重启它以使此更改生效')
    expect(englishWords(dry.out, data(root))).toEqual([])
    const inst = await cli(['trust', 'install', ...args(root), '--lang', 'zh-CN'])
    expect(inst.code, inst.err).toBe(0)
    expect(inst.out).toContain('安装完成。')
    expect(inst.out).toMatch(/未运行（根前缀 .*）.*\n {2}update-ca-certificates {2}# 重建系统 CA 证书包/)
    expect(englishWords(inst.out, data(root))).toEqual([])
    const st = await cli(['trust', 'status', ...args(root), '--lang', 'zh-CN'])
    expect(st.code).toBe(0)
    expect(st.out).toContain('Docker：已安装')
    expect(englishWords(st.out, data(root))).toEqual([])
  })

  it.each([
    [['--registry', 'http://x:5000'], /--registry：".*" 无效；允许 主机:端口/],
    [['--registry', '10.0.0.1:5000', '--targets', 'docker,nss'], /--targets：".*" 无效；"nss" 不是信任目标/],
    [['--registry', '10.0.0.1'], /--registry：10\.0\.0\.1 没有端口：Docker 会使用 443/],
  ])('bad input %j: exit 2, in Chinese', async (extra, message) => {
    const root = await newRoot()
    const r = await cli(['trust', 'install', '--ca', 'ca.crt', '--root', root, ...extra, '--lang', 'zh-CN'])
    expect(r.code).toBe(2)
    expect(r.err).toMatch(message)
    expect(r.err).toMatch(/^错误[:：]/m)
    // Values of the flag are data: the target ids (docker、podman、containerd、os) and what was given.
    const given = [root, 'http://x:5000', 'docker,nss', '10.0.0.1', 'nss', 'docker', 'podman', 'os']
    expect(englishWords(r.err, given)).toEqual([])
    expect(await fs.readdir(join(root, 'etc'))).toEqual(['os-release'])
  })

  it('a file-system failure reads in Chinese too (ENOTDIR, exit 2, put back)', async () => {
    const root = await newRoot()
    await fs.writeFile(join(root, 'etc/containers'), 'a file\n')
    const extra = ['--targets', 'docker,podman', '--lang', 'zh-CN']
    const r = await cli([
      'trust',
      'install',
      '--ca',
      'ca.crt',
      '--registry',
      '192.168.20.10:5000',
      '--root',
      root,
      ...extra,
    ])
    expect(r.code).toBe(2)
    expect(r.err).toContain('--root：无法写入')
    expect(r.err).toContain('路径中的某一部分是文件而不是文件夹 [ENOTDIR]')
    expect(r.err).toContain('之前写入的文件已恢复原状')
    expect(englishWords(r.err, [root])).toEqual([])
  })

  it('help texts come from the catalogue', async () => {
    const r = await cli(['trust', 'install', '--help', '--lang', 'zh-CN'])
    expect(r.out + r.err).toContain('安装 CA（可重复执行）')
    expect(r.out + r.err).toContain('CA 证书（ca.crt）；包含私钥的文件会被拒绝')
  })
})
