/**
 * The one IPC contract between main, preload and renderer. Imported by type from all three (and at runtime only
 * for the small name lists at the bottom). No Node or Electron imports here: the renderer's tsconfig includes it.
 *
 * A channel is one operation: `Channels[name].request` goes renderer -> main, main answers `Result<response>`.
 * Long work carries a `jobId` chosen by the renderer; progress for it arrives as `job:progress` events.
 * Private keys and passphrases never travel main -> renderer: responses hold summaries only.
 */

import type { Message, Params } from '../messages/types'
import type { DockerEndpoint, Plan } from '../plan/schema'
import type { KeyType } from '../pki/key-types'

export interface ErrorInfo {
  code: string
  /** The parameters the code's catalogue texts take (main/messages): the renderer shows them in its language. */
  params?: Params | undefined
  message: string
  hint?: string | undefined
  /** The request field that caused the error, when there is one (shown next to that field). */
  field?: string | undefined
  /**
   * A known failure (main/diagnostics): its code in the catalogue's `explain` namespace, the step its fix names and
   * its texts' parameters; the renderer shows title, explanation and fix in its language. Absent for unknown ones.
   */
  explain?: ExplainRef | undefined
}

/** A known failure's explanation as data: `explain.CODE.{title,explanation,fix}` with these params. */
export interface ExplainRef {
  code: string
  step: string
  params?: Params | undefined
}

export type Result<T> = { ok: true; value: T } | { ok: false; error: ErrorInfo }

export type Language = 'en' | 'zh-CN'

export interface AppInfo {
  version: string
  platform: string
  /** The OS locale, e.g. "zh-CN", "en-US". */
  locale: string
  /** Where the wizard keeps its CA and certificates unless the user picks another folder. */
  defaultWorkDir: string
}

/** The plan and its Docker endpoint: their one home is main/plan/schema.ts (types and the zod schema). */
export type { DockerEndpoint, Plan }

/** A plan file main opened or saved for the window: the id it is saved to again, and where it is (shown). */
export interface PlanFileRef {
  id: string
  path: string
}

/** An opened plan file: the Plan step's part of it, and the keys it also holds (kept as they are on save). */
export interface OpenedPlanFile extends PlanFileRef {
  plan: Plan
  sections: string[]
}

export interface KnownCa {
  dir: string
  subject: string
  fingerprintSha256: string
  notAfter: string
}

export interface KnownCert {
  certPath: string
  caDir: string
  sans: string[]
  fingerprintSha256: string
  notAfter: string
}

/** Non-secret settings persisted as JSON in the app data folder. */
export interface Settings {
  language?: Language | undefined
  plan?: Plan | undefined
  knownCas: KnownCa[]
  knownCerts: KnownCert[]
}

export interface MachineAddress {
  address: string
  family: 'IPv4' | 'IPv6'
  iface: string
}

export interface MachineAddresses {
  hostname: string
  addresses: MachineAddress[]
}

export interface SanInfo {
  type: 'ip' | 'dns'
  value: string
}

/** A lint finding: the renderer shows `lint.CODE` with `params` (`message`: the English text, for the transition). */
export interface LintFindingInfo {
  code: string
  severity: 'error' | 'warning'
  params?: Params | undefined
  message: string
}

/** What the renderer may know about a certificate: never a key. */
export interface CertificateSummary {
  subject: string
  issuer: string
  commonName?: string | undefined
  serial: string
  sans: SanInfo[]
  notBefore: string
  notAfter: string
  daysLeft: number
  expired: boolean
  fingerprintSha256: string
  isCa: boolean
  keyType: string
  keyBits?: number | undefined
  /** An EC key's curve by its NIST name (P-256, P-384, P-521), else the OpenSSL name. */
  keyCurve?: string | undefined
  signatureAlgorithm: string
}

export interface CaSummary {
  dir: string
  /** The key on disk is passphrase-protected: issuing asks for the passphrase. */
  encrypted: boolean
  /** The issuing CA (ca.crt, pairs with ca.key). */
  certificate: CertificateSummary
  /** Its chain up to the root (main always sends it; absent only in summaries made before chains were kept). */
  chain?: CaChainSummary | undefined
  /**
   * The root a renewal replaced, archived in the folder and not ended yet (the overlap): a bundle can carry it too
   * (exportBundle previousCa with the folder's ca.crt). Absent when there is none.
   */
  previousCa?: { fingerprintSha256: string; notAfter: string } | undefined
}

/** An issuing CA's chain: for a root CA, `intermediate` is false and `root` is the CA itself. */
export interface CaChainSummary {
  /** ca.crt is an intermediate CA: chain.crt holds the certificates above it, the root last. */
  intermediate: boolean
  /** Certificates from the issuing CA up to the root, both included: 1 for a root CA. */
  length: number
  /** The CAs between the issuing CA and the root, nearest first (empty for a root CA or when the root signed it). */
  intermediates: CertificateSummary[]
  /** The root clients must trust (what OUT/ca.crt holds, what trust and bundles install). */
  root: CertificateSummary
}

export interface SanCheck {
  sans: SanInfo[]
  findings: LintFindingInfo[]
}

export interface IssuedServerCert {
  outDir: string
  /** domain.crt: the leaf, then the issuing CA and the intermediates above it when the CA is an intermediate. */
  certPath: string
  keyPath: string
  /** OUT/ca.crt: the root of the CA's chain, the one certificate clients trust. */
  caCertPath: string
  /** The leaf (the first certificate of domain.crt). */
  certificate: CertificateSummary
  lint: LintFindingInfo[]
  /** Certificates in domain.crt, the leaf included: 1 when a root CA issued it (absent in remembered summaries). */
  chainLength?: number | undefined
  /** What caCertPath holds: the root (absent in remembered summaries). */
  root?: CertificateSummary | undefined
}

/** A check result row (preflight, verification): title, reason and fix as catalogue messages the renderer shows. */
export interface CheckRow {
  id: string
  status: 'pass' | 'warn' | 'fail' | 'skipped'
  title: Message
  reason?: Message | undefined
  fix?: Message | undefined
}

/** The registry container as the Registry step shows it (polled while the step is open). */
export interface RegistryStatusInfo {
  name: string
  state: string
  running: boolean
  startedAt?: string | undefined
  uptimeSeconds?: number | undefined
  image: string
  port?: number | undefined
  storage?: { kind: 'volume' | 'hostPath'; source: string } | undefined
  servedCert?: { notAfter: string; daysLeft: number; subject: string } | undefined
}

/** One image layer during a pull (Docker's per-layer progress events). */
export interface LayerProgress {
  id: string
  status: string
  current?: number | undefined
  total?: number | undefined
}

export interface DriveCopyResult {
  dest: string
  files: string[]
  bytes: number
  /** Every file was re-read from the drive and matched the bundle (checked against its SHA256SUMS) byte for byte. */
  verified: boolean
  /** Files whose copy on the drive differs, is missing or could not be read back (empty when verified). */
  mismatched: string[]
  /** How the files were re-read: O_DIRECT, after dropping cached pages, or (not cache-free) through the OS cache. */
  readBack: 'direct-io' | 'dropped-cache' | 'page-cache'
  /** False when the re-read may have come from memory (e.g. macOS, Windows): then it checked the copy, not the drive. */
  cacheFree: boolean
}

export interface EngineInfo {
  serverVersion: string
  apiVersion: string
  os: string
  arch: string
}

/** One step of a trust change: the store it belongs to and what it does, as messages (rendered in the UI language). */
export interface TrustChange {
  target: Message
  description: Message
  path?: string | undefined
  command?: string | undefined
}

/** What the user must know about a store's change (restart dockerd, containerd's config_path), as a message. */
export interface TrustNote {
  target: Message
  level: 'note' | 'warning'
  text: Message
}

/** The plan of a trust change: its steps and its notes and warnings. */
export interface TrustPlanView {
  changes: TrustChange[]
  notes: TrustNote[]
}

export interface DriveInfo {
  /** Main's id for this drive (copyBundleToDrive takes it; main lists the drives again and matches it). */
  id: string
  device: string
  description: string
  mountpoints: string[]
  sizeBytes: number
  freeBytes?: number | undefined
  readOnly?: boolean | undefined
}

export interface BundleResult {
  /** Main's id for the folder it created (copyBundleToDrive takes it, never a path). */
  bundleId: string
  outDir: string
  files: string[]
  /** The CA's SHA-256 fingerprint, written into the bundle for the receiving admin to compare. */
  fingerprintSha256: string
  /** With previousCa: the replaced CA the bundle carries too, and its end (the overlap). */
  previousCa?: { fingerprintSha256: string; notAfter: string } | undefined
}

/** A CA renewal's outcome (main/lifecycle/renew-ca): the new CA, the archived old one, the overlap's end. */
export interface RenewCaInfo {
  dir: string
  subject: string
  notAfter: string
  fingerprintSha256: string
  previous: { certPath: string; notAfter: string; fingerprintSha256: string }
  /** Until when clients that trust only the old CA keep working: the old CA's end. */
  overlapUntil: string
}

/** The known CA behind a registry's served certificate: `previous` = one a renewal replaced (move to the new CA). */
export interface ServedCaInfo {
  issuer: 'current' | 'previous' | 'unknown'
  caDir?: string | undefined
  /** With `previous`: the replaced CA, whose end closes the overlap. */
  previousCa?: { fingerprintSha256: string; notAfter: string } | undefined
}

/** Long work: the renderer picks the id, progress events for it follow, `cancelJob` aborts it. */
export interface JobRef {
  jobId: string
}

export interface CreateCaRequest extends JobRef {
  dir: string
  commonName: string
  organization?: string | undefined
  days?: number | undefined
  /** ECDSA P-256 by default; wins over keySize. A key pre-generated for this type (pregenKey) is used once. */
  keyType?: KeyType | undefined
  keySize?: 2048 | 3072 | 4096 | undefined
  passphrase?: string | undefined
  force?: boolean | undefined
}

export interface ImportCaRequest {
  dir: string
  certPath: string
  /** For an intermediate CA: a file with the certificates above it, the root last (picked like certPath). */
  chainPath?: string | undefined
  keyPath: string
  passphrase?: string | undefined
  force?: boolean | undefined
}

export interface IssueServerCertRequest extends JobRef {
  caDir: string
  outDir: string
  sans: string[]
  days?: number | undefined
  /** The server certificate's key: ECDSA P-256 by default. */
  keyType?: KeyType | undefined
  passphrase?: string | undefined
  force?: boolean | undefined
}

export interface StartRegistryRequest extends JobRef {
  plan: Plan
  certDir: string
  /** A `docker save` tar to load when the engine has no registry image (air-gapped). */
  imageTar?: string | undefined
  /** Registry data on a path of the engine's host; default: a named volume. */
  storagePath?: string | undefined
  /** htpasswd users (hashed with bcrypt in main). Passwords go renderer -> main only and are never logged. */
  users?: { user: string; password: string }[] | undefined
}

/** The Registry step's "Docker Swarm service" (main/cluster/swarm): names and numbers only; the pair from certDir. */
export interface StartSwarmRequest extends JobRef {
  plan: Plan
  certDir: string
  replicas: number
  publishMode: 'ingress' | 'host'
  /** The data volume (default NAME-data, the local driver); a shared driver (NFS...) for more than one node. */
  volume?:
    | { name?: string | undefined; driver?: string | undefined; options?: Record<string, string> | undefined }
    | undefined
  /** An image the user has for the Redis blob-descriptor cache service (none by default). */
  redisImage?: string | undefined
  /** Replace an existing service of ours (its data volume is kept). */
  replace?: boolean | undefined
  imageTar?: string | undefined
  users?: { user: string; password: string }[] | undefined
}
export interface SwarmStartInfo {
  name: string
  url: string
  replicas: number
  publishMode: 'ingress' | 'host'
  /** How restart and replace-cert roll the tasks (stop-first: a fixed host port with no spare node). */
  updateOrder: 'start-first' | 'stop-first'
  endpoints: { host: string; port: number }[]
  secrets: string[]
  volume?: string | undefined
  redis?: string | undefined
  notices: Message[]
}
export interface SwarmStatusInfo {
  name: string
  image: string
  replicas: number
  running: number
  publishMode: string
  port?: number | undefined
  updateState?: string | undefined
  tasks: {
    id: string
    slot?: number | undefined
    state: string
    nodeId: string
    error?: string | undefined
  }[]
  servedCert?: { notAfter: string; daysLeft: number; fingerprint: string } | undefined
}
export interface SwarmRemoveInfo {
  removedServices: string[]
  removedSecrets: string[]
  removedVolumes: string[]
  keptVolume?: string | undefined
}

/** The mirror start: the upstream's CA and password are files main reads (the password never crosses IPC). */
export interface StartMirrorRequest extends JobRef {
  plan: Plan
  certDir: string
  /** https://HOST[:PORT]; default Docker Hub. */
  upstream?: string | undefined
  upstreamCaPath?: string | undefined
  upstreamUser?: string | undefined
  upstreamPasswordPath?: string | undefined
  /** Default 5001. */
  port?: number | undefined
}

/** The mirror container: the registry's status and what it proxies (never the upstream password). */
export interface MirrorStatusInfo extends RegistryStatusInfo {
  upstream: string
  upstreamUser?: string | undefined
  upstreamCa: boolean
}

export interface VerifyRequest extends JobRef {
  host: string
  port: number
  caCertPath: string
  certPath?: string | undefined
  /** Run check 8, the real push/pull round trip, through the planned Docker engine (`docker` is then required). */
  push?: boolean | undefined
  /** The planned engine: main uses its cached client for it (the one every Registry step call shares). */
  docker?: DockerEndpoint | undefined
  /**
   * The registry login when htpasswd auth is on, typed again in the Verify step. Absent: the user given to the
   * registry start in this session (kept in main's memory only). Goes renderer -> main only; never persisted or logged.
   */
  credentials?: { user: string; password: string } | undefined
}

// Images (main/images): archives and folders main picked (the renderer holds ids), transfers, the registry's listing.

/** The Trust step's Kubernetes card (main/cluster/k8s): the registry of the plan, the folder by main's pick id. */
export interface K8sManifestsRequest {
  folderId: string
  caCertPath: string
  host: string
  port: number
  mirror?: string | undefined
  namespace?: string | undefined
  image?: string | undefined
  /** htpasswd login: a pull secret and k3s `auth`. Never persisted or logged. */
  login?: { user: string; password: string } | undefined
  force?: boolean | undefined
}

export interface K8sManifestsResult {
  dir: string
  files: string[]
  namespace: string
}

/** A file or folder the user picked through main's dialog: the renderer sends `id` back, never a path. */
export interface PickedPath {
  id: string
  /** The last part of the path, to show. */
  name: string
  /** The whole path, to show only (requests name the pick by id). */
  path: string
}

export interface InspectedPlatformInfo {
  os: string
  architecture: string
  variant?: string | undefined
  digest: string
  size: number
}

/** What an archive holds (main/images inspectArchive), for the Images screen's table. */
export interface ImageArchiveInfo {
  archiveId: string
  name: string
  kind: 'docker-archive' | 'oci-archive' | 'oci-layout'
  images: {
    names: string[]
    /** Tags given without a repository (the import needs one for them). */
    tags?: string[] | undefined
    digest: string
    mediaType: string
    platforms: InspectedPlatformInfo[]
    size: number
  }[]
  totalBytes: number
}

/** An import's or export's progress (main/images TransferProgress): a message and the bytes behind its bars. */
export interface TransferProgressInfo {
  message: Message
  blob?:
    | {
        digest: string
        done: number
        size: number
        outcome?: 'present' | 'mounted' | 'uploaded' | 'fetched' | undefined
      }
    | undefined
  done: number
  total: number
  bytesPerSecond: number
}

/** The registry of the plan, and (when htpasswd is on) a login typed again; absent: the one main keeps. */
export interface ImagesRegistryRef {
  host: string
  port: number
  caCertPath: string
  credentials?: { user: string; password: string } | undefined
}

export interface ImportImagesResult {
  images: { reference: string; digest: string; mediaType: string; platforms: number }[]
  blobs: { uploaded: number; present: number; mounted: number; bytesUploaded: number }
  seconds: number
}

export interface ExportImagesRequest extends JobRef, ImagesRegistryRef {
  refs: string[]
  format: 'oci' | 'docker'
  /** docker format: `os/arch[/variant]` (default linux/amd64). */
  platform?: string | undefined
  prefix?: string | undefined
  /** The archive's name in the destination (`images.tar`). */
  fileName: string
  /** Exactly one destination: a folder picked through main (its id) or a listed removable drive (its id). */
  folderId?: string | undefined
  driveId?: string | undefined
  force?: boolean | undefined
}

export interface ExportImagesResult {
  out: string
  checksumFile: string
  sha256: string
  bytes: number
  images: { reference: string; digest: string; platforms: number }[]
  seconds: number
}

// Registry contents (main/manage): the registry of the saved plan, named by an address of it; main finds its CA (the
// certificate it issued for that address), its engine and container. The renderer never sends a path for these.

/** A registry the app knows (the saved plan's address and port), and a login typed again (else the one main keeps). */
export interface ContentsRegistryRef {
  host: string
  port: number
  credentials?: { user: string; password: string } | undefined
}

export interface ContentsPlatform {
  platform: string
  digest: string
  mediaType: string
  size: number
  created?: string | undefined
}

export interface ContentsTag {
  tag: string
  digest: string
  mediaType: string
  kind: 'image' | 'index'
  platforms: ContentsPlatform[]
  /** The sum of the platforms' sizes. */
  size: number
  distinctSize: number
  created?: string | undefined
}

export interface ContentsRepository {
  name: string
  tags: ContentsTag[]
  distinctSize: number
}

/** What a delete took: the manifest, every tag that pointed at it, an index's platform manifests no tag needs. */
export interface ContentsDeleted {
  repository: string
  digest: string
  tags: string[]
  children: string[]
}

export interface ContentsUsage {
  name: string
  storage?: KeptStorage | undefined
  totalBytes: number
  blobBytes: number
  blobCount: number
  unlinkedBytes: number
  uploadBytes: number
  repositories: { name: string; bytes: number; uniqueBytes: number; blobs: number }[]
}

export interface RetentionRulesInfo {
  keepLast?: number | undefined
  olderThanDays?: number | undefined
  protect?: string[] | undefined
}

/** A retention dry run main keeps by `planId`: `prune` deletes exactly `deletes`, or nothing if the registry changed. */
export interface RetentionPlanInfo {
  planId: string
  rules: RetentionRulesInfo
  now: string
  deletes: (ContentsDeleted & { created?: string | undefined })[]
  kept: { protected: number; newest: number; young: number; unknownAge: number }
}

export interface GcResultInfo {
  name: string
  dryRun: boolean
  eligibleBlobs: number
  wouldFreeBytes: number
  beforeBytes: number
  afterBytes?: number | undefined
  freedBytes?: number | undefined
  warnings: { code: string; message: Message }[]
}

export interface Channels {
  getAppInfo: { request: undefined; response: AppInfo }
  getSettings: { request: undefined; response: Settings }
  savePlan: { request: Plan; response: Settings }
  setLanguage: { request: { language: Language }; response: Settings }
  listAddresses: { request: undefined; response: MachineAddresses }
  chooseFolder: {
    request: { title?: string | undefined; defaultPath?: string | undefined }
    response: { path: string | null }
  }
  chooseFile: {
    request: { title?: string | undefined; extensions?: string[] | undefined }
    response: { path: string | null }
  }
  cancelJob: { request: JobRef; response: { cancelled: boolean } }
  // The plan file (main/plan, main/ipc/handlers/plan-handlers.ts): main shows the dialog and keeps the path; the
  // window gets an id for it, so it can save to the file it opened but never name a path to write itself.
  openPlanFile: { request: undefined; response: { file: OpenedPlanFile | null } }
  savePlanFile: { request: { id?: string | undefined; plan: Plan }; response: { file: PlanFileRef | null } }
  // Certificates (main/pki)
  checkSans: { request: { sans: string[] }; response: SanCheck }
  createCa: { request: CreateCaRequest; response: CaSummary }
  /** The key type control was set: main generates such a key in the background (RSA); nothing is returned. */
  pregenKey: { request: { keyType: KeyType }; response: { pending: boolean } }
  importCa: { request: ImportCaRequest; response: CaSummary }
  openCa: { request: { dir: string }; response: CaSummary }
  issueServerCert: { request: IssueServerCertRequest; response: IssuedServerCert }
  inspectCertificate: { request: { path: string; host?: string | undefined }; response: CertificateSummary }
  // Registry (main/docker)
  testDockerConnection: { request: { endpoint: DockerEndpoint }; response: EngineInfo }
  registryPreflight: { request: { plan: Plan; certDir: string }; response: { checks: CheckRow[] } }
  startRegistry: {
    request: StartRegistryRequest
    response: { containerId: string; url: string; imageSource: string }
  }
  registryStatus: { request: { plan: Plan }; response: RegistryStatusInfo }
  /** Follows the container's log until cancelled (lines arrive as `job:log`). */
  followRegistryLogs: { request: JobRef & { plan: Plan }; response: { lines: number } }
  registryStop: { request: { plan: Plan }; response: RegistryStatusInfo }
  /** Restart, then the health check against our CA (ca.crt in certDir). */
  registryRestart: {
    request: JobRef & { plan: Plan; certDir: string }
    response: { status: number; elapsedMs: number }
  }
  /** Removes the container and its cert volumes; the data stays unless deleteData (`keptStorage`: where it stays). */
  registryRemove: {
    request: { plan: Plan; deleteData: boolean }
    response: { removedVolumes: string[]; keptStorage?: KeptStorage | undefined }
  }
  /**
   * One job (main/lifecycle): issues a new server pair from the CA in caDir for the plan's addresses into a staging
   * folder, swaps it into certDir and the container, checks health; any failure or cancel puts the old pair back.
   */
  registryReplaceCert: {
    request: JobRef & {
      plan: Plan
      certDir: string
      caDir: string
      passphrase?: string | undefined
      days?: number | undefined
    }
    response: { notAfter: string; status: number }
  }
  /**
   * One job (main/lifecycle/renew-certificate): renews the served certificate from the CA that issued it (caDir, else
   * the known CA that did) for the same addresses plus the plan's; swap, health, the old pair back on any failure.
   */
  registryRenewCert: {
    request: JobRef & {
      plan: Plan
      caDir?: string | undefined
      passphrase?: string | undefined
      days?: number | undefined
      /** Issue from caDir's NEW CA after a CA renewal (the served certificate comes from the CA it replaced). */
      toNewCa?: boolean | undefined
    }
    response: {
      notAfter: string
      status: number
      sans: string[]
      caDir: string
      /** After a move to the new CA: what a client with only the old CA, and one with both, sees now. */
      move?: { previousCaOnly: 'accepted' | 'refused'; bothCas: 'accepted' | 'refused' } | undefined
    }
  }
  /**
   * One job (main/lifecycle/renew-ca): a new CA key and certificate in caDir (same subject), the old pair archived
   * beside it; the known CA is updated. Clients need the two-CA bundle (exportBundle previousCa) for the overlap.
   */
  renewCa: {
    request: JobRef & { caDir: string; passphrase?: string | undefined; days?: number | undefined }
    response: RenewCaInfo
  }
  /** Which known CA issued the certificate the plan's registry serves: its current one, or one a renewal replaced. */
  servedCa: { request: { plan: Plan }; response: ServedCaInfo }
  // The Docker Hub pull-through mirror (main/mirror)
  /** A job: the mirror container in proxy mode on the plan's engine, TLS from certDir (its own port, 5001 default). */
  startMirror: {
    request: StartMirrorRequest
    /** `notices`: what the user should know that did not stop the start (e.g. the upstream login was not checked). */
    response: { containerId: string; url: string; upstream: string; notices: Message[] }
  }
  mirrorStatus: { request: { plan: Plan }; response: MirrorStatusInfo }
  mirrorStop: { request: { plan: Plan }; response: MirrorStatusInfo }
  mirrorRestart: {
    request: JobRef & { plan: Plan; certDir: string }
    response: { status: number; elapsedMs: number }
  }
  mirrorRemove: {
    request: { plan: Plan; deleteData: boolean }
    response: { removedVolumes: string[]; keptStorage?: KeptStorage | undefined }
  }
  // Client trust (main/trust, main/bundle, main/drives)
  planTrust: {
    /** `mirror`: a Docker Hub pull-through mirror HOST:PORT the clients are pointed at too (trust/targets/mirror-*). */
    request: { caCertPath: string; host: string; port: number; mirror?: string | undefined }
    response: TrustPlanView
  }
  /**
   * Makes the change the way main's trust policy decides (main/trust/apply-trust): directly as root, through ONE
   * elevation prompt, or (no prompt) not at all: then `script` is what to run as root. `pending`: commands left to run.
   */
  applyTrust: {
    request: JobRef & { caCertPath: string; host: string; port: number; mirror?: string | undefined }
    response: TrustPlanView & {
      mode: 'prefix' | 'direct' | 'elevate' | 'print'
      pending: string[]
      script?: string | undefined
    }
  }
  listDrives: { request: undefined; response: { drives: DriveInfo[] } }
  exportBundle: {
    request: JobRef & {
      outDir: string
      caCertPath: string
      host: string
      port: number
      mirror?: string | undefined
      /** Also carry the CA a renewal replaced, which main finds archived beside caCertPath (the overlap). */
      previousCa?: boolean | undefined
    }
    response: BundleResult
  }
  /** Copies a bundle this app exported (by id) onto a listed drive (by id): fsync, re-read from the drive, compare. */
  copyBundleToDrive: {
    request: JobRef & { bundleId: string; driveId: string; force?: boolean | undefined }
    response: DriveCopyResult
  }
  // Verification (main/verify)
  runVerify: { request: VerifyRequest; response: { checks: CheckRow[]; ok: boolean } }
  // Images (main/images, main/registry-api)
  /** Main's dialog: an archive file, an OCI layout folder, or the folder an export goes to; null when cancelled. */
  pickImagesPath: {
    request: { kind: 'archive' | 'layout' | 'exportFolder' }
    response: { picked: PickedPath | null }
  }
  /**
   * A file or folder dropped on the Images screen: the preload finds its path (webUtils.getPathForFile) and sends
   * it here; main checks it (absolute, exists, a file or an OCI layout folder) and answers with a pick id as
   * pickImagesPath does. The page calls it with the dropped File (see PageRequestOf), never with a path.
   */
  registerDroppedImagesPath: { request: { path: string }; response: { picked: PickedPath } }
  inspectImageArchive: { request: { archiveId: string }; response: ImageArchiveInfo }
  /** Pushes picked archives; `job:transfer` events carry the per-blob and total bytes. */
  importImages: {
    request: JobRef &
      ImagesRegistryRef & {
        archiveIds: string[]
        prefix?: string | undefined
        /** The repository for images the archives name only by a tag (or not at all). */
        repository?: string | undefined
      }
    response: ImportImagesResult
  }
  exportImages: { request: ExportImagesRequest; response: ExportImagesResult }
  // Kubernetes node trust (main/cluster/k8s)
  /** Main's dialog: the folder the manifests go into (as its own sub-folder); the renderer keeps the id. */
  pickK8sFolder: { request: undefined; response: { picked: PickedPath | null } }
  /** Writes the manifests into the picked folder (by id). The login's password goes renderer -> main only. */
  writeK8sManifests: { request: K8sManifestsRequest; response: K8sManifestsResult }
  // The registry as a Docker Swarm service (main/cluster/swarm, main/ipc/handlers/swarm-handlers.ts)
  /** Is the plan's engine a Swarm manager? (The Registry step offers the service then.) */
  swarmAvailable: { request: { plan: Plan }; response: { manager: boolean } }
  startSwarmRegistry: { request: StartSwarmRequest; response: SwarmStartInfo }
  /** null when the engine has no registry service of ours. */
  swarmStatus: { request: { plan: Plan }; response: { service: SwarmStatusInfo | null } }
  /** A rolling restart (health-gated; stop-first when the nodes leave no spare), then /v2/ against ca.crt in certDir. */
  swarmRestart: {
    request: JobRef & { plan: Plan; certDir: string }
    response: {
      status: number
      elapsedMs: number
      updateOrder: 'start-first' | 'stop-first'
      notices: Message[]
    }
  }
  /**
   * A new pair as new secrets, rolled out health-gated; old secrets removed. With caDir: issued from that CA for the
   * plan's addresses (as the container's replace); without: the pair in certDir (same CA).
   */
  swarmReplaceCert: {
    request: JobRef & {
      plan: Plan
      certDir: string
      caDir?: string | undefined
      passphrase?: string | undefined
      days?: number | undefined
    }
    response: {
      notAfter: string
      fingerprint: string
      previousFingerprint: string
      updateOrder: 'start-first' | 'stop-first'
      notices: Message[]
    }
  }
  /** The service, its Redis, secrets, configs and network; the data volume stays unless deleteData. */
  swarmRemove: { request: { plan: Plan; deleteData: boolean }; response: SwarmRemoveInfo }
  // Registry contents (main/manage)
  /** Repositories (all, or those `repo` picks: a name or glob) with each tag resolved: platforms, sizes, created. */
  readCatalog: {
    request: ContentsRegistryRef & { repo?: string | undefined }
    response: { repositories: ContentsRepository[] }
  }
  /** Storage of the registry's data (volume or host path), total and per repository, read through its engine. */
  storageUsage: { request: ContentsRegistryRef; response: ContentsUsage }
  /** Deletes a tag (its manifest, with every tag pointing at it) or a manifest by digest: exactly one of them. */
  deleteImage: {
    request: ContentsRegistryRef & {
      repository: string
      tag?: string | undefined
      digest?: string | undefined
    }
    response: ContentsDeleted
  }
  /** The retention dry run: what the rules would delete; main keeps it by planId for `prune`. */
  planRetention: {
    request: ContentsRegistryRef & { rules: RetentionRulesInfo; repo?: string | undefined }
    response: RetentionPlanInfo
  }
  /** Deletes exactly the plan `planId` listed; re-plans first and deletes nothing when that differs. */
  prune: {
    request: JobRef & ContentsRegistryRef & { planId: string }
    response: { deleted: ContentsDeleted[] }
  }
  /** A job: the registry re-created with deleting switched on (same storage, certificates, logins, port). */
  enableDelete: { request: JobRef & ContentsRegistryRef; response: { name: string; changed: boolean } }
  /**
   * A job: garbage collection (dry run: only what it would free). `deleteUntagged` needs `untaggedWarningAccepted`
   * (the renderer showed the multi-platform warning). garbage-collect's lines arrive as `job:log`.
   */
  garbageCollect: {
    request: JobRef &
      ContentsRegistryRef & {
        dryRun: boolean
        deleteUntagged?: boolean | undefined
        untaggedWarningAccepted?: boolean | undefined
      }
    response: GcResultInfo
  }
}

export type Channel = keyof Channels
export type RequestOf<C extends Channel> = Channels[C]['request']
export type ResponseOf<C extends Channel> = Channels[C]['response']

/** The registry data a remove left in place (main/docker StorageSpec): a named volume or a path on the engine's host. */
export type KeptStorage = { kind: 'volume'; name: string } | { kind: 'hostPath'; path: string }

export interface JobProgress {
  jobId: string
  /** A stable step id (translated by the renderer), e.g. "generate-key", "write-files". */
  step: string
  /** 0..100 when known. */
  percent?: number | undefined
  detail?: string | undefined
  /** The step's text as a catalogue message (main/jobs runner); absent: the renderer's `jobs.<step>`. */
  message?: Message | undefined
}

/** What a menu item asks the window to do (Help > About and Open Log Folder stay in main: main/app/menu.ts). */
export type MenuAction = 'home' | 'language-en' | 'language-zh-CN' | 'open-plan' | 'save-plan'

export interface Events {
  'job:progress': JobProgress
  /** A log line: `message` (the domain's progress text, rendered in the reader's language) or, without it, raw text. */
  'job:log': { jobId: string; line: string; message?: Message | undefined }
  'menu:action': { action: MenuAction }
  /** One verification check as soon as it finishes (rows appear one by one). */
  'verify:check': { jobId: string; check: CheckRow }
  /** Per-layer progress of an image pull. */
  'job:layer': { jobId: string; layer: LayerProgress }
  /** An image import's or export's progress: the blob in flight and the total, with bytes/s. */
  'job:transfer': { jobId: string; transfer: TransferProgressInfo }
}
export type EventName = keyof Events

/** A file the page holds from a drop (a DOM File): only the preload can tell its path. */
export interface DroppedFile {
  readonly name: string
}

/** What the page passes for a channel: the request, except for a dropped file (the preload sends its path). */
export type PageRequestOf<C extends Channel> = C extends 'registerDroppedImagesPath'
  ? DroppedFile
  : RequestOf<C>

/** The API the preload exposes as `window.registryWizard`: one function per channel, plus event subscription. */
export type RegistryWizardApi = {
  readonly [C in Channel]: RequestOf<C> extends undefined
    ? () => Promise<Result<ResponseOf<C>>>
    : (request: PageRequestOf<C>) => Promise<Result<ResponseOf<C>>>
} & {
  /** Subscribes to an event; returns the function that unsubscribes. */
  readonly on: <E extends EventName>(event: E, listener: (payload: Events[E]) => void) => () => void
}

const channelSet = {
  getAppInfo: true,
  getSettings: true,
  savePlan: true,
  setLanguage: true,
  listAddresses: true,
  chooseFolder: true,
  chooseFile: true,
  cancelJob: true,
  openPlanFile: true,
  savePlanFile: true,
  checkSans: true,
  createCa: true,
  pregenKey: true,
  importCa: true,
  openCa: true,
  issueServerCert: true,
  inspectCertificate: true,
  testDockerConnection: true,
  registryPreflight: true,
  startRegistry: true,
  registryStatus: true,
  followRegistryLogs: true,
  registryStop: true,
  registryRestart: true,
  registryRemove: true,
  registryReplaceCert: true,
  registryRenewCert: true,
  renewCa: true,
  servedCa: true,
  startMirror: true,
  mirrorStatus: true,
  mirrorStop: true,
  mirrorRestart: true,
  mirrorRemove: true,
  planTrust: true,
  applyTrust: true,
  listDrives: true,
  exportBundle: true,
  copyBundleToDrive: true,
  runVerify: true,
  pickImagesPath: true,
  registerDroppedImagesPath: true,
  inspectImageArchive: true,
  importImages: true,
  exportImages: true,
  readCatalog: true,
  storageUsage: true,
  deleteImage: true,
  planRetention: true,
  prune: true,
  enableDelete: true,
  garbageCollect: true,
  pickK8sFolder: true,
  writeK8sManifests: true,
  swarmAvailable: true,
  startSwarmRegistry: true,
  swarmStatus: true,
  swarmRestart: true,
  swarmReplaceCert: true,
  swarmRemove: true,
} as const satisfies Record<Channel, true>

/** Every channel name, at runtime (the preload builds its API from this list; the record above keeps it complete). */
export const CHANNELS = Object.keys(channelSet) as Channel[]

const eventSet = {
  'job:progress': true,
  'job:log': true,
  'job:layer': true,
  'job:transfer': true,
  'menu:action': true,
  'verify:check': true,
} as const satisfies Record<EventName, true>
export const EVENTS = Object.keys(eventSet) as EventName[]

/** Channels that run as jobs: their request carries the renderer's jobId (cancelJob only names one). */
export type JobChannel = Exclude<
  { [C in Channel]: RequestOf<C> extends JobRef ? C : never }[Channel],
  'cancelJob'
>
/**
 * Per job kind: does cancelJob stop it? True only where the abort signal reaches the work (which then removes its
 * partial output); the renderer offers Cancel for exactly these, and cancelJob answers `cancelled: false` for others.
 */
export const JOB_CANCELLABLE = {
  createCa: false,
  issueServerCert: false,
  startRegistry: true,
  followRegistryLogs: true,
  registryRestart: false,
  registryReplaceCert: true,
  registryRenewCert: true,
  // The job's steps are undone in reverse on a cancel: the CA folder is as it was.
  renewCa: true,
  startMirror: true,
  mirrorRestart: false,
  applyTrust: false,
  exportBundle: true,
  copyBundleToDrive: true,
  runVerify: true,
  importImages: true,
  exportImages: true,
  // Retention: a delete half done is not undone (the plan says what went); stopping between deletes would leave a
  // plan half applied that the next dry run no longer lists, so the run goes to its end.
  prune: false,
  // Re-creating a container is put back on failure by the job itself, not on a signal.
  enableDelete: false,
  // Per channel, not per step: once collecting, stopping would leave the registry in read-only maintenance mode
  // with blobs half deleted; the dry run (same channel) is short. So never offered.
  garbageCollect: false,
  // Swarm: a cancel between or inside steps (image, tasks, health) undoes the ones done: no service, secret, config or
  // network stays. A replace-cert cancel rolls the service back to its old secrets.
  startSwarmRegistry: true,
  swarmReplaceCert: true,
  // A rolling restart is the engine's own update, not stopped by our signal.
  swarmRestart: false,
} as const satisfies Record<JobChannel, boolean>
export const JOB_CHANNELS = Object.keys(JOB_CANCELLABLE) as JobChannel[]
export const isJobChannel = (c: Channel): c is JobChannel => (JOB_CHANNELS as Channel[]).includes(c)

/** The Electron channel string for an invoke channel or an event. */
export const ipcChannel = (name: Channel): string => `rw:invoke:${name}`
export const ipcEvent = (name: EventName): string => `rw:event:${name}`
