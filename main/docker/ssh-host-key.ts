import { AppError, invalidInput } from '../errors'
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
export function parseHostKeyFingerprint(value: string, field = 'ssh-host-key-fingerprint'): string {
  const v = value.trim()
  if (!FINGERPRINT.test(v)) {
    throw invalidInput(
      field,
      value,
      'allowed: SHA256:<43 base64 characters>, as `ssh-keygen -lf KEY.pub` or `ssh-keyscan HOST | ssh-keygen -lf -` prints it',
    )
  }
  return v.replace(/=$/, '')
}

function reach(p: HostKeyPolicy): string {
  return `Cannot reach the Docker engine at ${p.display}`
}

function keyscan(p: HostKeyPolicy): string {
  return `ssh-keyscan ${p.port === 22 ? '' : `-p ${p.port} `}${p.host} >> ~/.ssh/known_hosts`
}

function where(e: KnownHostEntry): string {
  return `${e.file}:${e.line}`
}

export function unknownHostKey(p: HostKeyPolicy, keyBlob: Buffer, otherTypes: string[] = []): AppError {
  const fp = sha256Fingerprint(keyBlob)
  const family = keyFamily(keyBlobType(keyBlob))
  const others = otherTypes.length > 0 ? `; known_hosts holds only ${otherTypes.join(', ')} keys for it` : ''
  return new AppError({
    code: 'ENGINE_SSH_HOST_UNKNOWN',
    message: `${reach(p)}: the SSH host key of ${knownHostsName(p.host, p.port)} is not known (server offered ${family} key ${fp}${others})`,
    hint:
      `Compare ${fp} with the server's own key, out of band (on the server: ssh-keygen -lf /etc/ssh/ssh_host_${family.toLowerCase()}_key.pub). ` +
      `If it is the same, accept it with \`${keyscan(p)}\`, or pass --ssh-host-key-fingerprint ${fp}.`,
  })
}

export function changedHostKey(p: HostKeyPolicy, keyBlob: Buffer, entries: KnownHostEntry[]): AppError {
  const fp = sha256Fingerprint(keyBlob)
  const first = entries[0]
  const was = first
    ? `${where(first)} holds ${sha256Fingerprint(first.key)}`
    : 'known_hosts holds another key'
  const file = first?.file ?? '~/.ssh/known_hosts'
  return new AppError({
    code: 'ENGINE_SSH_HOST_CHANGED',
    message:
      `${reach(p)}: WARNING, THE SSH HOST KEY OF ${knownHostsName(p.host, p.port)} HAS CHANGED: the server offered ` +
      `${keyFamily(keyBlobType(keyBlob))} key ${fp}, but ${was}. Someone may be intercepting the connection (man-in-the-middle), ` +
      "or the server's host key was replaced. Nothing was sent to the server.",
    hint:
      `Do not connect until the server's administrator confirms ${fp}. If the key was replaced on purpose, remove the old ` +
      `entry (ssh-keygen -R '${knownHostsName(p.host, p.port)}' -f ${file}) and add the new one (${keyscan(p)}).`,
  })
}

export function revokedHostKey(p: HostKeyPolicy, keyBlob: Buffer, entry: KnownHostEntry): AppError {
  return new AppError({
    code: 'ENGINE_SSH_HOST_REVOKED',
    message: `${reach(p)}: the SSH host key the server offered (${sha256Fingerprint(keyBlob)}) is marked @revoked in ${where(entry)}`,
    hint: "A revoked key must not be trusted. Ask the server's administrator for its current host key.",
  })
}

export function pinMismatch(p: HostKeyPolicy, keyBlob: Buffer, pinned: string): AppError {
  const fp = sha256Fingerprint(keyBlob)
  return new AppError({
    code: 'ENGINE_SSH_HOST_CHANGED',
    message:
      `${reach(p)}: the SSH host key of ${knownHostsName(p.host, p.port)} does not match the pinned fingerprint: the server ` +
      `offered ${fp}, --ssh-host-key-fingerprint is ${pinned}. Someone may be intercepting the connection (man-in-the-middle), ` +
      'or the pin is out of date. Nothing was sent to the server.',
    hint: `Check the server's host key with its administrator (ssh-keygen -lf /etc/ssh/ssh_host_*_key.pub on the server) before changing the pin.`,
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
