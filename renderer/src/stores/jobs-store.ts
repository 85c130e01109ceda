import { create } from 'zustand'
import type { JobProgress } from '../../../main/ipc/contract'

interface JobsState {
  progress: Record<string, JobProgress>
  logs: Record<string, string[]>
  onProgress: (p: JobProgress) => void
  onLog: (jobId: string, line: string) => void
  clear: (jobId: string) => void
}

/** Progress and log lines per job id, fed by the event subscriptions started in main.tsx. */
export const useJobsStore = create<JobsState>()((set) => ({
  progress: {},
  logs: {},
  onProgress: (p) => set((s) => ({ progress: { ...s.progress, [p.jobId]: p } })),
  onLog: (jobId, line) => set((s) => ({ logs: { ...s.logs, [jobId]: [...(s.logs[jobId] ?? []), line].slice(-500) } })),
  clear: (jobId) =>
    set((s) => {
      const { [jobId]: _p, ...progress } = s.progress
      const { [jobId]: _l, ...logs } = s.logs
      return { progress, logs }
    }),
}))
