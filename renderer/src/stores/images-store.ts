import { create } from 'zustand'
import type {
  DriveInfo,
  ErrorInfo,
  ExportImagesResult,
  ImageArchiveInfo,
  ImagesRegistryRef,
  ImportImagesResult,
  PickedPath,
  Result,
  TransferProgressInfo,
} from '../../../main/ipc/contract'
import { api } from '../api'
import { newJobId } from '../lib/job-id'

/** One blob's bar: the latest bytes main reported for it. */
export interface BlobBar {
  digest: string
  done: number
  size: number
  outcome?: string | undefined
}

/** A transfer in flight or just finished: its blobs in the order they appeared, and the total. */
export interface Transfer {
  blobs: BlobBar[]
  last: TransferProgressInfo | undefined
}

export type ExportDestination = 'folder' | 'drive'

interface ImagesState {
  archives: ImageArchiveInfo[]
  pickError: ErrorInfo | undefined
  reading: string | undefined
  prefix: string
  /** The repository for images an archive names only by a tag. */
  repository: string
  login: { user: string; password: string }
  importJob: string | undefined
  /** The job whose bars are shown (the last push or export, kept after it ends). */
  barsJob: string | undefined
  importError: ErrorInfo | undefined
  imported: ImportImagesResult | undefined
  transfers: Record<string, Transfer>
  /** The repositories the last successful push wrote (the Registry contents table below it shows their tags). */
  pushed: string[]
  exporter: ExporterState
  exportJob: string | undefined
  exportError: ErrorInfo | undefined
  exported: ExportImagesResult | undefined
  set: (patch: Partial<ImagesState>) => void
  onTransfer: (jobId: string, p: TransferProgressInfo) => void
  pick: (kind: 'archive' | 'layout') => Promise<void>
  /** Files dropped on the screen: each goes to main (the preload finds its path), then is read like a pick. */
  drop: (files: File[]) => Promise<void>
  remove: (archiveId: string) => void
  push: (target: ImagesRegistryRef) => Promise<void>
  setExporter: (patch: Partial<ExporterState>) => void
  /** Adds a reference to the export list (or takes it out when it is there). */
  toggleRef: (reference: string) => void
  pickFolder: () => Promise<void>
  loadDrives: () => Promise<void>
  exportNow: (target: ImagesRegistryRef) => Promise<void>
}

export interface ExporterState {
  /** One reference per line, as typed, pasted or ticked (under the push here, or on Registry contents). */
  refs: string
  format: 'oci' | 'docker'
  platform: string
  destination: ExportDestination
  folder: PickedPath | undefined
  drives: DriveInfo[]
  driveId: string
  fileName: string
  force: boolean
}

const initialExporter: ExporterState = {
  refs: '',
  format: 'oci',
  platform: 'linux/amd64',
  destination: 'folder',
  folder: undefined,
  drives: [],
  driveId: '',
  fileName: 'images.tar',
  force: false,
}

/** The references of the list text: one a line, blank lines and `#` comments left out. */
export function refLines(text: string): string[] {
  return text
    .split(/\r?\n/)
    .map((l) => l.replace(/#.*$/, '').trim())
    .filter((l) => l !== '')
}

export const initialImagesState = {
  archives: [],
  pickError: undefined,
  reading: undefined,
  prefix: '',
  repository: '',
  login: { user: '', password: '' },
  importJob: undefined,
  barsJob: undefined,
  importError: undefined,
  imported: undefined,
  transfers: {},
  pushed: [],
  exporter: initialExporter,
  exportJob: undefined,
  exportError: undefined,
  exported: undefined,
}

/** The login typed on the screen, when both parts are: else main uses the one it kept from the registry start. */
export function withLogin(target: ImagesRegistryRef, login: ImagesState['login']): ImagesRegistryRef {
  const user = login.user.trim()
  return user && login.password ? { ...target, credentials: { user, password: login.password } } : target
}

function addBlob(t: Transfer | undefined, p: TransferProgressInfo): Transfer {
  const blobs = t?.blobs ?? []
  if (p.blob === undefined) return { blobs, last: p }
  const bar: BlobBar = {
    digest: p.blob.digest,
    done: p.blob.done,
    size: p.blob.size,
    outcome: p.blob.outcome,
  }
  const i = blobs.findIndex((b) => b.digest === bar.digest)
  return { blobs: i < 0 ? [...blobs, bar] : blobs.map((b, j) => (j === i ? bar : b)), last: p }
}

/** The repository of a reference the push reports (`repo:tag` or `repo@digest`). */
export function repositoryOf(reference: string): string {
  const at = reference.indexOf('@')
  const name = at < 0 ? reference : reference.slice(0, at)
  const colon = name.lastIndexOf(':')
  return colon > name.lastIndexOf('/') ? name.slice(0, colon) : name
}

/** The repositories a push wrote, each once, in order; none: the ones pushed before stay shown. */
function pushedRepositories(r: ImportImagesResult, before: string[]): string[] {
  const names = [...new Set(r.images.map((i) => repositoryOf(i.reference)))]
  return names.length > 0 ? names : before
}

/** The Images screen: archives picked through main (by id), the push with its bars, what to export. */
export const useImagesStore = create<ImagesState>()((set, get) => ({
  ...initialImagesState,
  set: (patch) => set(patch),
  onTransfer: (jobId, p) =>
    set((s) => ({ transfers: { ...s.transfers, [jobId]: addBlob(s.transfers[jobId], p) } })),
  pick: async (kind) => {
    set({ pickError: undefined })
    await readPicked(set, await api().pickImagesPath({ kind }))
  },
  drop: async (files) => {
    set({ pickError: undefined })
    for (const file of files) await readPicked(set, await api().registerDroppedImagesPath(file))
  },
  remove: (archiveId) => set((s) => ({ archives: s.archives.filter((a) => a.archiveId !== archiveId) })),
  push: async (target) => {
    const { archives, prefix, repository, login } = get()
    const jobId = newJobId('images-import')
    set({ importJob: jobId, barsJob: jobId, importError: undefined, imported: undefined })
    const p = prefix.trim()
    const repo = repository.trim()
    const r = await api().importImages({
      jobId,
      ...withLogin(target, login),
      archiveIds: archives.map((a) => a.archiveId),
      ...(p ? { prefix: p } : {}),
      ...(repo ? { repository: repo } : {}),
    })
    set(
      r.ok
        ? { importJob: undefined, imported: r.value, pushed: pushedRepositories(r.value, get().pushed) }
        : { importJob: undefined, importError: r.error },
    )
  },
  ...exporterActions(set, get),
}))

type Set = (patch: Partial<ImagesState> | ((s: ImagesState) => Partial<ImagesState>)) => void

/** A pick or a drop main answered: the archive it names is read and added to the table (or the error shown). */
async function readPicked(set: Set, r: Result<{ picked: PickedPath | null }>): Promise<void> {
  if (!r.ok) {
    set({ pickError: r.error })
    return
  }
  const picked = r.value.picked
  if (picked === null) return
  set({ reading: picked.name })
  const info = await api().inspectImageArchive({ archiveId: picked.id })
  set({ reading: undefined })
  if (info.ok) set((s) => ({ archives: [...s.archives, info.value] }))
  else set({ pickError: info.error })
}

function exporterActions(
  set: Set,
  get: () => ImagesState,
): Pick<ImagesState, 'setExporter' | 'toggleRef' | 'pickFolder' | 'loadDrives' | 'exportNow'> {
  const setExporter = (patch: Partial<ExporterState>): void =>
    set((s) => ({ exporter: { ...s.exporter, ...patch } }))
  return {
    setExporter,
    toggleRef: (reference) => {
      const lines = refLines(get().exporter.refs)
      const next = lines.includes(reference) ? lines.filter((l) => l !== reference) : [...lines, reference]
      setExporter({ refs: next.join('\n') })
    },
    pickFolder: async () => {
      const r = await api().pickImagesPath({ kind: 'exportFolder' })
      if (!r.ok) set({ exportError: r.error })
      else if (r.value.picked) setExporter({ folder: r.value.picked })
    },
    loadDrives: async () => {
      const r = await api().listDrives()
      if (r.ok) setExporter({ drives: r.value.drives, driveId: r.value.drives[0]?.id ?? '' })
    },
    exportNow: async (target) => {
      const e = get().exporter
      const jobId = newJobId('images-export')
      set({ exportJob: jobId, barsJob: jobId, exportError: undefined, exported: undefined })
      const where =
        e.destination === 'folder' ? { folderId: e.folder?.id ?? '' } : { driveId: e.driveId || '' }
      const r = await api().exportImages({
        jobId,
        ...withLogin(target, get().login),
        refs: refLines(e.refs),
        format: e.format,
        ...(e.format === 'docker' && e.platform.trim() ? { platform: e.platform.trim() } : {}),
        fileName: e.fileName.trim(),
        ...where,
        ...(e.force ? { force: true } : {}),
      })
      set(r.ok ? { exportJob: undefined, exported: r.value } : { exportJob: undefined, exportError: r.error })
    },
  }
}
