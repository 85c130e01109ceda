import { mkdtemp, readdir, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { execFile } from 'node:child_process'
import { promisify } from 'node:util'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { englishWords } from '../../../tests/support/english-words'
import { runCliIn } from '../../../tests/support/run-cli'
import type { TransferProgress } from '../../images/index'
import { makeContext } from '../context'
import { progressPrinter, statusLine } from './images-progress'

// Bad input is refused before any registry is asked or any byte is written: exit 2, the flag named, the folder
// the run works in left as it was. (The real imports and exports against registry:2: tests/images/cli-images.)
const run = promisify(execFile)
let dir: string
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'rw-images-cli-'))
  await writeFile(join(dir, 'a.tar'), 'not read: input checks come first')
  await writeFile(join(dir, 'bad.crt'), 'no certificate here\n')
  await run('openssl', [
    'req',
    '-x509',
    '-newkey',
    'ec',
    '-pkeyopt',
    'ec_paramgen_curve:P-256',
    '-nodes',
    '-subj',
    '/CN=rw test CA',
    '-days',
    '2',
    '-keyout',
    join(dir, 'ca.key'),
    '-out',
    join(dir, 'ca.crt'),
  ])
  await rm(join(dir, 'ca.key'))
  await writeFile(join(dir, 'list.txt'), 'app/web:2.1\n')
})
afterAll(() => rm(dir, { recursive: true, force: true }))

const reg = ['--registry', '127.0.0.1:5999', '--ca', 'ca.crt']

describe('images: bad input exits 2 and writes nothing', () => {
  it.each([
    [['images', 'inspect', 'missing.tar'], 'FILE: "missing.tar" is not valid'],
    [['images', 'import', 'missing.tar', ...reg], 'FILE: "missing.tar" is not valid'],
    [
      ['images', 'import', 'a.tar', '--registry', '127.0.0.1', '--ca', 'ca.crt'],
      '--registry: 127.0.0.1 has no port',
    ],
    [
      ['images', 'import', 'a.tar', '--registry', 'a b:1', '--ca', 'ca.crt'],
      '--registry: "a b" is not valid',
    ],
    [
      ['images', 'import', 'a.tar', ...reg, '--prefix', 'Bad Prefix'],
      '--prefix: "Bad Prefix" is not a repository prefix',
    ],
    [
      ['images', 'import', 'a.tar', ...reg, '--user', 'u'],
      '--user: "u" is not valid; give --user and --password-file',
    ],
    [['images', 'import', 'a.tar', '--registry', '127.0.0.1:5999', '--ca', 'bad.crt'], '--ca: '],
    [
      ['images', 'export', 'app/web:2.1', '--list', 'list.txt', ...reg, '--out', 'x.tar'],
      '--list: "list.txt" is not valid',
    ],
    [['images', 'export', ...reg, '--out', 'x.tar'], 'REF: no image to export was given'],
    [
      ['images', 'export', 'Not A Ref', ...reg, '--out', 'x.tar'],
      'REF: "Not A Ref" is not an image reference',
    ],
    [
      ['images', 'export', 'app/web:2.1', ...reg],
      '--out: "" is not valid; give exactly one of --out FILE.tar',
    ],
    [
      ['images', 'export', 'app/web:2.1', ...reg, '--out', 'x.tar', '--drive', '/mnt'],
      '--out: "x.tar" is not valid; give exactly one of',
    ],
    [
      ['images', 'export', 'app/web:2.1', ...reg, '--out', 'x.tar', '--format', 'zip'],
      '--format: "zip" is not valid',
    ],
    [
      ['images', 'export', 'app/web:2.1', ...reg, '--out', 'x.tar', '--platform', 'amd64'],
      '--platform: "amd64"',
    ],
    [['images', 'export', 'app/web:2.1', ...reg, '--drive', '/nowhere'], '--drive: "/nowhere" is not valid'],
  ])('%j', async (argv, expected) => {
    const before = await readdir(dir)
    const r = await runCliIn(dir, argv, { PATH: process.env.PATH })
    expect(r.code, r.err).toBe(2)
    expect(r.err).toContain(`error: ${expected}`)
    expect(r.out).toBe('')
    expect(await readdir(dir)).toEqual(before)
  })

  it.each([
    [['images', 'import', 'missing.tar', ...reg]],
    [['images', 'export', 'app/web:2.1', '--list', 'list.txt', ...reg, '--out', 'x.tar']],
    [['images', 'import', 'a.tar', ...reg, '--prefix', 'Bad Prefix']],
    [['images', 'export', 'app/web:2.1', ...reg, '--out', 'x.tar', '--format', 'zip']],
  ])('zh-CN: %j says it in Chinese, exit 2', async (argv) => {
    const r = await runCliIn(dir, ['--lang', 'zh-CN', ...argv], { PATH: process.env.PATH })
    expect(r.code, r.err).toBe(2)
    expect(r.err).toMatch(/^错误/)
    expect(
      englishWords(r.err, [
        ...argv,
        'oci',
        'docker',
        'FILE',
        'REF',
        'HOST',
        'MOUNT',
        'CERTIFICATE',
        'mirror',
      ]),
    ).toEqual([])
  })

  it('help in both languages comes from the catalogue', async () => {
    const en = await runCliIn(dir, ['images', 'export', '--help'])
    expect(en.out).toContain('Pull images from the registry into one archive')
    const zh = await runCliIn(dir, ['--lang', 'zh-CN', 'images', 'export', '--help'])
    expect(zh.out).toContain('把镜像从镜像仓库拉取到一个归档')
    expect(zh.out).toContain('选项：')
  })
})

describe('images progress on stderr', () => {
  const p = (done: number, blobDone: number): TransferProgress => ({
    message: { key: 'progress.images.blob', params: { digest: 'sha256:ab', repository: 'app/web' } },
    blob: { digest: `sha256:${'a'.repeat(64)}`, done: blobDone, size: 2048 },
    done,
    total: 4096,
    bytesPerSecond: 1024 * 1024,
  })

  it('on a terminal: one rewritten line with the blob and the total with bytes/s', () => {
    let err = ''
    const ctx = makeContext(
      { stdout: () => undefined, stderr: (t) => (err += t), env: {}, cwd: '/', stderrTTY: true },
      () => undefined,
      'en',
    )
    let clock = 0
    const printer = progressPrinter(ctx, () => clock)
    printer.print(p(1024, 1024))
    clock = 50
    printer.print(p(1500, 1500)) // throttled
    printer.print(p(2048, 2048)) // the blob's end is always shown
    printer.end()
    expect(err.split('\r\x1b[K')).toHaveLength(3)
    expect(err).toContain('sha256:aaaaaaaaaaaa 2.0 KiB/2.0 KiB  total 2.0 KiB of 4.0 KiB (50%), 1.0 MiB/s')
    expect(err.endsWith('\n')).toBe(true)
  })

  it('not a terminal: only the per-image lines', () => {
    let err = ''
    const ctx = makeContext(
      { stdout: () => undefined, stderr: (t) => (err += t), env: {}, cwd: '/' },
      () => undefined,
      'en',
    )
    const printer = progressPrinter(ctx)
    printer.print(p(1024, 1024))
    printer.print({
      ...p(4096, 0),
      blob: undefined,
      message: { key: 'progress.images.tag', params: { reference: 'app/web:2.1' } },
    })
    printer.end()
    expect(err).toBe('tagged app/web:2.1\n')
  })

  it('zh-CN status line', () => {
    const ctx = makeContext(
      { stdout: () => undefined, stderr: () => undefined, env: {}, cwd: '/' },
      () => undefined,
      'zh-CN',
    )
    expect(statusLine(ctx, p(2048, 1024))).toContain('总计 2.0 KiB / 4.0 KiB（50%），1.0 MiB/秒')
  })
})
