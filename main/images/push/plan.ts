// What an import will do, decided before anything is sent: for every image of every archive the repositories and
// tags it goes to (names from the archive, `--prefix` applied, a repository given for images named only by a tag
// or not at all), checked for clashes. Bad input fails here, with nothing pushed.
import { AppError } from '../../errors'
import { isValidPrefix, parseReference, withPrefix } from '../names'
import type { ImageSource, SourceImage } from '../types'

export interface Target {
  repository: string
  /** undefined: pushed by digest only (an image the archive gives no name, under the repository given). */
  tag: string | undefined
}

export interface PlannedImage {
  source: ImageSource
  image: SourceImage
  /** The digest a tag points at: the index's for a multi-platform image, else the one manifest's. */
  digest: string
  mediaType: string
  bytes: Buffer
  targets: Target[]
}

const REPOSITORY = /^[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*(?:\/[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*)*$/

export function checkNaming(prefix: string | undefined, repository: string | undefined): void {
  if (prefix !== undefined && !isValidPrefix(prefix))
    throw new AppError({
      code: 'IMAGES_PREFIX_INVALID',
      kind: 'input',
      field: 'prefix',
      params: { value: prefix },
    })
  if (repository !== undefined && (!REPOSITORY.test(repository) || repository.length > 255))
    throw new AppError({
      code: 'IMAGES_REPOSITORY_INVALID',
      kind: 'input',
      field: 'repository',
      params: { value: repository },
    })
}

function targetsOf(image: SourceImage, prefix: string | undefined, repository: string | undefined): Target[] {
  const out: Target[] = []
  for (const name of image.names) {
    const ref = parseReference(name)
    if (ref === undefined) continue
    out.push({ repository: withPrefix(ref.repository, prefix), tag: ref.tag ?? 'latest' })
  }
  if (repository !== undefined) {
    const repo = withPrefix(repository, prefix)
    for (const tag of image.tags ?? []) out.push({ repository: repo, tag })
    if (out.length === 0) out.push({ repository: repo, tag: undefined })
  }
  return out.filter((t, i) => out.findIndex((u) => u.repository === t.repository && u.tag === t.tag) === i)
}

function head(image: SourceImage): { digest: string; mediaType: string; bytes: Buffer } {
  const top = image.index ?? image.manifests[0]
  if (top === undefined) throw new Error('an image without manifests')
  return top
}

/** The plan for all archives; IMAGES_UNNAMED / IMAGES_TAG_CONFLICT (input) when it cannot be followed. */
export function planImport(
  sources: ImageSource[],
  prefix: string | undefined,
  repository: string | undefined,
): PlannedImage[] {
  const plan: PlannedImage[] = []
  for (const source of sources) {
    const unnamed: string[] = []
    for (const image of source.images) {
      const targets = targetsOf(image, prefix, repository)
      if (targets.length === 0) unnamed.push(head(image).digest)
      plan.push({ source, image, ...head(image), targets })
    }
    if (unnamed.length > 0)
      throw new AppError({
        code: 'IMAGES_UNNAMED',
        kind: 'input',
        field: 'repository',
        params: { path: source.path, count: unnamed.length, digests: unnamed },
      })
  }
  const seen = new Map<string, string>()
  for (const p of plan)
    for (const t of p.targets) {
      if (t.tag === undefined) continue
      const reference = `${t.repository}:${t.tag}`
      const other = seen.get(reference)
      if (other !== undefined && other !== p.digest)
        throw new AppError({
          code: 'IMAGES_TAG_CONFLICT',
          kind: 'input',
          field: 'files',
          params: { reference, first: other, second: p.digest },
        })
      seen.set(reference, p.digest)
    }
  return plan
}
