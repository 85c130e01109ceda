import { createHash } from 'node:crypto'
import { AppError } from '../errors'

const DIGEST = /^sha256:[0-9a-f]{64}$/

/** `sha256:<hex>` of the bytes. */
export function sha256Digest(bytes: Buffer): string {
  return `sha256:${createHash('sha256').update(bytes).digest('hex')}`
}

/** Refuses a digest that is not `sha256:` + 64 lowercase hex digits (the only algorithm we write). */
export function checkDigestForm(digest: string, field = 'digest'): void {
  if (!DIGEST.test(digest))
    throw new AppError({
      code: 'REGISTRY_API_DIGEST_INVALID',
      kind: 'input',
      field,
      params: { value: digest },
    })
}

/** The bytes must hash to `expected`: else REGISTRY_API_DIGEST_MISMATCH naming `what`. */
export function verifyDigest(bytes: Buffer, expected: string, what: string): void {
  const actual = sha256Digest(bytes)
  if (actual !== expected)
    throw new AppError({ code: 'REGISTRY_API_DIGEST_MISMATCH', params: { what, expected, actual } })
}
