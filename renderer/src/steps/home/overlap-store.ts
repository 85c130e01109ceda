import { useEffect } from 'react'
import { create } from 'zustand'
import type { Plan, RenewCaInfo, ServedCaInfo } from '../../../../main/ipc/contract'
import { api } from '../../api'

/**
 * Home's view of a CA renewal's overlap: the renewal done in this session (if any), and which known CA issued the
 * certificate the planned registry serves (main reads it: its current CA, or one a renewal replaced). `tick` makes
 * the readers read again (after a renewal or a move).
 */
interface OverlapState {
  renewed: RenewCaInfo | undefined
  served: ServedCaInfo | undefined
  tick: number
  setRenewed: (r: RenewCaInfo) => void
  setServed: (s: ServedCaInfo | undefined) => void
  reread: () => void
}

export const initialOverlapState = { renewed: undefined, served: undefined, tick: 0 }

export const useOverlapStore = create<OverlapState>()((set) => ({
  ...initialOverlapState,
  setRenewed: (renewed) => set((s) => ({ renewed, tick: s.tick + 1 })),
  setServed: (served) => set({ served }),
  reread: () => set((s) => ({ tick: s.tick + 1 })),
}))

/** Reads servedCa for the plan at once and whenever the store's tick moves; a failed read counts as unknown. */
export function useServedCa(plan: Plan | undefined): void {
  const tick = useOverlapStore((s) => s.tick)
  const planKey = plan === undefined || plan.addresses.length === 0 ? undefined : JSON.stringify(plan)
  useEffect(() => {
    if (planKey === undefined) return
    let live = true
    void api()
      .servedCa({ plan: JSON.parse(planKey) as Plan })
      .then((r) => live && useOverlapStore.getState().setServed(r.ok ? r.value : undefined))
    return () => {
      live = false
    }
  }, [planKey, tick])
}
