import { promises as fs } from 'node:fs'
import { isAbsolute, join } from 'node:path'
import { kib, readBoundedText } from '../../fs/read-bounded'
import { AppError, invalidInput } from '../../errors'
import {
  CA_CERT_FILE,
  CA_KEY_FILE,
  DEFAULT_LEAF_DAYS,
  DEFAULT_LEAF_KEY_SIZE,
  createCaDir,
  importCaDir,
  inspectCertificate,
  isEncryptedKeyPem,
  issueToDir,
  lintCertificate,
  lintInfo,
  parseSans,
  chainLength,
  readCaChain,
  type CaChain,
  type CertificateInfo,
} from '../../pki/index'
import type { CaChainSummary, CaSummary, CertificateSummary, LintFindingInfo } from '../contract'
import type { AllHandlers } from '../register-handlers'
import type { SettingsStore } from '../../state/settings-store'

export interface PkiHandlerDeps {
  settings: SettingsStore
  now?: () => Date
}

type PkiChannels = 'checkSans' | 'createCa' | 'importCa' | 'openCa' | 'issueServerCert' | 'inspectCertificate'

/** The certificate step, on the real core (main/pki). Keys stay here: the renderer gets summaries only. */
export function pkiHandlers(deps: PkiHandlerDeps): Pick<AllHandlers, PkiChannels> {
  const now = deps.now ?? (() => new Date())

  const caSummary = async (dir: string): Promise<CaSummary> => {
    const certPem = await readField(join(dir, CA_CERT_FILE), 'dir', dir, `it holds no ${CA_CERT_FILE}`)
    const keyPem = await readField(join(dir, CA_KEY_FILE), 'dir', dir, `it holds no ${CA_KEY_FILE}`)
    const info = inspectCertificate(certPem, { now: now() })
    if (!info.isCa) throw invalidInput('dir', dir, `its ${CA_CERT_FILE} is not a CA certificate`)
    // The chain up to the root, checked again (an intermediate folder without chain.crt is refused here, with how
    // to import it again, rather than at issue time).
    const chain = await readCaChain(dir, { now: now() })
    return {
      dir,
      encrypted: isEncryptedKeyPem(keyPem),
      certificate: summarize(info),
      chain: chainSummary(chain),
    }
  }

  const chainSummary = (chain: CaChain): CaChainSummary => ({
    intermediate: chain.issuing !== chain.root,
    length: chainLength(chain),
    intermediates: chain.intermediates.map((c) => summarize(inspectCertificate(c.pem, { now: now() }))),
    root: summarize(inspectCertificate(chain.root.pem, { now: now() })),
  })

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
    checkSans: ({ sans }) => {
      const parsed = parseSans(sans, 'addresses')
      // Lint the certificate we would issue, before issuing it: the same rules as for a real one.
      const planned: CertificateInfo = {
        subject: `CN=${sans[0] ?? ''}`,
        issuer: 'CN=planned',
        commonName: sans[0],
        serial: '00',
        sans: parsed,
        notBefore: now().toISOString(),
        notAfter: new Date(now().getTime() + DEFAULT_LEAF_DAYS * 86_400_000).toISOString(),
        daysLeft: DEFAULT_LEAF_DAYS,
        expired: false,
        notYetValid: false,
        fingerprintSha256: '',
        signatureAlgorithm: 'sha256WithRSAEncryption',
        keyType: 'rsa',
        keyBits: DEFAULT_LEAF_KEY_SIZE,
        isCa: false,
        selfSigned: false,
        extendedKeyUsage: ['serverAuth'],
      }
      const findings: LintFindingInfo[] = [...lintInfo(planned, { hosts: sans }), ...planWarnings(parsed)]
      return Promise.resolve({ sans: parsed, findings })
    },

    createCa: async (req, { job }) => {
      job?.progress('generate-key', 10)
      const subject = { cn: req.commonName, ...(req.organization ? { o: req.organization } : {}) }
      await createCaDir(
        req.dir,
        { subject, days: req.days, keySize: req.keySize, passphrase: req.passphrase, now: now() },
        { force: req.force === true },
      )
      job?.progress('done', 100)
      return remember(await caSummary(req.dir))
    },

    importCa: async (req) => {
      // Files the user picked (Browse opens main's own dialog) or typed: each read whole-file-only and bounded.
      const certPem = await readPickedFile(req.certPath, 'certPath')
      const chainPem =
        req.chainPath === undefined ? undefined : await readPickedFile(req.chainPath, 'chainPath')
      const keyPem = await readPickedFile(req.keyPath, 'keyPath')
      await importCaDir(
        req.dir,
        { certPem, keyPem, passphrase: req.passphrase, chainPem },
        { force: req.force === true, now: now() },
      )
      return remember(await caSummary(req.dir))
    },

    openCa: async ({ dir }) => remember(await caSummary(dir)),

    issueServerCert: async (req, { job }) => {
      job?.progress('generate-key', 10)
      const issued = await issueToDir({
        caDir: req.caDir,
        outDir: req.outDir,
        sans: req.sans,
        days: req.days,
        passphrase: req.passphrase,
        force: req.force === true,
        usage: 'server',
        now: now(),
      })
      job?.progress('done', 100)
      const info = inspectCertificate(issued.certPem, { now: now() })
      const summary = summarize(info)
      // What OUT/ca.crt really holds (the root clients trust), read back rather than assumed.
      const root = summarize(
        inspectCertificate(await readPickedFile(issued.caCertPath, 'out'), { now: now() }),
      )
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
    },

    inspectCertificate: async ({ path, host }) => {
      const pem = await readPickedFile(path, 'path')
      return summarize(inspectCertificate(pem, { host, now: now() }))
    },
  }
}

/** Plan-level warnings the certificate linter cannot know about. */
function planWarnings(sans: { type: 'ip' | 'dns'; value: string }[]): LintFindingInfo[] {
  const out: LintFindingInfo[] = []
  for (const san of sans) {
    if (
      (san.type === 'ip' && (san.value.startsWith('127.') || san.value === '::1')) ||
      san.value === 'localhost'
    ) {
      out.push({
        code: 'LOOPBACK_ADDRESS',
        severity: 'warning',
        message: `${san.value} is a loopback address: Docker treats 127.0.0.0/8 as insecure, so a push over it proves nothing about trust; other machines cannot use it`,
      })
    }
  }
  return out
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
    signatureAlgorithm: info.signatureAlgorithm,
  }
}

async function readField(file: string, field: string, value: string, allowed: string): Promise<string> {
  try {
    return await fs.readFile(file, 'utf8')
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code ?? 'error'
    throw invalidInput(field, value, `${allowed} (${code})`)
  }
}

/** Certificate, chain and key files are read up to this size: a PEM certificate is a few KB. */
export const MAX_PICKED_FILE_BYTES = 4 * 1024 * 1024

function pickedFileError(field: string, path: string, reason: string, code = 'INVALID_INPUT'): AppError {
  return new AppError({
    code,
    kind: 'input',
    field,
    message: `${field}: ${path}: ${reason}`,
    hint: 'Choose the PEM file with Browse. Nothing was changed.',
  })
}

/**
 * Reads a file the renderer named (picked in main's file dialog, or typed): an absolute path to a regular file (not a
 * folder, device or pipe: opened non-blocking, checked on the open handle), at most MAX_PICKED_FILE_BYTES.
 */
export function readPickedFile(path: string, field: string, max = MAX_PICKED_FILE_BYTES): Promise<string> {
  if (!isAbsolute(path))
    throw pickedFileError(field, path, 'give the full path of the file (a relative path is refused)')
  return readBoundedText(
    path,
    max,
    (f) => {
      switch (f.kind) {
        case 'open':
          return pickedFileError(field, path, `the file must exist and be readable (${f.errno})`)
        case 'not-a-file':
          return pickedFileError(field, path, 'it is not a regular file (a folder, device or pipe?)')
        case 'too-large':
          return pickedFileError(
            field,
            path,
            `the file is larger than ${kib(f.max)}; give the PEM file itself (a certificate is a few KB)`,
            'INPUT_TOO_LARGE',
          )
        case 'read':
          return pickedFileError(field, path, `the file cannot be read (${f.errno})`)
      }
    },
    { regularOnly: true },
  )
}
