import { act, fireEvent, render, screen, waitFor, within } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { describe, expect, it } from 'vitest'
import { AppError } from '../../../main/errors'
import type { ImageArchiveInfo, IssuedServerCert, TransferProgressInfo } from '../../../main/ipc/contract'
import { toErrorInfo } from '../../../main/ipc/map-error'
import { initialImagesState, useImagesStore } from '../stores/images-store'
import { useCertsStore } from '../stores/certs-store'
import { usePlanStore } from '../stores/plan-store'
import { ok, resetAll } from '../test-support/fake-api'
import { ImagesStep } from './ImagesStep'

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

/** The fake API, the plan's registry and certificate; `emit` sends an event to what the screen subscribed. */
async function setUp(
  language: 'en' | 'zh-CN' = 'en',
): Promise<{ api: Fake; emit: (p: TransferProgressInfo) => void }> {
  const api = await resetAll(language)
  useImagesStore.setState({ ...initialImagesState })
  usePlanStore.getState().load({ addresses: ['192.168.20.10'], port: 5000, docker: { kind: 'local' } })
  const issued = {
    outDir: certDir,
    certPath: `${certDir}/domain.crt`,
    keyPath: `${certDir}/domain.key`,
    caCertPath: `${certDir}/ca.crt`,
    certificate: { sans: [{ type: 'ip', value: '192.168.20.10' }] },
    lint: [],
  } as unknown as IssuedServerCert
  useCertsStore.setState({ issued })
  const listeners: ((e: unknown) => void)[] = []
  api.on.mockImplementation((event: string, l: (e: unknown) => void) => {
    if (event === 'job:transfer') listeners.push(l)
    return () => undefined
  })
  api.listRegistryImages.mockResolvedValue(ok({ repositories: [] }))
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
  it('picks an archive by id, shows its images, pushes with per-blob bars, then lists the registry', async () => {
    const { api, emit } = await setUp()
    const user = userEvent.setup()
    let finish: (v: unknown) => void = () => undefined
    api.importImages.mockReturnValue(new Promise((r) => (finish = r)) as never)
    render(<ImagesStep />)
    await waitFor(() => expect(api.listRegistryImages).toHaveBeenCalledTimes(1))
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

    api.listRegistryImages.mockResolvedValue(
      ok({ repositories: [{ name: 'mirror/library/nginx', tags: ['1.25', 'latest'] }] }),
    )
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
    const listing = await screen.findByRole('table', { name: 'Repositories in the registry' })
    expect(within(listing).getByText('mirror/library/nginx')).toBeTruthy()
    expect(api.listRegistryImages).toHaveBeenCalledTimes(2)
  })

  it('export: ticked tags become the list; the folder goes by id; the checksum is shown', async () => {
    const { api } = await setUp()
    const user = userEvent.setup()
    api.listRegistryImages.mockResolvedValue(ok({ repositories: [{ name: 'app/web', tags: ['2.1'] }] }))
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
    render(<ImagesStep />)
    await user.click(await screen.findByRole('checkbox', { name: 'Export app/web:2.1' }))
    expect(screen.getByLabelText<HTMLTextAreaElement>('Images to export (one per line)').value).toBe(
      'app/web:2.1',
    )
    await user.click(screen.getByRole('button', { name: 'Pick a folder…' }))
    await screen.findByText('Folder: /media/usb/out')
    await user.selectOptions(screen.getByLabelText('Format'), 'docker')
    await user.click(screen.getByRole('button', { name: 'Export' }))
    await screen.findByText(`SHA-256: ${'ab'.repeat(32)}`)
    expect(api.exportImages.mock.calls[0]?.[0]).toMatchObject({
      refs: ['app/web:2.1'],
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
