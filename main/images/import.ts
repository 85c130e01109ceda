// STUB (lead): helper A replaces the body. Pushes the images of archives into a registry.
import type { RegistryEndpoint } from '../registry-api'
import type { TransferProgress } from './types'

export interface ImportInput {
  files: string[]
  registry: RegistryEndpoint
  user?: string | undefined
  password?: string | undefined
  /** `--prefix`: repositories go under it (`mirror/library/nginx`). */
  prefix?: string | undefined
}

export interface ImportedImage {
  /** `repository:tag` as pushed (prefix applied). */
  reference: string
  digest: string
  mediaType: string
  platforms: number
}

export interface ImportResult {
  images: ImportedImage[]
  blobs: { uploaded: number; present: number; mounted: number; bytesUploaded: number }
  seconds: number
}

export interface TransferOptions {
  signal?: AbortSignal | undefined
  onProgress?: ((p: TransferProgress) => void) | undefined
}

export function importImages(input: ImportInput, o: TransferOptions = {}): Promise<ImportResult> {
  void input
  void o
  return Promise.reject(new Error('importImages: not built yet'))
}
