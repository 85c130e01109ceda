import { execFileSync } from 'node:child_process'
import { promises as fs } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { X509Certificate } from 'node:crypto'
import { craftedPem } from '../../../tests/support/crafted-pem'
import { snapshotDir } from '../../../tests/support/fs-snapshot'
import { englishWords } from '../../../tests/support/english-words'
import { runCliIn } from '../../../tests/support/run-cli'
import { makeTestCa } from '../../../tests/trust/fixtures'
import { makeOpensslChain } from '../../../tests/trust/openssl-chain'
import { pemFromDer } from '../../pki/pem'

let work: string
let caPem: string

beforeAll(async () => {
  work = await fs.mkdtemp(join(tmpdir(), 'rw-trust-cli-bundle-'))
  const ca = await makeTestCa()
  await fs.writeFile(join(work, 'ca.crt'), ca.certPem)
  await fs.writeFile(join(work, 'ca.key'), ca.keyPem)
  caPem = ca.certPem
  await fs.writeFile(
    join(work, 'crafted.crt'),
    craftedPem(ca.certPem, ['REGISTRY_WIZARD_EOF', 'touch /tmp/rw-trust-pwned']),
  )
  const chain = makeOpensslChain()
  await fs.writeFile(join(work, 'intermediate.crt'), chain.intermediate)
})
afterAll(async () => {
  await fs.rm(work, { recursive: true, force: true })
})

const cli = (args: string[]): ReturnType<typeof runCliIn> => runCliIn(work, args, {})

describe('registry-wizard bundle export / drives', () => {
  it('exports the folder and a tar.gz; a second export without --force fails with exit 1', async () => {
    const r = await cli([
      'bundle',
      'export',
      '--ca',
      'ca.crt',
      '--registry',
      '192.168.20.10:5000',
      '--out',
      'usb',
      '--archive',
      'tar.gz',
    ])
    expect(r.code, r.err).toBe(0)
    expect(r.out).toContain(
      `Trust bundle written to ${join(work, 'usb', 'registry-trust-192.168.20.10_5000')}`,
    )
    expect(r.out).toMatch(/SHA-256 fingerprint .*([0-9A-F]{2}:){31}/)
    execFileSync('sha256sum', ['-c', 'SHA256SUMS'], {
      cwd: join(work, 'usb', 'registry-trust-192.168.20.10_5000'),
    })
    await fs.access(join(work, 'usb', 'registry-trust-192.168.20.10_5000.tar.gz'))
    const again = await cli([
      'bundle',
      'export',
      '--ca',
      'ca.crt',
      '--registry',
      '192.168.20.10:5000',
      '--out',
      'usb',
    ])
    expect(again.code).toBe(1)
    expect(again.err).toMatch(/already exists.*\nhint: .*--force/)
  })

  it('bad input exits 2 and writes nothing', async () => {
    for (const extra of [
      ['--ca', 'ca.key', '--registry', '10.0.0.1:5000', '--out', 'x1'],
      ['--ca', 'ca.crt', '--registry', '10.0.0.1:5000', '--out', 'x1', '--archive', 'rar'],
      ['--ca', 'ca.crt', '--registry', '10.0.0.1:5000'],
      ['--ca', 'ca.crt', '--registry', '10.0.0.1:5000', '--drive', '/'],
    ]) {
      const r = await cli(['bundle', 'export', ...extra])
      expect(r.code, `${extra.join(' ')}: ${r.err}`).toBe(2)
    }
    await expect(fs.access(join(work, 'x1'))).rejects.toThrow()
  })

  it('drives --json prints a JSON list (no system drive)', async () => {
    const r = await cli(['drives', '--json'])
    expect(r.code, r.err).toBe(0)
    const list = JSON.parse(r.out) as { mount: string }[]
    expect(list.map((d) => d.mount)).not.toContain('/')
  })

  it('a crafted --ca is exported re-encoded from DER; the bundle holds none of its extra text', async () => {
    const r = await cli([
      'bundle',
      'export',
      '--ca',
      'crafted.crt',
      '--registry',
      '10.9.8.7:5000',
      '--out',
      'crafted-out',
    ])
    expect(r.code, r.err).toBe(0)
    expect(r.out).toMatch(/note: .*crafted\.crt: the certificate block holds text that is not base64/)
    const dir = join(work, 'crafted-out', 'registry-trust-10.9.8.7_5000')
    expect(await fs.readFile(join(dir, 'ca.crt'), 'utf8')).toBe(pemFromDer(new X509Certificate(caPem).raw))
    for (const f of await fs.readdir(dir, { recursive: true })) {
      if ((await fs.stat(join(dir, f))).isDirectory()) continue
      expect(await fs.readFile(join(dir, f), 'utf8'), f).not.toContain('REGISTRY_WIZARD_EOF')
    }
  })

  it('refuses an intermediate --ca and an address without a port (exit 2, nothing written)', async () => {
    const inter = await cli([
      'bundle',
      'export',
      '--ca',
      'intermediate.crt',
      '--registry',
      '10.0.0.1:5000',
      '--out',
      'x2',
    ])
    expect(inter.code).toBe(2)
    expect(inter.err).toMatch(
      /intermediate CA \(O=Example Corp, CN=Example Issuing CA 1\) issued by O=Example Corp, CN=Example Root CA: clients must trust the root/,
    )
    const noPort = await cli([
      'bundle',
      'export',
      '--ca',
      'ca.crt',
      '--registry',
      '192.168.20.10',
      '--out',
      'x2',
    ])
    expect(noPort.code).toBe(2)
    expect(noPort.err).toContain(
      "--registry: 192.168.20.10 has no port: Docker would use 443 (certs.d/192.168.20.10/). Write 192.168.20.10:443 if that is meant, or add the registry's port, e.g. 192.168.20.10:5000",
    )
    await expect(fs.access(join(work, 'x2'))).rejects.toThrow()
  })

  it.each(['/proc/self', '/proc/self/new', '/sys/kernel', '/dev'])(
    '--out %s fails fast with exit 2 instead of spinning',
    async (out) => {
      const t0 = Date.now()
      const r = await Promise.race([
        cli(['bundle', 'export', '--ca', 'ca.crt', '--registry', '10.0.0.1:5000', '--out', out]),
        new Promise<never>((_, reject) =>
          setTimeout(() => reject(new Error(`bundle export --out ${out} still running after 10 s`)), 10_000),
        ),
      ])
      expect(Date.now() - t0).toBeLessThan(5_000)
      expect(r.code, r.err).toBe(2)
      expect(r.err).toMatch(/--out: .*(system file system|cannot)/)
      await expect(fs.access('/dev/registry-trust-10.0.0.1_5000')).rejects.toThrow()
    },
  )

  it('errno failures (EEXIST, ENOTDIR, ENAMETOOLONG, EROFS) exit 2 with a clear message and leave nothing behind', async () => {
    const base = await fs.mkdtemp(join(work, 'errno-'))
    await fs.writeFile(join(base, 'a-file'), 'x\n')
    const ro = join(base, 'ro')
    await fs.mkdir(ro)
    execFileSync('mount', ['-t', 'tmpfs', '-o', 'ro,size=1m', 'rw-trust-ro', ro])
    try {
      const before = await snapshotDir(base)
      for (const [out, message] of [
        [
          join(base, 'a-file'),
          /--out: cannot create the folder .*a-file: it exists and is a file, not a folder \[EEXIST\]/,
        ],
        [
          join(base, 'a-file', 'sub'),
          /--out: cannot use .*a-file\/sub: a part of this path is a file, not a folder \[ENOTDIR\]/,
        ],
        [join(base, 'x'.repeat(300)), /--out: cannot use .*: the path is too long .*\[ENAMETOOLONG\]/],
        [join(base, 'new', 'x'.repeat(300), 'y'), /--out: cannot create the folder .*\[ENAMETOOLONG\]/], // "new" is made first, then removed
        [ro, /--out: cannot create a temporary folder in .*\/ro: the file system is read-only \[EROFS\]/],
        [
          join(ro, 'sub'),
          /--out: cannot create the folder .*\/ro\/sub: the file system is read-only \[EROFS\]/,
        ],
      ] as const) {
        const r = await cli([
          'bundle',
          'export',
          '--ca',
          'ca.crt',
          '--registry',
          '10.0.0.1:5000',
          '--out',
          out,
          '--archive',
          'zip',
        ])
        expect(r.code, `${out}: ${r.err}`).toBe(2)
        expect(r.err, out).toMatch(message)
        expect(r.err, out).toMatch(/Nothing was changed/)
        expect(await snapshotDir(base), out).toEqual(before)
      }
    } finally {
      execFileSync('umount', [ro])
    }
  })
})

describe('registry-wizard bundle / drives --lang zh-CN', () => {
  it('bundle export prints no English word from the domain; exit codes as in English', async () => {
    const r = await cli([
      'bundle',
      'export',
      '--ca',
      'ca.crt',
      '--registry',
      '192.168.20.10:5000',
      '--out',
      'zh',
      '--archive',
      'zip',
      '--lang',
      'zh-CN',
    ])
    expect(r.code, r.err).toBe(0)
    expect(r.out).toContain(`信任包已写入 ${join(work, 'zh', 'registry-trust-192.168.20.10_5000')}`)
    expect(r.out).toContain('CA 的 SHA-256 指纹（请让接收方核对）：')
    expect(englishWords(r.out, [work, 'README', 'SHA256SUMS'])).toEqual([])
    const again = await cli([
      'bundle',
      'export',
      '--ca',
      'ca.crt',
      '--registry',
      '192.168.20.10:5000',
      '--out',
      'zh',
      '--lang',
      'zh-CN',
    ])
    expect(again.code).toBe(1)
    expect(again.err).toContain('已存在；未做改动')
    expect(again.err).toContain('--force')
    expect(englishWords(again.err, [work])).toEqual([])
  })

  it.each([
    [
      ['--registry', '10.0.0.1:5000', '--out', 'z1', '--archive', 'rar'],
      /--archive："rar" 无效；允许 zip 或 tar\.gz/,
    ],
    [['--registry', '10.0.0.1:5000'], /--out："" 无效；请在 --out DIR（文件夹）和 --drive MOUNT/],
    [['--registry', '10.0.0.1:5000', '--drive', '/'], /--drive："\/" 无效；它不是已挂载的可移动驱动器/],
  ])('bad input %j: exit 2 in Chinese, nothing written', async (extra, message) => {
    const r = await cli(['bundle', 'export', '--ca', 'ca.crt', ...extra, '--lang', 'zh-CN'])
    expect(r.code).toBe(2)
    expect(r.err).toMatch(message)
    expect(englishWords(r.err, [work, 'rar', 'zip', 'tar', 'gz', 'DIR', 'MOUNT', 'drives'])).toEqual([])
    await expect(fs.access(join(work, 'z1'))).rejects.toThrow()
  })

  it('drives and the help read in Chinese', async () => {
    const r = await cli(['drives', '--help', '--lang', 'zh-CN'])
    expect(r.out + r.err).toContain('列出可写入信任包的已挂载可移动驱动器（绝不列出系统盘）')
    const h = await cli(['bundle', 'export', '--help', '--lang', 'zh-CN'])
    expect(h.out + h.err).toContain('替换已存在的同名信任包')
  })
})
