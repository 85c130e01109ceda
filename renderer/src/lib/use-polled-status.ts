import { useCallback, useEffect, useState } from 'react'
import type { Plan, ResponseOf } from '../../../main/ipc/contract'
import { api } from '../api'

/** The status channels a screen polls: the registry's container and the mirror's. */
export type StatusChannel = 'registryStatus' | 'mirrorStatus'

export interface PolledStatus<C extends StatusChannel> {
  /** undefined while the first read runs; null when the engine has no such container. */
  status: ResponseOf<C> | null | undefined
  refresh: () => Promise<void>
}

export interface PollOptions {
  /** Read again every pollMs; absent: read once (and on refresh). */
  pollMs?: number | undefined
  /** Read again at once when this changes (e.g. the container this session started). */
  resetKey?: unknown
  /** Any failed read counts as "no container" (a list that only shows what is there); default: only not-found. */
  nullOnError?: boolean | undefined
}

/**
 * A container's status read from main at once, then every pollMs. A not-found answer gives null; other failures
 * (an engine briefly away) keep the last status unless nullOnError.
 */
export function usePolledStatus<C extends StatusChannel>(
  channel: C,
  plan: Plan,
  options: PollOptions = {},
): PolledStatus<C> {
  const { pollMs, resetKey, nullOnError = false } = options
  const [status, setStatus] = useState<ResponseOf<C> | null>()
  const planKey = JSON.stringify(plan)
  const refresh = useCallback(async (): Promise<void> => {
    const read = api()[channel] as (r: { plan: Plan }) => ReturnType<ReturnType<typeof api>[C]>
    const r = await read({ plan: JSON.parse(planKey) as Plan })
    if (r.ok) setStatus(r.value)
    else if (nullOnError || r.error.code === 'REGISTRY_NOT_FOUND') setStatus(null)
  }, [channel, planKey, nullOnError])
  useEffect(() => {
    const first = setTimeout(() => void refresh(), 0)
    const timer = pollMs === undefined ? undefined : setInterval(() => void refresh(), pollMs)
    return () => {
      clearTimeout(first)
      if (timer !== undefined) clearInterval(timer)
    }
  }, [refresh, pollMs, resetKey])
  return { status, refresh }
}
