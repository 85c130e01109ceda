import { createPrivateKey, generateKeyPair, type KeyObject } from 'node:crypto'
import { promisify } from 'node:util'
import { AppError, invalidInput } from '../errors'
import { KEY_SIZES, type KeySize } from './types'

const generateKeyPairAsync = promisify(generateKeyPair)

export const MIN_PASSPHRASE_LENGTH = 4

export function parseKeySize(value: unknown, field = 'key size'): KeySize {
  const n = typeof value === 'string' ? Number(value) : value
  const size = KEY_SIZES.find((s) => s === n)
  if (size === undefined) throw invalidInput(field, value, `allowed sizes are ${KEY_SIZES.join(', ')} bits`)
  return size
}

export function checkPassphrase(passphrase: string | undefined, field = 'passphrase'): void {
  if (passphrase !== undefined && passphrase.length < MIN_PASSPHRASE_LENGTH) {
    // Never echo a secret back: name the field and the rule only.
    throw invalidInput(
      field,
      `(${passphrase.length} characters)`,
      `use at least ${MIN_PASSPHRASE_LENGTH} characters (OpenSSL refuses shorter ones)`,
    )
  }
}

/** RSA key generation with Node's native (OpenSSL) implementation, off the main thread. Never node-forge's JS path. */
export async function generateRsaKey(bits: KeySize): Promise<KeyObject> {
  const { privateKey } = await generateKeyPairAsync('rsa', { modulusLength: bits, publicExponent: 0x10001 })
  return privateKey
}

/** PKCS#8 PEM; with a passphrase, encrypted with PBES2 / AES-256-CBC (opens with `openssl pkey -passin`). */
export function exportPrivateKeyPem(key: KeyObject, passphrase?: string): string {
  if (passphrase === undefined) return key.export({ type: 'pkcs8', format: 'pem' }).toString()
  return key.export({ type: 'pkcs8', format: 'pem', cipher: 'aes-256-cbc', passphrase }).toString()
}

export function isEncryptedKeyPem(pem: string): boolean {
  return pem.includes('ENCRYPTED PRIVATE KEY') || /Proc-Type:\s*4,ENCRYPTED/.test(pem)
}

/** Opens a private key (PKCS#1, PKCS#8, encrypted or not) with a clear message for each way it can fail. */
export function readPrivateKey(pem: string, passphrase: string | undefined, field = 'key'): KeyObject {
  if (!pem.includes('PRIVATE KEY')) {
    throw invalidInput(
      field,
      '(file contents)',
      'a PEM private key ("-----BEGIN ... PRIVATE KEY-----") is required',
    )
  }
  const encrypted = isEncryptedKeyPem(pem)
  if (encrypted && passphrase === undefined) {
    throw new AppError({
      code: 'PASSPHRASE_REQUIRED',
      kind: 'input',
      field: 'passphrase',
      message: `${field}: the private key is encrypted and no passphrase was given`,
      hint: 'Give the passphrase (--passphrase-file FILE).',
    })
  }
  try {
    return createPrivateKey(
      encrypted ? { key: pem, format: 'pem', passphrase: passphrase ?? '' } : { key: pem, format: 'pem' },
    )
  } catch (err) {
    if (encrypted) {
      throw new AppError({
        code: 'WRONG_PASSPHRASE',
        kind: 'input',
        field: 'passphrase',
        message: `${field}: the passphrase does not open the private key`,
        hint: 'Check the passphrase file (one line, the passphrase only) and try again.',
        cause: err,
      })
    }
    throw invalidInput(
      field,
      '(file contents)',
      `it is not a readable PEM private key (${err instanceof Error ? err.message : String(err)})`,
    )
  }
}
