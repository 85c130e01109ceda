import { randomBytes } from 'node:crypto'
import { AppError } from '../../errors'
import type { Document } from 'yaml'
import type { PlanFile } from '../../plan/file-schema'
import { guiPlanOf, otherSections, planFileOf } from '../../plan/gui-map'
import { loadPlanFile } from '../../plan/load'
import { savePlanFile } from '../../plan/save'
import type { AllHandlers } from '../register-handlers'
import { dirname } from 'node:path'

/** The native dialogs of File > Open Plan / Save Plan (main/app/plan-dialogs.ts; tests pass their own). */
export interface PlanDialogs {
  openPlan: () => Promise<string | null>
  savePlan: (defaultName: string) => Promise<string | null>
}

interface Known {
  path: string
  plan: PlanFile | undefined
  document: Document | undefined
}

/**
 * Open Plan / Save Plan. The paths stay in main: the window holds an id per file, and a save with that id writes the
 * same file again (atomically, its other keys and comments kept); a save without one asks where with the dialog.
 */
export function planHandlers(dialogs: PlanDialogs): Pick<AllHandlers, 'openPlanFile' | 'savePlanFile'> {
  const files = new Map<string, Known>()
  const remember = (known: Known): string => {
    const id = `plan-${randomBytes(8).toString('hex')}`
    files.set(id, known)
    return id
  }
  return {
    openPlanFile: async () => {
      const path = await dialogs.openPlan()
      if (path === null) return { file: null }
      const loaded = await loadPlanFile(path)
      const id = remember({ path: loaded.file, plan: loaded.plan, document: loaded.document })
      const plan = guiPlanOf(loaded.plan, loaded.baseDir)
      return { file: { id, path: loaded.file, plan, sections: otherSections(loaded.plan) } }
    },
    savePlanFile: async ({ id, plan }) => {
      let known = id === undefined ? undefined : files.get(id)
      if (id !== undefined && known === undefined)
        throw new AppError({ code: 'PLAN_FILE_UNKNOWN', kind: 'input', field: 'id', params: { id } })
      let fileId = id
      if (known === undefined) {
        const path = await dialogs.savePlan('registry-plan.yaml')
        if (path === null) return { file: null }
        known = { path, plan: undefined, document: undefined }
        fileId = remember(known)
      }
      const next = planFileOf(plan, dirname(known.path), known.plan)
      await savePlanFile(known.path, next, known.document)
      // The next save compares with what is in the file now.
      const reread = await loadPlanFile(known.path)
      files.set(fileId as string, { path: known.path, plan: reread.plan, document: reread.document })
      return { file: { id: fileId as string, path: known.path } }
    },
  }
}
