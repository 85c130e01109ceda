import { create } from 'zustand'
import type { BundleResult, CheckRow, TrustPlanView } from '../../../main/ipc/contract'

/** Results of the Registry, Client trust and Verify steps: kept while the user moves between steps. */
interface StagesState {
  preflight: CheckRow[] | undefined
  containerId: string | undefined
  trustPlan: TrustPlanView | undefined
  /** What applying left to do: commands (or, asRoot, the script) the user runs; empty when it is done. */
  trustApplied: { pending: string[]; asRoot?: boolean | undefined } | undefined
  bundle: BundleResult | undefined
  verifyRows: CheckRow[] | undefined
  verifyOk: boolean | undefined
  set: (patch: Partial<Omit<StagesState, 'set'>>) => void
}

export const initialStagesState = {
  preflight: undefined,
  containerId: undefined,
  trustPlan: undefined,
  trustApplied: undefined,
  bundle: undefined,
  verifyRows: undefined,
  verifyOk: undefined,
}

export const useStagesStore = create<StagesState>()((set) => ({
  ...initialStagesState,
  set: (patch) => set(patch),
}))
