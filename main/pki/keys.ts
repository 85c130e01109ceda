import { createPrivateKey, type KeyObject } from 'node:crypto'
import { AppError, invalidInput } from '../errors'
import { message } from '../messages/index'
import { generateKey } from './keygen'
import { DEFAULT_KEY_TYPE, KEY_SIZES, KEY_TYPES, type KeySize, type KeyType } from './types'

// Key generation lives in keygen.ts (node:crypto only, so the CLI can start a key before anything else loads).
export { generateKey, generateRsaKey, rsaBitsOf } from './keygen'

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
