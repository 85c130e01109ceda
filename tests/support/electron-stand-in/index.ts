/**
 * A stand-in for the `electron` module, so the REAL preload and the REAL ipcMain handlers run together in one Node
 * process (the Electron binary cannot be downloaded on these machines). `ipcRenderer.invoke` goes to the handler
 * that `ipcMain.handle` registered, with arguments and results passed through structuredClone as Electron's IPC
 * does; `webContents.send` reaches the `ipcRenderer.on` listeners; `contextBridge.exposeInMainWorld` records the
 * API the preload exposes. Tests: `vi.mock('electron', () => import('tests/support/electron-stand-in'))`.
 */
type Listener = (event: unknown, ...args: unknown[]) => void
type InvokeHandler = (event: unknown, ...args: unknown[]) => unknown

export interface SenderFrame {
  url: string
  top: boolean
}

const handlers = new Map<string, InvokeHandler>()
const rendererListeners = new Map<string, Set<Listener>>()
const exposedApis = new Map<string, unknown>()
let sender: SenderFrame = { url: 'about:blank', top: true }

/** Runs `fn` as if the call came from the given frame; invoke reads the frame synchronously when called. */
export function withSender<T>(frame: SenderFrame, fn: () => T): T {
  const previous = sender
  sender = frame
  try {
    return fn()
  } finally {
    sender = previous
  }
}

export function exposed(key: string): unknown {
  return exposedApis.get(key)
}

export function reset(): void {
  handlers.clear()
  rendererListeners.clear()
  exposedApis.clear()
  Menu.applicationMenu = undefined
  shell.opened.length = 0
  dialog.shown.length = 0
  dialog.answers.length = 0
  webUtils.paths.clear()
}

/**
 * Electron's webUtils: `getPathForFile(file)` is a dropped File's path on disk. Here a test sets `paths` (file name ->
 * path it stands for); the page bridge passes a dropped File as `{ name, size }`. Unknown files give '' as Electron
 * does for a File that is no file on disk.
 */
export const webUtils = {
  paths: new Map<string, string>(),
  getPathForFile(file: { name?: unknown }): string {
    return typeof file.name === 'string' ? (webUtils.paths.get(file.name) ?? '') : ''
  },
}

export const webContents = {
  send(channel: string, ...args: unknown[]): void {
    for (const l of rendererListeners.get(channel) ?? []) l({ sender: undefined }, ...structuredClone(args))
  },
  isDestroyed: (): boolean => false,
}

export const ipcMain = {
  handle(channel: string, handler: InvokeHandler): void {
    if (handlers.has(channel)) throw new Error(`Attempted to register a second handler for '${channel}'`)
    handlers.set(channel, handler)
  },
  removeHandler(channel: string): void {
    handlers.delete(channel)
  },
}

export const ipcRenderer = {
  async invoke(channel: string, ...args: unknown[]): Promise<unknown> {
    const frame = sender
    const handler = handlers.get(channel)
    if (!handler)
      throw new Error(
        `Error invoking remote method '${channel}': Error: No handler registered for '${channel}'`,
      )
    const event = { sender: webContents, senderFrame: { url: frame.url, parent: frame.top ? null : {} } }
    return structuredClone(await handler(event, ...structuredClone(args)))
  },
  on(channel: string, listener: Listener): void {
    const set = rendererListeners.get(channel) ?? new Set()
    set.add(listener)
    rendererListeners.set(channel, set)
  },
  removeListener(channel: string, listener: Listener): void {
    rendererListeners.get(channel)?.delete(listener)
  },
  listenerCount(channel: string): number {
    return rendererListeners.get(channel)?.size ?? 0
  },
}

export const contextBridge = {
  exposeInMainWorld(key: string, api: unknown): void {
    exposedApis.set(key, api)
  },
}

type ContentsListener = (event: { preventDefault: () => void }, ...args: unknown[]) => void

/** Records what main/app/window.ts gives a window: its options, its webContents listeners and window-open handler. */
export class BrowserWindow {
  static created: BrowserWindow[] = []
  readonly listeners = new Map<string, ContentsListener[]>()
  windowOpenHandler: ((details: { url: string }) => { action: string }) | undefined
  loaded: string | undefined
  readonly webContents = {
    on: (name: string, l: ContentsListener): void => {
      this.listeners.set(name, [...(this.listeners.get(name) ?? []), l])
    },
    setWindowOpenHandler: (h: (details: { url: string }) => { action: string }): void => {
      this.windowOpenHandler = h
    },
  }
  constructor(readonly options: Record<string, unknown>) {
    BrowserWindow.created.push(this)
  }
  once(): void {}
  show(): void {}
  loadFile(path: string): Promise<void> {
    this.loaded = path
    return Promise.resolve()
  }
  loadURL(url: string): Promise<void> {
    this.loaded = url
    return Promise.resolve()
  }
  /** Fires a webContents event the way Electron would; returns true when a listener prevented it. */
  fire(name: string, ...args: unknown[]): boolean {
    let prevented = false
    for (const l of this.listeners.get(name) ?? []) l({ preventDefault: () => (prevented = true) }, ...args)
    return prevented
  }
}

/** What main/app/menu.ts uses of `app`. */
export const app = { isPackaged: false }

/** Records the application menu: `buildFromTemplate` keeps the template as it is (tests walk it). */
export const Menu = {
  applicationMenu: undefined as { template: unknown[] } | undefined,
  buildFromTemplate(template: unknown[]): { template: unknown[] } {
    return { template }
  },
  setApplicationMenu(menu: { template: unknown[] } | null): void {
    Menu.applicationMenu = menu ?? undefined
  },
}

/** Records what main asked the OS to open (folders and URLs). */
export const shell = {
  opened: [] as string[],
  openPath(path: string): Promise<string> {
    shell.opened.push(path)
    return Promise.resolve('')
  },
  openExternal(url: string): Promise<void> {
    shell.opened.push(url)
    return Promise.resolve()
  },
}

/** Message boxes: each shown box is recorded; it answers the next of `answers` (default 0, the first button). */
export const dialog = {
  shown: [] as Record<string, unknown>[],
  answers: [] as number[],
  showMessageBox(...args: unknown[]): Promise<{ response: number; checkboxChecked: boolean }> {
    dialog.shown.push(args[args.length - 1] as Record<string, unknown>)
    return Promise.resolve({ response: dialog.answers.shift() ?? 0, checkboxChecked: false })
  },
}

export default {
  ipcMain,
  ipcRenderer,
  contextBridge,
  webContents,
  webUtils,
  BrowserWindow,
  app,
  Menu,
  shell,
  dialog,
}
