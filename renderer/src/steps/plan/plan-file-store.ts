import { create } from 'zustand'
import type { ErrorInfo } from '../../../../main/ipc/contract'
import { api } from '../../api'
import { planOf, usePlanStore } from '../../stores/plan-store'

/** What the last Open Plan / Save Plan said: a `gui.planFile.*` key and its params. */
export interface PlanFileNotice {
  key: 'opened' | 'saved'
  path: string
  sections: string[]
}

interface PlanFileState {
  /** The id main gave the file opened or saved last: Save Plan writes that file again. */
  fileId: string | undefined
  notice: PlanFileNotice | undefined
  error: { error: ErrorInfo; during: 'open' | 'save' } | undefined
  busy: boolean
  /** File > Open Plan: main shows the dialog and reads the file; its plan becomes the wizard's (checked and saved). */
  open: () => Promise<void>
  /** File > Save Plan: the wizard's plan into the file opened (its other keys kept), else a file the dialog names. */
  save: () => Promise<void>
  dismiss: () => void
}

export const initialPlanFileState = {
  fileId: undefined,
  notice: undefined,
  error: undefined,
  busy: false,
}

export const usePlanFileStore = create<PlanFileState>()((set, get) => ({
  ...initialPlanFileState,
  open: async () => {
    set({ busy: true, error: undefined, notice: undefined })
    try {
      const r = await api().openPlanFile()
      if (!r.ok) {
        set({ error: { error: r.error, during: 'open' } })
        return
      }
      const file = r.value.file
      if (file === null) return
      usePlanStore.getState().load(file.plan)
      // The Plan step's own checks and the settings, as when the user saves the step.
      await usePlanStore.getState().save()
      set({ fileId: file.id, notice: { key: 'opened', path: file.path, sections: file.sections } })
    } finally {
      set({ busy: false })
    }
  },
  save: async () => {
    set({ busy: true, error: undefined, notice: undefined })
    try {
      const plan = planOf(usePlanStore.getState())
      const r = await api().savePlanFile({
        ...(get().fileId === undefined ? {} : { id: get().fileId }),
        plan,
      })
      if (!r.ok) {
        set({ error: { error: r.error, during: 'save' } })
        return
      }
      const file = r.value.file
      if (file === null) return
      set({ fileId: file.id, notice: { key: 'saved', path: file.path, sections: [] } })
    } finally {
      set({ busy: false })
    }
  },
  dismiss: () => set({ notice: undefined, error: undefined }),
}))
