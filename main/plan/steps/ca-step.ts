import type { X509Certificate } from 'node:crypto'
import { join } from 'node:path'
import { AppError } from '../../errors'
import { createCaDir, importCaDir, loadCaDir } from '../../pki/ca-dir'
import { CA_CERT_FILE } from '../../pki/file-names'
import { dnLine } from '../../pki/pem'
import { firstCertificatePem, parseCertificate } from '../../pki/open-ca'
import { outcome, type SetupState } from '../setup-types'
import { keyTypeOf, readIfThere } from './key-type'

/** What the plan asks of an existing CA: the same subject CN and key type (create), the same certificate (import). */
function mismatch(s: SetupState, cert: X509Certificate): string | undefined {
  const { create, import: imp } = s.input.ca
  if (imp !== undefined) {
    const wanted = parseCertificate(firstCertificatePem(imp.certPem), 'ca.import.cert')
    return wanted.fingerprint256 === cert.fingerprint256 ? undefined : wanted.fingerprint256
  }
  if (create === undefined) return undefined
  const cn = /(?:^|\n)CN=([^\n]*)/.exec(cert.subject)?.[1]
  const key = keyTypeOf(cert)
  if (cn === create.subject.cn && key === create.keyType) return undefined
  return `CN=${create.subject.cn}, ${create.keyType}`
}

/**
 * Step 1: the CA. One already in ca.dir is kept when it is the planned one (and its key opens); another CA there is
 * never replaced (SETUP_CA_MISMATCH). None there: created (or imported) as planned.
 */
export async function caStep(s: SetupState): Promise<void> {
  const { ca } = s.input
  const certPath = join(ca.dir, CA_CERT_FILE)
  const existing = await readIfThere(certPath, 'ca.dir')
  if (existing !== undefined) {
    const cert = parseCertificate(firstCertificatePem(existing), 'ca.dir')
    const wanted = mismatch(s, cert)
    const found = `${dnLine(cert.subject)}, ${keyTypeOf(cert)}`
    if (wanted !== undefined)
      throw new AppError({
        code: 'SETUP_CA_MISMATCH',
        kind: 'input',
        field: 'ca.dir',
        params: { dir: ca.dir, found, wanted },
      })
    await loadCaDir(ca.dir, ca.passphrase, undefined, 'ca.dir')
    outcome(s, 'ca', 'kept', { dir: ca.dir, ca: found })
    return
  }
  if (ca.import !== undefined) {
    if (s.dryRun) {
      outcome(s, 'ca', 'wouldCreate', { dir: ca.dir, ca: ca.import.certPath })
      return
    }
    const r = await importCaDir(ca.dir, { ...ca.import, passphrase: ca.passphrase })
    outcome(s, 'ca', 'created', { dir: ca.dir, ca: r.subject })
    return
  }
  const create = ca.create
  if (create === undefined) return
  const planned = `CN=${create.subject.cn}, ${create.keyType}`
  if (s.dryRun) {
    outcome(s, 'ca', 'wouldCreate', { dir: ca.dir, ca: planned })
    return
  }
  await createCaDir(ca.dir, {
    subject: create.subject,
    days: create.days,
    keyType: create.keyType,
    passphrase: ca.passphrase,
  })
  outcome(s, 'ca', 'created', { dir: ca.dir, ca: planned })
}
