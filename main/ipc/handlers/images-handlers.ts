// The Images screen's channels (main/images, main/registry-api). Main owns every path: the renderer names an
// archive, a layout folder or an export folder by the id main gave it when the user picked it through main's
// dialog (pickImagesPath) or when the preload sent the path of a file dropped on the screen
// (registerDroppedImagesPath), and a drive by the id listDrives gave it. Logins come from main's memory unless typed.
import { randomBytes } from 'node:crypto'
import { stat } from 'node:fs/promises'
import { basename, join } from 'node:path'
import { listRemovableDrives, driveId, type RemovableDrive } from '../../drives/index'
import { AppError } from '../../errors'
import { readInputText } from '../../fs/read-input'
import {
  exportImages,
  importImages,
  inspectArchive,
  type ArchiveInspection,
  type Platform,
  type TransferProgress,
} from '../../images/index'
import { message } from '../../messages/index'
import type { RegistryEndpoint } from '../../registry-api/index'
import { parseTrustCa } from '../../trust/ca-certificate'
import type { ImageArchiveInfo, ImagesRegistryRef, PickedPath, TransferProgressInfo } from '../contract'
import type { HandlerContext } from '../handler-types'
import type { RegistryLogin, RegistryLogins } from '../registry-logins'
import type { AllHandlers } from '../register-handlers'
import type { Dialogs } from './app-handlers'

type ImagesChannels =
  'pickImagesPath' | 'registerDroppedImagesPath' | 'inspectImageArchive' | 'importImages' | 'exportImages'

export interface ImagesHandlerDeps {
  dialogs: Dialogs
  logins?: RegistryLogins | undefined
  /** The removable-drive lister (default: systeminformation); tests give a real loop-mounted image. */
  listDrives?: (() => Promise<RemovableDrive[]>) | undefined
}

type PickKind = 'archive' | 'layout' | 'exportFolder'

/** The paths the user picked in this session, by the id the renderer holds. */
class Picks {
  private readonly byId = new Map<string, { kind: PickKind; path: string }>()

  add(kind: PickKind, path: string): PickedPath {
    const id = `pick-${randomBytes(8).toString('hex')}`
    this.byId.set(id, { kind, path })
    return { id, name: basename(path), path }
  }

  /** The path of a pick of one of `kinds`; anything else is invalid input naming `field`. */
  path(id: string, kinds: PickKind[], field: string): string {
    const p = this.byId.get(id)
    if (p === undefined || !kinds.includes(p.kind))
      throw new AppError({ code: 'IMAGE_PICK_UNKNOWN', kind: 'input', field })
    return p.path
  }
}

function dropUnusable(path: string, reason: string): AppError {
  return new AppError({
    code: 'IMAGE_DROP_UNUSABLE',
    kind: 'input',
    field: 'path',
    params: { path, reason: message(`gui.images.dropReason.${reason}`) },
  })
}

/** What a dropped path is: an archive file, or a folder holding an OCI layout (or an unpacked docker save). */
async function droppedKind(path: string): Promise<PickKind> {
  const st = await stat(path).catch(() => {
    throw dropUnusable(path, 'missing')
  })
  if (st.isFile()) return 'archive'
  if (!st.isDirectory()) throw dropUnusable(path, 'notFile')
  for (const marker of ['oci-layout', 'manifest.json'])
    if ((await stat(join(path, marker)).catch(() => undefined))?.isFile() === true) return 'layout'
  throw dropUnusable(path, 'notLayout')
}

/** The registry of the request, trusting only its CA; the typed login, else the one main kept for it. */
async function endpointOf(
  r: ImagesRegistryRef,
  logins: RegistryLogins | undefined,
): Promise<{ registry: RegistryEndpoint; user?: string; password?: string }> {
  const pem = await readInputText(r.caCertPath, 'caCertPath')
  const ca = parseTrustCa(pem, { field: 'caCertPath', sourcePath: r.caCertPath })
  const registry = { host: r.host, port: r.port, caPem: ca.pem }
  const login: RegistryLogin | undefined = r.credentials ?? logins?.get(r.host, r.port)
  return login === undefined ? { registry } : { registry, user: login.user, password: login.password }
}

function archiveInfo(archiveId: string, a: ArchiveInspection): ImageArchiveInfo {
  return {
    archiveId,
    name: basename(a.path),
    kind: a.kind,
    totalBytes: a.totalBytes,
    images: a.images.map((i) => ({
      names: i.names,
      ...(i.tags.length > 0 ? { tags: i.tags } : {}),
      digest: i.digest,
      mediaType: i.mediaType,
      size: i.size,
      platforms: i.platforms.map((p) => ({ ...p })),
    })),
  }
}

/**
 * A transfer's progress as `job:transfer` events (at most every `ms`, but a blob's end and a new step always) and
 * as the job's own step text and percent (the generic progress bar with its Cancel).
 */
export function transferReporter(
  ctx: HandlerContext,
  ms = 100,
  clock: () => number = Date.now,
): (p: TransferProgress) => void {
  let last = -Infinity
  let lastKey = ''
  return (p) => {
    const job = ctx.job
    if (job === undefined) return
    const ended = p.blob !== undefined && p.blob.done >= p.blob.size
    if (!ended && p.message.key === lastKey && clock() - last < ms) return
    last = clock()
    lastKey = p.message.key
    const transfer: TransferProgressInfo = p
    ctx.emit('job:transfer', { jobId: job.jobId, transfer })
    const percent = p.total > 0 ? Math.floor((p.done / p.total) * 100) : undefined
    job.report({ step: 'transfer', percent, message: p.message })
  }
}

function parsePlatform(value: string | undefined): Platform | undefined {
  if (value === undefined) return undefined
  const [os = '', architecture = '', variant] = value.split('/')
  return variant === undefined ? { os, architecture } : { os, architecture, variant }
}

/** A drive main lists now, by its id (listed again, never trusted from the request). */
async function driveMount(id: string, list: () => Promise<RemovableDrive[]>): Promise<string> {
  const drives = await list()
  const drive = drives.find((d) => driveId(d) === id)
  if (drive === undefined)
    throw new AppError({
      code: 'DRIVE_UNKNOWN',
      kind: 'input',
      field: 'driveId',
      params: { count: drives.length },
    })
  return drive.mount
}

export function imagesHandlers(deps: ImagesHandlerDeps): Pick<AllHandlers, ImagesChannels> {
  const picks = new Picks()
  const listDrives = deps.listDrives ?? (() => listRemovableDrives())
  return {
    pickImagesPath: async ({ kind }) => {
      const path =
        kind === 'archive'
          ? await deps.dialogs.chooseFile({ extensions: ['tar', 'gz', 'tgz'] })
          : await deps.dialogs.chooseFolder({})
      return { picked: path === null ? null : picks.add(kind, path) }
    },
    registerDroppedImagesPath: async ({ path }) => ({ picked: picks.add(await droppedKind(path), path) }),
    inspectImageArchive: async ({ archiveId }, { job }) => {
      const path = picks.path(archiveId, ['archive', 'layout'], 'archiveId')
      return archiveInfo(archiveId, await inspectArchive(path, { signal: job?.signal }))
    },
    importImages: async ({ archiveIds, prefix, repository, ...ref }, ctx) => {
      const files = archiveIds.map((id) => picks.path(id, ['archive', 'layout'], 'archiveIds'))
      const conn = await endpointOf(ref, deps.logins)
      return importImages(
        { ...conn, files, prefix, repository },
        { signal: ctx.job?.signal, onProgress: transferReporter(ctx) },
      )
    },
    exportImages: async (req, ctx) => {
      const drive = req.driveId === undefined ? undefined : await driveMount(req.driveId, listDrives)
      const dir = drive ?? picks.path(req.folderId ?? '', ['exportFolder'], 'folderId')
      const conn = await endpointOf(req, deps.logins)
      const input = {
        ...conn,
        refs: req.refs,
        out: join(dir, req.fileName),
        format: req.format,
        platform: parsePlatform(req.platform),
        prefix: req.prefix,
        force: req.force,
        drive,
      }
      return exportImages(input, { signal: ctx.job?.signal, onProgress: transferReporter(ctx) })
    },
  }
}
