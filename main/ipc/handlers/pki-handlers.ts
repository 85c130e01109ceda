import { addDays } from '../../dates'
import { AppError } from '../../errors'
import { MAX_INPUT_FILE_BYTES, readInputText } from '../../fs/read-input'
import { isLoopback } from '../../net/address'
import {
  CA_CERT_FILE,
  CA_KEY_FILE,
  DEFAULT_LEAF_DAYS,
  createCaDir,
  importCaDir,
  inspectCertificate,
  isEncryptedKeyPem,
  issueToDir,
  lintCertificate,
  lintFinding,
  lintInfo,
  parseSans,
  chainLength,
  readCaChain,
  readCaDirFile,
  type CaChain,
  type CertificateInfo,
  type SanEntry,
} from '../../pki/index'
import { resolveKeyType } from '../../pki/keys'
import { KeyPregen } from '../../pki/pregen'
import { previousCa } from '../../lifecycle/previous-ca'
import type {
  CaChainSummary,
  CaSummary,
  CertificateSummary,
  Channels,
  IssuedServerCert,
  LintFindingInfo,
  SanCheck,
} from '../contract'
import type { HandlerContext } from '../handler-types'
import type { AllHandlers } from '../register-handlers'
import type { SettingsStore } from '../../state/settings-store'

export interface PkiHandlerDeps {
  settings: SettingsStore
  now?: () => Date
  /** Keys generated in the background on the key type control's hint (the app discards it on quit). */
  pregen?: KeyPregen | undefined
}

type PkiChannels =
  'checkSans' | 'createCa' | 'pregenKey' | 'importCa' | 'openCa' | 'issueServerCert' | 'inspectCertificate'
type Req<C extends keyof Channels> = Channels[C]['request']

/** The CA in a folder as the renderer sees it: its certificate and its chain up to the root, checked again. */
async function caSummary(dir: string, now: Date): Promise<CaSummary> {
  const certPem = (await readCaDirFile(dir, CA_CERT_FILE, 'dir')) as string
  const keyPem = (await readCaDirFile(dir, CA_KEY_FILE, 'dir')) as string
  const info = inspectCertificate(certPem, { now, field: 'dir' })
  if (!info.isCa)
    throw new AppError({ code: 'NOT_A_CA', kind: 'input', field: 'dir', params: { subject: info.subject } })
  // The chain up to the root, checked again (an intermediate folder without chain.crt is refused here, with how
  // to import it again, rather than at issue time).
  const chain = await readCaChain(dir, { now, field: 'dir' })
  const previous = chain.issuing === chain.root ? await previousCa(dir, now) : undefined
  return {
    dir,
    encrypted: isEncryptedKeyPem(keyPem),
    certificate: summarize(info),
    chain: chainSummary(chain, now),
    ...(previous && {
      previousCa: { fingerprintSha256: previous.fingerprintSha256, notAfter: previous.notAfter },
    }),
  }
}

function chainSummary(chain: CaChain, now: Date): CaChainSummary {
  return {
    intermediate: chain.issuing !== chain.root,
    length: chainLength(chain),
    intermediates: chain.intermediates.map((c) => summarize(inspectCertificate(c.pem, { now }))),
    root: summarize(inspectCertificate(chain.root.pem, { now })),
  }
}

/** Lints the certificate we would issue, before issuing it: the same rules as for a real one. */
function checkSans(sans: string[], now: Date): SanCheck {
  const parsed = parseSans(sans, 'sans')
  const planned: CertificateInfo = {
    subject: `CN=${sans[0] ?? ''}`,
    issuer: 'CN=planned',
    commonName: sans[0],
    serial: '00',
    sans: parsed,
    notBefore: now.toISOString(),
    notAfter: addDays(now, DEFAULT_LEAF_DAYS).toISOString(),
    daysLeft: DEFAULT_LEAF_DAYS,
    expired: false,
    notYetValid: false,
    fingerprintSha256: '',
    // What issueServerCert makes by default: an ECDSA P-256 key (the CA's key decides the signature).
    signatureAlgorithm: 'ecdsa-with-SHA256',
    keyType: 'ec',
    keyBits: 256,
    keyCurve: 'P-256',
    isCa: false,
    selfSigned: false,
    extendedKeyUsage: ['serverAuth'],
  }
  const findings: LintFindingInfo[] = [...lintInfo(planned, { hosts: sans }), ...planWarnings(parsed)]
  return { sans: parsed, findings }
}

async function issueServerCert(
  deps: PkiHandlerDeps & { pregen: KeyPregen },
  req: Req<'issueServerCert'>,
  job: HandlerContext['job'],
  now: Date,
): Promise<IssuedServerCert> {
  job?.progress('generate-key', 10)
  const keyType = resolveKeyType(req)
  const issued = await issueToDir({
    caDir: req.caDir,
    outDir: req.outDir,
    sans: req.sans,
    days: req.days,
    keyType,
    key: deps.pregen.take(keyType),
    passphrase: req.passphrase,
    force: req.force === true,
    usage: 'server',
    now,
  })
  job?.progress('done', 100)
  const summary = summarize(inspectCertificate(issued.certPem, { now }))
  // What OUT/ca.crt really holds (the root clients trust), read back rather than assumed.
  const root = summarize(inspectCertificate(await readPickedFile(issued.caCertPath, 'outDir'), { now }))
  await deps.settings.rememberCert({
    certPath: issued.certPath,
    caDir: req.caDir,
    sans: req.sans,
    fingerprintSha256: summary.fingerprintSha256,
    notAfter: summary.notAfter,
  })
  return {
    outDir: req.outDir,
    certPath: issued.certPath,
    keyPath: issued.keyPath,
    caCertPath: issued.caCertPath,
    certificate: summary,
    lint: lintCertificate(issued.certPem, { hosts: req.sans }),
    chainLength: issued.chainLength,
    root,
  }
}

async function importCa(req: Req<'importCa'>, now: Date): Promise<void> {
  // Files the user picked (Browse opens main's own dialog) or typed: each read whole-file-only and bounded.
  const certPem = await readPickedFile(req.certPath, 'certPath')
  const chainPem = req.chainPath === undefined ? undefined : await readPickedFile(req.chainPath, 'chainPath')
  const keyPem = await readPickedFile(req.keyPath, 'keyPath')
  await importCaDir(
    req.dir,
    { certPem, keyPem, passphrase: req.passphrase, chainPem },
    { force: req.force === true, now },
  )
}

/** The certificate step, on the real core (main/pki). Keys stay here: the renderer gets summaries only. */
export function pkiHandlers(deps: PkiHandlerDeps): Pick<AllHandlers, PkiChannels> {
  const now = deps.now ?? (() => new Date())
  const pregen = deps.pregen ?? new KeyPregen()
  const remember = async (ca: CaSummary): Promise<CaSummary> => {
    const c = ca.certificate
    await deps.settings.rememberCa({
      dir: ca.dir,
      subject: c.subject,
      fingerprintSha256: c.fingerprintSha256,
      notAfter: c.notAfter,
    })
    return ca
  }
  return {
    checkSans: ({ sans }) => Promise.resolve(checkSans(sans, now())),
    createCa: async (req, { job }) => {
      job?.progress('generate-key', 10)
      const subject = { cn: req.commonName, ...(req.organization ? { o: req.organization } : {}) }
      const keyType = resolveKeyType(req)
      const { days, passphrase } = req
      await createCaDir(
        req.dir,
        { subject, days, keyType, passphrase, now: now(), key: pregen.take(keyType) },
        { force: req.force === true },
      )
      job?.progress('done', 100)
      return remember(await caSummary(req.dir, now()))
    },
    importCa: async (req) => {
      await importCa(req, now())
      return remember(await caSummary(req.dir, now()))
    },
    pregenKey: ({ keyType }) => {
      pregen.hint(keyType)
      return Promise.resolve({ pending: pregen.pendingType() === keyType })
    },
    openCa: async ({ dir }) => remember(await caSummary(dir, now())),
    issueServerCert: (req, { job }) => issueServerCert({ ...deps, pregen }, req, job, now()),
    inspectCertificate: async ({ path, host }) => {
      const pem = await readPickedFile(path, 'path')
      return summarize(inspectCertificate(pem, { host, now: now(), field: 'path' }))
    },
  }
}

/** Plan-level warnings the certificate linter cannot know about. */
function planWarnings(sans: SanEntry[]): LintFindingInfo[] {
  return sans
    .filter((san) => isLoopback(san.value))
    .map((san) => lintFinding('LOOPBACK_ADDRESS', 'warning', { address: san.value }))
}

/** The renderer's view of a certificate: public facts only. */
export function summarize(info: CertificateInfo): CertificateSummary {
  return {
    subject: info.subject,
    issuer: info.issuer,
    commonName: info.commonName,
    serial: info.serial,
    sans: info.sans.map((s) => ({ type: s.type, value: s.value })),
    notBefore: info.notBefore,
    notAfter: info.notAfter,
    daysLeft: info.daysLeft,
    expired: info.expired,
    fingerprintSha256: info.fingerprintSha256,
    isCa: info.isCa,
    keyType: info.keyType,
    keyBits: info.keyBits,
    keyCurve: info.keyCurve,
    signatureAlgorithm: info.signatureAlgorithm,
  }
}

/** Certificate, chain and key files are read up to this size: a PEM certificate is a few KB. */
export const MAX_PICKED_FILE_BYTES = MAX_INPUT_FILE_BYTES

/**
 * Reads a file the renderer named (picked in main's file dialog, or typed): an absolute path to a regular file (not a
 * folder, device or pipe: opened non-blocking, checked on the open handle), at most MAX_PICKED_FILE_BYTES.
 */
export function readPickedFile(path: string, field: string, max = MAX_PICKED_FILE_BYTES): Promise<string> {
  return readInputText(path, field, { max, regularOnly: true, absolute: true })
}
