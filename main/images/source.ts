// STUB (lead): helper A replaces the body. Opens a docker-save tar, an OCI archive or an OCI layout directory.
import type { ImageSource } from './types'

export interface OpenSourceOptions {
  signal?: AbortSignal | undefined
  /** Where the private staging copy goes (default: the OS temp folder). */
  tmpRoot?: string | undefined
}

export function openImageSource(path: string, o: OpenSourceOptions = {}): Promise<ImageSource> {
  void path
  void o
  return Promise.reject(new Error('openImageSource: not built yet'))
}
