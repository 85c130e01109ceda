// Renewing the registry's server certificate: the same CA, the same addresses (plus the planned ones), a new validity.
// The work is the replace-certificate job (issue into staging, swap, health, rollback); this module decides what to
// issue from what the registry serves now, and refuses before anything changes when the CA is not the one clients
// already trust.
import type { X509Certificate } from 'node:crypto'
import { promises as fs } from 'node:fs'
import { join } from 'node:path'
import { CERT_FILE, CERTS_DIR, chainsTo, readContainerFile } from '../docker/index'
import { AppError } from '../errors'
import { CA_CERT_FILE, certificateSans, pemCertificates, readCaDirFile } from '../pki/index'
import {
  replaceServerCertificate,
  type ReplaceCertificateOptions,
  type ReplaceCertificateResult,
  type ReplaceTarget,
} from './replace-certificate'

export interface RenewCertificateInput extends ReplaceTarget {
  /** The CA that issued the served certificate (its folder: ca.crt, ca.key). */
  caDir: string
  /** Addresses the renewed certificate names besides those of the served one (the plan's addresses). */
  addSans?: readonly string[] | undefined
  passphrase?: string | undefined
  days?: number | undefined
  now?: Date | undefined
}

export interface RenewCertificateResult extends ReplaceCertificateResult {
  name: string
  /** The addresses the renewed certificate names: the served ones first, then the added ones. */
  sans: string[]
  /** The served certificate's end before the renewal. */
  previousNotAfter: string
  previousFingerprintSha256: string
  fingerprintSha256: string
}

/** What the container serves now: its /certs/domain.crt, else the live folder's (the replace job reads the same). */
async function servedCertificate(input: RenewCertificateInput): Promise<X509Certificate> {
  const inContainer = await readContainerFile(input.engine, input.name, `${CERTS_DIR}/${CERT_FILE}`)
  const text =
    inContainer ??
    (input.certDir === undefined
      ? undefined
      : await fs.readFile(join(input.certDir, CERT_FILE), 'utf8').catch(() => undefined))
  const leaf = text === undefined ? undefined : pemCertificates(text, 'lenient')[0]
  if (leaf === undefined) throw new AppError({ code: 'REPLACE_NO_OLD_PAIR', params: { name: input.name } })
  return leaf
}

/** The served addresses, then the added ones not among them (compared as the certificate spells them). */
export function renewedSans(served: readonly string[], added: readonly string[]): string[] {
  const out = [...served]
  for (const san of added) if (!out.some((s) => s.toLowerCase() === san.toLowerCase())) out.push(san)
  return out
}

/** The served certificate must chain to the CA in caDir: a renewal never makes clients trust a new CA. */
async function checkSameCa(input: RenewCertificateInput, served: X509Certificate): Promise<void> {
  const caText = (await readCaDirFile(input.caDir, CA_CERT_FILE, 'caDir')) as string
  if (!chainsTo([served], pemCertificates(caText, 'lenient')))
    throw new AppError({ code: 'CERT_NOT_SAME_CA', kind: 'input', field: 'caDir' })
}

/**
 * Renews the served certificate as one job: reads the certificate the registry serves, issues a new one from the
 * same CA for the same addresses plus `addSans`, swaps it in and checks health; any failure (or a cancel) puts the
 * old pair back on disk and in the container. Clients need nothing new: the CA is the one they trust.
 */
export async function renewServerCertificate(
  input: RenewCertificateInput,
  options: ReplaceCertificateOptions = {},
): Promise<RenewCertificateResult> {
  const served = await servedCertificate(input)
  await checkSameCa(input, served)
  const sans = renewedSans(
    certificateSans(served).map((s) => s.value),
    input.addSans ?? [],
  )
  const out = await replaceServerCertificate({ ...input, sans }, options)
  const now = await readContainerFile(input.engine, input.name, `${CERTS_DIR}/${CERT_FILE}`)
  const renewed = now === undefined ? undefined : pemCertificates(now, 'lenient')[0]
  return {
    ...out,
    name: input.name,
    sans,
    previousNotAfter: new Date(served.validTo).toISOString(),
    previousFingerprintSha256: served.fingerprint256,
    fingerprintSha256: renewed?.fingerprint256 ?? '',
  }
}
