// The storage part of the monitoring check: how full the file system under the registry's /var/lib/registry is
// (statfs of the mount on a local engine, else df inside the container through the Engine API), and how much the registry holds.
import { statfs } from 'node:fs/promises'
import { inspectRegistry } from '../docker/index'
import { reason } from '../jobs/runner'
import { execInContainer } from '../manage/exec'
import { storageUsage } from '../manage/usage'
import { message, type Param } from '../messages/index'
import type { CheckItem, StorageCheckInput } from './check'

export const REGISTRY_DATA_DIR = '/var/lib/registry'

/** Used percent from `df -P DIR` (POSIX format: the 5th column of the second line, "42%"). */
export function dfPercent(output: string): number | undefined {
  const line = output.trim().split('\n')[1]
  const capacity = line?.trim().split(/\s+/)[4]
  const m = capacity === undefined ? null : /^(\d+)%$/.exec(capacity)
  return m === null ? undefined : Number(m[1])
}

/** df's use%: used / (used + available to users), rounded up. */
export function usedPercentOf(st: { blocks: number; bfree: number; bavail: number }): number {
  const used = st.blocks - st.bfree
  const total = used + st.bavail
  return total === 0 ? 0 : Math.ceil((used / total) * 100)
}

/**
 * How full the file system under the registry's data is: on a local engine read straight from the mount's source
 * on this machine (statfs; the registry image needs no tools), else `df -P` inside the container (the official
 * image has it). Undefined with the reason when neither works.
 */
async function usedPercent(s: StorageCheckInput): Promise<{ percent?: number; why: Param }> {
  let why: Param = ''
  if (s.engine.resolved.local) {
    const info = await inspectRegistry(s.engine, s.name)
    const source = info.Mounts.find((m) => m.Destination === REGISTRY_DATA_DIR)?.Source
    if (source !== undefined && source !== '') {
      try {
        return { percent: usedPercentOf(await statfs(source)), why }
      } catch (err) {
        why = reason(err)
      }
    }
  }
  try {
    const r = await execInContainer(s.engine, s.name, ['df', '-P', REGISTRY_DATA_DIR])
    const percent = r.exitCode === 0 ? dfPercent(r.stdout) : undefined
    if (percent !== undefined) return { percent, why }
    return { why: r.exitCode === 0 ? r.stdout.trim() : r.stderr.trim() || `exit ${r.exitCode}` }
  } catch (err) {
    return { why: why === '' ? reason(err) : why }
  }
}

/** CRITICAL at maxUsagePercent or more; UNKNOWN when the use cannot be read (a stopped remote registry, no df). */
export async function storageItem(s: StorageCheckInput): Promise<CheckItem> {
  const { percent, why } = await usedPercent(s).catch((err: unknown) => ({
    percent: undefined,
    why: reason(err),
  }))
  if (percent === undefined)
    return {
      id: 'storage',
      state: 'UNKNOWN',
      message: message('lifecycle.check.storage.unknown', { name: s.name, reason: why }),
      data: { name: s.name },
      perf: [],
    }
  const bytes = await storageUsage(s.engine, s.name).then(
    (u) => u.totalBytes,
    () => undefined,
  )
  const state = percent >= s.maxUsagePercent ? 'CRITICAL' : 'OK'
  const params = { name: s.name, percent, max: s.maxUsagePercent }
  return {
    id: 'storage',
    state,
    message: message(`lifecycle.check.storage.${state === 'OK' ? 'ok' : 'full'}`, params),
    data: { ...params, ...(bytes === undefined ? {} : { registryBytes: bytes }) },
    perf: [
      { label: 'storage_used', value: percent, uom: '%', crit: s.maxUsagePercent, min: 0, max: 100 },
      ...(bytes === undefined ? [] : [{ label: 'registry_bytes', value: bytes, uom: 'B', min: 0 }]),
    ],
  }
}
