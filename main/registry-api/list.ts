// STUB (lead): helper B replaces the bodies. Catalog and tag lists, following `Link: <...>; rel="next"` pages.
import type { RegistryClient } from './client'

export function listCatalog(c: RegistryClient, signal?: AbortSignal): Promise<string[]> {
  void c
  void signal
  return Promise.reject(new Error('listCatalog: not built yet'))
}

export function listTags(c: RegistryClient, name: string, signal?: AbortSignal): Promise<string[]> {
  void c
  void name
  void signal
  return Promise.reject(new Error('listTags: not built yet'))
}
