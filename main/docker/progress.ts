/** Progress of long engine work (pull, load, start), sent to the CLI, the IPC job system and tests alike. */
export interface ProgressEvent {
  /** The step: 'preflight' | 'pull' | 'load' | 'certs' | 'create' | 'start' | 'health' ... */
  step: string
  message: string
  /** Layer id during a pull. */
  id?: string | undefined
  current?: number | undefined
  total?: number | undefined
}

export type OnProgress = (event: ProgressEvent) => void

/** Options every long-running docker/* function accepts. */
export interface JobOptions {
  signal?: AbortSignal | undefined
  onProgress?: OnProgress | undefined
}
