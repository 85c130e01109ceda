// Image references as users and archives write them, and the repository:tag they get in our registry.

const DOCKER_HUB = new Set(['docker.io', 'index.docker.io', 'registry-1.docker.io'])

export interface ImageReference {
  /** The registry host[:port] the reference names; undefined when it names none (Docker Hub by convention). */
  registry: string | undefined
  /** The repository path, `library/` added for a one-part Docker Hub name (`nginx` -> `library/nginx`). */
  repository: string
  tag: string | undefined
  digest: string | undefined
}

const REPOSITORY = /^[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*(?:\/[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*)*$/
const TAG = /^\w[\w.-]{0,127}$/
const DIGEST = /^[a-z0-9]+(?:[+._-][a-z0-9]+)*:[a-zA-Z0-9=_-]+$/

/**
 * Parses `[host[:port]/]path[:tag][@digest]` (the distribution reference grammar). The first part is a registry
 * host when it has a `.` or `:` or is `localhost`, as Docker decides. Returns undefined when it is not a reference.
 */
export function parseReference(ref: string): ImageReference | undefined {
  const at = ref.indexOf('@')
  const digest = at >= 0 ? ref.slice(at + 1) : undefined
  const named = at >= 0 ? ref.slice(0, at) : ref
  if (digest !== undefined && !DIGEST.test(digest)) return undefined
  const slash = named.indexOf('/')
  const first = slash >= 0 ? named.slice(0, slash) : ''
  const hasHost = slash >= 0 && (first.includes('.') || first.includes(':') || first === 'localhost')
  const registry = hasHost ? first : undefined
  const rest = hasHost ? named.slice(slash + 1) : named
  const colon = rest.lastIndexOf(':')
  const tag = colon > rest.lastIndexOf('/') && colon >= 0 ? rest.slice(colon + 1) : undefined
  let repository = tag === undefined ? rest : rest.slice(0, colon)
  if (tag !== undefined && !TAG.test(tag)) return undefined
  if (!REPOSITORY.test(repository) || repository.length > 255) return undefined
  const hub = registry === undefined || DOCKER_HUB.has(registry)
  if (hub && !repository.includes('/')) repository = `library/${repository}`
  return { registry: hub ? undefined : registry, repository, tag, digest }
}

/** `repository:tag` (or `repository@digest`) as stored in a registry: the source registry host dropped. */
export function repositoryReference(ref: ImageReference): string {
  if (ref.tag !== undefined) return `${ref.repository}:${ref.tag}`
  if (ref.digest !== undefined) return `${ref.repository}@${ref.digest}`
  return `${ref.repository}:latest`
}

/**
 * `--prefix`: `mirror` puts `library/nginx` under `mirror/library/nginx`. An empty prefix keeps the name. Slashes
 * around the prefix are dropped; the result must still be a repository name.
 */
export function withPrefix(repository: string, prefix: string | undefined): string {
  const p = (prefix ?? '').replace(/^\/+|\/+$/g, '')
  return p === '' ? repository : `${p}/${repository}`
}

/** Is `prefix` usable as a repository prefix (one or more path components)? */
export function isValidPrefix(prefix: string): boolean {
  const p = prefix.replace(/^\/+|\/+$/g, '')
  return p === '' || REPOSITORY.test(p)
}
