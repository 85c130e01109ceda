// Key generation with no import but node:crypto, taken when a key is made (process.getBuiltinModule): the CLI's entry
// imports this first (main/cli/early-work.ts), so `cert issue` starts its key before the rest of the CLI loads and
// every other command still starts without node:crypto.
import type { KeyObject } from 'node:crypto'
import type { KeyType } from './key-types'
import type { KeySize } from './types'

const crypto = () => process.getBuiltinModule('node:crypto')

/** node:crypto generatePrime as a promise of a bigint (its callback overloads defeat promisify's typing). */
function generatePrimeAsync(bits: number): Promise<bigint> {
  return new Promise((resolve, reject) => {
    crypto().generatePrime(bits, { bigint: true }, (err, prime) => (err ? reject(err) : resolve(prime)))
  })
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
    return crypto().createPrivateKey({
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

function generateEcKey(): Promise<KeyObject> {
  return new Promise((resolve, reject) => {
    crypto().generateKeyPair('ec', { namedCurve: 'prime256v1' }, (err, _publicKey, privateKey) =>
      err ? reject(err) : resolve(privateKey),
    )
  })
}

/** The RSA bits of a key type, undefined for ECDSA. */
export function rsaBitsOf(type: KeyType): KeySize | undefined {
  switch (type) {
    case 'ecdsa-p256':
      return undefined
    case 'rsa-2048':
      return 2048
    case 'rsa-3072':
      return 3072
    case 'rsa-4096':
      return 4096
  }
}

/** A new private key of the type: ECDSA P-256 (a millisecond) or RSA by the parallel prime search above. */
export function generateKey(type: KeyType): Promise<KeyObject> {
  const bits = rsaBitsOf(type)
  return bits === undefined ? generateEcKey() : generateRsaKey(bits)
}
