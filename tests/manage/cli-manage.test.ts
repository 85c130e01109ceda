// The day-2 CLI in-process against a real registry:2: catalog, delete, prune, registry enable-delete|usage|gc, in
// English and Chinese; exit codes 0 done, 1 failed, 2 invalid input (and then nothing changed).
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { readCatalog, type CatalogResult } from '../../main/manage'
import { preconditions } from '../registry-api/support'
import { englishWords } from '../support/english-words'
import { dockerCleanup, runCliIn, tempDir } from '../support/rw-reg-fixtures'
import { pushTiny, startManageRegistry, volumesOf, type ManageRegistry } from './support'

const ready = await preconditions()
let root: { path: string; cleanup: () => Promise<void> }
const containers: string[] = []

beforeAll(async () => {
  root = await tempDir('rw-mng-cli-')
})
afterAll(async () => {
  await dockerCleanup(containers, containers.flatMap(volumesOf))
  await root.cleanup()
})

const tagsOf = (r: CatalogResult): string[] =>
  r.repositories.flatMap((x) => x.tags.map((t) => `${x.name}:${t.tag}@${t.digest}`)).sort()

describe.skipIf(!ready)('catalog / delete / prune / registry gc|usage|enable-delete CLI', () => {
  let reg: ManageRegistry
  let cli: (args: string[]) => ReturnType<typeof runCliIn>
  const snapshot = async (): Promise<string[]> => {
    const c = reg.client()
    try {
      return tagsOf(await readCatalog({ client: c }))
    } finally {
      c.close()
    }
  }

  beforeAll(async () => {
    reg = await startManageRegistry(root.path, 'cli')
    containers.push(reg.name)
    const c = reg.client()
    await pushTiny(c, 'c/app', ['1', 'latest'], { seed: 'x', created: '2024-01-01T00:00:00Z' })
    await pushTiny(c, 'c/app', ['2'], { seed: 'y', created: '2024-03-01T00:00:00Z' })
    await pushTiny(c, 'c/app', ['3'], { seed: 'z', created: '2024-05-01T00:00:00Z' })
    c.close()
    cli = (args) => runCliIn(root.path, args)
  }, 180_000)

  it('catalog: a table in English and Chinese, --json with the fields', async () => {
    const conn = ['--registry', reg.host, '--ca', reg.caFile]
    const en = await cli(['catalog', ...conn])
    expect(en.code).toBe(0)
    expect(en.out).toContain('Repository')
    expect(en.out).toMatch(/c\/app.*latest/)
    expect(en.out).toContain('1 repositories, 4 tags')
    const zh = await cli(['catalog', ...conn, '--lang', 'zh-CN'])
    expect(zh.code).toBe(0)
    expect(zh.out).toContain('仓库')
    const json = await cli(['catalog', ...conn, '--json', '--repo', 'c/*'])
    const parsed = JSON.parse(json.out) as CatalogResult
    const digests = parsed.repositories.flatMap((x) => x.tags.map((t) => t.digest.slice(7, 19)))
    expect(englishWords(zh.out, ['c/app', 'latest', 'linux/amd64', 'KiB', ...digests])).toEqual([])
    expect(parsed.repositories[0]?.tags.map((t) => t.tag)).toEqual(['1', '2', '3', 'latest'])
  })

  it('invalid input: exit 2, nothing deleted', async () => {
    const before = await snapshot()
    const conn = ['--ca', reg.caFile]
    const runs = [
      ['delete', `${reg.host}/c/app`, ...conn, '--yes'], // no tag
      ['delete', 'c/app:1', ...conn, '--yes'], // no registry
      ['delete', `${reg.host}/c/app:1`, ...conn], // no --yes and no terminal
      ['prune', '--registry', reg.host, ...conn, '--dry-run'], // no rule
      ['prune', '--registry', reg.host, ...conn, '--keep-last', '1', '--dry-run', '--yes'],
      ['prune', '--registry', reg.host, ...conn, '--keep-last', 'x', '--dry-run'],
      ['prune', '--registry', reg.host, ...conn, '--keep-last', '1'], // no --yes and no terminal
      ['registry', 'gc', '--name', 'bad/name'],
    ]
    for (const args of runs) {
      const r = await cli(args)
      expect(r.code, args.join(' ')).toBe(2)
    }
    const zh = await cli(['delete', `${reg.host}/c/app:1`, ...conn, '--lang', 'zh-CN'])
    expect(zh.code).toBe(2)
    expect(zh.err).toContain('--yes')
    expect(englishWords(zh.err, [reg.host])).toEqual([])
    expect(await snapshot()).toEqual(before)
  })

  it('delete off -> exit 1 naming enable-delete; enable-delete (zh); delete; prune dry run = real run', async () => {
    const conn = ['--ca', reg.caFile]
    const off = await cli(['delete', `${reg.host}/c/app:1`, ...conn, '--yes'])
    expect(off.code).toBe(1)
    expect(off.err).toContain('does not allow deleting')
    expect(off.err).toContain('registry-wizard registry enable-delete')
    const offZh = await cli(['delete', `${reg.host}/c/app:1`, ...conn, '--yes', '--lang', 'zh-CN'])
    expect(offZh.err).toContain('不允许删除')
    const before = await snapshot()

    const on = await cli(['registry', 'enable-delete', '--name', reg.name, '--lang', 'zh-CN'])
    expect(on.code, on.err).toBe(0)
    expect(on.out).toContain('已开启删除')
    expect(await snapshot()).toEqual(before)

    const del = await cli(['delete', `${reg.host}/c/app:1`, ...conn, '--yes', '--json'])
    expect(del.code, del.err).toBe(0)
    expect((JSON.parse(del.out) as { tags: string[] }).tags).toEqual(['1', 'latest'])

    const prune = ['prune', '--registry', reg.host, ...conn, '--keep-last', '1', '--json']
    const dry = await cli([...prune, '--dry-run'])
    expect(dry.code, dry.err).toBe(0)
    const plan = JSON.parse(dry.out) as { deletes: { tags: string[] }[] }
    expect(plan.deletes.flatMap((d) => d.tags)).toEqual(['2'])
    const real = await cli([...prune, '--yes'])
    expect(real.code, real.err).toBe(0)
    expect((JSON.parse(real.out) as { deleted: unknown }).deleted).toEqual(plan.deletes)
    expect((await snapshot()).map((t) => t.split('@')[0])).toEqual(['c/app:3'])
  }, 120_000)

  it('registry usage and gc in Chinese and English', async () => {
    const usage = await cli(['registry', 'usage', '--name', reg.name, '--lang', 'zh-CN'])
    expect(usage.code, usage.err).toBe(0)
    expect(usage.out).toContain('仓库')
    expect(englishWords(usage.out, [reg.name, 'c/app', `${reg.name}-data`, 'KiB'])).toEqual([])
    const dry = await cli(['registry', 'gc', '--name', reg.name, '--dry-run', '--json'])
    expect(dry.code, dry.err).toBe(0)
    const wouldFree = (JSON.parse(dry.out) as { wouldFreeBytes: number }).wouldFreeBytes
    expect(wouldFree).toBeGreaterThan(0)
    const gc = await cli(['registry', 'gc', '--name', reg.name, '--lang', 'zh-CN'])
    expect(gc.code, gc.err).toBe(0)
    expect(gc.out).toContain('已释放')
    expect(gc.err).toContain('只读维护模式')
    const en = await cli(['registry', 'gc', '--name', reg.name, '--json'])
    expect((JSON.parse(en.out) as { freedBytes: number }).freedBytes).toBe(0)
    const untagged = await cli(['registry', 'gc', '--name', reg.name, '--delete-untagged'])
    expect(untagged.code).toBe(2) // destroys manifests: needs --yes without a terminal
  }, 180_000)
})
