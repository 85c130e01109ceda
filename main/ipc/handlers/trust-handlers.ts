import { randomBytes } from 'node:crypto'
import { promises as fs } from 'node:fs'
import { homedir } from 'node:os'
import { exportBundle } from '../../bundle/index'
import { AppError, invalidInput } from '../../errors'
import {
  copyBundleToMount,
  driveId,
  listRemovableDrives,
  type CopyBundleOptions,
  type RemovableDrive,
} from '../../drives/index'
import {
  describeStep,
  directRunner,
  parseRegistryAddresses,
  parseTrustCa,
  planTrust,
  runTrust,
  stepsAsShell,
  type CommandRunner,
  type Platform,
  type TargetPlan,
  type TrustEnv,
} from '../../trust/index'
import type { PrivilegedRunner } from '../../app/elevated-runner'
import type { TrustChange } from '../contract'
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

const hostPort = (host: string, port: number): string => `${host.includes(':') ? `[${host}]` : host}:${port}`

async function readCa(path: string): Promise<ReturnType<typeof parseTrustCa>> {
  let pem: string
  try {
    pem = await fs.readFile(path, 'utf8')
  } catch {
    throw invalidInput('caCertPath', path, 'the CA certificate file must exist and be readable')
  }
  return parseTrustCa(pem, { field: 'caCertPath', sourcePath: path })
}

function changesOf(plans: TargetPlan[]): TrustChange[] {
  return plans.flatMap((p) =>
    p.steps.map((s) => ({
      target: p.label,
      description: describeStep(s),
      ...(s.kind === 'run' ? { command: s.argv.join(' ') } : { path: s.path }),
    })),
  )
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

type TrustChannels = 'planTrust' | 'applyTrust' | 'exportBundle' | 'listDrives' | 'copyBundleToDrive'

/** Client trust (main/trust), the bundle for other machines (main/bundle) and removable drives (main/drives). */
export function trustHandlers(deps: TrustHandlerDeps = {}): Pick<AllHandlers, TrustChannels> {
  const root = deps.root ?? '/'
  const env: TrustEnv = {
    root,
    platform: deps.platform ?? (process.platform as Platform),
    home: deps.home ?? homedir(),
  }
  const isRoot = deps.isRoot ?? (() => process.getuid?.() === 0)
  const listDrives = deps.listDrives ?? (() => listRemovableDrives())
  // Bundle folders main created, by the id the renderer gets back: the renderer never names a folder to copy.
  const bundles = new Map<string, string>()
  const request = async (caCertPath: string, host: string, port: number) => ({
    env,
    ca: await readCa(caCertPath),
    registries: parseRegistryAddresses([hostPort(host, port)], 'host', { requirePort: true }),
  })

  return {
    planTrust: async ({ caCertPath, host, port }) => ({
      changes: changesOf(await planTrust('install', await request(caCertPath, host, port))),
    }),

    applyTrust: async ({ caCertPath, host, port }, { job }) => {
      const req = await request(caCertPath, host, port)
      job?.progress('plan', 10)
      if (isRoot() || root !== '/' || !deps.elevate) {
        // Root on the real system: apply directly. A test root, or no prompt: files are written, commands come back
        // as pending (never run against the real system for a prefixed root).
        const runner = isRoot() && root === '/' ? directRunner : undefined
        const out = await runTrust('install', { ...req, env: { ...env, runner } })
        job?.progress('done', 100)
        return { changes: changesOf(out.plans), pending: out.pending.map((p) => p.argv.join(' ')) }
      }
      const plans = await planTrust('install', req)
      const steps = plans.flatMap((p) => p.steps)
      if (env.platform === 'linux') {
        // Linux: every write and command of the change as one script, under ONE elevation prompt.
        if (steps.length > 0) {
          job?.progress('elevate', 30)
          await deps.elevate([{ program: 'sh', args: ['-c', `set -e\n${stepsAsShell(steps)}`] }])
        }
        job?.progress('done', 100)
        return { changes: changesOf(plans), pending: [] }
      }
      const out = await runTrust('install', { ...req, env: { ...env, runner: promptRunner(deps.elevate) } })
      job?.progress('done', 100)
      return { changes: changesOf(out.plans), pending: out.pending.map((p) => p.argv.join(' ')) }
    },

    exportBundle: async ({ outDir, caCertPath, host, port }, { job }) => {
      const req = await request(caCertPath, host, port)
      job?.progress('write-files', 20)
      const out = await exportBundle({ ca: req.ca, registries: req.registries, outDir })
      const bundleId = `bundle-${randomBytes(8).toString('hex')}`
      bundles.set(bundleId, out.dir)
      job?.progress('done', 100)
      return { bundleId, outDir: out.dir, files: out.files, fingerprintSha256: out.fingerprintSha256 }
    },

    copyBundleToDrive: async ({ bundleId, driveId: wanted, force }, { job }) => {
      const bundleDir = bundles.get(bundleId)
      if (bundleDir === undefined) {
        throw new AppError({
          code: 'BUNDLE_UNKNOWN',
          kind: 'input',
          field: 'bundleId',
          message: 'that bundle was not exported by this app session; nothing was written',
          hint: 'Export the trust bundle again, then write it to the drive.',
        })
      }
      // The drive must be one main lists now (removable, mounted, never a system disk): listed again, not trusted.
      const drives = await listDrives()
      const drive = drives.find((d) => driveId(d) === wanted)
      if (drive === undefined) {
        throw new AppError({
          code: 'DRIVE_UNKNOWN',
          kind: 'input',
          field: 'driveId',
          message: `that drive is not a mounted removable drive now (${drives.length} listed); nothing was written`,
          hint: 'Plug the drive in again and mount it, then list the drives again (reopen this step) and choose it.',
        })
      }
      job?.progress('write-drive', 10)
      const out = await copyBundleToMount(bundleDir, drive.mount, { force, afterWrite: deps.afterDriveWrite })
      job?.progress('done', 100)
      return {
        dest: out.dest,
        files: out.files,
        bytes: out.bytes,
        verified: out.verified,
        mismatched: out.mismatched,
        readBack: out.readBack,
        cacheFree: out.cacheFree,
      }
    },

    listDrives: async () => ({
      drives: (await listDrives()).map((d) => ({
        id: driveId(d),
        device: d.device,
        description: [d.label, d.model].filter(Boolean).join(' · ') || d.device,
        mountpoints: [d.mount],
        sizeBytes: d.sizeBytes,
        freeBytes: d.freeBytes,
        readOnly: d.readOnly,
      })),
    }),
  }
}
