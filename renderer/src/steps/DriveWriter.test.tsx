import { render, screen } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { beforeEach, describe, expect, it } from 'vitest'
import type { DriveInfo } from '../../../main/ipc/contract'
import { ok, resetAll } from '../test-support/fake-api'
import { DriveWriter } from './DriveWriter'

type Fake = Awaited<ReturnType<typeof resetAll>>
const api = (): Fake => window.registryWizard as unknown as Fake
const bundleId = 'bundle-0123456789abcdef'
const drives: DriveInfo[] = [
  {
    id: 'drive-00000000000000b1',
    device: '/dev/sdb1',
    description: 'KINGSTON DataTraveler',
    mountpoints: ['/media/u/KINGSTON'],
    sizeBytes: 16e9,
    freeBytes: 12e9,
  },
  {
    id: 'drive-00000000000000c1',
    device: '/dev/sdc1',
    description: 'SanDisk',
    mountpoints: ['/media/u/LOCKED'],
    sizeBytes: 8e9,
    freeBytes: 1e9,
    readOnly: true,
  },
]

/** What main answers for a read-only drive: the code and its params (the words come from the catalogue). */
const readOnly = {
  ok: false as const,
  error: {
    code: 'DRIVE_READ_ONLY',
    params: { mount: '/media/u/LOCKED', errno: 'EROFS' },
    message: '/media/u/LOCKED is read-only (EROFS): the bundle cannot be written there',
  },
}

describe('DriveWriter', () => {
  beforeEach(async () => {
    await resetAll()
  })

  it('writes the bundle to the chosen drive as a job and shows the checksum result', async () => {
    api().copyBundleToDrive.mockResolvedValue(
      ok({
        dest: '/media/u/KINGSTON/registry-trust-192.168.20.10_5000',
        files: ['ca.crt', 'install.sh', 'SHA256SUMS'],
        bytes: 9000,
        verified: true,
        mismatched: [],
        readBack: 'direct-io',
        cacheFree: true,
      }),
    )
    const user = userEvent.setup()
    render(<DriveWriter bundleId={bundleId} drives={drives} />)
    expect(screen.getByText(/read-only/)).toBeTruthy()
    await user.click(
      screen.getByRole('button', { name: 'Write to KINGSTON DataTraveler (/media/u/KINGSTON)' }),
    )
    // Ids main gave, never a path: main lists the drives again and owns the bundle folder.
    expect(api().copyBundleToDrive).toHaveBeenCalledWith({
      jobId: expect.stringMatching(/^drive-/) as unknown,
      bundleId,
      driveId: 'drive-00000000000000b1',
    })
    const done = await screen.findByRole('status')
    expect(done.textContent).toContain(
      'Written to /media/u/KINGSTON/registry-trust-192.168.20.10_5000 (3 files).',
    )
    expect(done.textContent).toContain('every checksum matches')
    expect(done.textContent).not.toContain('file cache')
  })

  it('a copy that does not match when re-read from the drive is an alert naming the files, never a tick', async () => {
    api().copyBundleToDrive.mockResolvedValue(
      ok({
        dest: '/media/u/KINGSTON/registry-trust-192.168.20.10_5000',
        files: ['ca.crt', 'install.sh', 'SHA256SUMS'],
        bytes: 9000,
        verified: false,
        mismatched: ['ca.crt'],
        readBack: 'direct-io',
        cacheFree: true,
      }),
    )
    const user = userEvent.setup()
    render(<DriveWriter bundleId={bundleId} drives={drives} />)
    const button = screen.getByRole('button', { name: 'Write to KINGSTON DataTraveler (/media/u/KINGSTON)' })
    await user.click(button)
    const alert = await screen.findByRole('alert')
    expect(alert.textContent).toContain('does not match the bundle when re-read from the drive (ca.crt)')
    expect(alert.textContent).toContain('Do not use it')
    expect(screen.queryByRole('status')).toBeNull()
    expect(button.getAttribute('aria-describedby')).toBe(alert.id)
  })

  it('says when the re-read could not bypass the file cache (macOS, Windows)', async () => {
    api().copyBundleToDrive.mockResolvedValue(
      ok({
        dest: 'E:\\registry-trust-192.168.20.10_5000',
        files: ['ca.crt'],
        bytes: 1,
        verified: true,
        mismatched: [],
        readBack: 'page-cache',
        cacheFree: false,
      }),
    )
    const user = userEvent.setup()
    render(<DriveWriter bundleId={bundleId} drives={drives} />)
    await user.click(
      screen.getByRole('button', { name: 'Write to KINGSTON DataTraveler (/media/u/KINGSTON)' }),
    )
    const done = await screen.findByRole('status')
    expect(done.textContent).toContain('may have come from memory, not from the drive')
  })

  it('shows a read-only drive’s error next to that drive’s button, and replaces an existing copy when asked', async () => {
    api().copyBundleToDrive.mockResolvedValue(readOnly)
    const user = userEvent.setup()
    render(<DriveWriter bundleId={bundleId} drives={drives} />)
    await user.click(screen.getByLabelText('Replace a copy already on the drive'))
    const button = screen.getByRole('button', { name: 'Write to SanDisk (/media/u/LOCKED)' })
    await user.click(button)
    expect(api().copyBundleToDrive).toHaveBeenCalledWith(
      expect.objectContaining({ bundleId, driveId: 'drive-00000000000000c1', force: true }),
    )
    const alert = await screen.findByRole('alert')
    expect(alert.textContent).toContain('is read-only (EROFS)')
    expect(alert.textContent).toContain('Unlock the drive (write-protect switch)')
    expect(button.getAttribute('aria-describedby')).toBe(alert.id)
    expect(alert.closest('li')?.textContent).toContain('SanDisk')
  })

  it('in Chinese, a coded error reads in Chinese, with its GUI fix (no English from main)', async () => {
    await resetAll('zh-CN')
    api().copyBundleToDrive.mockResolvedValue(readOnly)
    const user = userEvent.setup()
    render(<DriveWriter bundleId={bundleId} drives={drives} />)
    await user.click(screen.getByRole('button', { name: /SanDisk/ }))
    const alert = await screen.findByRole('alert')
    expect(alert.textContent).toContain('/media/u/LOCKED 是只读的（EROFS）')
    expect(alert.textContent).toContain('写保护')
    expect(alert.textContent).not.toMatch(/read-only|Unlock|drive/i)
  })
})
