import { mkdir, copyFile } from 'node:fs/promises'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import {
  connectEngine,
  imagePresent,
  loadImageTar,
  pullImage,
  readCertDir,
  startRegistry,
  type ProgressEvent,
} from '../../main/docker'
import { AppError } from '../../main/errors'
import {
  dockerCleanup,
  ensureRegistryImage,
  ensureTestImage,
  freePort,
  makeCerts,
  run,
  rwName,
  tempDir,
} from '../support/rw-reg-fixtures'

const engine = connectEngine({})
let root: { path: string; cleanup: () => Promise<void> }
let port: number
const name = rwName('pullsrc')
// Unique images, removed after the push, so the engine has none of their layers and must download them.
const smallTag = `${rwName('pull-small')}:1`
const bigTag = `${rwName('pull-big')}:1`
const cleanupImages: string[] = []

beforeAll(async () => {
  await ensureRegistryImage()
  await ensureTestImage(smallTag)
  await ensureTestImage(bigTag, 96)
  root = await tempDir()
  const { certDir } = await makeCerts(root.path)
  port = await freePort()
  await startRegistry(engine, { name, port, certs: await readCertDir(certDir) })
  const trust = join(root.path, 'trust')
  await mkdir(trust)
  await copyFile(join(certDir, 'ca.crt'), join(trust, 'ca.crt'))
  for (const [src, dest] of [
    [smallTag, 'rw-test/busybox:1'],
    [bigTag, 'rw-test/big:1'],
  ] as const) {
    await run('skopeo', [
      'copy',
      '--dest-cert-dir',
      trust,
      `docker-daemon:${src}`,
      `docker://127.0.0.1:${port}/${dest}`,
    ])
  }
  // Keep a tar of the big image for the load test, then drop both from the engine.
  await run('docker', ['save', bigTag, '-o', join(root.path, 'big.tar')])
  await run('docker', ['rmi', smallTag, bigTag])
})

afterAll(async () => {
  await dockerCleanup([name], [`${name}-data`, `${name}-certs`], cleanupImages)
  await root.cleanup()
})

describe('pull with per-layer progress, and cancel', () => {
  it('pulls through the engine with streamed layer progress', async () => {
    const ref = `127.0.0.1:${port}/rw-test/busybox:1`
    cleanupImages.push(ref)
    const events: ProgressEvent[] = []
    await pullImage(engine, ref, { onProgress: (e) => events.push(e) })
    expect(await imagePresent(engine, ref)).toBe(true)
    expect(
      events.some(
        (e) =>
          e.step === 'pull' &&
          e.id !== undefined &&
          /Pull complete|Already exists/.test(e.status ?? '') &&
          e.message.key === 'progress.registry.pull',
      ),
    ).toBe(true)
  })

  it('cancel during a pull stops it with CANCELLED and leaves no image', async () => {
    const ref = `127.0.0.1:${port}/rw-test/big:1`
    cleanupImages.push(ref)
    const controller = new AbortController()
    const err = await pullImage(engine, ref, {
      signal: controller.signal,
      onProgress: (e) => {
        if (e.status?.includes('Downloading') === true) controller.abort()
      },
    }).catch((x: unknown) => x)
    expect(err).toBeInstanceOf(AppError)
    expect((err as AppError).code).toBe('CANCELLED')
    expect((err as AppError).message).toBe('The operation was cancelled.')
    expect(await imagePresent(engine, ref)).toBe(false)
  })

  it('cancel during a load stops it with CANCELLED and leaves no image', async () => {
    const tag = bigTag
    cleanupImages.push(tag)
    const tarFile = join(root.path, 'big.tar')
    const controller = new AbortController()
    const err = await loadImageTar(engine, tarFile, tag, {
      signal: controller.signal,
      onProgress: (e) => {
        if ((e.current ?? 0) > 0) controller.abort()
      },
    }).catch((x: unknown) => x)
    expect(err).toBeInstanceOf(AppError)
    expect((err as AppError).code).toBe('CANCELLED')
    expect(await imagePresent(engine, tag)).toBe(false)
  })
})
