import { X509Certificate, createPublicKey, type KeyObject } from 'node:crypto'
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { startIpc, type IpcHarness } from '../../../tests/support/ipc-harness'
import { generateKey } from '../../pki/keys'
import { KeyPregen } from '../../pki/pregen'
import type { KeyType } from '../../pki/types'
import type { Result } from '../contract'

vi.mock('electron', () => import('../../../tests/support/electron-stand-in/index'))

// The GUI's background RSA key (issue 15) through the real IPC path: the renderer sends only the key type, main
// generates the key, "Create CA" uses THAT key (the CA certificate's public key is the pre-generated one), and a
// second CA never gets it again. No timing is asserted: which key was used is the proof.

let dir: string
let ipc: IpcHarness
let made: { type: KeyType; key: KeyObject }[]
let pregen: KeyPregen

const value = <T>(r: Result<T>): T => {
  if (!r.ok) throw new Error(`expected ok, got ${JSON.stringify(r.error)}`)
  return r.value
}
const spki = (key: KeyObject): string =>
  (key.type === 'public' ? key : createPublicKey(key)).export({ type: 'spki', format: 'pem' }).toString()
const caSpki = (caDir: string): string =>
  spki(new X509Certificate(readFileSync(join(caDir, 'ca.crt'))).publicKey)

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'rw-pregen-ipc-'))
  made = []
  // The real generator, recording what it made (the keys stay in this process, as in main).
  pregen = new KeyPregen(async (type) => {
    const key = await generateKey(type)
    made.push({ type, key })
    return key
  })
  ipc = startIpc({ dir, deps: { keyPregen: pregen } })
})
afterEach(() => {
  ipc.close()
  rmSync(dir, { recursive: true, force: true })
})

const createCa = (name: string, keyType: KeyType): Promise<Result<unknown>> =>
  ipc.fromApp(() =>
    ipc.api.createCa({
      jobId: `create-ca-${name}`,
      dir: join(dir, name),
      commonName: `Pregen ${name}`,
      keyType,
    }),
  )

describe('pregenKey over IPC', () => {
  it('Create CA uses the RSA-4096 key generated on the hint, once: the next CA gets a fresh key', async () => {
    const answer = value(await ipc.fromApp(() => ipc.api.pregenKey({ keyType: 'rsa-4096' })))
    expect(answer).toEqual({ pending: true })
    await vi.waitFor(() => expect(made).toHaveLength(1), { timeout: 60_000, interval: 50 })
    const pre = made[0] as { type: KeyType; key: KeyObject }
    expect(pre.type).toBe('rsa-4096')
    value(await createCa('first', 'rsa-4096'))
    expect(caSpki(join(dir, 'first'))).toBe(spki(pre.key))
    expect(pregen.pendingType()).toBeUndefined()
    value(await createCa('second', 'rsa-4096'))
    const second = caSpki(join(dir, 'second'))
    expect(second).not.toBe(spki(pre.key))
    expect(
      new X509Certificate(readFileSync(join(dir, 'second', 'ca.crt'))).publicKey.asymmetricKeyDetails,
    ).toMatchObject({ modulusLength: 4096 })
  }, 120_000)

  it('a key of another type is dropped when the type changes, never used for the type finally chosen', async () => {
    value(await ipc.fromApp(() => ipc.api.pregenKey({ keyType: 'rsa-2048' })))
    value(await ipc.fromApp(() => ipc.api.pregenKey({ keyType: 'ecdsa-p256' })))
    expect(pregen.pendingType()).toBeUndefined()
    value(await ipc.fromApp(() => ipc.api.pregenKey({ keyType: 'rsa-3072' })))
    await vi.waitFor(() => expect(made).toHaveLength(2), { timeout: 60_000, interval: 50 })
    value(await createCa('ec', 'ecdsa-p256'))
    const ec = new X509Certificate(readFileSync(join(dir, 'ec', 'ca.crt'))).publicKey
    expect(ec.asymmetricKeyType).toBe('ec')
    expect(made.map((m) => spki(m.key))).not.toContain(spki(ec))
    // The renderer can only name a type: anything else is refused by the schema.
    const bad = await ipc.fromApp(() => ipc.api.pregenKey({ keyType: 'rsa-1024' as KeyType }))
    expect(bad.ok).toBe(false)
  }, 120_000)
})
