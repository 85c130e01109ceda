import { randomBytes } from 'node:crypto'
import { homedir } from 'node:os'
import { dirname } from 'node:path'
import { exportBundle } from '../../bundle/index'
import type { ExportStep } from '../../bundle/export-bundle'
import { AppError } from '../../errors'
import { readInputText } from '../../fs/read-input'
import {
  copyBundleToMount,
  driveId,
  listRemovableDrives,
  type CopyBundleOptions,
  type RemovableDrive,
} from '../../drives/index'
import { previousCa } from '../../lifecycle/previous-ca'
import { message } from '../../messages/index'
import { hostPort } from '../../net/address'
import { applyTrust, type Elevation, type TrustPolicy } from '../../trust/apply-trust'
import {
  describeStep,
  parseMirrorAndRegistries,
  parseTrustCa,
  planTrust,
  type CommandRunner,
  type Platform,
  type TargetPlan,
  type TrustEnv,
} from '../../trust/index'
import type { TrustCa } from '../../trust/types'
import type { PrivilegedRunner } from '../../app/elevated-runner'
import type { DriveInfo, TrustPlanView } from '../contract'
import type { AllHandlers } from '../register-handlers'

export interface TrustHandlerDeps {
  /** Root prefix of the system whose trust stores change: '/' for real, a temp dir in tests. */
  root?: string
  platform?: Platform
  home?: string
  /** One elevation prompt (sudo-prompt) for privileged work when the app is not running as root. */
  elevate?: PrivilegedRunner | undefined
  isRoot?: () => boolean
  /** The removable-drive lister (default: systeminformation). Tests return a real loop-mounted image here. */
  listDrives?: () => Promise<RemovableDrive[]>
  /** Runs between writing a drive and re-reading it (tests damage the drive there). */
  afterDriveWrite?: CopyBundleOptions['afterWrite']
}

async function readCa(path: string): Promise<ReturnType<typeof parseTrustCa>> {
  const pem = await readInputText(path, 'caCertPath')
  return parseTrustCa(pem, { field: 'caCertPath', sourcePath: path })
}

/**
 * The CA a renewal replaced, archived beside caCertPath (main/lifecycle/previous-ca): the bundle's second CA for the
 * overlap. Main finds it; the window only asks for it. None there: PREVIOUS_CA_NONE, nothing written.
 */
async function archivedPreviousCa(caCertPath: string): Promise<TrustCa> {
  const dir = dirname(caCertPath)
  const previous = await previousCa(dir)
  if (previous === undefined)
    throw new AppError({ code: 'PREVIOUS_CA_NONE', kind: 'input', field: 'previousCa', params: { dir } })
  return parseTrustCa(previous.pem, { field: 'previousCa', sourcePath: previous.certPath })
}

/** The plan as the GUI shows it: each step, and each store's notes and warnings. */
export function planView(plans: TargetPlan[]): TrustPlanView {
  return {
    changes: plans.flatMap((p) =>
      p.steps.map((s) => ({
        target: p.label,
        description: describeStep(s),
        ...(s.kind === 'run' ? { command: s.argv.join(' ') } : { path: s.path }),
      })),
    ),
    notes: plans.flatMap((p) => [
      ...p.warnings.map((text) => ({ target: p.label, level: 'warning' as const, text })),
      ...p.notes.map((text) => ({ target: p.label, level: 'note' as const, text })),
    ]),
  }
}

/** Adapts the elevation prompt to the trust core's runner: one prompt per command (macOS, Windows). */
function promptRunner(elevate: PrivilegedRunner): CommandRunner {
  return {
    run: async ([program, ...args]) => {
      if (program === undefined) return { code: 127, stdout: '', stderr: 'empty command' }
      try {
        const out = await elevate([{ program, args }])
        return { code: 0, ...out }
      } catch (err) {
        const e = err as Error & { stdout?: string; stderr?: string }
        return { code: 1, stdout: e.stdout ?? '', stderr: e.stderr || e.message }
      }
    },
  }
}

/** The elevation prompt as the trust policy takes it: a whole script (Linux) or one command at a time. */
function elevationOf(elevate: PrivilegedRunner): Elevation {
  return {
    runScript: async (script) => {
      await elevate([{ program: 'sh', args: ['-c', script] }])
    },
    runner: promptRunner(elevate),
  }
}

/** What the GUI brings to the trust policy: root or not, and its elevation prompt. */
export function ipcTrustPolicy(deps: Pick<TrustHandlerDeps, 'elevate' | 'isRoot'>): TrustPolicy {
  const isRoot = deps.isRoot ?? (() => process.getuid?.() === 0)
  return { privileged: isRoot(), elevation: deps.elevate && elevationOf(deps.elevate) }
}

const EXPORT_TEXT: Record<ExportStep, string> = {
  'write-files': 'trust.progress.writeFiles',
  verify: 'trust.progress.verify',
  archive: 'trust.progress.archive',
  place: 'trust.progress.place',
}
const COPY_TEXT = {
  'write-drive': 'trust.progress.writeDrive',
  verify: 'trust.progress.verifyDrive',
} as const

type TrustChannels = 'planTrust' | 'applyTrust' | 'exportBundle' | 'listDrives' | 'copyBundleToDrive'

/** Client trust (main/trust): the plan, and the change made as main's trust policy decides. */
function trustChannels(deps: TrustHandlerDeps, env: TrustEnv): Pick<AllHandlers, 'planTrust' | 'applyTrust'> {
  const request = async (caCertPath: string, host: string, port: number, mirror: string | undefined) => ({
    env,
    ca: await readCa(caCertPath),
    ...registryAndMirror(host, port, mirror),
  })
  return {
    planTrust: async ({ caCertPath, host, port, mirror }) =>
      planView(await planTrust('install', await request(caCertPath, host, port, mirror))),
    applyTrust: async ({ caCertPath, host, port, mirror }, { job }) => {
      const req = await request(caCertPath, host, port, mirror)
      job?.progress('plan', 10)
      const out = await applyTrust('install', req, ipcTrustPolicy(deps))
      job?.progress('done', 100)
      return {
        ...planView(out.plans),
        mode: out.mode,
        pending: out.pending.map((p) => p.argv.join(' ')),
        ...(out.script === undefined ? {} : { script: out.script }),
      }
    },
  }
}

/** The registry of the plan, and the Docker Hub mirror when the Trust step names one (field `mirror`). */
function registryAndMirror(host: string, port: number, mirror: string | undefined) {
  return parseMirrorAndRegistries([hostPort(host, port)], mirror, { registry: 'host', mirror: 'mirror' })
}

/** A listed drive as the GUI names it: by main's id, never by a path it could send back. */
function driveInfo(d: RemovableDrive): DriveInfo {
  return {
    id: driveId(d),
    device: d.device,
    description: [d.label, d.model].filter(Boolean).join(' · ') || d.device,
    mountpoints: [d.mount],
    sizeBytes: d.sizeBytes,
    freeBytes: d.freeBytes,
    readOnly: d.readOnly,
  }
}

/** The bundle for other machines (main/bundle) and removable drives (main/drives); both jobs honour cancel. */
function bundleChannels(
  deps: TrustHandlerDeps,
): Pick<AllHandlers, 'exportBundle' | 'listDrives' | 'copyBundleToDrive'> {
  const listDrives = deps.listDrives ?? (() => listRemovableDrives())
  // Bundle folders main created, by the id the renderer gets back: the renderer never names a folder to copy.
  const bundles = new Map<string, string>()
  return {
    exportBundle: async ({ outDir, caCertPath, host, port, mirror, previousCa: withPrevious }, { job }) => {
      const ca = await readCa(caCertPath)
      const previous = withPrevious === true ? await archivedPreviousCa(caCertPath) : undefined
      const out = await exportBundle({
        ca,
        previousCa: previous,
        ...registryAndMirror(host, port, mirror),
        outDir,
        signal: job?.signal,
        onProgress: (step, percent) => job?.report({ step, percent, message: message(EXPORT_TEXT[step]) }),
      })
      const bundleId = `bundle-${randomBytes(8).toString('hex')}`
      bundles.set(bundleId, out.dir)
      job?.progress('done', 100)
      const { fingerprintSha256 } = out
      const previousCa = previous && {
        fingerprintSha256: previous.fingerprintSha256,
        notAfter: previous.notAfter,
      }
      return { bundleId, outDir: out.dir, files: out.files, fingerprintSha256, previousCa }
    },
    copyBundleToDrive: async ({ bundleId, driveId: wanted, force }, { job }) => {
      const bundleDir = bundles.get(bundleId)
      if (bundleDir === undefined)
        throw new AppError({ code: 'BUNDLE_UNKNOWN', kind: 'input', field: 'bundleId' })
      // The drive must be one main lists now (removable, mounted, never a system disk): listed again, not trusted.
      const drives = await listDrives()
      const drive = drives.find((d) => driveId(d) === wanted)
      if (drive === undefined) {
        throw new AppError({
          code: 'DRIVE_UNKNOWN',
          kind: 'input',
          field: 'driveId',
          params: { count: drives.length },
        })
      }
      const { dest, files, bytes, verified, mismatched, readBack, cacheFree } = await copyBundleToMount(
        bundleDir,
        drive.mount,
        {
          force,
          afterWrite: deps.afterDriveWrite,
          signal: job?.signal,
          onProgress: (step, percent) => job?.report({ step, percent, message: message(COPY_TEXT[step]) }),
        },
      )
      job?.progress('done', 100)
      return { dest, files, bytes, verified, mismatched, readBack, cacheFree }
    },
    listDrives: async () => ({ drives: (await listDrives()).map(driveInfo) }),
  }
}

/** Client trust (main/trust), the bundle for other machines (main/bundle) and removable drives (main/drives). */
export function trustHandlers(deps: TrustHandlerDeps = {}): Pick<AllHandlers, TrustChannels> {
  const env: TrustEnv = {
    root: deps.root ?? '/',
    platform: deps.platform ?? (process.platform as Platform),
    home: deps.home ?? homedir(),
  }
  return { ...trustChannels(deps, env), ...bundleChannels(deps) }
}
