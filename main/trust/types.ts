import type { Message } from '../messages/index'
import type { CommandRunner, QueryRunner } from './runner'

/** The trust targets a user can pick (`--targets`). */
export const TARGET_IDS = ['docker', 'podman', 'containerd', 'os'] as const
export type TargetId = (typeof TARGET_IDS)[number]

/** The clients a Docker Hub mirror is written into (`--targets` with `--mirror`; see targets/mirror-targets.ts). */
export const MIRROR_TARGET_IDS = ['docker', 'containerd', 'podman', 'k3s'] as const
export type MirrorTargetId = (typeof MIRROR_TARGET_IDS)[number]

export type Platform = 'linux' | 'darwin' | 'win32'

/** Where and how trust operations act. Tests point `root` at a temp dir; the real system is `/` (or `C:\`). */
export interface TrustEnv {
  /** Root prefix every path is placed under. */
  root: string
  platform: Platform
  /** The user's home as the target system sees it (Docker Desktop reads ~/.docker/certs.d). */
  home: string
  /**
   * Runs privileged commands (update-ca-certificates, security, Import-Certificate). The CLI plugs in a direct
   * runner when it is root on the real system, the GUI an elevation prompt. Absent: commands are only reported.
   */
  runner?: CommandRunner | undefined
  /** Runs read-only queries (macOS keychain, Windows cert store) for status; absent: status is unknown. */
  query?: QueryRunner | undefined
}

/** A CA certificate checked to be a single CA certificate with no private key in the file. */
export interface TrustCa {
  /** The one PEM certificate block, normalised, ending in a newline. */
  pem: string
  /** SHA-256 over the DER, "AB:CD:..." (what `openssl x509 -fingerprint -sha256` prints). */
  fingerprintSha256: string
  /** SHA-1 thumbprint, upper-case hex without colons (macOS keychain / Windows store identify certs by it). */
  thumbprintSha1: string
  subject: string
  notAfter: string
  /** The file the CA was read from, when there is one (macOS and Windows commands take a path). */
  sourcePath?: string | undefined
  /**
   * The source file holds exactly `pem` (one canonical block, nothing else). When false, commands that take a path
   * (macOS keychain, Windows store) are given a canonical copy instead of the source file.
   */
  sourceIsCanonical?: boolean | undefined
  /** What was done to the input to get `pem` (root taken from a chain, text in the block ignored): tell the user. */
  notes?: Message[] | undefined
}

/** A registry address as it appears in image references: `HOST:PORT` (or `HOST` for 443). */
export interface RegistryAddress {
  host: string
  port: number | undefined
  /** Exactly as in an image reference, and the certs.d folder name on Linux/macOS: `192.168.20.10:5000`. */
  hostPort: string
  /** Docker on Windows cannot use ':' in a folder name and drops it: `192.168.20.105000`. */
  windowsDirName: string
  /** For file names: `192.168.20.10_5000`. */
  fileSafe: string
}

/** One thing an operation does. A dry run lists these; applying them is the only way anything changes. */
export type TrustStep =
  | { kind: 'write'; path: string; content: string; mode: number; backupFirst?: boolean }
  | { kind: 'remove'; path: string }
  | { kind: 'remove-dir'; path: string }
  | { kind: 'run'; argv: string[]; why: Message }

/** A store's plan: its steps, and what the user must know (restart dockerd, containerd's config_path) as messages. */
export interface TargetPlan {
  target: TargetId | MirrorTargetId
  /** The store's name (`trust.target.*`). */
  label: Message
  steps: TrustStep[]
  warnings: Message[]
  notes: Message[]
}

export interface StatusItem {
  what: string
  installed: boolean | 'unknown'
}

export interface TargetStatus {
  target: TargetId | MirrorTargetId
  label: Message
  installed: boolean | 'unknown'
  items: StatusItem[]
  warnings: Message[]
}

export interface TargetContext {
  env: TrustEnv
  ca: TrustCa
  registries: RegistryAddress[]
  /** Replace a different ca.crt / hosts.toml already there (the old one is kept as a backup). */
  force: boolean
}

/** One trust store, in the shape of mkcert's one file per store. */
export interface TrustTarget {
  id: TargetId
  label: Message
  /** Is this store on the system (docker and os are always offered)? */
  isPresent(env: TrustEnv): Promise<boolean>
  /** The steps that install the CA; empty when it is already installed (idempotent). */
  install(ctx: TargetContext): Promise<TargetPlan>
  /** The steps that remove exactly what install adds, and re-run the store's update command. */
  uninstall(ctx: TargetContext): Promise<TargetPlan>
  isInstalled(ctx: TargetContext): Promise<TargetStatus>
}
