// The Registry contents screen's channels (main/manage). The renderer names the registry by an address of the saved
// plan (host and port) and nothing else: main finds its CA (the certificate it issued for that address: OUT/ca.crt),
// its engine (the plan's), its container (the app's name) and its login (typed again, else the one main keeps). A
// retention dry run is kept here by id: `prune` deletes exactly what it listed, after checking a new plan (same rules,
// same `now`) lists the same; otherwise nothing is deleted.
import { randomBytes } from 'node:crypto'
import { dirname, join } from 'node:path'
import { isDeepStrictEqual } from 'node:util'
import { DEFAULT_NAME } from '../../docker/index'
import { AppError } from '../../errors'
import { readInputText } from '../../fs/read-input'
import {
  applyDelete,
  deleteImage,
  enableDelete,
  garbageCollect,
  planRetention,
  readCatalog,
  storageUsage,
  type DeletedManifest,
  type RetentionPlan,
} from '../../manage/index'
import { message } from '../../messages/index'
import { hostPort } from '../../net/address'
import type { Plan } from '../../plan/schema'
import { registryClient, type RegistryClient } from '../../registry-api/index'
import type { SettingsStore } from '../../state/settings-store'
import { parseTrustCa } from '../../trust/ca-certificate'
import type { ContentsDeleted, ContentsRegistryRef, RetentionPlanInfo } from '../contract'
import type { EngineCache } from '../engine-cache'
import type { AllHandlers } from '../register-handlers'
import type { RegistryLogins } from '../registry-logins'

type ContentsChannels =
  | 'readCatalog'
  | 'storageUsage'
  | 'deleteImage'
  | 'planRetention'
  | 'prune'
  | 'enableDelete'
  | 'garbageCollect'

export interface ManageHandlerDeps {
  settings: SettingsStore
  engines: EngineCache
  /** The registry container's name (default "registry"). */
  containerName?: string | undefined
  logins?: RegistryLogins | undefined
  now?: (() => Date) | undefined
}

interface Known {
  plan: Plan
  caPem: string
}

const bare = (host: string): string => host.replace(/^\[(.*)\]$/, '$1').toLowerCase()

/** The saved plan's registry at this address, with the CA of the certificate the app issued for it. */
export async function knownRegistry(settings: SettingsStore, ref: ContentsRegistryRef): Promise<Known> {
  const s = await settings.read()
  const address = hostPort(bare(ref.host), ref.port)
  const same = (a: string): boolean => bare(a) === bare(ref.host)
  const plan = s.plan
  if (plan === undefined || plan.port !== ref.port || !plan.addresses.some(same))
    throw new AppError({ code: 'MANAGE_REGISTRY_UNKNOWN', kind: 'input', field: 'host', params: { address } })
  const cert = s.knownCerts.find((c) => c.sans.some(same))
  if (cert === undefined) throw new AppError({ code: 'MANAGE_REGISTRY_NO_CA', params: { address } })
  const caPath = join(dirname(cert.certPath), 'ca.crt')
  const ca = parseTrustCa(await readInputText(caPath, 'host'), { field: 'host', sourcePath: caPath })
  return { plan, caPem: ca.pem }
}

async function withClient<T>(
  deps: ManageHandlerDeps,
  ref: ContentsRegistryRef,
  work: (client: RegistryClient) => Promise<T>,
): Promise<T> {
  const { caPem } = await knownRegistry(deps.settings, ref)
  const login = ref.credentials ?? deps.logins?.get(ref.host, ref.port)
  const client = registryClient({ host: bare(ref.host), port: ref.port, caPem, ...login })
  try {
    return await work(client)
  } finally {
    client.close()
  }
}

const deletedInfo = (d: DeletedManifest): ContentsDeleted => ({
  repository: d.repository,
  digest: d.digest,
  tags: d.tags,
  children: d.children,
})

/** Dry runs of this session by id (the newest few), each for the registry and repository filter it read. */
class RetentionPlans {
  private readonly byId = new Map<string, { plan: RetentionPlan; key: string; repo: string | undefined }>()

  add(plan: RetentionPlan, ref: ContentsRegistryRef, repo: string | undefined): string {
    const id = `plan-${randomBytes(8).toString('hex')}`
    this.byId.set(id, { plan, key: hostPort(bare(ref.host), ref.port), repo })
    if (this.byId.size > 20) this.byId.delete(this.byId.keys().next().value ?? '')
    return id
  }

  /** The plan, used once: gone from here whatever happens next. */
  take(id: string, ref: ContentsRegistryRef): { plan: RetentionPlan; repo: string | undefined } {
    const p = this.byId.get(id)
    this.byId.delete(id)
    if (p === undefined || p.key !== hostPort(bare(ref.host), ref.port))
      throw new AppError({ code: 'MANAGE_PLAN_UNKNOWN', kind: 'input', field: 'planId' })
    return p
  }
}

const planView = (planId: string, p: RetentionPlan): RetentionPlanInfo => ({
  planId,
  rules: { ...p.rules, protect: p.rules.protect === undefined ? undefined : [...p.rules.protect] },
  now: p.now,
  deletes: p.deletes.map((d) => ({ ...deletedInfo(d), created: d.created })),
  kept: p.kept,
})

function retentionChannels(
  deps: ManageHandlerDeps,
  plans: RetentionPlans,
): Pick<AllHandlers, 'planRetention' | 'prune'> {
  return {
    planRetention: async ({ rules, repo, ...ref }) =>
      withClient(deps, ref, async (client) => {
        const plan = planRetention(await readCatalog({ client, repo }), rules, deps.now?.() ?? new Date())
        return planView(plans.add(plan, ref, repo), plan)
      }),
    prune: async ({ planId, jobId: _jobId, ...ref }, { job }) => {
      const kept = plans.take(planId, ref)
      return withClient(deps, ref, async (client) => {
        const again = planRetention(
          await readCatalog({ client, repo: kept.repo }),
          kept.plan.rules,
          new Date(kept.plan.now),
        )
        const listed = (p: RetentionPlan): ContentsDeleted[] => p.deletes.map(deletedInfo)
        if (!isDeepStrictEqual(listed(again), listed(kept.plan)))
          throw new AppError({
            code: 'MANAGE_PLAN_CHANGED',
            params: { before: kept.plan.deletes.length, after: again.deletes.length },
          })
        const deleted: ContentsDeleted[] = []
        for (const d of kept.plan.deletes) {
          const reference = `${d.repository}@${d.digest}`
          const total = kept.plan.deletes.length
          const params = { reference, done: deleted.length + 1, total }
          const percent = Math.floor((deleted.length / total) * 100)
          job?.report({
            step: 'delete',
            percent,
            message: message('gui.contents.retention.deleting', params),
          })
          await applyDelete(client, d)
          deleted.push(deletedInfo(d))
        }
        return { deleted }
      })
    },
  }
}

function engineChannels(
  deps: ManageHandlerDeps,
): Pick<AllHandlers, 'storageUsage' | 'enableDelete' | 'garbageCollect'> {
  const name = deps.containerName ?? DEFAULT_NAME
  const engineOf = async (ref: ContentsRegistryRef) =>
    deps.engines.get((await knownRegistry(deps.settings, ref)).plan.docker)
  return {
    storageUsage: async (ref) => {
      const u = await storageUsage(await engineOf(ref), name)
      return { ...u, storage: u.storage }
    },
    enableDelete: async ({ jobId: _jobId, ...ref }, { job }) =>
      enableDelete({ engine: await engineOf(ref), name }, { onProgress: job?.report }),
    garbageCollect: async ({ jobId, dryRun, deleteUntagged, untaggedWarningAccepted: _ok, ...ref }, ctx) => {
      const r = await garbageCollect(
        { engine: await engineOf(ref), name, dryRun, deleteUntagged },
        { onProgress: ctx.job?.report, onLog: (line) => ctx.emit('job:log', { jobId, line }) },
      )
      const { log: _log, ...result } = r
      return result
    },
  }
}

/** The Registry contents channels (see the top of this file). */
export function manageHandlers(deps: ManageHandlerDeps): Pick<AllHandlers, ContentsChannels> {
  const plans = new RetentionPlans()
  return {
    readCatalog: async ({ repo, ...ref }) => withClient(deps, ref, (client) => readCatalog({ client, repo })),
    deleteImage: async ({ repository, tag, digest, ...ref }) =>
      withClient(deps, ref, async (client) =>
        deletedInfo(await deleteImage({ client, repository, tag, digest })),
      ),
    ...retentionChannels(deps, plans),
    ...engineChannels(deps),
  }
}
