import { randomBytes } from 'node:crypto'
import { mkdir, readFile, readdir, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import {
  exportImages,
  importImages,
  openImageSource,
  readImageList,
  type ExportInput,
  type TransferProgress,
} from '../../main/images'
import { createTranslator, errorTexts, type CodedError } from '../../main/messages/index'
import { dockerCleanup, run, tempDir } from '../support/rw-reg-fixtures'
import { codeOf, preconditions, startTestRegistry, type TestRegistry } from '../registry-api/support'
import { dockerSaved, rawDigest, twoPlatformLayout } from './export-support'

const ready = await preconditions()
let root: { path: string; cleanup: () => Promise<void> }
let reg: TestRegistry
let fresh: TestRegistry
const containers: string[] = []
const loaded: string[] = []
const id = randomBytes(3).toString('hex')

/** The references the test pushes (as a k3s-images.txt would name them) and where they live in our registry. */
const pause = `docker.io/rwexp${id}/mirrored-pause:3.6`
const web = `app${id}/web:2.1`
const multi = `docker.io/rwexp${id}/multi:1.0`
const big = `rwexp${id}/big:7`
const dest = (r: TestRegistry, repo: string): string => `docker://127.0.0.1:${r.port}/${repo}`
const certs = (r: TestRegistry): string[] => ['--cert-dir', r.trustDir]
const creds = ['--creds', 'exp:pw-exp']

function input(over: Partial<ExportInput>): ExportInput {
  return {
    refs: [],
    registry: { host: '127.0.0.1', port: reg.port, caPem: reg.caPem },
    user: 'exp',
    password: 'pw-exp',
    out: join(root.path, 'never.tar'),
    format: 'oci',
    ...over,
  }
}

const CTR = ['-a', '/run/docker/containerd/containerd.sock', '-n', `rwexp${id}`]
const ctr = (args: string[]) => run('ctr', [...CTR, ...args])

/** What export writes, import (helper A's openImageSource) reads: the same images, every blob checked. */
async function readsBack(file: string, kind: string, digests: string[]): Promise<void> {
  const src = await openImageSource(file)
  try {
    expect(src.kind).toBe(kind)
    expect(src.images.map((i) => i.index?.digest ?? i.manifests[0]?.digest)).toEqual(digests)
    for (const m of src.images.flatMap((i) => i.manifests))
      for (const b of [m.config, ...m.layers]) {
        let n = 0
        for await (const c of src.openBlob(b.digest)) n += (c as Buffer).length
        expect(n).toBe(b.size)
      }
  } finally {
    await src.close()
  }
}

async function entries(dir: string): Promise<string[]> {
  return (await readdir(dir)).sort()
}

beforeAll(async () => {
  if (!ready) return
  root = await tempDir('rw-img-export-')
  reg = await startTestRegistry(root.path, `exp-${id}`, [{ user: 'exp', password: 'pw-exp' }])
  containers.push(reg.name)
  fresh = await startTestRegistry(root.path, `expfresh-${id}`)
  containers.push(fresh.name)
  const push = async (from: string, repo: string, flags: string[] = []): Promise<void> => {
    await run('skopeo', [
      'copy',
      ...flags,
      '--dest-cert-dir',
      reg.trustDir,
      '--dest-creds',
      'exp:pw-exp',
      from,
      dest(reg, repo),
    ])
  }
  await push(
    `docker-archive:${await dockerSaved(join(root.path, 'b1'), `rw-exp-${id}-a:1`)}`,
    `rwexp${id}/mirrored-pause:3.6`,
  )
  await push(
    `docker-archive:${await dockerSaved(join(root.path, 'b2'), `rw-exp-${id}-b:1`)}`,
    `app${id}/web:2.1`,
    ['--format', 'oci'],
  )
  await push(
    `docker-archive:${await dockerSaved(join(root.path, 'b3'), `rw-exp-${id}-c:1`, 12)}`,
    `rwexp${id}/big:7`,
  )
  await push(`oci:${await twoPlatformLayout(join(root.path, 'm'), '1.0')}:1.0`, `rwexp${id}/multi:1.0`, [
    '--all',
  ])
}, 300_000)

afterAll(async () => {
  if (!ready) return
  const names = await ctr(['images', 'ls', '-q']).then(
    (r) => r.stdout.split('\n').filter(Boolean),
    () => [],
  )
  if (names.length > 0) await ctr(['images', 'rm', '--sync', ...names]).catch(() => undefined)
  await run('ctr', [...CTR.slice(0, 2), 'namespaces', 'rm', `rwexp${id}`]).catch(() => undefined)
  await dockerCleanup(
    containers,
    containers.flatMap((n) => [`${n}-data`, `${n}-certs`, `${n}-auth`]),
    loaded,
  )
  await root.cleanup()
})

describe.skipIf(!ready)(
  'images export: registry -> one archive (OCI / docker load), with a checksum file',
  () => {
    it('exports a k3s-style list to an OCI archive that sha256sum -c, skopeo and a fresh registry agree with', async () => {
      const out = join(root.path, 'oci')
      await mkdir(out)
      const list = join(root.path, 'images.txt')
      await writeFile(list, `# k3s-style list\r\n${pause}\r\n\r\n${web}   # the web app\r\n${multi}\r\n`)
      const refs = await readImageList(list)
      expect(refs).toEqual([pause, web, multi])
      const seen: TransferProgress[] = []
      const res = await exportImages(input({ refs, out: join(out, 'images.tar') }), {
        onProgress: (p) => seen.push(p),
      })
      expect(await entries(out)).toEqual(['images.tar', 'images.tar.sha256'])
      const sum = await readFile(res.checksumFile, 'utf8')
      expect(sum).toBe(`${res.sha256}  images.tar\n`)
      await run('sha256sum', ['-c', 'images.tar.sha256'], { cwd: out })
      expect(res.images.map((i) => i.platforms)).toEqual([1, 1, 2])
      expect(seen.some((p) => p.blob?.outcome === 'fetched')).toBe(true)
      expect(seen.at(-1)?.message.key).toBe('progress.imagesExport.done')
      const last = seen.filter((p) => p.blob !== undefined).at(-1)
      expect(last?.done).toBe(last?.total)

      const archive = join(out, 'images.tar')
      const index = JSON.parse((await run('tar', ['-xOf', archive, 'index.json'])).stdout) as {
        manifests: { digest: string; annotations: Record<string, string> }[]
      }
      expect(index.manifests.map((m) => m.annotations['io.containerd.image.name'])).toEqual([
        pause,
        `docker.io/app${id}/web:2.1`,
        multi,
      ])
      expect(index.manifests.map((m) => m.annotations['org.opencontainers.image.ref.name'])).toEqual([
        '3.6',
        '2.1',
        '1.0',
      ])
      const repos = [`rwexp${id}/mirrored-pause:3.6`, `app${id}/web:2.1`, `rwexp${id}/multi:1.0`]
      for (const [i, repo] of repos.entries()) {
        const inRegistry = await rawDigest(dest(reg, repo), [...certs(reg), ...creds])
        expect(res.images[i]?.digest).toBe(inRegistry)
        expect(index.manifests[i]?.digest).toBe(inRegistry)
      }
      // skopeo (1.9 here) finds OCI-typed entries only: the Docker-typed pause image is checked by ctr below.
      for (const repo of repos.slice(1)) {
        const inRegistry = await rawDigest(dest(reg, repo), [...certs(reg), ...creds])
        const tag = repo.split(':')[1] ?? ''
        expect(await rawDigest(`oci-archive:${archive}:${tag}`)).toBe(inRegistry)
        await run('skopeo', [
          'copy',
          '--all',
          '--dest-cert-dir',
          fresh.trustDir,
          `oci-archive:${archive}:${tag}`,
          dest(fresh, repo),
        ])
        expect(await rawDigest(dest(fresh, repo), certs(fresh))).toBe(inRegistry)
      }
      await ctr(['images', 'import', '--all-platforms', archive])
      const listed = (await ctr(['images', 'ls'])).stdout
      for (const [i, name] of [pause, `docker.io/app${id}/web:2.1`, multi].entries())
        expect(listed).toMatch(
          new RegExp(`^${name.replace(/[.]/g, '\\.')}\\s+\\S+\\s+${res.images[i]?.digest}`, 'm'),
        )
      await readsBack(
        archive,
        'oci-archive',
        res.images.map((i) => i.digest),
      )
      // export -> import into a fresh registry (under a prefix): the same digests, the Docker-typed image too
      const back = await importImages({
        files: [archive],
        registry: { host: '127.0.0.1', port: fresh.port, caPem: fresh.caPem },
        prefix: 'rt',
      })
      expect(back.images.map((i) => i.digest)).toEqual(res.images.map((i) => i.digest))
      for (const [i, repo] of repos.entries())
        expect(await rawDigest(dest(fresh, `rt/${repo}`), certs(fresh))).toBe(res.images[i]?.digest)
      const platforms = JSON.parse(
        (await run('skopeo', ['inspect', '--raw', ...certs(fresh), dest(fresh, repos[2] ?? '')])).stdout,
      ) as { manifests: { platform: { architecture: string } }[] }
      expect(platforms.manifests.map((m) => m.platform.architecture)).toEqual(['amd64', 'arm64'])
    }, 240_000)

    it('exports the docker format that docker load (20.10) loads with its tags; one platform, picked or refused', async () => {
      const out = join(root.path, 'docker')
      await mkdir(out)
      const file = join(out, 'for-docker.tar')
      const res = await exportImages(input({ refs: [pause, multi], out: file, format: 'docker' }))
      await run('sha256sum', ['-c', 'for-docker.tar.sha256'], { cwd: out })
      expect(res.images.map((i) => i.platforms)).toEqual([1, 1])
      const manifest = JSON.parse((await run('tar', ['-xOf', file, 'manifest.json'])).stdout) as {
        RepoTags: string[]
      }[]
      expect(manifest.map((m) => m.RepoTags)).toEqual([
        [`rwexp${id}/mirrored-pause:3.6`],
        [`rwexp${id}/multi:1.0`],
      ])
      loaded.push(`rwexp${id}/mirrored-pause:3.6`, `rwexp${id}/multi:1.0`)
      const { stdout } = await run('docker', ['load', '-i', file])
      expect(stdout).toContain(`Loaded image: rwexp${id}/mirrored-pause:3.6`)
      for (const tag of loaded) {
        const seen = JSON.parse((await run('docker', ['image', 'inspect', tag])).stdout) as {
          RepoTags: string[]
          Architecture: string
        }[]
        expect(seen[0]?.RepoTags).toContain(tag)
      }
      const arch = JSON.parse((await run('docker', ['image', 'inspect', `rwexp${id}/multi:1.0`])).stdout) as {
        Architecture: string
      }[]
      expect(arch[0]?.Architecture).toBe('amd64')

      await readsBack(
        file,
        'docker-archive',
        res.images.map((i) => i.digest),
      )
      const arm = join(out, 'arm.tar')
      const armRes = await exportImages(
        input({
          refs: [multi],
          out: arm,
          format: 'docker',
          platform: { os: 'linux', architecture: 'arm64' },
        }),
      )
      const multiManifest = JSON.parse(
        (
          await run('skopeo', [
            'inspect',
            '--raw',
            ...certs(reg),
            ...creds,
            dest(reg, `rwexp${id}/multi:1.0`),
          ])
        ).stdout,
      ) as {
        manifests: { digest: string; platform: { architecture: string } }[]
      }
      expect(armRes.images[0]?.digest).toBe(
        multiManifest.manifests.find((m) => m.platform.architecture === 'arm64')?.digest,
      )

      const none = exportImages(
        input({
          refs: [pause, multi],
          out: join(out, 's390x.tar'),
          format: 'docker',
          platform: { os: 'linux', architecture: 's390x' },
        }),
      )
      const err = await none.then(
        () => undefined,
        (e: unknown) => e as { code: string; params: { available: string[] } },
      )
      expect(err?.code).toBe('EXPORT_PLATFORM_MISSING')
      expect(err?.params.available).toEqual(['linux/amd64', 'linux/arm64'])
      const zhPlatform = errorTexts(createTranslator('zh-CN'), err as unknown as CodedError, 'gui')
      expect(zhPlatform.message).toContain('现有平台：linux/amd64、linux/arm64')
      expect(await entries(out)).toEqual([
        'arm.tar',
        'arm.tar.sha256',
        'for-docker.tar',
        'for-docker.tar.sha256',
      ])
    }, 240_000)

    it('a missing reference, a cancel mid-blob, no credentials or an existing file: clear errors, nothing written', async () => {
      const out = join(root.path, 'fail')
      await mkdir(out)
      const missing = await exportImages(
        input({ refs: [pause, `rwexp${id}/nope:1`], out: join(out, 'a.tar') }),
      ).then(
        () => undefined,
        (e: unknown) => e as { code: string; kind: string; field: string; message: string },
      )
      expect(missing?.code).toBe('EXPORT_IMAGE_MISSING')
      expect(missing?.kind).toBe('input')
      expect(missing?.message).toContain(`rwexp${id}/nope:1`)
      const zh = errorTexts(createTranslator('zh-CN'), missing as unknown as CodedError, 'cli')
      expect(zh.message).toContain(`rwexp${id}/nope:1`)
      expect(zh.message).toContain('没有写入任何内容')
      expect(`${zh.message} ${zh.hint ?? ''}`).not.toMatch(/\b(is not|Nothing|registry at|Check)\b/)
      expect(zh.hint).toContain('--prefix')
      expect(await entries(out)).toEqual([])

      const ac = new AbortController()
      const onProgress = (p: TransferProgress): void => {
        if ((p.blob?.done ?? 0) > 1024 * 1024 && p.blob?.outcome === undefined) ac.abort()
      }
      const cancel = exportImages(input({ refs: [web, big], out: join(out, 'b.tar') }), {
        signal: ac.signal,
        onProgress,
      })
      expect(await codeOf(cancel)).toBe('CANCELLED')
      expect(ac.signal.aborted).toBe(true)
      expect(await entries(out)).toEqual([])

      const anon = exportImages(
        input({ refs: [web], out: join(out, 'c.tar'), user: undefined, password: undefined }),
      )
      expect(await codeOf(anon)).toBe('REGISTRY_API_UNAUTHORIZED')
      expect(await entries(out)).toEqual([])

      expect(await codeOf(exportImages(input({ refs: ['Not A Ref'], out: join(out, 'd.tar') })))).toBe(
        'EXPORT_REF_INVALID',
      )
      expect(await codeOf(exportImages(input({ refs: [], out: join(out, 'd.tar') })))).toBe('EXPORT_NO_REFS')
      expect(await codeOf(exportImages(input({ refs: [web], out: join(out, 'no-such-dir', 'd.tar') })))).toBe(
        'EXPORT_OUT_INVALID',
      )
      await writeFile(join(out, 'kept.tar'), 'keep me')
      expect(await codeOf(exportImages(input({ refs: [web], out: join(out, 'kept.tar') })))).toBe(
        'EXPORT_EXISTS',
      )
      expect(await readFile(join(out, 'kept.tar'), 'utf8')).toBe('keep me')
      expect(await entries(out)).toEqual(['kept.tar'])
      const forced = await exportImages(input({ refs: [web], out: join(out, 'kept.tar'), force: true }))
      await run('sha256sum', ['-c', 'kept.tar.sha256'], { cwd: out })
      expect(forced.bytes).toBeGreaterThan(1024)
    }, 240_000)

    it('to a drive: refused when out is not on it; else room checked first and the archive read back from it', async () => {
      const drive = join(root.path, 'drive')
      await mkdir(drive)
      const elsewhere = exportImages(input({ refs: [web], out: join(root.path, 'x.tar'), drive }))
      expect(await codeOf(elsewhere)).toBe('EXPORT_NOT_ON_DRIVE')
      const res = await exportImages(input({ refs: [web], out: join(drive, 'images.tar'), drive }))
      expect(['direct-io', 'dropped-cache', 'page-cache']).toContain(res.readBack)
      await run('sha256sum', ['-c', 'images.tar.sha256'], { cwd: drive })
      expect(await entries(drive)).toEqual(['images.tar', 'images.tar.sha256'])
    })

    it('reads a list file: comments, blank lines and CRLF skipped; a bad line names its number and text', async () => {
      const list = join(root.path, 'bad.txt')
      await writeFile(list, `# images\n${pause}\n\nnginx:1.25 # hub\nNot/A Ref\n`)
      const err = await readImageList(list).then(
        () => undefined,
        (e: unknown) => e as { code: string; field: string; params: { line: number; text: string } },
      )
      expect(err?.code).toBe('EXPORT_LIST_LINE')
      expect(err?.field).toBe('list')
      expect(err?.params).toMatchObject({ line: 5, text: 'Not/A Ref' })
      await writeFile(list, '# only comments\r\n\r\n')
      expect(await codeOf(readImageList(list))).toBe('EXPORT_NO_REFS')
      expect(await codeOf(readImageList(join(root.path, 'absent.txt')))).toBe('FILE_UNREADABLE')
    })
  },
)
