import {
  CHANNELS,
  EVENTS,
  ipcChannel,
  ipcEvent,
  type Channel,
  type EventName,
  type Events,
  type RegistryWizardApi,
  type Result,
} from '../main/ipc/contract'

/** Electron's webUtils.getPathForFile (passed in like ipcRenderer): a dropped File's path, '' when it has none. */
export type PathForFile = (file: unknown) => string

/** The slice of ipcRenderer the API needs (passed in, so this file never imports electron). */
export interface IpcRendererLike {
  invoke: (channel: string, ...args: unknown[]) => Promise<unknown>
  on: (channel: string, listener: (event: unknown, ...args: unknown[]) => void) => unknown
  removeListener: (channel: string, listener: (event: unknown, ...args: unknown[]) => void) => unknown
}

/**
 * One function per contract channel (`api.createCa(request)` -> Result), plus `on(event, listener)` which returns
 * its unsubscribe function. Unknown event names are refused; the listener never sees the IPC event object.
 */
export function buildApi(ipc: IpcRendererLike, pathForFile?: PathForFile): RegistryWizardApi {
  const api: Record<string, unknown> = {}
  for (const channel of CHANNELS) {
    api[channel] = (request: unknown) => invoke(ipc, channel, request)
  }
  // A dropped file: the page hands over the File, main gets its path (the page never learns or sends one).
  api['registerDroppedImagesPath'] = (file: unknown) =>
    invoke(ipc, 'registerDroppedImagesPath', { path: droppedPath(file, pathForFile) })
  api['on'] = <E extends EventName>(event: E, listener: (payload: Events[E]) => void): (() => void) => {
    if (!EVENTS.includes(event)) throw new Error(`unknown event ${event}`)
    const wrapped = (_event: unknown, payload: unknown): void => listener(payload as Events[E])
    ipc.on(ipcEvent(event), wrapped)
    return () => {
      ipc.removeListener(ipcEvent(event), wrapped)
    }
  }
  return Object.freeze(api) as RegistryWizardApi
}

function droppedPath(file: unknown, pathForFile: PathForFile | undefined): string {
  if (pathForFile === undefined || typeof file !== 'object' || file === null) return ''
  try {
    return pathForFile(file)
  } catch {
    return ''
  }
}

async function invoke(ipc: IpcRendererLike, channel: Channel, request: unknown): Promise<Result<unknown>> {
  try {
    return (await ipc.invoke(ipcChannel(channel), request)) as Result<unknown>
  } catch (err) {
    // Only when main had no handler or the window is closing: still a Result, never a throw. The code and its
    // detail are what the renderer shows (error.IPC_FAILED); `message` is the raw text, for logs.
    const detail = err instanceof Error ? err.message : String(err)
    return { ok: false, error: { code: 'IPC_FAILED', params: { detail }, message: detail } }
  }
}
