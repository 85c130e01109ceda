import { act, fireEvent, render, screen, waitFor, within } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { AppError } from '../../../main/errors'
import type {
  ContentsRepository,
  ContentsTag,
  ImageArchiveInfo,
  ImportImagesResult,
  Result,
  TransferProgressInfo,
} from '../../../main/ipc/contract'
import { toErrorInfo } from '../../../main/ipc/map-error'
import { englishWords } from '../../../tests/support/english-words'
import { useAppStore } from '../stores/app-store'
import { initialContentsState, useContentsStore } from '../stores/contents-store'
import { initialImagesState, useImagesStore } from '../stores/images-store'
import { useCertsStore } from '../stores/certs-store'
import { usePlanStore } from '../stores/plan-store'
import { ok, resetAll } from '../test-support/fake-api'
import { ContentsStep } from './ContentsStep'
import { ImagesStep } from './ImagesStep'
import { issuedFor } from '../test-support/trust-setup'

type Fake = Awaited<ReturnType<typeof resetAll>>
const certDir = '/home/u/Registry Wizard/certs/192.168.20.10_5000'
const archive: ImageArchiveInfo = {
  archiveId: 'pick-00000000000000aa',
  name: 'app.tar',
  kind: 'docker-archive',
  totalBytes: 3 * 1024 * 1024,
  images: [
    {
      names: ['library/nginx:1.25', 'library/nginx:latest'],
      digest: `sha256:${'1'.repeat(64)}`,
      mediaType: 'application/vnd.oci.image.index.v1+json',
      size: 2 * 1024 * 1024,
      platforms: [
        { os: 'linux', architecture: 'amd64', digest: `sha256:${'2'.repeat(64)}`, size: 1024 * 1024 },
        {
          os: 'linux',
          architecture: 'arm64',
          variant: 'v8',
          digest: `sha256:${'3'.repeat(64)}`,
          size: 1024 * 1024,
        },
      ],
    },
  ],
}

const plan = { addresses: ['192.168.20.10'], port: 5000, docker: { kind: 'local' as const } }

/** A tag as readCatalog gives it: one linux/amd64 image of `size` bytes. */
function tag(name: string, digest: string, size = 2048): ContentsTag {
  const mediaType = 'application/vnd.oci.image.manifest.v1+json'
  return {
    tag: name,
    digest,
    mediaType,
    kind: 'image',
    platforms: [{ platform: 'linux/amd64', digest, mediaType, size }],
    size,
    distinctSize: size,
    created: '2024-02-01T00:00:00.000Z',
  }
}

/** What the registry holds after the push: the pushed repository and one the push did not touch. */
const catalog: ContentsRepository[] = [
  {
    name: 'mirror/library/nginx',
    distinctSize: 4096,
    tags: [
      {
        ...tag('1.25', `sha256:${'1'.repeat(64)}`, 2 * 1024 * 1024),
        kind: 'index',
        platforms: [
          { platform: 'linux/amd64', digest: `sha256:${'2'.repeat(64)}`, mediaType: 'x', size: 1024 * 1024 },
          {
            platform: 'linux/arm64/v8',
            digest: `sha256:${'3'.repeat(64)}`,
            mediaType: 'x',
            size: 1024 * 1024,
          },
        ],
      },
    ],
  },
  { name: 'other/app', distinctSize: 2048, tags: [tag('1', `sha256:${'4'.repeat(64)}`)] },
]

const pushedOk = (references: string[]): Result<ImportImagesResult> =>
  ok({
    images: references.map((reference) => ({
      reference,
      digest: `sha256:${'1'.repeat(64)}`,
      mediaType: 'x',
      platforms: 1,
    })),
    blobs: { uploaded: 5, present: 0, mounted: 0, bytesUploaded: 2 * 1024 * 1024 },
    seconds: 1,
  })

// jsdom lays nothing out: the tag table's scrolling region is 480 px high, as contents.css makes it.
const scrollerHeight = vi.spyOn(HTMLElement.prototype, 'clientHeight', 'get')
beforeEach(() => {
  scrollerHeight.mockImplementation(function (this: HTMLElement) {
    return this.classList.contains('contents-scroll') ? 480 : 0
  })
})
afterEach(() => scrollerHeight.mockReset())

/** The fake API, the plan's registry and certificate; `emit` sends an event to what the screen subscribed. */
async function setUp(
  language: 'en' | 'zh-CN' = 'en',
): Promise<{ api: Fake; emit: (p: TransferProgressInfo) => void }> {
  const api = await resetAll(language)
  useImagesStore.setState({ ...initialImagesState })
  useContentsStore.setState({ ...initialContentsState })
  usePlanStore.getState().load(plan)
  useAppStore.setState({ settings: { plan, knownCas: [], knownCerts: [] } })
  const issued = issuedFor(certDir)
  useCertsStore.setState({ issued })
  const listeners: ((e: unknown) => void)[] = []
  api.on.mockImplementation((event: string, l: (e: unknown) => void) => {
    if (event === 'job:transfer') listeners.push(l)
    return () => undefined
  })
  api.readCatalog.mockResolvedValue(ok({ repositories: catalog }))
  api.storageUsage.mockResolvedValue({ ok: false, error: toErrorInfo(new Error('not read here')) })
  api.pickImagesPath.mockResolvedValue(
    ok({ picked: { id: archive.archiveId, name: 'app.tar', path: '/media/usb/app.tar' } }),
  )
  api.inspectImageArchive.mockResolvedValue(ok(archive))
  const emit = (transfer: TransferProgressInfo): void => {
    const jobId = useImagesStore.getState().barsJob ?? ''
    act(() => listeners.forEach((l) => l({ jobId, transfer })))
  }
  return { api, emit }
}

describe('ImagesStep', () => {
  it('picks an archive by id, shows its images, pushes with per-blob bars, then shows the pushed repository as the registry holds it', async () => {
    const { api, emit } = await setUp()
    const user = userEvent.setup()
    let finish: (v: unknown) => void = () => undefined
    api.importImages.mockReturnValue(new Promise((r) => (finish = r)) as never)
    render(<ImagesStep />)
    // Nothing pushed yet: no listing of its own, nothing read; the whole registry is on Registry contents.
    expect(
      screen.getByText(/After a push, its images are shown here as the registry holds them/),
    ).toBeTruthy()
    expect(screen.queryByRole('table', { name: 'Pushed images in the registry' })).toBeNull()
    await user.click(screen.getByRole('button', { name: 'Pick an archive…' }))
    const table = await screen.findByRole('table', { name: 'Images in app.tar' })
    expect(within(table).getByText('library/nginx:1.25, library/nginx:latest')).toBeTruthy()
    expect(within(table).getByText('linux/amd64, linux/arm64/v8')).toBeTruthy()
    expect(within(table).getByText('2.0 MiB')).toBeTruthy()
    expect(api.inspectImageArchive).toHaveBeenCalledWith({ archiveId: archive.archiveId })

    await user.type(screen.getByLabelText('Prefix (optional)'), 'mirror')
    await user.click(screen.getByRole('button', { name: 'Push to the registry' }))
    const req = api.importImages.mock.calls[0]?.[0] as Record<string, unknown>
    expect(req).toMatchObject({
      host: '192.168.20.10',
      port: 5000,
      caCertPath: `${certDir}/ca.crt`,
      archiveIds: [archive.archiveId],
      prefix: 'mirror',
    })
    expect(JSON.stringify(req)).not.toContain('/media/usb')
    expect(req).not.toHaveProperty('credentials')
    const blob = { digest: `sha256:${'a'.repeat(64)}`, done: 512 * 1024, size: 1024 * 1024 }
    emit({
      message: { key: 'progress.images.blob' },
      blob,
      done: 512 * 1024,
      total: 2 * 1024 * 1024,
      bytesPerSecond: 1024 * 1024,
    })
    expect(screen.getByText('Total: 512.0 KiB of 2.0 MiB, 1.0 MiB/s')).toBeTruthy()
    const bar = screen.getByRole('progressbar', { name: 'Blob aaaaaaaaaaaa' })
    expect(bar.getAttribute('value')).toBe(String(512 * 1024))
    expect(screen.getByRole('button', { name: 'Cancel' })).toBeTruthy()
    emit({
      message: { key: 'progress.images.blobUploaded' },
      blob: { ...blob, done: blob.size, outcome: 'uploaded' },
      done: 2 * 1024 * 1024,
      total: 2 * 1024 * 1024,
      bytesPerSecond: 1024 * 1024,
    })
    expect(screen.getByText('uploaded')).toBeTruthy()
    expect(api.readCatalog).not.toHaveBeenCalled()

    act(() => {
      finish(
        ok({
          images: [
            {
              reference: 'mirror/library/nginx:1.25',
              digest: archive.images[0]?.digest ?? '',
              mediaType: 'x',
              platforms: 2,
            },
          ],
          blobs: { uploaded: 5, present: 0, mounted: 0, bytesUploaded: 2 * 1024 * 1024 },
          seconds: 1,
        }),
      )
    })
    await screen.findByText(
      /Pushed: mirror\/library\/nginx:1\.25\. Blobs uploaded: 5 \(2\.0 MiB\), already there: 0\./,
    )
    // The Registry contents table (compact), read through readCatalog for the pushed repository only.
    const listing = await screen.findByRole('table', { name: 'Pushed images in the registry' })
    expect(api.readCatalog).toHaveBeenCalledTimes(1)
    expect(api.readCatalog).toHaveBeenCalledWith({
      host: '192.168.20.10',
      port: 5000,
      repo: 'mirror/library/nginx',
    })
    const row = listing.querySelector('tr[data-row="mirror/library/nginx:1.25"]') as HTMLElement
    expect(within(row).getByText('multi-platform')).toBeTruthy()
    expect(within(row).getByText('linux/arm64/v8: 1.0 MiB')).toBeTruthy()
    expect(within(row).getByText('2.0 MiB')).toBeTruthy()
    expect(within(row).getByText('docker pull 192.168.20.10:5000/mirror/library/nginx:1.25')).toBeTruthy()
    // Only what was pushed (the catalog's other repository is not), and no Delete here: that is the full screen's.
    expect(listing.querySelectorAll('tbody tr[data-row]')).toHaveLength(1)
    expect(within(listing).queryByText('other/app')).toBeNull()
    expect(within(listing).queryByRole('button', { name: /Delete/ })).toBeNull()
    expect(within(listing).queryByText('application/vnd.oci.image.index.v1+json')).toBeNull()
    await user.click(screen.getByRole('button', { name: 'Open Registry contents' }))
    expect(useAppStore.getState().screen).toBe('contents')
  })

  it('export: one list for ticks on Registry contents and under the push; the folder goes by id; the checksum is shown', async () => {
    const { api } = await setUp()
    const user = userEvent.setup()
    api.readCatalog.mockResolvedValue(
      ok({
        repositories: [
          {
            name: 'app/web',
            distinctSize: 4096,
            tags: [tag('2.0', `sha256:${'5'.repeat(64)}`), tag('2.1', `sha256:${'6'.repeat(64)}`)],
          },
        ],
      }),
    )
    api.importImages.mockResolvedValue(pushedOk(['app/web:2.1']))
    api.pickImagesPath.mockResolvedValue(
      ok({ picked: { id: 'pick-00000000000000bb', name: 'out', path: '/media/usb/out' } }),
    )
    api.exportImages.mockResolvedValue(
      ok({
        out: '/media/usb/out/images.tar',
        checksumFile: '/media/usb/out/images.tar.sha256',
        sha256: 'ab'.repeat(32),
        bytes: 4096,
        images: [],
        seconds: 1,
      }),
    )
    // Ticked on the Registry contents screen first...
    const contents = render(<ContentsStep />)
    await user.click(
      await screen.findByRole('checkbox', { name: 'Put app/web:2.0 on the export list (Images screen)' }),
    )
    contents.unmount()
    // ...then on the Images screen, under the push: both are on the one list, and the first shows ticked here.
    api.pickImagesPath.mockResolvedValueOnce(
      ok({ picked: { id: archive.archiveId, name: 'app.tar', path: '/media/usb/app.tar' } }),
    )
    render(<ImagesStep />)
    await user.click(screen.getByRole('button', { name: 'Pick an archive…' }))
    await screen.findByRole('table', { name: 'Images in app.tar' })
    await user.click(screen.getByRole('button', { name: 'Push to the registry' }))
    const listing = await screen.findByRole('table', { name: 'Pushed images in the registry' })
    expect(api.readCatalog).toHaveBeenLastCalledWith({ host: '192.168.20.10', port: 5000, repo: 'app/web' })
    expect(within(listing).getByRole('checkbox', { name: 'Export app/web:2.0' })).toHaveProperty(
      'checked',
      true,
    )
    await user.click(within(listing).getByRole('checkbox', { name: 'Export app/web:2.1' }))
    expect(screen.getByLabelText<HTMLTextAreaElement>('Images to export (one per line)').value).toBe(
      'app/web:2.0\napp/web:2.1',
    )
    await user.click(screen.getByRole('button', { name: 'Pick a folder…' }))
    await screen.findByText('Folder: /media/usb/out')
    await user.selectOptions(screen.getByLabelText('Format'), 'docker')
    await user.click(screen.getByRole('button', { name: 'Export' }))
    await screen.findByText(`SHA-256: ${'ab'.repeat(32)}`)
    expect(api.exportImages.mock.calls[0]?.[0]).toMatchObject({
      refs: ['app/web:2.0', 'app/web:2.1'],
      format: 'docker',
      platform: 'linux/amd64',
      fileName: 'images.tar',
      folderId: 'pick-00000000000000bb',
    })
    expect(api.exportImages.mock.calls[0]?.[0]).not.toHaveProperty('driveId')
  })

  it('a dropped file goes to main as the File (the page holds no path); its images are shown', async () => {
    const { api } = await setUp()
    api.registerDroppedImagesPath.mockResolvedValue(
      ok({ picked: { id: archive.archiveId, name: 'app.tar', path: '/media/usb/app.tar' } }),
    )
    render(<ImagesStep />)
    const file = new File(['x'], 'app.tar')
    fireEvent.drop(screen.getByTestId('images-drop-zone'), { dataTransfer: { files: [file] } })
    await screen.findByRole('table', { name: 'Images in app.tar' })
    expect(api.registerDroppedImagesPath).toHaveBeenCalledTimes(1)
    expect(api.registerDroppedImagesPath.mock.calls[0]?.[0]).toBe(file)
    expect(api.inspectImageArchive).toHaveBeenCalledWith({ archiveId: archive.archiveId })
    expect(api.pickImagesPath).not.toHaveBeenCalled()
    // A drop with no file in it (text, a link): says so, sends nothing.
    fireEvent.drop(screen.getByTestId('images-drop-zone'), { dataTransfer: { files: [] } })
    await screen.findByText('A dropped item could not be read as a file: pick it with the button.')
    expect(api.registerDroppedImagesPath).toHaveBeenCalledTimes(1)
  })

  it('an archive naming its image only by a tag: the row says so, IMAGES_UNNAMED is shown at Repository, which is sent', async () => {
    const { api } = await setUp()
    const user = userEvent.setup()
    const first = archive.images[0]
    if (first === undefined) throw new Error('the fixture has an image')
    const tagOnly = { ...archive, images: [{ ...first, names: [], tags: ['1.0'] }] }
    api.inspectImageArchive.mockResolvedValue(ok(tagOnly))
    const unnamed = new AppError({
      code: 'IMAGES_UNNAMED',
      kind: 'input',
      field: 'repository',
      params: { path: '/media/usb/app.tar', count: 1, digests: [archive.images[0]?.digest ?? ''] },
    })
    api.importImages.mockResolvedValueOnce({ ok: false, error: toErrorInfo(unnamed) })
    render(<ImagesStep />)
    await user.click(screen.getByRole('button', { name: 'Pick an archive…' }))
    const table = await screen.findByRole('table', { name: 'Images in app.tar' })
    expect(within(table).getByText('tag 1.0 (no repository: give one below)')).toBeTruthy()
    await user.click(screen.getByRole('button', { name: 'Push to the registry' }))
    const field = screen.getByLabelText('Repository (for images without one)')
    await waitFor(() => expect(field.getAttribute('aria-invalid')).toBe('true'))
    const described = (field.getAttribute('aria-describedby') ?? '').split(' ')
    const errorText = described.map((id) => document.getElementById(id)?.textContent ?? '').join(' ')
    expect(errorText).toContain('Type the repository (for example team/app) in the Repository field')
    expect(api.importImages.mock.calls[0]?.[0]).not.toHaveProperty('repository')
    api.importImages.mockResolvedValueOnce(
      ok({ images: [], blobs: { uploaded: 0, present: 0, mounted: 0, bytesUploaded: 0 }, seconds: 0 }),
    )
    await user.type(field, 'team/app')
    await user.click(screen.getByRole('button', { name: 'Push to the registry' }))
    await waitFor(() => expect(api.importImages).toHaveBeenCalledTimes(2))
    expect(api.importImages.mock.calls[1]?.[0]).toMatchObject({ repository: 'team/app' })
  })

  it('zh-CN: a push of two repositories reads both (one filter) and shows them in the table in Chinese; a refused read is shown', async () => {
    const { api } = await setUp('zh-CN')
    const user = userEvent.setup()
    api.importImages.mockResolvedValue(
      pushedOk(['mirror/library/nginx:1.25', 'other/app:1', 'other/app@sha256:' + '4'.repeat(64)]),
    )
    render(<ImagesStep />)
    expect(screen.getByRole('button', { name: '打开镜像仓库内容' })).toBeTruthy()
    await user.click(screen.getByRole('button', { name: '选择归档…' }))
    await screen.findByRole('table', { name: 'app.tar 中的镜像' })
    await user.click(screen.getByRole('button', { name: '推送到镜像仓库' }))
    const listing = await screen.findByRole('table', { name: '已推送到镜像仓库的镜像' })
    expect(api.readCatalog).toHaveBeenCalledWith({
      host: '192.168.20.10',
      port: 5000,
      repo: '{mirror/library/nginx,other/app}',
    })
    expect(listing.querySelectorAll('tbody tr[data-row]')).toHaveLength(2)
    expect(within(listing).getByRole('checkbox', { name: '导出 other/app:1' })).toBeTruthy()
    const card = listing.closest('section') as HTMLElement
    const data = ['docker pull', ' MiB', ' KiB', 'linux/amd64', 'linux/arm64/v8']
    expect(englishWords(card.textContent, data)).toEqual([])

    // A second push whose read is refused: the coded error is shown in the card, in Chinese.
    api.readCatalog.mockResolvedValueOnce({
      ok: false,
      error: toErrorInfo(
        new AppError({
          code: 'MANAGE_REGISTRY_UNKNOWN',
          kind: 'input',
          field: 'host',
          params: { address: '192.168.20.10:5000' },
        }),
      ),
    })
    await user.click(screen.getByRole('button', { name: '推送到镜像仓库' }))
    const alert = await within(card).findByRole('alert')
    expect(englishWords(alert.textContent, ['192.168.20.10:5000'])).toEqual([])
  })

  it('zh-CN: the screen and a refused prefix (shown at the prefix field) are in Chinese', async () => {
    const { api } = await setUp('zh-CN')
    const user = userEvent.setup()
    api.importImages.mockResolvedValue({
      ok: false,
      error: toErrorInfo(
        new AppError({
          code: 'IMAGES_PREFIX_INVALID',
          kind: 'input',
          field: 'prefix',
          params: { value: '"Bad"' },
        }),
      ),
    })
    render(<ImagesStep />)
    await user.click(screen.getByRole('button', { name: '选择归档…' }))
    await screen.findByRole('table', { name: 'app.tar 中的镜像' })
    await user.click(screen.getByRole('button', { name: '推送到镜像仓库' }))
    const field = screen.getByLabelText('前缀（可选）')
    await waitFor(() => expect(field.getAttribute('aria-invalid')).toBe('true'))
    const described = (field.getAttribute('aria-describedby') ?? '').split(' ')
    const errorText = described.map((id) => document.getElementById(id)?.textContent ?? '').join(' ')
    expect(errorText).toContain('前缀（可选）')
    const text = document.body.textContent
    const english = text
      .replace(
        /[\w./-]*(nginx|team|sha256|docker-archive|app\.tar|linux|amd64|arm64|v8|mirror|library|Bad|KiB|MiB|B\b|OCI|SHA-256|htpasswd|docker|load|save|k3s-images|txt|tar|USB)[\w./-]*/gi,
        ' ',
      )
      .match(/[A-Za-z]{3,}/g)
    expect(english ?? []).toEqual([])
  })
})
