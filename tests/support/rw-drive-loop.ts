import { execFileSync, spawnSync } from 'node:child_process'
import { mkdirSync, openSync, closeSync, readSync, writeSync, fsyncSync, rmSync } from 'node:fs'
import { join } from 'node:path'
import type { RemovableDrive } from '../../main/drives/list-drives'

/**
 * A real block device standing in for a USB stick: an ext4 image file attached to a loop device and mounted (as
 * root). Its bytes can be damaged BEHIND the mount, in the backing image, which is what a failing stick does to a
 * copy whose check was served from the page cache. Drive tests (prefix rw-drive-) make one, then `remove()` it.
 */
export interface LoopDrive {
  image: string
  device: string
  mount: string
  /** What a removable-drive lister returns for it (the real lister never lists loop devices). */
  drive: RemovableDrive
  /**
   * Overwrites the first bytes of FILE's data in the backing image (found with filefrag, checked against the file's
   * own bytes first) and syncs the image; returns the byte offset damaged.
   */
  corrupt: (file: string) => number
  remove: () => void
}

function run(program: string, args: string[]): string {
  return execFileSync(program, args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] })
}

/** Byte offset of a file's first data block on its file system (filefrag's FIEMAP, in file system blocks). */
export function dataOffset(file: string): number {
  const out = run('filefrag', ['-v', file])
  const blockSize = /\(\d+ blocks? of (\d+) bytes\)/.exec(out)?.[1]
  const first = /^\s*0:\s+0\.\.\s*\d+:\s+(\d+)\.\./m.exec(out)?.[1]
  if (!blockSize || !first) throw new Error(`filefrag gave no first extent for ${file}:\n${out}`)
  return Number(first) * Number(blockSize)
}

export function makeLoopDrive(dir: string, label = 'RW-DRIVE'): LoopDrive {
  if (process.getuid?.() !== 0) throw new Error('a loop-mounted drive image needs root (losetup, mount)')
  mkdirSync(dir, { recursive: true })
  const image = join(dir, 'stick.img')
  const mount = join(dir, 'mnt')
  mkdirSync(mount)
  run('truncate', ['-s', '64M', image])
  run('mkfs.ext4', ['-q', '-L', label, image])
  const device = run('losetup', ['-f', '--show', image]).trim()
  try {
    run('mount', [device, mount])
  } catch (err) {
    spawnSync('losetup', ['-d', device])
    throw err
  }
  const drive: RemovableDrive = {
    device,
    mount,
    label,
    fsType: 'ext4',
    sizeBytes: 64 * 1024 * 1024,
    freeBytes: 60 * 1024 * 1024,
    readOnly: false,
    model: 'loop image',
    protocol: 'usb',
  }
  const corrupt = (file: string): number => {
    const offset = dataOffset(file)
    const fd = openSync(image, 'r+')
    try {
      const head = Buffer.alloc(16)
      readSync(fd, head, 0, head.length, offset)
      const own = Buffer.alloc(16)
      const f = openSync(file, 'r')
      try {
        readSync(f, own, 0, own.length, 0)
      } finally {
        closeSync(f)
      }
      if (!head.equals(own)) throw new Error(`the image at ${offset} does not hold the start of ${file}`)
      writeSync(fd, Buffer.from('XXXXXXXXXXXXXXXX'), 0, 16, offset)
      fsyncSync(fd)
    } finally {
      closeSync(fd)
    }
    return offset
  }
  const remove = (): void => {
    spawnSync('umount', [mount])
    spawnSync('losetup', ['-d', device])
    rmSync(dir, { recursive: true, force: true })
  }
  return { image, device, mount, drive, corrupt, remove }
}

/**
 * For a test whose precondition (root, a mount, a loop device) could not be met: under CI=true that is a failure,
 * never a pass; elsewhere the test is reported as skipped, with the reason.
 */
export function requireSetup(setupError: unknown, skip: (note?: string) => void): void {
  if (setupError === undefined) return
  const reason = setupError instanceof Error ? setupError.message : JSON.stringify(setupError)
  if (process.env['CI'] === 'true') throw new Error(`precondition missing under CI: ${reason}`)
  skip(reason)
}
