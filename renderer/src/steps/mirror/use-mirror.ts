import { useState } from 'react'
import type { ErrorInfo, MirrorStatusInfo, Plan, Result } from '../../../../main/ipc/contract'
import type { Message } from '../../../../main/messages/types'
import { newJobId } from '../../lib/job-id'
import { usePolledStatus } from '../../lib/use-polled-status'

export type MirrorAction = 'start' | 'stop' | 'restart' | 'remove'

/** The mirror's status: read at once and every pollMs; null when no mirror container is there. */
export function useMirrorStatus(
  plan: Plan,
  pollMs = 5000,
): { status: MirrorStatusInfo | null | undefined; refresh: () => Promise<void> } {
  return usePolledStatus('mirrorStatus', plan, { pollMs })
}

export interface MirrorActions {
  busy: { action: MirrorAction; jobId: string } | undefined
  error: ErrorInfo | undefined
  done: Message | undefined
  /** What the last action's result asked the user to know (a start's notices). */
  notices: Message[]
  run: <T>(
    action: MirrorAction,
    call: (jobId: string) => Promise<Result<T>>,
    done: (value: T) => Message,
    notices?: (value: T) => Message[],
  ) => Promise<void>
}

/** One action at a time: its job id, then the error or the line it ends with, then a fresh status read. */
export function useMirrorActions(refresh: () => Promise<void>): MirrorActions {
  const [busy, setBusy] = useState<MirrorActions['busy']>()
  const [error, setError] = useState<ErrorInfo>()
  const [done, setDone] = useState<Message>()
  const [notices, setNotices] = useState<Message[]>([])
  const run: MirrorActions['run'] = async (action, call, doneLine, noticesOf) => {
    const jobId = newJobId(`mirror-${action}`)
    setBusy({ action, jobId })
    setError(undefined)
    setDone(undefined)
    setNotices([])
    const r = await call(jobId)
    setBusy(undefined)
    if (r.ok) {
      setDone(doneLine(r.value))
      setNotices(noticesOf?.(r.value) ?? [])
    } else setError(r.error)
    await refresh()
  }
  return { busy, error, done, notices, run }
}

export const guiMessage = (key: string, params?: Message['params']): Message =>
  params === undefined ? { key: `gui.mirror.${key}` } : { key: `gui.mirror.${key}`, params }
