import { AppError, invalidInput } from '../errors'
import { message } from '../messages/index'
import {
  hostKeyAlgorithms,
  keyBlobType,
  keyFamily,
  knownHostsName,
  lookupHostKey,
  patternsMatch,
  readKnownHosts,
  sha256Fingerprint,
  type KnownHostEntry,
} from './known-hosts'

/** How the server's host key is checked: a pinned fingerprint, else the known_hosts files (OpenSSH semantics). */
export interface HostKeyPolicy {
  /** The engine as a URL, for messages. */
  display: string
  host: string
  port: number
  /** `SHA256:...` (as ssh-keygen -lf prints it). When given, only this key is accepted. */
  fingerprint?: string | undefined
  /** known_hosts files to read (missing ones are skipped). */
  knownHostsFiles: readonly string[]
}

const FINGERPRINT = /^SHA256:[A-Za-z0-9+/]{43}=?$/

/** Checks the form of a pinned fingerprint; returns it without padding. */
export function parseHostKeyFingerprint(value: string, field = 'sshHostKeyFingerprint'): string {
  const v = value.trim()
  if (!FINGERPRINT.test(v)) throw invalidInput(field, value, message('docker.allowed.fingerprint'))
  return v.replace(/=$/, '')
}

function keyscan(p: HostKeyPolicy): string {
  return `ssh-keyscan ${p.port === 22 ? '' : `-p ${p.port} `}${p.host} >> ~/.ssh/known_hosts`
}

function where(e: KnownHostEntry): string {
  return `${e.file}:${e.line}`
}

/** What every host key error names: the engine, the known_hosts name, the offered key and its family. */
function offered(
  p: HostKeyPolicy,
  keyBlob: Buffer,
): Record<'engine' | 'hostName' | 'fingerprint' | 'family' | 'familyLower' | 'keyscan', string> {
  const family = keyFamily(keyBlobType(keyBlob))
  return {
    engine: p.display,
    hostName: knownHostsName(p.host, p.port),
    fingerprint: sha256Fingerprint(keyBlob),
    family,
    familyLower: family.toLowerCase(),
    keyscan: keyscan(p),
  }
}

export function unknownHostKey(p: HostKeyPolicy, keyBlob: Buffer, otherTypes: string[] = []): AppError {
  const others = otherTypes.length > 0 ? message('docker.hostKey.otherTypes', { types: otherTypes }) : ''
  return new AppError({ code: 'ENGINE_SSH_HOST_UNKNOWN', params: { ...offered(p, keyBlob), others } })
}

export function changedHostKey(p: HostKeyPolicy, keyBlob: Buffer, entries: KnownHostEntry[]): AppError {
  const first = entries[0]
  const was = first
    ? message('docker.hostKey.holds', { where: where(first), fingerprint: sha256Fingerprint(first.key) })
    : message('docker.hostKey.holdsOther')
  const file = first?.file ?? '~/.ssh/known_hosts'
  return new AppError({ code: 'ENGINE_SSH_HOST_CHANGED', params: { ...offered(p, keyBlob), was, file } })
}

export function revokedHostKey(p: HostKeyPolicy, keyBlob: Buffer, entry: KnownHostEntry): AppError {
  return new AppError({
    code: 'ENGINE_SSH_HOST_REVOKED',
    params: { engine: p.display, fingerprint: sha256Fingerprint(keyBlob), where: where(entry) },
  })
}

export function pinMismatch(p: HostKeyPolicy, keyBlob: Buffer, pinned: string): AppError {
  return new AppError({
    code: 'ENGINE_SSH_HOST_PIN_MISMATCH',
    field: 'sshHostKeyFingerprint',
    params: { ...offered(p, keyBlob), pinned },
  })
}

/** Undefined when the key is trusted; otherwise the plain reason (unknown, changed, revoked, pin mismatch). */
export async function verifyHostKey(p: HostKeyPolicy, keyBlob: Buffer): Promise<AppError | undefined> {
  if (p.fingerprint !== undefined) {
    return sha256Fingerprint(keyBlob) === p.fingerprint ? undefined : pinMismatch(p, keyBlob, p.fingerprint)
  }
  const entries = await readKnownHosts(p.knownHostsFiles)
  const r = lookupHostKey(entries, knownHostsName(p.host, p.port), keyBlob)
  if (r.status === 'known') return undefined
  if (r.status === 'revoked') return revokedHostKey(p, keyBlob, r.entry)
  if (r.status === 'changed') return changedHostKey(p, keyBlob, r.entries)
  return unknownHostKey(p, keyBlob, r.otherTypes)
}

const DEFAULT_ORDER = [
  'ssh-ed25519',
  'ecdsa-sha2-nistp256',
  'ecdsa-sha2-nistp384',
  'ecdsa-sha2-nistp521',
  'rsa-sha2-512',
  'rsa-sha2-256',
  'ssh-rsa',
]

/**
 * Host key algorithms to offer, the types already in known_hosts for this host first (as OpenSSH does), so a server
 * with several host keys presents the one we know rather than one that would look unknown.
 */
export async function preferredHostKeyAlgorithms(p: HostKeyPolicy): Promise<string[]> {
  if (p.fingerprint !== undefined) return DEFAULT_ORDER
  const name = knownHostsName(p.host, p.port)
  const known = (await readKnownHosts(p.knownHostsFiles)).filter(
    (e) => e.marker === undefined && patternsMatch(e.patterns, name),
  )
  const first = known.flatMap((e) => hostKeyAlgorithms(e.keyType)).filter((a) => DEFAULT_ORDER.includes(a))
  return [...new Set([...first, ...DEFAULT_ORDER])]
}
