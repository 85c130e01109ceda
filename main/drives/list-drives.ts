import type { Systeminformation } from 'systeminformation'

/** A removable drive partition that is mounted and may receive a trust bundle. */
export interface RemovableDrive {
  device: string
  mount: string
  label: string
  fsType: string
  sizeBytes: number
  freeBytes: number | undefined
  readOnly: boolean
  model: string
  protocol: string
}

/** What we need from systeminformation; injected so tests and the GUI share one code path. */
export interface DriveSource {
  blockDevices(): Promise<Systeminformation.BlockDevicesData[]>
  fsSize(): Promise<Systeminformation.FsSizeData[]>
}

const SYSTEM_MOUNTS = new Set([
  '/',
  '/boot',
  '/boot/efi',
  '/efi',
  '/usr',
  '/var',
  '/home',
  '/opt',
  '/srv',
  '/nix',
  '[SWAP]',
])

function isSystemMount(mount: string, systemDrive: string): boolean {
  if (SYSTEM_MOUNTS.has(mount)) return true
  if (mount.startsWith('/System/Volumes')) return true // macOS system volumes
  return mount.toUpperCase().replace(/\\$/, '') === systemDrive.toUpperCase()
}

/** The whole-disk name a partition belongs to: sda1 -> sda, nvme0n1p2 -> nvme0n1, mmcblk0p1 -> mmcblk0, disk2s1 -> disk2. */
export function parentDisk(name: string): string {
  const m =
    /^(nvme\d+n\d+|mmcblk\d+|loop\d+)(?:p\d+)?$/.exec(name) ??
    /^(disk\d+)(?:s\d+)?$/.exec(name) ??
    /^([a-z]+)\d*$/.exec(name)
  return m?.[1] ?? name
}

/**
 * Picks mounted removable partitions (removable flag or a USB / SD protocol) and never offers a system drive: any
 * disk that holds a system mount (/, /boot, C:...) is excluded with all its partitions.
 */
export function pickRemovableDrives(
  blocks: Systeminformation.BlockDevicesData[],
  sizes: Systeminformation.FsSizeData[],
  systemDrive = process.env.SystemDrive ?? 'C:',
): RemovableDrive[] {
  const systemDisks = new Set(
    blocks.filter((b) => isSystemMount(b.mount, systemDrive)).map((b) => parentDisk(b.name)),
  )
  const out: RemovableDrive[] = []
  for (const b of blocks) {
    if (!b.mount || b.type === 'rom' || b.type === 'loop') continue
    if (isSystemMount(b.mount, systemDrive) || systemDisks.has(parentDisk(b.name))) continue
    const removable = b.removable || /usb|sd|mmc/i.test(b.protocol)
    if (!removable) continue
    const size = sizes.find((s) => s.mount === b.mount)
    out.push({
      device: b.device ?? `/dev/${b.name}`,
      mount: b.mount,
      label: b.label,
      fsType: b.fsType,
      sizeBytes: size?.size ?? b.size,
      freeBytes: size?.available,
      readOnly: size?.rw === false,
      model: b.model,
      protocol: b.protocol,
    })
  }
  return out.sort((a, b) => a.mount.localeCompare(b.mount))
}

/** Lists removable drives with systeminformation. */
export async function listRemovableDrives(source?: DriveSource): Promise<RemovableDrive[]> {
  const si: DriveSource = source ?? (await import('systeminformation'))
  const [blocks, sizes] = await Promise.all([si.blockDevices(), si.fsSize()])
  return pickRemovableDrives(blocks, sizes)
}
