import type { Systeminformation } from 'systeminformation'
import { describe, expect, it } from 'vitest'
import { listRemovableDrives, parentDisk, pickRemovableDrives } from './list-drives'

function block(b: Partial<Systeminformation.BlockDevicesData>): Systeminformation.BlockDevicesData {
  return {
    name: '',
    identifier: '',
    type: 'part',
    fsType: '',
    mount: '',
    size: 0,
    physical: '',
    uuid: '',
    label: '',
    model: '',
    serial: '',
    removable: false,
    protocol: '',
    ...b,
  }
}

describe('removable drives', () => {
  it('offers mounted USB / removable partitions and never a system disk', () => {
    const blocks = [
      block({ name: 'sda', type: 'disk', removable: false }),
      block({ name: 'sda1', mount: '/boot/efi', fsType: 'vfat' }),
      block({ name: 'sda2', mount: '/', fsType: 'ext4' }),
      block({ name: 'sda3', mount: '/data', fsType: 'ext4', removable: true }), // on the system disk: never offered
      block({ name: 'sdb', type: 'disk', removable: true, protocol: 'usb', model: 'SanDisk' }),
      block({
        name: 'sdb1',
        mount: '/media/admin/USB',
        fsType: 'vfat',
        label: 'USB',
        removable: true,
        protocol: 'usb',
        model: 'SanDisk',
        size: 16e9,
      }),
      block({ name: 'sdc1', mount: '', removable: true }), // not mounted
      block({ name: 'sr0', type: 'rom', mount: '/media/cdrom', removable: true }),
      block({ name: 'nvme0n1p1', mount: '/mnt/fast', protocol: 'nvme' }), // fixed disk
      block({ name: 'mmcblk0p1', mount: '/media/sd', protocol: 'sd', removable: false }),
    ]
    const sizes: Systeminformation.FsSizeData[] = [
      {
        fs: '/dev/sdb1',
        type: 'vfat',
        size: 16e9,
        used: 1e9,
        available: 15e9,
        use: 6,
        mount: '/media/admin/USB',
        rw: true,
      },
      {
        fs: '/dev/mmcblk0p1',
        type: 'vfat',
        size: 8e9,
        used: 0,
        available: 8e9,
        use: 0,
        mount: '/media/sd',
        rw: false,
      },
    ]
    const drives = pickRemovableDrives(blocks, sizes, 'C:')
    expect(drives.map((d) => d.mount)).toEqual(['/media/admin/USB', '/media/sd'])
    expect(drives[0]).toMatchObject({
      device: '/dev/sdb1',
      label: 'USB',
      freeBytes: 15e9,
      readOnly: false,
      model: 'SanDisk',
    })
    expect(drives[1]?.readOnly).toBe(true)
  })

  it('never offers the Windows system drive', () => {
    const drives = pickRemovableDrives(
      [
        block({ name: 'C:', mount: 'C:', removable: true }),
        block({ name: 'E:', mount: 'E:', removable: true, protocol: 'USB' }),
      ],
      [],
      'C:',
    )
    expect(drives.map((d) => d.mount)).toEqual(['E:'])
  })

  it('maps partitions to their disks', () => {
    expect(['sda1', 'nvme0n1p2', 'mmcblk0p1', 'disk2s1', 'vda'].map(parentDisk)).toEqual([
      'sda',
      'nvme0n1',
      'mmcblk0',
      'disk2',
      'vda',
    ])
  })

  it('reads this machine through systeminformation and offers no system mount', async () => {
    const drives = await listRemovableDrives()
    expect(Array.isArray(drives)).toBe(true)
    for (const d of drives) expect(['/', '/boot', '/boot/efi']).not.toContain(d.mount)
  })
})
