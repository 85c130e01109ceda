import { createPrivateKey, generateKeyPair, generatePrime, type KeyObject } from 'node:crypto'
import { AppError, invalidInput } from '../errors'
import { message } from '../messages/index'
import { DEFAULT_KEY_TYPE, KEY_SIZES, KEY_TYPES, type KeySize, type KeyType } from './types'

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

export function parseKeyType(value: unknown, field = 'keyType'): KeyType {
  const type = KEY_TYPES.find((t) => t === value)
  if (type === undefined)
    throw invalidInput(field, value, message('pki.allowed.keyType', { types: [...KEY_TYPES] }))
  return type
}

/** The RSA bits of a key type, undefined for ECDSA. */
export function rsaBitsOf(type: KeyType): KeySize | undefined {
  return type === 'ecdsa-p256' ? undefined : parseKeySize(Number(type.slice('rsa-'.length)))
}

/**
 * The key type a request asks for: `keyType` wins, `keySize` N alone means rsa-N, neither: `fallback` (ECDSA P-256
 * for new keys, the old key's type for a renewal).
 */
export function resolveKeyType(
  input: { keyType?: unknown; keySize?: unknown },
  fallback: KeyType | undefined = DEFAULT_KEY_TYPE,
): KeyType {
  if (input.keyType !== undefined) return parseKeyType(input.keyType)
  if (input.keySize !== undefined) return `rsa-${parseKeySize(input.keySize)}`
  return fallback
}

/**
 * A front end's two options (`--key-type`, `--key-size`): either alone, or both when they agree (rsa-N and N);
 * a contradiction is refused (KEY_TYPE_CONFLICT on `keySize`) rather than one silently winning.
 */
export function keyTypeOption(keyType: unknown, keySize: unknown): KeyType | undefined {
  const type = keyType === undefined ? undefined : parseKeyType(keyType)
  const size = keySize === undefined ? undefined : parseKeySize(keySize)
  if (type !== undefined && size !== undefined && type !== `rsa-${size}`)
    throw new AppError({
      code: 'KEY_TYPE_CONFLICT',
      kind: 'input',
      field: 'keySize',
      params: { keyType: type, keySize: size },
    })
  return type ?? (size === undefined ? undefined : `rsa-${size}`)
}

/** Our key type of a key (private or public), undefined for any other kind (a P-384 key, Ed25519, RSA 1024...). */
export function keyTypeOf(key: KeyObject): KeyType | undefined {
  const details = key.asymmetricKeyDetails
  if (key.asymmetricKeyType === 'ec') return details?.namedCurve === 'prime256v1' ? 'ecdsa-p256' : undefined
  if (key.asymmetricKeyType !== 'rsa') return undefined
  return KEY_TYPES.find((t) => t === `rsa-${details?.modulusLength ?? 0}`)
}

function generateEcKey(): Promise<KeyObject> {
  return new Promise((resolve, reject) => {
    generateKeyPair('ec', { namedCurve: 'prime256v1' }, (err, _publicKey, privateKey) =>
      err ? reject(err) : resolve(privateKey),
    )
  })
}

/** A new private key of the type: ECDSA P-256 (a millisecond) or RSA by the parallel prime search below. */
export function generateKey(type: KeyType): Promise<KeyObject> {
  const bits = rsaBitsOf(type)
  return bits === undefined ? generateEcKey() : generateRsaKey(bits)
}

/** A key made ahead of time (pregen.ts) that is used only when it is a private key of the type asked for. */
export type EarlyKey = Promise<KeyObject | undefined> | undefined

/** The early key when it is a private key of `type`, a fresh one otherwise (the early one is then dropped). */
export async function keyFor(type: KeyType, early: EarlyKey): Promise<KeyObject> {
  const key = early === undefined ? undefined : await early.catch(() => undefined)
  if (key?.type === 'private' && keyTypeOf(key) === type) return key
  return generateKey(type)
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
 * Opens a private key (PKCS#1, SEC1 EC, PKCS#8, encrypted or not) with a clear message for each way it can fail. `field` is
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
