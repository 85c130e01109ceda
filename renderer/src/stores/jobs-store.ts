import { create } from 'zustand'
import type { JobProgress, LayerProgress } from '../../../main/ipc/contract'

interface JobsState {
  progress: Record<string, JobProgress>
  logs: Record<string, string[]>
  /** Image layers of a pull, per job, in the order they first appeared. */
  layers: Record<string, LayerProgress[]>
  onProgress: (p: JobProgress) => void
  onLog: (jobId: string, line: string) => void
  onLayer: (jobId: string, layer: LayerProgress) => void
  clear: (jobId: string) => void
}

/** Progress and log lines per job id, fed by the event subscriptions started in main.tsx. */
export const useJobsStore = create<JobsState>()((set) => ({
  progress: {},
  logs: {},
  layers: {},
  onProgress: (p) => set((s) => ({ progress: { ...s.progress, [p.jobId]: p } })),
  onLog: (jobId, line) =>
    set((s) => ({ logs: { ...s.logs, [jobId]: [...(s.logs[jobId] ?? []), line].slice(-500) } })),
  onLayer: (jobId, layer) =>
    set((s) => {
      const list = s.layers[jobId] ?? []
      const i = list.findIndex((l) => l.id === layer.id)
      return {
        layers: {
          ...s.layers,
          [jobId]: i < 0 ? [...list, layer] : list.map((l, j) => (j === i ? layer : l)),
        },
      }
    }),
  clear: (jobId) =>
    set((s) => {
      const { [jobId]: _p, ...progress } = s.progress
      const { [jobId]: _l, ...logs } = s.logs
      const { [jobId]: _y, ...layers } = s.layers
      return { progress, logs, layers }
    }),
}))
