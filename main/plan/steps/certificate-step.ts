import { createPrivateKey, X509Certificate } from 'node:crypto'
import { join } from 'node:path'
import { DAY_MS } from '../../dates'
import { readCertDir } from '../../docker/cert-material'
import { message, type Message } from '../../messages/index'
import { issueToDir } from '../../pki/ca-dir'
import { CA_CERT_FILE, SERVER_CERT_FILE, SERVER_KEY_FILE } from '../../pki/file-names'
import { certificateCoversHost } from '../../pki/inspect-cert'
import { splitPemBundle } from '../../pki/pem'
import { outcome, type SetupState } from '../setup-types'
import { keyTypeOf, readIfThere } from './key-type'

/** A pair this close to its end is issued again. */
const RENEW_DAYS = 30

const reason = (key: string, params?: Record<string, string | number>): Message =>
  message(`plan.reason.${key}`, params)

function keyMatches(cert: X509Certificate, keyPem: string): boolean {
  try {
    return cert.checkPrivateKey(createPrivateKey(keyPem))
  } catch {
    return false
  }
}

/** Why the pair in the certificate folder is not the planned one, or undefined when it is. */
async function whyNew(s: SetupState): Promise<Message | undefined> {
  const { dir, keyType } = s.input.certificate
  const [certPem, keyPem, rootPem, caPem] = await Promise.all([
    readIfThere(join(dir, SERVER_CERT_FILE), 'certificate.dir'),
    readIfThere(join(dir, SERVER_KEY_FILE), 'certificate.dir'),
    readIfThere(join(dir, CA_CERT_FILE), 'certificate.dir'),
    readIfThere(join(s.input.ca.dir, CA_CERT_FILE), 'ca.dir'),
  ])
  if (certPem === undefined || keyPem === undefined || rootPem === undefined) return reason('missing')
  if (caPem === undefined) return reason('newCa')
  let leaf: X509Certificate
  let ca: X509Certificate
  try {
    leaf = new X509Certificate(splitPemBundle(certPem, 'certificate.dir')[0]?.pem ?? certPem)
    ca = new X509Certificate(caPem)
  } catch {
    return reason('unreadable')
  }
  if (!leaf.checkIssued(ca) || !leaf.verify(ca.publicKey)) return reason('otherCa')
  if (!keyMatches(leaf, keyPem)) return reason('keyMismatch')
  const left = Math.floor((new Date(leaf.validTo).getTime() - Date.now()) / DAY_MS)
  if (left < RENEW_DAYS) return reason('expiresSoon', { days: left })
  const missing = s.input.addresses.find((a) => !certificateCoversHost(leaf.toString(), a))
  if (missing !== undefined) return reason('addressMissing', { address: missing })
  const found = keyTypeOf(leaf)
  if (found !== keyType) return reason('keyType', { found, wanted: keyType })
  return undefined
}

/**
 * Step 2: the server certificate. The pair in certificate.dir is kept when it comes from this CA, its key matches,
 * it names every planned address, has the planned key type and at least 30 days left; otherwise a new pair is
 * issued there (the old one kept as timestamped backups).
 */
export async function certificateStep(s: SetupState): Promise<void> {
  const { dir, days, keyType } = s.input.certificate
  const addresses = s.input.addresses
  const why = await whyNew(s)
  if (why === undefined) {
    s.certs = await readCertDir(dir)
    s.rootPem = s.certs.caPem
    outcome(s, 'certificate', 'kept', { dir, addresses })
    return
  }
  s.certChanged = true
  const existed = (await readIfThere(join(dir, SERVER_CERT_FILE), 'certificate.dir')) !== undefined
  if (s.dryRun) {
    outcome(s, 'certificate', existed ? 'wouldChange' : 'wouldCreate', { dir, addresses, reason: why })
    return
  }
  await issueToDir({
    caDir: s.input.ca.dir,
    outDir: dir,
    sans: addresses,
    days,
    keyType,
    passphrase: s.input.ca.passphrase,
    force: true,
  })
  s.certs = await readCertDir(dir)
  s.rootPem = s.certs.caPem
  outcome(s, 'certificate', existed ? 'changed' : 'created', { dir, addresses, reason: why })
}
