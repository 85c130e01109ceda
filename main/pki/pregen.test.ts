import { generateKeyPairSync, type KeyObject } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import { KeyPregen } from './pregen'
import type { KeyType } from './types'

/** A pool whose generator hands out recorded keys (a small RSA key stands for any type: only identity matters). */
function recording(): { pool: KeyPregen; made: { type: KeyType; key: KeyObject }[] } {
  const made: { type: KeyType; key: KeyObject }[] = []
  const pool = new KeyPregen((type) => {
    const key = generateKeyPairSync('rsa', { modulusLength: 1024 }).privateKey
    made.push({ type, key })
    return Promise.resolve(key)
  })
  return { pool, made }
}

describe('KeyPregen', () => {
  it('generates once per type hinted, hands the key out once, and drops it when the type changes', async () => {
    const { pool, made } = recording()
    pool.hint('rsa-4096')
    pool.hint('rsa-4096')
    expect(made.map((m) => m.type)).toEqual(['rsa-4096'])
    expect(pool.take('rsa-3072')).toBeUndefined()
    expect(await pool.take('rsa-4096')).toBe(made[0]?.key)
    // Never twice.
    expect(pool.take('rsa-4096')).toBeUndefined()
    pool.hint('rsa-4096')
    pool.hint('rsa-2048')
    expect(pool.take('rsa-4096')).toBeUndefined()
    expect(pool.pendingType()).toBe('rsa-2048')
    // ECDSA is instant: nothing is generated, and the RSA key waiting is dropped.
    pool.hint('ecdsa-p256')
    expect(pool.pendingType()).toBeUndefined()
    expect(pool.take('rsa-2048')).toBeUndefined()
    expect(made.map((m) => m.type)).toEqual(['rsa-4096', 'rsa-4096', 'rsa-2048'])
  })

  it('discard (app quit) drops the unused key; a failed generation is no key', async () => {
    const { pool } = recording()
    pool.hint('rsa-3072')
    pool.discard()
    expect(pool.take('rsa-3072')).toBeUndefined()
    const failing = new KeyPregen(() => Promise.reject(new Error('no entropy')))
    failing.hint('rsa-2048')
    expect(await failing.take('rsa-2048')).toBeUndefined()
  })
})
