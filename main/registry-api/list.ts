// Catalog and tag lists, following `Link: <...>; rel="next"` pages (the distribution spec's pagination).
import { throwIfAborted } from '../jobs/abort'
import { call, protocolError, type RegistryClient } from './client'
import { header, type HttpResponse } from './http'

export interface ListOptions {
  /** Entries per page (`?n=`); the registry's default when absent. */
  pageSize?: number | undefined
  signal?: AbortSignal | undefined
}

/** The `rel="next"` target of a Link header, absolute (resolved against the page asked for); undefined at the end. */
export function nextPage(res: HttpResponse): string | undefined {
  for (const part of header(res, 'link').split(/,(?=\s*<)/)) {
    const m = /^\s*<([^>]*)>\s*(.*)$/.exec(part)
    if (m === null) continue
    if (/(?:^|;)\s*rel="?next"?\s*(?:;|$)/i.test(m[2] ?? '')) return new URL(m[1] ?? '', res.url).href
  }
  return undefined
}

/** Every page of a list: GET `first`, then each Link rel="next"; `pick` takes the entries of one page. */
async function allPages(
  c: RegistryClient,
  first: string,
  pick: (body: unknown) => string[] | undefined,
  o: ListOptions,
): Promise<string[]> {
  const out: string[] = []
  const seen = new Set<string>()
  let url: string | undefined = o.pageSize === undefined ? first : `${first}?n=${o.pageSize}`
  while (url !== undefined) {
    throwIfAborted(o.signal)
    if (seen.has(url)) throw protocolError('GET', url, 'Link rel="next" loops')
    seen.add(url)
    const res = await call(c, { method: 'GET', url, signal: o.signal }, [200])
    const entries = pick(parse(res))
    if (entries === undefined) throw protocolError('GET', res.url, res.body.toString('utf8').slice(0, 200))
    out.push(...entries)
    url = nextPage(res)
  }
  return out
}

function parse(res: HttpResponse): unknown {
  try {
    return JSON.parse(res.body.toString('utf8')) as unknown
  } catch {
    return undefined
  }
}

function strings(v: unknown): string[] | undefined {
  if (v === null) return [] // registry:2 answers `"tags": null` for a repository whose tags were all deleted
  return Array.isArray(v) && v.every((x) => typeof x === 'string') ? v : undefined
}

/** `GET /v2/_catalog`: every repository of the registry, all pages. */
export function listCatalog(
  c: RegistryClient,
  signal?: AbortSignal,
  o: Omit<ListOptions, 'signal'> = {},
): Promise<string[]> {
  const pick = (b: unknown): string[] | undefined =>
    strings((b as { repositories?: unknown } | undefined)?.repositories)
  return allPages(c, '/v2/_catalog', pick, { ...o, signal })
}

/** `GET /v2/<name>/tags/list`: every tag of a repository, all pages (404 NAME_UNKNOWN when it is not there). */
export function listTags(
  c: RegistryClient,
  name: string,
  signal?: AbortSignal,
  o: Omit<ListOptions, 'signal'> = {},
): Promise<string[]> {
  const pick = (b: unknown): string[] | undefined => strings((b as { tags?: unknown } | undefined)?.tags)
  return allPages(c, `/v2/${name}/tags/list`, pick, { ...o, signal })
}
