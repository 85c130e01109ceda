import { join } from 'node:path'
import type { TrustEnv } from './types'

/** A path on the target system placed under the root prefix (segments are relative to `/`, or to `C:\`). */
export function underRoot(env: TrustEnv, ...segments: string[]): string {
  return join(env.root, ...segments)
}

/** The same path as the target system itself sees it (what goes inside config files such as hosts.toml). */
export function systemPath(env: TrustEnv, ...segments: string[]): string {
  if (env.platform === 'win32') return `C:\\${segments.join('\\')}`
  return `/${segments.join('/')}`
}

/** Default root prefix: the real system. */
export function defaultRoot(platform: NodeJS.Platform = process.platform): string {
  return platform === 'win32' ? 'C:\\' : '/'
}
