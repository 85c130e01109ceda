import { promises as fs } from 'node:fs'
import type { X509Certificate } from 'node:crypto'
import { fsFailure } from '../../fs/errno'

/** A certificate's key as the plan names key types (`ecdsa-p256`, `rsa-4096`), or its own words when no type fits. */
export function keyTypeOf(cert: X509Certificate): string {
  const k = cert.publicKey
  const d = k.asymmetricKeyDetails
  if (k.asymmetricKeyType === 'ec')
    return d?.namedCurve === 'prime256v1' ? 'ecdsa-p256' : `ec-${d?.namedCurve ?? '?'}`
  if (k.asymmetricKeyType === 'rsa') return `rsa-${d?.modulusLength ?? '?'}`
  return k.asymmetricKeyType ?? 'unknown'
}

/** Reads a file, or undefined when it is not there; `field` names the plan key in a failure. */
export async function readIfThere(path: string, field: string): Promise<string | undefined> {
  try {
    return await fs.readFile(path, 'utf8')
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return undefined
    throw fsFailure(err, { field, path })
  }
}
