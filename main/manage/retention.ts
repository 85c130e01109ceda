// Retention: which images of a registry to delete by rules, planned by ONE function for the dry run and the real
// run (the real run deletes exactly the plan). A unit is a manifest digest in a repository: every tag pointing at it
// goes together, and a multi-platform index goes as a whole (its platform manifests with it, see delete.ts).
//   keepLast N     the N newest units of each repository (by created time, from the image config) are kept
//   olderThanDays  only units created more than D days ago may go
//   protect        globs (picomatch) of tags that are never deleted: a unit with any such tag is kept
// A unit whose created time is unknown is kept (its age cannot be judged). Both rules given: a unit goes when
// neither keeps it.
import picomatch from 'picomatch'
import { DAY_MS } from '../dates'
import { invalidInput } from '../errors'
import { message } from '../messages/index'
import type { RegistryClient } from '../registry-api/index'
import { readCatalog, type CatalogResult, type RepositoryEntry } from './catalog'
import { applyDelete, planDeletes, refsFromCatalog, type DeletedManifest } from './delete'

export interface RetentionRules {
  keepLast?: number | undefined
  olderThanDays?: number | undefined
  protect?: readonly string[] | undefined
}

export interface PlannedDelete extends DeletedManifest {
  created: string | undefined
}

export interface RetentionPlan {
  rules: RetentionRules
  now: string
  deletes: PlannedDelete[]
  /** Units kept, per reason (counts). */
  kept: { protected: number; newest: number; young: number; unknownAge: number }
}

/** Refuses rules that would say nothing (no rule) or nonsense (negative numbers). */
export function checkRules(rules: RetentionRules): void {
  if (rules.keepLast === undefined && rules.olderThanDays === undefined)
    throw invalidInput('keepLast', '', message('manage.allowed.rules'), 'MANAGE_RULES_MISSING')
  if (rules.keepLast !== undefined && (!Number.isInteger(rules.keepLast) || rules.keepLast < 0))
    throw invalidInput('keepLast', rules.keepLast, message('input.allowed.wholeNumber', { max: 1_000_000 }))
  if (rules.olderThanDays !== undefined && (!Number.isFinite(rules.olderThanDays) || rules.olderThanDays < 0))
    throw invalidInput(
      'olderThanDays',
      rules.olderThanDays,
      message('input.allowed.wholeNumber', { max: 100_000 }),
    )
  for (const g of rules.protect ?? [])
    if (g.trim() === '') throw invalidInput('protect', g, message('manage.allowed.glob'))
}

interface Unit {
  digest: string
  tags: string[]
  created: string | undefined
}

function unitsOf(repo: RepositoryEntry): Unit[] {
  const byDigest = new Map<string, Unit>()
  for (const t of repo.tags) {
    const u = byDigest.get(t.digest) ?? { digest: t.digest, tags: [], created: t.created }
    u.tags.push(t.tag)
    byDigest.set(t.digest, u)
  }
  // Newest first; the digest breaks ties so the plan is the same every time.
  return [...byDigest.values()].sort(
    (a, b) => (b.created ?? '').localeCompare(a.created ?? '') || a.digest.localeCompare(b.digest),
  )
}

/** The plan for a catalog (pure). */
export function planRetention(
  catalog: CatalogResult,
  rules: RetentionRules,
  now = new Date(),
): RetentionPlan {
  checkRules(rules)
  const isProtected = picomatch([...(rules.protect ?? [])].length > 0 ? [...(rules.protect ?? [])] : ['!**'])
  const cutoff = rules.olderThanDays === undefined ? undefined : now.getTime() - rules.olderThanDays * DAY_MS
  const kept = { protected: 0, newest: 0, young: 0, unknownAge: 0 }
  const deletes: PlannedDelete[] = []
  for (const repo of catalog.repositories) {
    const going: Unit[] = []
    for (const [rank, u] of unitsOf(repo).entries()) {
      if ((rules.protect ?? []).length > 0 && u.tags.some((t) => isProtected(t))) kept.protected++
      else if (u.created === undefined) kept.unknownAge++
      else if (rules.keepLast !== undefined && rank < rules.keepLast) kept.newest++
      else if (cutoff !== undefined && Date.parse(u.created) > cutoff) kept.young++
      else going.push(u)
    }
    const planned = planDeletes(
      refsFromCatalog(repo),
      repo.name,
      going.map((u) => u.digest),
    )
    for (const [i, p] of planned.entries()) deletes.push({ ...p, created: going[i]?.created })
  }
  return { rules, now: now.toISOString(), deletes, kept }
}

export interface PruneInput {
  client: RegistryClient
  rules: RetentionRules
  repo?: string | undefined
  /** Plan only (the default is to plan only: deleting needs dryRun: false). */
  dryRun: boolean
  now?: Date | undefined
  signal?: AbortSignal | undefined
  onDeleted?: ((d: PlannedDelete) => void) | undefined
}

export interface PruneResult extends RetentionPlan {
  dryRun: boolean
  /** The deletes carried out (the plan's, in order; all of them unless one failed). */
  deleted: PlannedDelete[]
}

/** Reads the catalog, plans, and (unless a dry run) deletes exactly the plan. */
export async function prune(input: PruneInput): Promise<PruneResult> {
  checkRules(input.rules)
  const catalog = await readCatalog({ client: input.client, repo: input.repo, signal: input.signal })
  const plan = planRetention(catalog, input.rules, input.now)
  const deleted: PlannedDelete[] = []
  if (!input.dryRun)
    for (const d of plan.deletes) {
      await applyDelete(input.client, d, input.signal)
      deleted.push(d)
      input.onDeleted?.(d)
    }
  return { ...plan, dryRun: input.dryRun, deleted }
}
