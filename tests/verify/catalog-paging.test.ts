import { createHash } from 'node:crypto'
import { Agent, request } from 'node:https'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { resultText, runVerify, type CheckResult } from '../../main/verify'
import {
  ensureImages,
  issueTo,
  makeCa,
  removeContainers,
  rwVer,
  startOurRegistry,
  tempDir,
  type TestCa,
} from './fixtures'

let root: { path: string; cleanup: () => Promise<void> }
let ca: TestCa
let port = 0
const containers: string[] = []
const REPOS = 105
const TAGS = 103

function call(
  agent: Agent,
  method: string,
  path: string,
  body?: string,
  headers: Record<string, string> = {},
): Promise<{ status: number; location?: string }> {
  return new Promise((resolve, reject) => {
    const req = request(
      {
        host: '127.0.0.1',
        port,
        path,
        method,
        ca: ca.certPem,
        agent,
        headers: {
          ...headers,
          ...(body === undefined ? {} : { 'Content-Length': String(Buffer.byteLength(body)) }),
        },
      },
      (res) => {
        res.resume()
        res.on('end', () => {
          resolve({ status: res.statusCode ?? 0, location: res.headers.location })
        })
      },
    )
    req.on('error', reject)
    req.end(body)
  })
}

/** Fills the registry through its API: REPOS repositories sharing one config blob (mounted), one with TAGS tags. */
async function fill(): Promise<void> {
  const agent = new Agent({ keepAlive: true, maxSockets: 8 })
  const config = JSON.stringify({
    architecture: 'amd64',
    os: 'linux',
    rootfs: { type: 'layers', diff_ids: [] },
  })
  const digest = `sha256:${createHash('sha256').update(config).digest('hex')}`
  const manifest = JSON.stringify({
    schemaVersion: 2,
    mediaType: 'application/vnd.docker.distribution.manifest.v2+json',
    config: {
      mediaType: 'application/vnd.docker.container.image.v1+json',
      size: Buffer.byteLength(config),
      digest,
    },
    layers: [],
  })
  const mtype = { 'Content-Type': 'application/vnd.docker.distribution.manifest.v2+json' }
  const start = await call(agent, 'POST', '/v2/rw-ver/r000/blobs/uploads/')
  const loc = start.location ?? ''
  const put = await call(
    agent,
    'PUT',
    `${new URL(loc, 'https://x').pathname}${new URL(loc, 'https://x').search}${loc.includes('?') ? '&' : '?'}digest=${digest}`,
    config,
    { 'Content-Type': 'application/octet-stream' },
  )
  expect(put.status).toBe(201)
  const names = Array.from({ length: REPOS }, (_, i) => `rw-ver/r${String(i).padStart(3, '0')}`)
  for (let i = 0; i < names.length; i += 8) {
    await Promise.all(
      names.slice(i, i + 8).map(async (name) => {
        if (name !== 'rw-ver/r000')
          expect(
            (await call(agent, 'POST', `/v2/${name}/blobs/uploads/?mount=${digest}&from=rw-ver/r000`)).status,
          ).toBe(201)
        expect((await call(agent, 'PUT', `/v2/${name}/manifests/1`, manifest, mtype)).status).toBe(201)
      }),
    )
  }
  for (let t = 2; t <= TAGS; t += 8) {
    await Promise.all(
      Array.from({ length: Math.min(8, TAGS + 1 - t) }, (_, k) =>
        call(agent, 'PUT', `/v2/rw-ver/r000/manifests/${t + k}`, manifest, mtype),
      ),
    )
  }
  agent.destroy()
}

beforeAll(async () => {
  await ensureImages()
  root = await tempDir()
  ca = await makeCa('rw-ver catalog CA')
  const server = await issueTo(ca, join(root.path, 'server'), ['127.0.0.1'])
  const name = rwVer('catalog')
  containers.push(name)
  port = (await startOurRegistry(name, server.dir)).port
})

afterAll(async () => {
  await removeContainers(containers)
  await root.cleanup()
})

describe('check 9: the catalog', () => {
  it('an empty registry passes with no repositories; past 100 repositories and 100 tags it follows the Link pages', async () => {
    const empty = await runVerify(
      { registry: `127.0.0.1:${port}`, caPem: ca.certPem },
      { platform: 'linux', trustRoot: root.path },
    )
    expect(resultText(empty.results[8] as CheckResult)).toMatchObject({
      id: 'catalog',
      status: 'pass',
      reason: '0 repositories, 0 tags',
    })
    await fill()
    const full = await runVerify(
      { registry: `127.0.0.1:${port}`, caPem: ca.certPem },
      { platform: 'linux', trustRoot: root.path },
    )
    const catalog = full.results[8] && resultText(full.results[8])
    expect(catalog?.status).toBe('pass')
    expect(catalog?.reason).toBe(`${REPOS} repositories, ${REPOS - 1 + TAGS} tags`)
    const details = catalog?.details as {
      repositoryCount: number
      pages: number
      repositories: { name: string; tags: string[] }[]
    }
    expect(details.repositoryCount).toBe(REPOS)
    expect(details.pages).toBe(2)
    const big = details.repositories.find((x) => x.name === 'rw-ver/r000')
    expect(big?.tags).toHaveLength(TAGS)
    expect(new Set(big?.tags).size).toBe(TAGS)
    // The tag lists are asked for several at a time: each still lands with its repository, in the catalog's order.
    const names = Array.from({ length: REPOS }, (_, i) => `rw-ver/r${String(i).padStart(3, '0')}`)
    expect(details.repositories.map((x) => x.name)).toEqual(names)
    expect(details.repositories.slice(1).every((x) => x.tags.length === 1 && x.tags[0] === '1')).toBe(true)
  })
})
