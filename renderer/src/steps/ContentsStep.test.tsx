import { act, fireEvent, render, screen, waitFor, within } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import type { ContentsRepository, ContentsTag, ContentsUsage } from '../../../main/ipc/contract'
import { englishWords } from '../../../tests/support/english-words'
import { useAppStore } from '../stores/app-store'
import { initialContentsState, useContentsStore } from '../stores/contents-store'
import { refLines, useImagesStore } from '../stores/images-store'
import { ok, resetAll } from '../test-support/fake-api'
import { ContentsStep } from './ContentsStep'

type Fake = Awaited<ReturnType<typeof resetAll>>
const plan = { addresses: ['192.168.20.10'], port: 5000, docker: { kind: 'local' as const } }
const hex = (c: string): string => `sha256:${c.repeat(64)}`

function tag(name: string, digest: string, o: Partial<ContentsTag> = {}): ContentsTag {
  return {
    tag: name,
    digest,
    mediaType: 'application/vnd.oci.image.manifest.v1+json',
    kind: 'image',
    platforms: [
      {
        platform: 'linux/amd64',
        digest,
        mediaType: 'application/vnd.oci.image.manifest.v1+json',
        size: 2048,
      },
    ],
    size: 2048,
    distinctSize: 2048,
    created: '2024-02-01T00:00:00.000Z',
    ...o,
  }
}

const multi = tag('m1', hex('c'), {
  kind: 'index',
  mediaType: 'application/vnd.oci.image.index.v1+json',
  platforms: [
    { platform: 'linux/amd64', digest: hex('d'), mediaType: 'x', size: 1024 },
    { platform: 'linux/arm64/v8', digest: hex('e'), mediaType: 'x', size: 3072 },
  ],
  size: 4096,
})
const repos: ContentsRepository[] = [
  {
    name: 'team/app',
    distinctSize: 4096,
    tags: [tag('1', hex('a')), tag('2', hex('b')), tag('latest', hex('b'))],
  },
  { name: 'team/multi', distinctSize: 4096, tags: [multi] },
]
const usage: ContentsUsage = {
  name: 'registry',
  totalBytes: 8192,
  blobBytes: 8192,
  blobCount: 6,
  unlinkedBytes: 0,
  uploadBytes: 0,
  repositories: [
    { name: 'team/app', bytes: 4096, uniqueBytes: 4096, blobs: 3 },
    { name: 'team/multi', bytes: 4096, uniqueBytes: 4096, blobs: 3 },
  ],
}

async function setUp(language: 'en' | 'zh-CN' = 'en', repositories = repos): Promise<Fake> {
  const api = await resetAll(language)
  useContentsStore.setState({ ...initialContentsState })
  useAppStore.setState({ settings: { plan, knownCas: [], knownCerts: [] } })
  api.readCatalog.mockResolvedValue(ok({ repositories }))
  api.storageUsage.mockResolvedValue(ok(usage))
  return api
}

const ref = { host: '192.168.20.10', port: 5000 }
const scrollerHeight = vi.spyOn(HTMLElement.prototype, 'clientHeight', 'get')
beforeEach(() => {
  // jsdom lays nothing out: the table's scrolling region is 480 px high, as contents.css makes it.
  scrollerHeight.mockImplementation(function (this: HTMLElement) {
    return this.classList.contains('contents-scroll') ? 480 : 0
  })
})
afterEach(() => scrollerHeight.mockReset())

describe('ContentsStep', () => {
  it('shows every tag with digest, media type, per-platform sizes, total, created and its pull line; the filter narrows', async () => {
    const api = await setUp()
    render(<ContentsStep />)
    const table = await screen.findByRole('table', { name: 'Tags in the registry' })
    expect(api.readCatalog).toHaveBeenCalledWith(ref)
    const row = (id: string): HTMLElement => table.querySelector(`tr[data-row="${id}"]`) as HTMLElement
    expect(within(row('team/multi:m1')).getByText('multi-platform')).toBeTruthy()
    expect(within(row('team/multi:m1')).getByText('linux/arm64/v8: 3.0 KiB')).toBeTruthy()
    expect(within(row('team/multi:m1')).getByText('4.0 KiB')).toBeTruthy()
    expect(within(row('team/app:1')).getByText('application/vnd.oci.image.manifest.v1+json')).toBeTruthy()
    expect(within(row('team/app:1')).getByText('a'.repeat(12))).toBeTruthy()
    expect(within(row('team/app:1')).getByText('docker pull 192.168.20.10:5000/team/app:1')).toBeTruthy()
    expect(screen.getByText('2 repositories, 4 tags, 8.0 KiB of distinct blobs.')).toBeTruthy()
    fireEvent.change(screen.getByLabelText('Filter by repository or tag'), { target: { value: 'multi' } })
    expect(screen.getByText('Showing 1 of 4 tags.')).toBeTruthy()
    expect(table.querySelectorAll('tbody tr[data-row]')).toHaveLength(1)
  })

  it('copies a pull line to the clipboard and says so; a tick puts the tag on the export list', async () => {
    await setUp()
    const user = userEvent.setup()
    // After setup: user-event puts its own clipboard stub on navigator, this one replaces it.
    const writeText = vi.fn(() => Promise.resolve())
    Object.defineProperty(navigator, 'clipboard', { value: { writeText }, configurable: true })
    render(<ContentsStep />)
    await user.click(await screen.findByRole('button', { name: 'Copy the pull command for team/app:2' }))
    expect(writeText).toHaveBeenCalledWith('docker pull 192.168.20.10:5000/team/app:2')
    await user.click(
      screen.getByRole('checkbox', { name: 'Put team/app:2 on the export list (Images screen)' }),
    )
    expect(refLines(useImagesStore.getState().exporter.refs)).toEqual(['team/app:2'])
    await screen.findByText('Copied: docker pull 192.168.20.10:5000/team/app:2')
  })

  it('delete asks first and says what else goes; refused while off, the switch runs the job, the next delete works', async () => {
    const api = await setUp()
    const user = userEvent.setup()
    api.deleteImage.mockResolvedValueOnce({
      ok: false,
      error: {
        code: 'MANAGE_DELETE_DISABLED',
        message: 'x',
        params: { registry: '192.168.20.10:5000', repository: 'team/app' },
      },
    })
    api.enableDelete.mockResolvedValue(ok({ name: 'registry', changed: true }))
    render(<ContentsStep />)
    await user.click(await screen.findByRole('button', { name: 'Delete team/app:2' }))
    const dialog = await screen.findByRole('alertdialog', { name: 'Delete team/app:2?' })
    expect(within(dialog).getByText(/Tags that go with it: 2, latest\./)).toBeTruthy()
    await user.click(within(dialog).getByRole('button', { name: 'Delete' }))
    expect(api.deleteImage).toHaveBeenCalledWith({ ...ref, repository: 'team/app', tag: '2' })
    await screen.findByText(/does not allow deleting/)
    await user.click(screen.getByRole('button', { name: 'Switch deleting on' }))
    const enableReq = api.enableDelete.mock.calls[0]?.[0] as { jobId: string; host: string; port: number }
    expect(enableReq).toMatchObject(ref)
    expect(enableReq.jobId).toMatch(/^contents-enable-/)
    await screen.findByText(/Deleting is switched on/)
    api.deleteImage.mockResolvedValueOnce(
      ok({ repository: 'team/app', digest: hex('b'), tags: ['2', 'latest'], children: [] }),
    )
    await user.click(screen.getByRole('button', { name: 'Delete team/app:2' }))
    await user.click(within(await screen.findByRole('alertdialog')).getByRole('button', { name: 'Delete' }))
    await screen.findByText(`✓ Deleted team/app@${hex('b')}; tags gone: 2, latest.`)
    expect(api.readCatalog).toHaveBeenCalledTimes(2)
  })

  it('a multi-platform tag: the dialog counts the platform manifests that go with it', async () => {
    await setUp()
    const user = userEvent.setup()
    render(<ContentsStep />)
    await user.click(await screen.findByRole('button', { name: 'Delete team/multi:m1' }))
    const dialog = await screen.findByRole('alertdialog')
    expect(within(dialog).getByText(/With it go 2 platform manifests/)).toBeTruthy()
  })

  it('thousands of tags: only a window of rows is in the DOM, scrolling shows others', async () => {
    const many: ContentsRepository[] = [
      {
        name: 'bulk/app',
        distinctSize: 1,
        tags: Array.from({ length: 5000 }, (_, i) =>
          tag(`t${String(i).padStart(5, '0')}`, hex((i % 10).toString())),
        ),
      },
    ]
    await setUp('en', many)
    render(<ContentsStep />)
    const table = await screen.findByRole('table', { name: 'Tags in the registry' })
    const rows = (): NodeListOf<Element> => table.querySelectorAll('tbody tr[data-row]')
    expect(screen.getByText('Showing 5000 of 5000 tags.')).toBeTruthy()
    expect(rows().length).toBeGreaterThan(5)
    expect(rows().length).toBeLessThan(40)
    expect(rows()[0]?.getAttribute('data-row')).toBe('bulk/app:t00000')
    const scroller = screen.getByRole('region', { name: 'Tags in the registry (scroll for more)' })
    act(() => {
      scroller.scrollTop = 44 * 500
      fireEvent.scroll(scroller)
    })
    await waitFor(() => expect(table.querySelector('tr[data-row="bulk/app:t00500"]')).toBeTruthy())
    expect(rows().length).toBeLessThan(40)
    expect(table.querySelector('tr[data-row="bulk/app:t00000"]')).toBeNull()
    expect(screen.getByRole('navigation', { name: 'Tags in the registry: pages' })).toBeTruthy()
  })

  it('retention: the dry run lists what goes, Apply sends that plan id', async () => {
    const api = await setUp()
    const user = userEvent.setup()
    api.planRetention.mockResolvedValue(
      ok({
        planId: 'plan-00000000000000aa',
        rules: { keepLast: 1, protect: ['latest'] },
        now: '2024-06-01T00:00:00.000Z',
        deletes: [
          {
            repository: 'team/app',
            digest: hex('a'),
            tags: ['1'],
            children: [],
            created: '2024-01-01T00:00:00.000Z',
          },
        ],
        kept: { protected: 1, newest: 1, young: 0, unknownAge: 0 },
      }),
    )
    api.prune.mockResolvedValue(
      ok({ deleted: [{ repository: 'team/app', digest: hex('a'), tags: ['1'], children: [] }] }),
    )
    render(<ContentsStep />)
    await user.type(await screen.findByLabelText('Keep the last N images per repository'), '1')
    const panel = screen.getByRole('heading', { name: 'Retention' }).closest('section') as HTMLElement
    await user.click(within(panel).getByRole('button', { name: 'Dry run' }))
    expect(api.planRetention).toHaveBeenCalledWith({
      ...ref,
      rules: { keepLast: 1, olderThanDays: undefined, protect: ['latest'] },
    })
    const list = await screen.findByRole('table', { name: 'Images the dry run would delete' })
    expect(within(list).getByText('1')).toBeTruthy()
    await user.click(screen.getByRole('button', { name: 'Apply: delete 1 images' }))
    await user.click(within(await screen.findByRole('alertdialog')).getByRole('button', { name: 'Delete' }))
    expect(api.prune).toHaveBeenCalledWith(
      expect.objectContaining({ ...ref, planId: 'plan-00000000000000aa' }),
    )
    await screen.findByText('✓ Deleted 1 images.')
  })

  it('reclaim disk: dry run first, the untagged warning, then the run with before/after', async () => {
    const api = await setUp()
    const user = userEvent.setup()
    const base = { name: 'registry', eligibleBlobs: 2, wouldFreeBytes: 3072, beforeBytes: 8192, warnings: [] }
    api.garbageCollect
      .mockResolvedValueOnce(ok({ ...base, dryRun: true }))
      .mockResolvedValueOnce(ok({ ...base, dryRun: false, afterBytes: 5120, freedBytes: 3072 }))
    render(<ContentsStep />)
    const gc = (await screen.findByRole('heading', { name: 'Reclaim disk' })).closest(
      'section',
    ) as HTMLElement
    expect(within(gc).queryByRole('button', { name: 'Run garbage collection' })).toBeNull()
    await user.click(within(gc).getByRole('checkbox', { name: 'Also delete untagged manifests' }))
    expect(within(gc).getByText(/multi-platform images/)).toBeTruthy()
    await user.click(within(gc).getByRole('button', { name: 'Dry run' }))
    await within(gc).findByText('Garbage collection would free 3.0 KiB (2 blobs) of 8.0 KiB.')
    await user.click(within(gc).getByRole('button', { name: 'Run garbage collection' }))
    const dialog = await screen.findByRole('alertdialog')
    expect(within(dialog).getByText(/multi-platform images are lost/)).toBeTruthy()
    await user.click(within(dialog).getByRole('button', { name: 'Run garbage collection' }))
    await within(gc).findByText('✓ Freed 3.0 KiB (2 blobs): 8.0 KiB before, 5.0 KiB after.')
    expect(api.garbageCollect).toHaveBeenLastCalledWith(
      expect.objectContaining({ ...ref, dryRun: false, deleteUntagged: true, untaggedWarningAccepted: true }),
    )
  })

  it('zh-CN: the screen, the dialog and a refused delete carry no English words', async () => {
    const api = await setUp('zh-CN')
    const user = userEvent.setup()
    api.deleteImage.mockResolvedValueOnce({
      ok: false,
      error: {
        code: 'MANAGE_DELETE_DISABLED',
        message: 'x',
        params: { registry: '192.168.20.10:5000', repository: 'team/app' },
      },
    })
    render(<ContentsStep />)
    await screen.findByRole('table', { name: '镜像仓库中的标签' })
    await user.click(screen.getByRole('button', { name: '删除 team/app:2' }))
    const dialog = await screen.findByRole('alertdialog')
    const data = [
      'docker pull',
      'REGISTRY_STORAGE_DELETE_ENABLED',
      ' KiB',
      'latest',
      'v*',
      ...repos.flatMap((r) => r.tags.map((t) => t.digest)),
    ]
    expect(englishWords(dialog.textContent, data)).toEqual([])
    await user.click(within(dialog).getByRole('button', { name: '删除' }))
    await screen.findByRole('button', { name: '开启删除' })
    await user.click(screen.getByLabelText('同时删除没有标签的清单'))
    await waitFor(() => expect(useContentsStore.getState().usage).toBeDefined())
    expect(englishWords(document.body.textContent, data)).toEqual([])
  })
})
