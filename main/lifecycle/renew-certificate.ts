// Renewing the registry's server certificate: the same CA, the same addresses (plus the planned ones), a new validity.
// The work is the replace-certificate job (issue into staging, swap, health, rollback); this module decides what to
// issue from what the registry serves now, and refuses before anything changes when the CA is not the one clients
// already trust.
//
// After `ca renew` the served certificate comes from the CA the folder archived (ca.crt.bak-STAMP). `toNewCa` moves
// it to the folder's new CA: allowed only when that archived CA issued it (proven by its signature: the renewed CA
// has the same name), the same job, and afterwards a check of what clients see: one with only the previous CA is
// refused from then on, one with the two-CA bundle (bundle export --previous-ca) is not.
import type { X509Certificate } from 'node:crypto'
import { promises as fs } from 'node:fs'
import { join, resolve } from 'node:path'
import {
  CERT_FILE,
  CERTS_DIR,
  chainsTo,
  healthTarget,
  probeRegistry,
  readContainerFile,
} from '../docker/index'
import { AppError } from '../errors'
import type { JobStep } from '../jobs/runner'
import { CA_CERT_FILE, certificateSans, pemCertificates, readCaDirFile, type KeyType } from '../pki/index'
import { keyTypeOf } from '../pki/keys'
import {
  replaceServerCertificate,
  type ReplaceCertificateOptions,
  type ReplaceCertificateResult,
  type ReplaceState,
  type ReplaceTarget,
} from './replace-certificate'

export interface RenewCertificateInput extends ReplaceTarget {
  /** The CA that issued the served certificate (its folder: ca.crt, ca.key). */
  caDir: string
  /** Addresses the renewed certificate names besides those of the served one (the plan's addresses). */
  addSans?: readonly string[] | undefined
  passphrase?: string | undefined
  days?: number | undefined
  /** The new key's type; default: the served certificate's (ECDSA P-256 when ours has no such type). */
  keyType?: KeyType | undefined
  now?: Date | undefined
  /**
   * Move to caDir's new CA after `ca renew`: the served certificate may come from the CA the folder archived
   * (ca.crt.bak-STAMP), proven by its signature; the renewed one comes from the new CA. Clients that trust only the
   * previous CA are refused afterwards: they need the two-CA bundle first. Served already from the new CA: a renewal.
   */
  toNewCa?: boolean | undefined
}

/** What a client sees after the move, probed over TLS (GET /v2/): 'accepted' or 'refused'. */
export type ClientTrust = 'accepted' | 'refused'

export interface CaMove {
  /** The archived previous CA that issued the certificate served before (ca.crt.bak-STAMP in caDir). */
  previousCaPath: string
  /** The CA the certificate comes from now (caDir/ca.crt). */
  caPath: string
  /** A client with only the previous CA (refused: it needed the two-CA bundle first). */
  previousCaOnly: ClientTrust
  /** A client with the two-CA bundle (both CAs). */
  bothCas: ClientTrust
}

export interface RenewCertificateResult extends ReplaceCertificateResult {
  name: string
  /** The addresses the renewed certificate names: the served ones first, then the added ones. */
  sans: string[]
  /** The served certificate's end before the renewal. */
  previousNotAfter: string
  previousFingerprintSha256: string
  fingerprintSha256: string
  /** Which CA had issued the served certificate: caDir's own ('sameCa'), or its archived previous ('previousCa'). */
  issuedBy: 'sameCa' | 'previousCa'
  /** The move to the new CA (issuedBy 'previousCa'), with what clients see now; absent for a renewal. */
  move?: CaMove | undefined
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

/** An archived CA certificate of a CA folder: what `ca renew` (or --force) moved aside as ca.crt.bak-STAMP. */
export interface ArchivedCa {
  path: string
  pem: string
  cert: X509Certificate
}

const ARCHIVED_CA = /^ca\.crt\.bak-\d{8}T\d{6}Z(-\d+)?$/

/** The CA certificates caDir archived, newest first (the stamp sorts by time). */
export async function archivedCas(caDir: string): Promise<ArchivedCa[]> {
  const dir = resolve(caDir)
  const names = (await fs.readdir(dir))
    .filter((n) => ARCHIVED_CA.test(n))
    .sort()
    .reverse()
  const out: ArchivedCa[] = []
  for (const n of names) {
    const path = join(dir, n)
    const pem = await fs.readFile(path, 'utf8').catch(() => '')
    const cert = pemCertificates(pem, 'lenient')[0]
    if (cert?.ca === true) out.push({ path, pem: cert.toString(), cert })
  }
  return out
}

type Issuer = { kind: 'sameCa' } | { kind: 'previousCa'; previous: ArchivedCa; caPath: string }

/**
 * Which CA issued the served certificate, by signature: caDir's own (a renewal: clients need nothing new), or with
 * toNewCa one caDir archived (a move). Anything else is refused before anything changes.
 */
async function servedIssuer(input: RenewCertificateInput, served: X509Certificate): Promise<Issuer> {
  const caText = (await readCaDirFile(input.caDir, CA_CERT_FILE, 'caDir')) as string
  if (chainsTo([served], pemCertificates(caText, 'lenient'))) return { kind: 'sameCa' }
  const archived = await archivedCas(input.caDir)
  const previous = archived.find((a) => chainsTo([served], [a.cert]))
  const dir = resolve(input.caDir)
  const { name } = input
  if (previous !== undefined && input.toNewCa === true)
    return { kind: 'previousCa', previous, caPath: join(dir, CA_CERT_FILE) }
  if (previous !== undefined)
    throw new AppError({
      code: 'CERT_FROM_PREVIOUS_CA',
      kind: 'input',
      field: 'caDir',
      params: { name, dir, previous: previous.path },
    })
  if (input.toNewCa !== true) throw new AppError({ code: 'CERT_NOT_SAME_CA', kind: 'input', field: 'caDir' })
  if (archived.length === 0)
    throw new AppError({ code: 'RENEW_NO_PREVIOUS_CA', kind: 'input', field: 'toNewCa', params: { dir } })
  throw new AppError({
    code: 'RENEW_NOT_PREVIOUS_CA',
    kind: 'input',
    field: 'caDir',
    params: { name, dir, previous: archived.map((a) => a.path) },
  })
}

/** One GET /v2/ trusting only `caPem`, at the address the health step checked. */
async function clientTrust(state: ReplaceState, caPem: string): Promise<ClientTrust> {
  const { check, port } = state.checked ?? {}
  if (check === undefined || port === undefined) throw new Error('renew-cert: clients checked before health')
  const target = healthTarget(state.input.engine, check.identity, port, caPem)
  return probeRegistry(target, 5000).then(
    () => 'accepted',
    () => 'refused',
  )
}

/** After the health step of a move: what a client with only the previous CA, and one with both, sees now. */
function clientsStep(issuer: Issuer & { kind: 'previousCa' }, out: Partial<CaMove>): JobStep<ReplaceState> {
  return {
    id: 'clients',
    run: async (state) => {
      const newCa = state.fresh?.caPem ?? ''
      out.previousCaOnly = await clientTrust(state, issuer.previous.pem)
      out.bothCas = await clientTrust(state, `${newCa.trimEnd()}\n${issuer.previous.pem}`)
    },
  }
}

/**
 * Renews the served certificate as one job: reads the certificate the registry serves, issues a new one from the
 * same CA for the same addresses plus `addSans`, swaps it in and checks health; any failure (or a cancel) puts the
 * old pair back on disk and in the container. Clients need nothing new: the CA is the one they trust. With
 * `toNewCa` the served certificate may come from caDir's previous CA: the new one comes from the new CA, and the
 * result's `move` says what clients with only the previous CA, and with both, see afterwards.
 */
export async function renewServerCertificate(
  input: RenewCertificateInput,
  options: ReplaceCertificateOptions = {},
): Promise<RenewCertificateResult> {
  const served = await servedCertificate(input)
  const issuer = await servedIssuer(input, served)
  const sans = renewedSans(
    certificateSans(served).map((s) => s.value),
    input.addSans ?? [],
  )
  const seen: Partial<CaMove> = {}
  const moving = issuer.kind === 'previousCa'
  const out = await replaceServerCertificate(
    {
      ...input,
      sans,
      keyType: input.keyType ?? keyTypeOf(served.publicKey),
      servedCaPem: moving ? issuer.previous.pem : undefined,
    },
    {
      ...options,
      extraSteps: [...(moving ? [clientsStep(issuer, seen)] : []), ...(options.extraSteps ?? [])],
    },
  )
  const now = await readContainerFile(input.engine, input.name, `${CERTS_DIR}/${CERT_FILE}`)
  const renewed = now === undefined ? undefined : pemCertificates(now, 'lenient')[0]
  return {
    ...out,
    name: input.name,
    sans,
    previousNotAfter: new Date(served.validTo).toISOString(),
    previousFingerprintSha256: served.fingerprint256,
    fingerprintSha256: renewed?.fingerprint256 ?? '',
    issuedBy: issuer.kind,
    move: moving ? moveOf(issuer, seen) : undefined,
  }
}

function moveOf(issuer: Issuer & { kind: 'previousCa' }, seen: Partial<CaMove>): CaMove {
  const { previousCaOnly, bothCas } = seen
  if (previousCaOnly === undefined || bothCas === undefined)
    throw new Error('renew-cert: the move ended without its clients step')
  return { previousCaPath: issuer.previous.path, caPath: issuer.caPath, previousCaOnly, bothCas }
}
