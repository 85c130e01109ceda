import { useCallback, useEffect, useState } from 'react'
import type { Plan, SwarmStatusInfo } from '../../../../../main/ipc/contract'
import { api } from '../../../api'

/** Whether the plan's engine is a Swarm manager (asked again when the plan's engine changes); false until known. */
export function useSwarmManager(plan: Plan): boolean {
  const key = JSON.stringify(plan.docker)
  const [answer, setAnswer] = useState<{ key: string; manager: boolean }>()
  useEffect(() => {
    let live = true
    void api()
      .swarmAvailable({ plan: { ...plan, docker: JSON.parse(key) as Plan['docker'] } })
      .then((r) => {
        if (live) setAnswer({ key, manager: r.ok && r.value.manager })
      })
    return () => {
      live = false
    }
    // The plan's engine is what decides; its other fields do not.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [key])
  return answer?.key === key && answer.manager
}

/** The service's status read at once, again every pollMs and on refresh; null: no service of ours. */
export function useSwarmStatus(
  plan: Plan,
  pollMs: number,
  resetKey: unknown,
): { status: SwarmStatusInfo | null | undefined; refresh: () => Promise<void> } {
  const [status, setStatus] = useState<SwarmStatusInfo | null>()
  const planKey = JSON.stringify(plan)
  const refresh = useCallback(async (): Promise<void> => {
    const r = await api().swarmStatus({ plan: JSON.parse(planKey) as Plan })
    if (r.ok) setStatus(r.value.service)
  }, [planKey])
  useEffect(() => {
    const first = setTimeout(() => void refresh(), 0)
    const timer = setInterval(() => void refresh(), pollMs)
    return () => {
      clearTimeout(first)
      clearInterval(timer)
    }
  }, [refresh, pollMs, resetKey])
  return { status, refresh }
}
