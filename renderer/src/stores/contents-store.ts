import { create } from 'zustand'
import type {
  ContentsDeleted,
  ContentsRegistryRef,
  ContentsRepository,
  ContentsTag,
  ContentsUsage,
  ErrorInfo,
  GcResultInfo,
  RetentionPlanInfo,
  RetentionRulesInfo,
} from '../../../main/ipc/contract'
import { api } from '../api'
import { newJobId } from '../lib/job-id'

/** One row of the contents table: a tag of a repository. */
export interface TagRow {
  repository: string
  tag: ContentsTag
}

export interface RetentionForm {
  keepLast: string
  olderThan: string
  protect: string
}

interface ContentsState {
  ref: ContentsRegistryRef | undefined
  repositories: ContentsRepository[] | undefined
  loading: boolean
  error: ErrorInfo | undefined
  filter: string
  usage: ContentsUsage | undefined
  usageError: ErrorInfo | undefined
  deleting: string | undefined
  deleted: ContentsDeleted | undefined
  deleteError: ErrorInfo | undefined
  /** The registry refused a delete (405): the Switch deleting on card shows. */
  deleteOff: boolean
  enableJob: string | undefined
  enabled: { changed: boolean } | undefined
  enableError: ErrorInfo | undefined
  retention: RetentionForm
  plan: RetentionPlanInfo | undefined
  planning: boolean
  planError: ErrorInfo | undefined
  pruneJob: string | undefined
  pruned: number | undefined
  gcUntagged: boolean
  gcJob: string | undefined
  /** The last garbage collection's job (its log stays shown). */
  gcLogJob: string | undefined
  gcDry: GcResultInfo | undefined
  gcRun: GcResultInfo | undefined
  gcError: ErrorInfo | undefined
  set: (patch: Partial<ContentsState>) => void
  open: (ref: ContentsRegistryRef) => Promise<void>
  load: () => Promise<void>
  loadUsage: () => Promise<void>
  /** Reads only these repositories (the Images screen after a push) and puts them in place of what was read before. */
  readRepositories: (ref: ContentsRegistryRef, names: string[]) => Promise<void>
  remove: (repository: string, tag: string) => Promise<void>
  enableDelete: () => Promise<void>
  dryRunRetention: () => Promise<void>
  applyRetention: () => Promise<void>
  gc: (dryRun: boolean) => Promise<void>
}

type Set = (patch: Partial<ContentsState> | ((s: ContentsState) => Partial<ContentsState>)) => void
type Get = () => ContentsState

export const initialContentsState = {
  ref: undefined,
  repositories: undefined,
  loading: false,
  error: undefined,
  filter: '',
  usage: undefined,
  usageError: undefined,
  deleting: undefined,
  deleted: undefined,
  deleteError: undefined,
  deleteOff: false,
  enableJob: undefined,
  enabled: undefined,
  enableError: undefined,
  retention: { keepLast: '', olderThan: '', protect: 'latest' },
  plan: undefined,
  planning: false,
  planError: undefined,
  pruneJob: undefined,
  pruned: undefined,
  gcUntagged: false,
  gcJob: undefined,
  gcLogJob: undefined,
  gcDry: undefined,
  gcRun: undefined,
  gcError: undefined,
} satisfies Partial<ContentsState>

/** HOST:PORT as docker writes it (an IPv6 host bracketed). */
export const addressOf = (ref: ContentsRegistryRef): string =>
  `${ref.host.includes(':') && !ref.host.startsWith('[') ? `[${ref.host}]` : ref.host}:${ref.port}`

/** Every tag as a row, those whose `repository:tag` holds the filter (case-insensitive). */
export function tagRows(repositories: ContentsRepository[] | undefined, filter: string): TagRow[] {
  const f = filter.trim().toLowerCase()
  const rows: TagRow[] = []
  for (const r of repositories ?? [])
    for (const tag of r.tags)
      if (f === '' || `${r.name}:${tag.tag}`.toLowerCase().includes(f)) rows.push({ repository: r.name, tag })
  return rows
}

/** The tags that share a tag's manifest (they go with it), itself included. */
export function tagsWith(repositories: ContentsRepository[] | undefined, row: TagRow): string[] {
  const repo = repositories?.find((r) => r.name === row.repository)
  return (repo?.tags ?? []).filter((t) => t.digest === row.tag.digest).map((t) => t.tag)
}

/** The platform manifests of an index tag that go with it: those no other manifest of the repository needs. */
export function childrenGoing(repositories: ContentsRepository[] | undefined, row: TagRow): number {
  if (row.tag.kind !== 'index') return 0
  const kept = new Set<string>()
  for (const t of repositories?.find((r) => r.name === row.repository)?.tags ?? [])
    if (t.digest !== row.tag.digest)
      for (const d of [t.digest, ...t.platforms.map((p) => p.digest)]) kept.add(d)
  return row.tag.platforms.filter((p) => !kept.has(p.digest)).length
}

/** The rules the form says (empty fields: no such rule). */
export function rulesOf(form: RetentionForm): RetentionRulesInfo {
  const num = (v: string): number | undefined => (v.trim() === '' ? undefined : Number(v))
  const protect = form.protect.split(/[\s,]+/).filter((g) => g !== '')
  return {
    keepLast: num(form.keepLast),
    olderThanDays: num(form.olderThan),
    ...(protect.length > 0 ? { protect } : {}),
  }
}

/** The catalog filter (readCatalog's `repo`) that picks exactly these names; undefined when it would be too long. */
export function repoGlob(names: string[]): string | undefined {
  const glob = names.length === 1 ? names[0] : `{${names.join(',')}}`
  return glob !== undefined && glob.length <= 255 ? glob : undefined
}

const byName = (a: ContentsRepository, b: ContentsRepository): number =>
  a.name < b.name ? -1 : a.name > b.name ? 1 : 0

const sameRegistry = (a: ContentsRegistryRef | undefined, b: ContentsRegistryRef): boolean =>
  a !== undefined && a.host === b.host && a.port === b.port

function browseSlice(
  set: Set,
  get: Get,
): Pick<ContentsState, 'open' | 'load' | 'loadUsage' | 'readRepositories'> {
  return {
    open: async (ref) => {
      set({ ref })
      await Promise.all([get().load(), get().loadUsage()])
    },
    load: async () => {
      const ref = get().ref
      if (!ref) return
      set({ loading: true, error: undefined })
      const r = await api().readCatalog(ref)
      set(r.ok ? { loading: false, repositories: r.value.repositories } : { loading: false, error: r.error })
    },
    loadUsage: async () => {
      const ref = get().ref
      if (!ref) return
      const r = await api().storageUsage(ref)
      set(r.ok ? { usage: r.value, usageError: undefined } : { usageError: r.error })
    },
    readRepositories: async (ref, names) => {
      const before = sameRegistry(get().ref, ref) ? (get().repositories ?? []) : []
      set({ ref, loading: true, error: undefined })
      const repo = repoGlob(names)
      const r = await api().readCatalog(repo === undefined ? ref : { ...ref, repo })
      if (!r.ok) {
        set({ loading: false, error: r.error })
        return
      }
      const read = r.value.repositories.filter((x) => names.includes(x.name))
      const kept = before.filter((x) => !names.includes(x.name))
      set({ loading: false, repositories: [...kept, ...read].sort(byName) })
    },
  }
}

function deleteSlice(set: Set, get: Get): Pick<ContentsState, 'remove' | 'enableDelete'> {
  return {
    remove: async (repository, tag) => {
      const ref = get().ref
      if (!ref) return
      set({
        deleting: `${repository}:${tag}`,
        deleteError: undefined,
        deleted: undefined,
        enabled: undefined,
      })
      const r = await api().deleteImage({ ...ref, repository, tag })
      set({ deleting: undefined })
      if (!r.ok) {
        set({ deleteError: r.error, deleteOff: r.error.code === 'MANAGE_DELETE_DISABLED' })
        return
      }
      set({ deleted: r.value, deleteOff: false })
      await get().load()
    },
    enableDelete: async () => {
      const ref = get().ref
      if (!ref) return
      const jobId = newJobId('contents-enable')
      set({ enableJob: jobId, enableError: undefined, enabled: undefined })
      const r = await api().enableDelete({ ...ref, jobId })
      set(
        r.ok
          ? {
              enableJob: undefined,
              enabled: { changed: r.value.changed },
              deleteOff: false,
              deleteError: undefined,
            }
          : { enableJob: undefined, enableError: r.error },
      )
    },
  }
}

function retentionSlice(set: Set, get: Get): Pick<ContentsState, 'dryRunRetention' | 'applyRetention'> {
  return {
    dryRunRetention: async () => {
      const ref = get().ref
      if (!ref) return
      set({ planning: true, planError: undefined, plan: undefined, pruned: undefined })
      const r = await api().planRetention({ ...ref, rules: rulesOf(get().retention) })
      set(r.ok ? { planning: false, plan: r.value } : { planning: false, planError: r.error })
    },
    applyRetention: async () => {
      const { ref, plan } = get()
      if (!ref || !plan) return
      const jobId = newJobId('contents-prune')
      set({ pruneJob: jobId, planError: undefined })
      const r = await api().prune({ ...ref, jobId, planId: plan.planId })
      set(
        r.ok
          ? { pruneJob: undefined, plan: undefined, pruned: r.value.deleted.length }
          : { pruneJob: undefined, plan: undefined, planError: r.error },
      )
      await get().load()
    },
  }
}

function gcSlice(set: Set, get: Get): Pick<ContentsState, 'gc'> {
  return {
    gc: async (dryRun) => {
      const { ref, gcUntagged } = get()
      if (!ref) return
      const jobId = newJobId(dryRun ? 'contents-gc-dry' : 'contents-gc')
      set({
        gcJob: jobId,
        gcLogJob: jobId,
        gcError: undefined,
        ...(dryRun ? { gcDry: undefined } : {}),
        gcRun: undefined,
      })
      const untagged = gcUntagged ? { deleteUntagged: true, untaggedWarningAccepted: true } : {}
      const r = await api().garbageCollect({ ...ref, jobId, dryRun, ...untagged })
      if (!r.ok) {
        set({ gcJob: undefined, gcError: r.error })
        return
      }
      set(
        dryRun
          ? { gcJob: undefined, gcDry: r.value }
          : { gcJob: undefined, gcRun: r.value, gcDry: undefined },
      )
      if (!dryRun) await Promise.all([get().load(), get().loadUsage()])
    },
  }
}

/** The Registry contents screen: the catalog, storage, deletes, retention and garbage collection of one registry. */
export const useContentsStore = create<ContentsState>()((set, get) => ({
  ...initialContentsState,
  set: (patch) => set(patch),
  ...browseSlice(set, get),
  ...deleteSlice(set, get),
  ...retentionSlice(set, get),
  ...gcSlice(set, get),
}))
