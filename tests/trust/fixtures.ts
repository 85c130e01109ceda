import { createCa, issueCertificate, openCa } from '../../main/pki'
import type { PemPair } from '../../main/pki/types'

/** A fresh test CA from our own certificate core (RSA 2048 to keep the shared CPU free). */
export async function makeTestCa(cn = 'Registry Wizard Test CA'): Promise<PemPair> {
  return createCa({ subject: { cn }, keySize: 2048, days: 30 })
}

/** A server certificate for the given addresses, signed by the CA. */
export async function issueServerCert(ca: PemPair, sans: string[]): Promise<PemPair> {
  const issued = await issueCertificate(openCa(ca), { sans, keySize: 2048, days: 20 })
  return { certPem: issued.certPem, keyPem: issued.keyPem }
}
