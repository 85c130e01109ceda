// Compressed archives: `docker save ... | gzip > F.tar.gz` (and .tgz) are decompressed into a private staging
// folder and imported like the plain tar (same digests); a cut-short .gz fails clearly and leaves no staging file
// and no tag; the room is checked first (a small tmpfs), a write that still runs out of room fails the same way;
// a cancel removes the staging folder; a stale one from a killed run is swept by age. zstd/xz/bzip2 name their tool.
import { execFileSync, spawn } from 'node:child_process'
import { createReadStream, createWriteStream } from 'node:fs'
import { mkdir, readdir, readFile, rm, stat, utimes, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { Duplex, Readable } from 'node:stream'
import { pipeline } from 'node:stream/promises'
import { createGzip, gzipSync } from 'node:zlib'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { AppError } from '../../main/errors'
import { importImages, inspectArchive } from '../../main/images'
import { STAGING_PREFIX, STALE_MS } from '../../main/images/read/staging'
import { createTranslator, errorTexts } from '../../main/messages'
import { dockerCleanup, run, tempDir } from '../support/rw-reg-fixtures'
import { codeOf, preconditions, startTestRegistry, type TestRegistry } from '../registry-api/support'
import { dockerSaveTar, impName, skopeoRaw, digestOf, tagsOf } from './import-support'

const ready = await preconditions()
let root: { path: string; cleanup: () => Promise<void> }
let reg: TestRegistry
let tmpRoot: string
const containers: string[] = []
const images: string[] = []
const mounts: string[] = []
const ns = impName('gz').slice(7)

const endpoint = (): { host: string; port: number; caPem: string } => ({
  host: '127.0.0.1',
  port: reg.port,
  caPem: reg.caPem,
})

async function failure(p: Promise<unknown>): Promise<AppError> {
  const e = await p.then(
    () => undefined,
    (x: unknown) => x,
  )
  expect(e).toBeInstanceOf(AppError)
  return e as AppError
}

/** A tmpfs of `size` (root can mount; the suite unmounts it). */
async function smallTmpfs(name: string, size: string): Promise<string> {
  const dir = join(root.path, name)
  await mkdir(dir)
  await run('mount', ['-t', 'tmpfs', '-o', `size=${size},mode=0755`, 'tmpfs', dir])
  mounts.push(dir)
  return dir
}

describe.skipIf(!ready)('images import of .tar.gz / .tgz archives', () => {
  let saveTar: string
  let gz: string
  let tag: string
  beforeAll(async () => {
    root = await tempDir('rw-imp-gz-')
    tmpRoot = join(root.path, 'staging-root')
    await mkdir(tmpRoot)
    reg = await startTestRegistry(root.path, 'gz')
    containers.push(reg.name)
    tag = `${ns}-app:1`
    images.push(tag)
    saveTar = await dockerSaveTar(root.path, [tag], {}, 2 << 20)
    // As users make it: the docker save piped through gzip.
    gz = join(root.path, 'app.tar.gz')
    execFileSync('sh', ['-c', `gzip -c < '${saveTar}' > '${gz}'`])
  }, 180_000)

  afterAll(async () => {
    for (const m of mounts) await run('umount', [m]).catch(() => undefined)
    await dockerCleanup(
      containers,
      containers.flatMap((n) => [`${n}-data`, `${n}-certs`, `${n}-auth`]),
      images,
    )
    await root.cleanup()
  })

  it('a gzip of a real docker save imports with the digests of the plain tar; .tgz inspects the same; no staging left', async () => {
    const plain = await importImages({ files: [saveTar], registry: endpoint(), prefix: 'plain' })
    const seen = await inspectArchive(gz, { tmpRoot })
    expect(seen.kind).toBe('docker-archive')
    expect(seen.path).toBe(gz)
    expect(seen.images[0]?.names).toEqual([`library/${tag}`])
    expect(await readdir(tmpRoot)).toEqual([])
    const unzipping: { done: number; total: number }[] = []
    const zipped = await importImages(
      { files: [gz], registry: endpoint(), prefix: 'gz', tmpRoot },
      {
        onProgress: (p) => {
          if (p.message.key === 'progress.images.decompress') unzipping.push({ done: p.done, total: p.total })
        },
      },
    )
    // Decompressing is reported too (compressed bytes read of the file's size), ending at the whole file.
    const gzSize = (await readFile(gz)).length
    expect(unzipping.length).toBeGreaterThan(0)
    expect(unzipping.at(-1)).toEqual({ done: gzSize, total: gzSize })
    expect(zipped.images.map((i) => i.digest)).toEqual(plain.images.map((i) => i.digest))
    expect(zipped.blobs.uploaded + zipped.blobs.mounted).toBe(plain.blobs.uploaded)
    const raw = await skopeoRaw(reg.trustDir, `127.0.0.1:${reg.port}/gz/library/${tag}`)
    expect(digestOf(raw)).toBe(plain.images[0]?.digest)
    expect(await readdir(tmpRoot)).toEqual([])
    const tgz = join(root.path, 'app.tgz')
    await writeFile(tgz, await readFile(gz))
    const again = await inspectArchive(tgz, { tmpRoot })
    expect(again.images.map((i) => i.digest)).toEqual(seen.images.map((i) => i.digest))
    expect(await readdir(tmpRoot)).toEqual([])
  }, 120_000)

  it('a truncated .gz: IMAGES_GZIP_TRUNCATED naming the file (both languages), no staging file, no tag', async () => {
    const bytes = await readFile(gz)
    const cut = join(root.path, 'cut.tar.gz')
    await writeFile(cut, bytes.subarray(0, Math.floor(bytes.length * 0.7)))
    const e = await failure(importImages({ files: [cut], registry: endpoint(), prefix: 'cut', tmpRoot }))
    expect(e).toMatchObject({ code: 'IMAGES_GZIP_TRUNCATED', kind: 'input', field: 'files' })
    expect(errorTexts(createTranslator('en'), e, 'cli', (f) => f).message).toBe(
      `files: ${cut} is cut short: the gzip stream ends before its last byte`,
    )
    expect(errorTexts(createTranslator('zh-CN'), e, 'cli', (f) => f).message).toContain('不完整')
    expect(await readdir(tmpRoot)).toEqual([])
    const caFile = join(reg.trustDir, 'ca.crt')
    expect(await tagsOf(reg.port, caFile, `cut/library/${tag.split(':')[0]}`)).toEqual([])
    // Damaged bytes in the middle: gzip's own check fails.
    const bad = Buffer.from(bytes)
    for (let i = 0; i < 256; i++) bad[4096 + i] = (bad[4096 + i] ?? 0) ^ 0xa5
    const badFile = join(root.path, 'bad.tar.gz')
    await writeFile(badFile, bad)
    const b = await failure(inspectArchive(badFile, { tmpRoot }))
    expect(['IMAGES_GZIP_CORRUPT', 'IMAGES_TAR_CORRUPT', 'IMAGES_JSON_INVALID']).toContain(b.code)
    expect(await readdir(tmpRoot)).toEqual([])
  }, 60_000)

  it('too little room: refused before a byte is written; a write that still runs out fails the same way, nothing left', async () => {
    const tiny = await smallTmpfs('tiny', '16m')
    const e = await failure(inspectArchive(gz, { tmpRoot: tiny }))
    expect(e).toMatchObject({ code: 'IMAGES_STAGING_SPACE', params: { path: gz, dir: tiny } })
    expect(await readdir(tiny)).toEqual([])
    // Two gzip members: the size gzip records is the small last one's, so the check passes and the disk fills.
    const mid = await smallTmpfs('mid', '80m')
    const lying = join(root.path, 'lying.tar.gz')
    await pipeline(zeros(160), createGzip(), createWriteStream(lying))
    await writeFile(lying, gzipSync(Buffer.alloc(1024)), { flag: 'a' })
    const full = await failure(inspectArchive(lying, { tmpRoot: mid }))
    expect(full.code).toBe('IMAGES_STAGING_SPACE')
    expect(await readdir(mid)).toEqual([])
  }, 60_000)

  it('a cancel while decompressing removes the staging folder; a stale one is swept by age, a young one kept', async () => {
    const big = join(root.path, 'big.tar.gz')
    await pipeline(zeros(512), createGzip({ level: 1 }), createWriteStream(big))
    const ac = new AbortController()
    const started = inspectArchive(big, { tmpRoot, signal: ac.signal })
    for (let i = 0; i < 200 && (await readdir(tmpRoot)).length === 0; i++)
      await new Promise((r) => setTimeout(r, 5))
    expect((await readdir(tmpRoot)).length).toBe(1)
    ac.abort()
    expect(await codeOf(started)).toBe('CANCELLED')
    expect(await readdir(tmpRoot)).toEqual([])

    const stale = join(tmpRoot, `${STAGING_PREFIX}killed`)
    const young = join(tmpRoot, `${STAGING_PREFIX}running`)
    const other = join(tmpRoot, 'someone-else')
    for (const d of [stale, young, other]) {
      await mkdir(d)
      await writeFile(join(d, 'archive.tar'), 'x')
    }
    const old = new Date(Date.now() - STALE_MS - 60_000)
    for (const d of [stale, other]) await utimes(d, old, old)
    await inspectArchive(gz, { tmpRoot })
    expect((await readdir(tmpRoot)).sort()).toEqual([`${STAGING_PREFIX}running`, 'someone-else'])
    expect((await stat(young)).isDirectory()).toBe(true)
    for (const d of [young, other]) await rm(d, { recursive: true })
  }, 60_000)

  it('zstd, xz and bzip2 are refused with the command that decompresses them', async () => {
    const tr = createTranslator('en')
    for (const [tool, args, command] of [
      ['zstd', ['-q', '-c'], 'zstd -d'],
      ['xz', ['-c'], 'xz -dk'],
      ['bzip2', ['-c'], 'bunzip2 -k'],
    ] as const) {
      const out = join(root.path, `app.tar.${tool}`)
      await pipeline(createReadStream(saveTar), spawnFilter(tool, [...args]), createWriteStream(out))
      const e = await failure(inspectArchive(out, { tmpRoot }))
      expect(e).toMatchObject({ code: 'IMAGES_COMPRESSED', params: { compression: tool } })
      expect(errorTexts(tr, e, 'cli', (f) => f).hint).toBe(
        `Decompress it first with ${command} ${out}, then import the .tar it gives.`,
      )
    }
    expect(await readdir(tmpRoot)).toEqual([])
  }, 60_000)
})

/** `mib` MiB of zero bytes, a MiB at a time. */
function zeros(mib: number): Readable {
  return Readable.from(
    (function* () {
      for (let i = 0; i < mib; i++) yield Buffer.alloc(1 << 20)
    })(),
  )
}

/** A child process as a transform stream (stdin in, stdout out). */
function spawnFilter(cmd: string, args: string[]): Duplex {
  const child = spawn(cmd, args, { stdio: ['pipe', 'pipe', 'inherit'] })
  return Duplex.from({ writable: child.stdin, readable: child.stdout })
}
