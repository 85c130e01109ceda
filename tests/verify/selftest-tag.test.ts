import { mkdir } from 'node:fs/promises'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { EngineCache } from '../../main/ipc/engine-cache'
import { verifyHandlers } from '../../main/ipc/handlers/verify-handlers'
import { runCliIn } from '../support/run-cli'
import {
  engine,
  ensureImages,
  issueTo,
  makeCa,
  removeContainers,
  run,
  rwVer,
  startOurRegistry,
  tempDir,
  rowText,
  type RowText,
} from './fixtures'

// verify --push leaves at most ONE self-test tag behind: registry-wizard/selftest:verify, overwritten by every run,
// and deleted by digest when the registry allows deletes. Real registry:2 containers on the test dockerd.
let root: { path: string; cleanup: () => Promise<void> }
let caFile: string
let certFile: string
let trustRoot: string
const containers: string[] = []
const engines = new EngineCache()

const cli = (args: string[]): ReturnType<typeof runCliIn> =>
  runCliIn(root.path, args, { PATH: process.env.PATH })

/** The registry's own answer (curl, trusting only our CA): the tags of the self-test repository, and the catalog. */
async function registryState(port: number): Promise<{ tags: string[]; catalog: string[] }> {
  const get = async (path: string): Promise<{ status: string; body: string }> => {
    const { stdout } = await run('curl', [
      '-sS',
      '--cacert',
      caFile,
      '-w',
      '\n%{http_code}',
      `https://127.0.0.1:${port}${path}`,
    ])
    const at = stdout.lastIndexOf('\n')
    return { body: stdout.slice(0, at), status: stdout.slice(at + 1).trim() }
  }
  const tags = await get('/v2/registry-wizard/selftest/tags/list')
  // 404 NAME_UNKNOWN when no tag was ever kept; else {"tags": [...] | null}.
  const tagList =
    tags.status === '404' ? [] : ((JSON.parse(tags.body) as { tags: string[] | null }).tags ?? [])
  const catalog = (JSON.parse((await get('/v2/_catalog')).body) as { repositories: string[] }).repositories
  return { tags: tagList, catalog }
}

/** Local images of the self-test repository left on the engine (the run removes its local tag every time). */
async function localSelftestImages(port: number): Promise<string[]> {
  const images = await engine.docker.listImages({
    filters: { reference: [`127.0.0.1:${port}/registry-wizard/selftest`] },
  })
  return images.flatMap((i) => i.RepoTags ?? [])
}

async function ipcPush(port: number): Promise<RowText> {
  const { runVerify } = verifyHandlers({ trustRoot, engines })
  const out = await runVerify(
    {
      jobId: 'rw-ver-tag',
      host: '127.0.0.1',
      port,
      caCertPath: caFile,
      certPath: certFile,
      push: true,
      docker: { kind: 'local' },
    },
    { job: undefined, emit: () => undefined },
  )
  const row = out.checks.find((c) => c.id === 'round-trip')
  if (!row) throw new Error('no round-trip row')
  return rowText(row)
}

beforeAll(async () => {
  await ensureImages()
  root = await tempDir()
  const ca = await makeCa('rw-ver selftest CA')
  const server = await issueTo(ca, join(root.path, 'server'), ['127.0.0.1'])
  caFile = join(server.dir, 'ca.crt')
  certFile = join(server.dir, 'domain.crt')
  trustRoot = join(root.path, 'client-root')
  await mkdir(trustRoot, { recursive: true })
})

afterAll(async () => {
  engines.closeAll()
  await removeContainers(containers)
  await root.cleanup()
})

describe('verify --push: one self-test tag, removed when delete is on', () => {
  it('delete on (REGISTRY_STORAGE_DELETE_ENABLED=true): the tag is deleted by digest, through the CLI and the IPC handler', async () => {
    const name = rwVer('tag-del')
    containers.push(name)
    const { port } = await startOurRegistry(name, join(root.path, 'server'), { deleteEnabled: true })
    const registry = `127.0.0.1:${port}`
    const r = await cli([
      'verify',
      '--registry',
      registry,
      '--ca',
      caFile,
      '--cert',
      certFile,
      '--push',
      '--trust-root',
      trustRoot,
    ])
    expect(r.out).toMatch(
      /! {2}8\. warn Push and pull round trip: push, pull and digest sha256:[0-9a-f]{64} matched, deleted from the registry \(registry-wizard\/selftest:verify\), but 127\.0\.0\.1 is loopback/,
    )
    expect(r.code).toBe(0)
    expect(await registryState(port)).toMatchObject({ tags: [] })
    expect(await localSelftestImages(port)).toEqual([])

    const row = await ipcPush(port)
    expect(row.status).toBe('warn')
    expect(row.reason).toContain('deleted from the registry (registry-wizard/selftest:verify)')
    expect(row.reasonZh).toContain('已从仓库删除（registry-wizard/selftest:verify）')
    expect((await registryState(port)).tags).toEqual([])
    expect(await localSelftestImages(port)).toEqual([])
  })

  it('delete off: the tag stays and the output names it; repeated runs (CLI, then IPC) leave exactly one tag', async () => {
    const name = rwVer('tag-keep')
    containers.push(name)
    const { port } = await startOurRegistry(name, join(root.path, 'server'), { deleteEnabled: false })
    const registry = `127.0.0.1:${port}`
    const args = [
      'verify',
      '--registry',
      registry,
      '--ca',
      caFile,
      '--cert',
      certFile,
      '--push',
      '--trust-root',
      trustRoot,
    ]
    const first = await cli(args)
    expect(first.out).toContain(
      ' (delete is off in the registry: the self-test tag registry-wizard/selftest:verify stays; every run overwrites this one tag)',
    )
    expect(first.code).toBe(0)
    expect(await registryState(port)).toEqual({ tags: ['verify'], catalog: ['registry-wizard/selftest'] })
    const zh = await cli([...args, '--lang', 'zh-CN'])
    expect(zh.out).toContain(
      '（仓库未开启删除功能：自测标签 registry-wizard/selftest:verify 会保留；每次运行都覆盖这同一个标签）',
    )
    const row = await ipcPush(port)
    expect(row.reason).toContain('the self-test tag registry-wizard/selftest:verify stays')
    expect(await registryState(port)).toEqual({ tags: ['verify'], catalog: ['registry-wizard/selftest'] })
    expect(await localSelftestImages(port)).toEqual([])
  })
})
