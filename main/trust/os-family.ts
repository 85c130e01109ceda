import { promises as fs } from 'node:fs'
import { join } from 'node:path'
import type { TrustEnv } from './types'

export type LinuxFamily = 'debian' | 'rhel' | 'suse' | 'arch'
export type OsFamily = LinuxFamily | 'macos' | 'windows' | 'unknown'

export interface OsInfo {
  family: OsFamily
  id: string
  name: string
}

/** Parses /etc/os-release (KEY=value, values optionally quoted). */
export function parseOsRelease(text: string): Record<string, string> {
  const out: Record<string, string> = {}
  for (const line of text.split(/\r?\n/)) {
    const m = /^([A-Z0-9_]+)=(.*)$/.exec(line.trim())
    if (!m?.[1]) continue
    let v = (m[2] ?? '').trim()
    if ((v.startsWith('"') && v.endsWith('"')) || (v.startsWith("'") && v.endsWith("'"))) v = v.slice(1, -1)
    out[m[1]] = v.replace(/\\(["'$`\\])/g, '$1')
  }
  return out
}

const FAMILY_OF_ID: Record<string, LinuxFamily> = {
  debian: 'debian',
  ubuntu: 'debian',
  alpine: 'debian',
  linuxmint: 'debian',
  raspbian: 'debian',
  kylin: 'debian',
  uos: 'debian',
  deepin: 'debian',
  rhel: 'rhel',
  centos: 'rhel',
  fedora: 'rhel',
  rocky: 'rhel',
  almalinux: 'rhel',
  ol: 'rhel',
  amzn: 'rhel',
  anolis: 'rhel',
  openeuler: 'rhel',
  suse: 'suse',
  sles: 'suse',
  'opensuse-leap': 'suse',
  'opensuse-tumbleweed': 'suse',
  opensuse: 'suse',
  arch: 'arch',
  manjaro: 'arch',
  endeavouros: 'arch',
}

/** The store family from ID, then each word of ID_LIKE (e.g. rocky's ID_LIKE="rhel centos fedora"). */
export function familyFromOsRelease(fields: Record<string, string>): LinuxFamily | 'unknown' {
  const ids = [fields.ID ?? '', ...(fields.ID_LIKE ?? '').split(/\s+/)]
    .map((s) => s.toLowerCase())
    .filter(Boolean)
  for (const id of ids) {
    const family = FAMILY_OF_ID[id]
    if (family) return family
  }
  return 'unknown'
}

/** Detects the OS store family: the platform for macOS / Windows, /etc/os-release under the root for Linux. */
export async function detectOsFamily(env: TrustEnv): Promise<OsInfo> {
  if (env.platform === 'darwin') return { family: 'macos', id: 'macos', name: 'macOS' }
  if (env.platform === 'win32') return { family: 'windows', id: 'windows', name: 'Windows' }
  for (const rel of ['etc/os-release', 'usr/lib/os-release']) {
    try {
      const fields = parseOsRelease(await fs.readFile(join(env.root, rel), 'utf8'))
      return {
        family: familyFromOsRelease(fields),
        id: fields.ID ?? '',
        name: fields.PRETTY_NAME ?? fields.NAME ?? '',
      }
    } catch {
      // try the next location
    }
  }
  return { family: 'unknown', id: '', name: 'unknown (no /etc/os-release)' }
}
