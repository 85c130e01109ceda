// STUB (lead): helper B replaces the body. Pulls images from a registry into one archive, with a checksum file.
import type { RegistryEndpoint } from '../registry-api'
import type { TransferOptions } from './import'
import type { Platform } from './types'

export type ExportFormat = 'oci' | 'docker'

export interface ExportInput {
  /** References as in a list file (`docker.io/rancher/mirrored-pause:3.6`, `app/web:2.1`); read from our registry. */
  refs: string[]
  registry: RegistryEndpoint
  user?: string | undefined
  password?: string | undefined
  /** The archive file to write (atomically; never over an existing file unless `force`). */
  out: string
  format: ExportFormat
  /** docker format holds one platform per image: which one (default linux/amd64). */
  platform?: Platform | undefined
  /** The registry-side prefix the images were imported under (`mirror/`): read from there, named without it. */
  prefix?: string | undefined
  force?: boolean | undefined
}

export interface ExportResult {
  out: string
  /** `<out>.sha256`, in `sha256sum -c` format. */
  checksumFile: string
  sha256: string
  bytes: number
  images: { reference: string; digest: string; platforms: number }[]
  seconds: number
}

export function exportImages(input: ExportInput, o: TransferOptions = {}): Promise<ExportResult> {
  void input
  void o
  return Promise.reject(new Error('exportImages: not built yet'))
}
