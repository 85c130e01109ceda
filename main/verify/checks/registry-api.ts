import type { VerifyContext } from '../context'
import { msg } from '../message'
import { errorText, fail, failWith, pass, warn, type Outcome } from '../outcome'
import { eachLimited, quietly } from '../../jobs/settle'
import { nextLink, registryRequest, type HttpAnswer } from '../registry-http'
import { SELFTEST_REPO } from './round-trip'

const API_HEADER = 'docker-distribution-api-version'
const PAGE = 100
const MAX_PAGES = 100
/** Tags are listed for at most this many repositories (the rest are counted). */
const MAX_TAG_REPOS = 200

/** Check 7: GET /v2/ answers 200, or 401 with auth on and then 200 with the credentials; the API header is there. */
export async function checkApi(ctx: VerifyContext, signal: AbortSignal): Promise<Outcome> {
  let first: HttpAnswer
  try {
    first = await registryRequest(ctx, '/v2/', { signal })
  } catch (err) {
    return failWith(msg('api.failed', { error: errorText(err) }), err)
  }
  const header = first.headers[API_HEADER]
  if (first.status !== 200 && first.status !== 401) {
    return fail(
      msg(header === undefined ? 'api.no-header' : 'api.status', { status: first.status }),
      'NOT_A_REGISTRY',
      { status: first.status },
    )
  }
  if (header === undefined)
    return fail(msg('api.no-header', { status: first.status }), 'NOT_A_REGISTRY', { status: first.status })
  if (first.status === 200)
    return pass(msg('api.ok', { version: String(header) }), { status: 200, apiVersion: header, auth: false })
  ctx.authOn = true
  const challenge = first.headers['www-authenticate']
  if (ctx.input.credentials === undefined) {
    return warn(msg('api.auth-needed', { challenge: challenge ?? msg('api.auth-on') }), 'AUTH_REQUIRED', {
      status: 401,
      apiVersion: header,
      auth: true,
    })
  }
  let second: HttpAnswer
  try {
    second = await registryRequest(ctx, '/v2/', { auth: true, signal })
  } catch (err) {
    return failWith(msg('api.auth-failed', { error: errorText(err) }), err)
  }
  if (second.status === 401)
    return fail(msg('api.bad-credentials', { user: ctx.input.credentials.user }), 'BAD_CREDENTIALS', {
      status: 401,
      auth: true,
    })
  if (second.status !== 200)
    return fail(msg('api.auth-status', { status: second.status }), 'NOT_A_REGISTRY', {
      status: second.status,
    })
  return pass(msg('api.ok-auth', { user: ctx.input.credentials.user, version: String(header) }), {
    status: 200,
    apiVersion: header,
    auth: true,
  })
}

async function getJson(
  ctx: VerifyContext,
  path: string,
  signal: AbortSignal,
): Promise<{ answer: HttpAnswer; json: unknown }> {
  const answer = await registryRequest(ctx, path, { auth: ctx.authOn, signal })
  let json: unknown
  try {
    json = JSON.parse(answer.body)
  } catch {
    json = undefined
  }
  return { answer, json }
}

type Listed = { items: string[]; status: number; pages: number }

/** Pages through a list endpoint (`?n=100`, then the Link header), collecting one field. */
async function pages(
  ctx: VerifyContext,
  first: string,
  field: 'repositories' | 'tags',
  signal: AbortSignal,
): Promise<Listed> {
  const items: string[] = []
  let path: string | undefined = first
  let count = 0
  while (path !== undefined && count < MAX_PAGES) {
    const { answer, json } = await getJson(ctx, path, signal)
    count++
    if (answer.status !== 200) return { items, status: answer.status, pages: count }
    const list = (json as Record<string, unknown> | undefined)?.[field]
    if (Array.isArray(list)) items.push(...list.filter((x): x is string => typeof x === 'string'))
    path = nextLink(answer.headers)
  }
  return { items, status: 200, pages: count }
}

/** How many repositories' tags are listed at the same time (the agent keeps up to 8 connections). */
const TAG_LISTS_AT_ONCE = 8

/**
 * Every repository's tags, TAG_LISTS_AT_ONCE at a time; on a failure, the first in the catalog's order (the one a run
 * one after another meets: every repository before it was begun, none after the first failure is).
 */
async function tagLists(
  names: readonly string[],
  tagsOf: (name: string) => Promise<Listed>,
): Promise<{ tags: Listed[] } | { name: string; err: unknown }> {
  const tags: Listed[] = []
  const failed = new Map<number, unknown>()
  try {
    await eachLimited(names, TAG_LISTS_AT_ONCE, async (name, i) => {
      tags[i] = await tagsOf(name).catch((err: unknown) => {
        failed.set(i, err)
        throw err
      })
    })
    return { tags }
  } catch {
    const first = Math.min(...failed.keys())
    return { name: names[first] as string, err: failed.get(first) }
  }
}

/** Check 9: the catalog, repositories and their tags (paged past 100 entries). */
export async function checkCatalog(ctx: VerifyContext, signal: AbortSignal): Promise<Outcome> {
  const tagsOf = (name: string): Promise<Listed> =>
    pages(ctx, `/v2/${name}/tags/list?n=${PAGE}`, 'tags', signal)
  // The repository the round trip has just pushed is asked for beside the catalog (a second open connection): used
  // only when the catalog lists it, and then as if asked after it (a failure is that repository's).
  const selftest = ctx.input.push === true ? quietly(tagsOf(SELFTEST_REPO)) : undefined
  let repos: Listed
  try {
    repos = await pages(ctx, `/v2/_catalog?n=${PAGE}`, 'repositories', signal)
  } catch (err) {
    return failWith(msg('catalog.failed', { error: errorText(err) }), err)
  }
  if (repos.status === 401) return fail(msg('catalog.unauthorized'), 'AUTH_REQUIRED')
  if (repos.status !== 200)
    return fail(msg('catalog.status', { status: repos.status }), 'NOT_A_REGISTRY', { status: repos.status })
  const names = repos.items.slice(0, MAX_TAG_REPOS)
  const listed = await tagLists(names, (name) =>
    name === SELFTEST_REPO && selftest !== undefined ? selftest : tagsOf(name),
  )
  if ('err' in listed)
    return failWith(
      msg('catalog.tags-failed', { name: listed.name, error: errorText(listed.err) }),
      listed.err,
    )
  const repositories = names.map((name, i) => {
    const tags = listed.tags[i]
    return { name, tags: tags?.status === 200 ? tags.items : [] }
  })
  const tagCount = repositories.reduce((n, r) => n + r.tags.length, 0)
  const counts = { repositories: repos.items.length, tags: tagCount }
  const reason =
    repos.items.length > MAX_TAG_REPOS
      ? msg('catalog.ok-capped', { ...counts, max: MAX_TAG_REPOS })
      : msg('catalog.ok', counts)
  return pass(reason, { repositories, repositoryCount: repos.items.length, pages: repos.pages })
}
