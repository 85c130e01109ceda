import { createHash } from 'node:crypto'
import type { RemovableDrive } from './list-drives'

/** The form of a drive id: what the IPC schema accepts (no path can pass it). */
export const DRIVE_ID = /^drive-[0-9a-f]{16}$/

/**
 * A drive's id for the GUI: opaque, derived from the device and its mount point. The renderer names a drive only by
 * this id; main lists the drives again and writes only to the drive whose id matches, never to a path the page sent.
 */
export function driveId(drive: Pick<RemovableDrive, 'device' | 'mount'>): string {
  return `drive-${createHash('sha256').update(`${drive.device}\0${drive.mount}`).digest('hex').slice(0, 16)}`
}
