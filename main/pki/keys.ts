import { createPrivateKey, generatePrime, type KeyObject } from 'node:crypto'
import { AppError, invalidInput } from '../errors'
import { message } from '../messages/index'
import { KEY_SIZES, type KeySize } from './types'

/** node:crypto generatePrime as a promise of a bigint (its callback overloads defeat promisify's typing). */
function generatePrimeAsync(bits: number): Promise<bigint> {
  return new Promise((resolve, reject) => {
    generatePrime(bits, { bigint: true }, (err, prime) => (err ? reject(err) : resolve(prime)))
  })
}

export const MIN_PASSPHRASE_LENGTH = 4

export function parseKeySize(value: unknown, field = 'keySize'): KeySize {
  const n = typeof value === 'string' ? Number(value) : value
  const size = KEY_SIZES.find((s) => s === n)
  if (size === undefined)
    throw invalidInput(field, value, message('pki.allowed.keySize', { sizes: [...KEY_SIZES] }))
  return size
}

export function checkPassphrase(passphrase: string | undefined, field = 'passphrase'): void {
  if (passphrase !== undefined && passphrase.length < MIN_PASSPHRASE_LENGTH) {
    // Never echo a secret back: name the field and the rule only.
    throw new AppError({
      code: 'PASSPHRASE_TOO_SHORT',
      kind: 'input',
      field,
      params: { length: passphrase.length, min: MIN_PASSPHRASE_LENGTH },
    })
  }
}

const E = 0x10001n

function gcd(a: bigint, b: bigint): bigint {
  while (b !== 0n) [a, b] = [b, a % b]
  return a
}

/** The inverse of `a` modulo `m` (extended Euclid); `a` and `m` are coprime here. */
function modInverse(a: bigint, m: bigint): bigint {
  let [r0, r1, s0, s1] = [a % m, m, 1n, 0n]
  while (r1 !== 0n) {
    const q = r0 / r1
    ;[r0, r1] = [r1, r0 - q * r1]
    ;[s0, s1] = [s1, s0 - q * s1]
  }
  return ((s0 % m) + m) % m
}

function b64url(n: bigint): string {
  const hex = n.toString(16)
  return Buffer.from(hex.length % 2 === 0 ? hex : `0${hex}`, 'hex').toString('base64url')
}

/**
 * One RSA prime of `bits` bits from OpenSSL (node:crypto generatePrime: its CSPRNG and primality tests), kept only
 * when its two top bits are set (so p*q has exactly 2*bits bits) and p-1 is coprime with e.
 */
async function rsaPrime(bits: number): Promise<bigint> {
  for (;;) {
    const p = await generatePrimeAsync(bits)
    if (p >> BigInt(bits - 2) === 3n && gcd(E, p - 1n) === 1n) return p
  }
}

/**
 * RSA key generation by OpenSSL's prime search, the two primes searched at once on the thread pool (they are
 * independent, so the key takes as long as the slower prime instead of both in a row; several times faster than
 * generateKeyPair's sequential search on two cores). The checks of FIPS 186-5 A.1.3 are applied: |p-q| > 2^(bits/2-100),
 * d > 2^(bits/2), d = e^-1 mod lcm(p-1, q-1). The result is an ordinary KeyObject (`openssl pkey -check` passes).
 * Never node-forge's JS path.
 */
export async function generateRsaKey(bits: KeySize): Promise<KeyObject> {
  const half = bits / 2
  for (;;) {
    let [p, q] = await Promise.all([rsaPrime(half), rsaPrime(half)])
    if (p < q) [p, q] = [q, p]
    if (p - q <= 1n << BigInt(half - 100)) continue
    const lambda = ((p - 1n) * (q - 1n)) / gcd(p - 1n, q - 1n)
    const d = modInverse(E, lambda)
    if (d <= 1n << BigInt(half)) continue
    return createPrivateKey({
      format: 'jwk',
      key: {
        kty: 'RSA',
        n: b64url(p * q),
        e: b64url(E),
        d: b64url(d),
        p: b64url(p),
        q: b64url(q),
        dp: b64url(d % (p - 1n)),
        dq: b64url(d % (q - 1n)),
        qi: b64url(modInverse(q, p)),
      },
    })
  }
}

/** PKCS#8 PEM; with a passphrase, encrypted with PBES2 / AES-256-CBC (opens with `openssl pkey -passin`). */
export function exportPrivateKeyPem(key: KeyObject, passphrase?: string): string {
  if (passphrase === undefined) return key.export({ type: 'pkcs8', format: 'pem' }).toString()
  return key.export({ type: 'pkcs8', format: 'pem', cipher: 'aes-256-cbc', passphrase }).toString()
}

export function isEncryptedKeyPem(pem: string): boolean {
  return pem.includes('ENCRYPTED PRIVATE KEY') || /Proc-Type:\s*4,ENCRYPTED/.test(pem)
}

/**
 * Opens a private key (PKCS#1, PKCS#8, encrypted or not) with a clear message for each way it can fail. `field` is
 * the request field the key came from; passphrase errors name the `passphrase` field.
 */
export function readPrivateKey(pem: string, passphrase: string | undefined, field = 'keyPath'): KeyObject {
  if (!pem.includes('PRIVATE KEY')) throw new AppError({ code: 'KEY_NOT_PEM', kind: 'input', field })
  const encrypted = isEncryptedKeyPem(pem)
  if (encrypted && passphrase === undefined)
    throw new AppError({ code: 'PASSPHRASE_REQUIRED', kind: 'input', field: 'passphrase' })
  try {
    return createPrivateKey(
      encrypted ? { key: pem, format: 'pem', passphrase: passphrase ?? '' } : { key: pem, format: 'pem' },
    )
  } catch (err) {
    if (encrypted)
      throw new AppError({ code: 'WRONG_PASSPHRASE', kind: 'input', field: 'passphrase', cause: err })
    const detail = err instanceof Error ? err.message : String(err)
    throw new AppError({ code: 'KEY_UNREADABLE', kind: 'input', field, params: { detail } })
  }
}
