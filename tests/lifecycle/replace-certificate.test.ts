// Replace certificate as one main-side job against the real registry:2: issue into a staging folder, swap into the
// live folder and the container, health; any failure or cancel puts the old pair back on disk AND in the container,
// seen from outside with openssl s_client.
import { randomBytes } from 'node:crypto'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { connectEngine, readCertDir, registryStatus, startRegistry } from '../../main/docker'
import { AppError } from '../../main/errors'
import type { StepProgress } from '../../main/jobs/runner'
import {
  replaceServerCertificate,
  type ReplaceCertificateInput,
} from '../../main/lifecycle/replace-certificate'
import {
  dockerCleanup,
  ensureRegistryImage,
  freePort,
  makeCerts,
  tempDir,
  trackRegistry,
} from '../support/rw-reg-fixtures'
import { fileFingerprint, folderState, servedFingerprint, stagingLeft, waitServed } from './served-cert'

const engine = connectEngine({})
let root: { path: string; cleanup: () => Promise<void> }
const containers: string[] = []
const volumes: string[] = []
const stores = ['bind', 'volume'] as const
type Store = (typeof stores)[number]
const registries = {} as Record<Store, { name: string; port: number; certDir: string; caDir: string }>

beforeAll(async () => {
  await ensureRegistryImage()
  root = await tempDir('rw-life-')
  for (const store of stores) {
    const { caDir, certDir } = await makeCerts(root.path, ['127.0.0.1', 'localhost'], `ca-${store}`)
    const name = trackRegistry(containers, volumes, `rw-life-${store}-${randomBytes(3).toString('hex')}`)
    const port = await freePort()
    const started = await startRegistry(engine, {
      name,
      port,
      certs: await readCertDir(certDir),
      certStore: store,
      registryHost: '127.0.0.1',
    })
    expect(started.certStore.kind).toBe(store)
    registries[store] = { name, port, certDir, caDir }
  }
})

afterAll(async () => {
  await dockerCleanup(containers, volumes)
  await root.cleanup()
})

const input = (store: Store, over: Partial<ReplaceCertificateInput> = {}): ReplaceCertificateInput => {
  const r = registries[store]
  return {
    engine,
    name: r.name,
    certDir: r.certDir,
    caDir: r.caDir,
    sans: ['127.0.0.1', 'localhost'],
    registryHost: '127.0.0.1',
    days: 10,
    ...over,
  }
}

/** The live folder and what the registry serves: the old pair both times, nothing left behind. */
async function expectOldPair(store: Store, before: Record<string, string>, oldPrint: string): Promise<void> {
  const { certDir, port } = registries[store]
  expect(await folderState(certDir)).toEqual(before)
  expect(await fileFingerprint(join(certDir, 'domain.crt'))).toBe(oldPrint)
  expect(await waitServed(port, oldPrint)).toBe(oldPrint)
  expect(await stagingLeft(certDir)).toEqual([])
}

describe.each(stores)('replace certificate (%s cert store)', (store) => {
  it('issues a new pair from the same CA, serves it, keeps the old as backups, reports the steps', async () => {
    const { certDir, port } = registries[store]
    const oldPrint = await fileFingerprint(join(certDir, 'domain.crt'))
    expect(await waitServed(port, oldPrint)).toBe(oldPrint)
    const seen: StepProgress[] = []
    const out = await replaceServerCertificate(input(store), { onProgress: (p) => seen.push(p) })
    expect(out.health.status).toBe(200)
    const newPrint = await fileFingerprint(join(certDir, 'domain.crt'))
    expect(newPrint).not.toBe(oldPrint)
    expect(await servedFingerprint(port)).toBe(newPrint)
    expect(out.backups.map((b) => b.slice(certDir.length + 1).replace(/\.bak-.*/, ''))).toEqual([
      'domain.crt',
      'domain.key',
      'ca.crt',
    ])
    expect(await fileFingerprint(out.backups[0] as string)).toBe(oldPrint)
    expect(await stagingLeft(certDir)).toEqual([])
    expect([...new Set(seen.map((p) => p.message.key))]).toEqual([
      'progress.replaceCert.prepare',
      'progress.replaceCert.issue',
      'progress.replaceCert.swap',
      'progress.replaceCert.health',
      'progress.jobs.done',
    ])
  })

  it('a step failing after the swap puts the old pair back on disk and in the container', async () => {
    const { certDir } = registries[store]
    const before = await folderState(certDir)
    const oldPrint = await fileFingerprint(join(certDir, 'domain.crt'))
    const forced = new AppError({ code: 'UNEXPECTED', params: { detail: 'forced failure after health' } })
    let servedNew: string | undefined
    const err = await replaceServerCertificate(input(store), {
      extraSteps: [
        {
          id: 'forced',
          run: async () => {
            servedNew = await servedFingerprint(registries[store].port)
            throw forced
          },
        },
      ],
    }).catch((e: unknown) => e)
    expect(err).toBe(forced)
    expect(servedNew).toBeDefined()
    expect(servedNew).not.toBe(oldPrint) // the new pair was really served before the failure
    await expectOldPair(store, before, oldPrint)
  })

  it('cancel during the health check: CANCELLED, the old pair back on disk and in the container', async () => {
    const { certDir } = registries[store]
    const before = await folderState(certDir)
    const oldPrint = await fileFingerprint(join(certDir, 'domain.crt'))
    const controller = new AbortController()
    const err = await replaceServerCertificate(input(store), {
      signal: controller.signal,
      onProgress: (p) => {
        if (p.step === 'health') controller.abort()
      },
    }).catch((e: unknown) => e)
    expect(err).toMatchObject({ code: 'CANCELLED' })
    await expectOldPair(store, before, oldPrint)
  })
})

describe('replace certificate refused before any change', () => {
  it('a new certificate that does not cover the address: nothing swapped, the container not even restarted', async () => {
    const { certDir, name, port } = registries.bind
    const before = await folderState(certDir)
    const oldPrint = await fileFingerprint(join(certDir, 'domain.crt'))
    const startedAt = (await registryStatus(engine, name)).startedAt
    const err = await replaceServerCertificate(input('bind', { sans: ['localhost'] })).catch(
      (e: unknown) => e,
    )
    expect(err).toMatchObject({ code: 'CERT_HOST_NOT_COVERED' })
    expect(await folderState(certDir)).toEqual(before)
    expect(await servedFingerprint(port)).toBe(oldPrint)
    expect((await registryStatus(engine, name)).startedAt).toBe(startedAt)
    expect(await stagingLeft(certDir)).toEqual([])
  })
})
