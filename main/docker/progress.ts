import type { Message } from '../messages/index'

/** Progress of long engine work (pull, load, start), sent to the CLI, the IPC job system and tests alike. */
export interface ProgressEvent {
  /** The step: 'preflight' | 'pull' | 'load' | 'certs' | 'create' | 'start' | 'health' ... */
  step: string
  /** What happens, as a catalogue message (`progress.registry.*`): each front end renders it in its language. */
  message: Message
  /** Layer id during a pull. */
  id?: string | undefined
  /** The engine's own status text of a pulled layer ("Downloading", "Pull complete"): data, as the engine wrote it. */
  status?: string | undefined
  current?: number | undefined
  total?: number | undefined
}

export type OnProgress = (event: ProgressEvent) => void

/** Options every long-running docker/* function accepts. */
export interface JobOptions {
  signal?: AbortSignal | undefined
  onProgress?: OnProgress | undefined
}

/** A `progress.registry.*` message. */
export function progressMessage(key: string, params?: Message['params']): Message {
  return params === undefined
    ? { key: `progress.registry.${key}` }
    : { key: `progress.registry.${key}`, params }
}
