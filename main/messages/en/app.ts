// The app's own words: the menu bar and the About dialog (namespace `menu`), what a request field allows when the
// IPC refuses it (namespace `input`, the `allowed` of INVALID_INPUT), and the errors of the Electron glue itself.

/** Error codes of the app glue (main/ipc/register-handlers.ts, preload). */
export const appErrors = {
  UNTRUSTED_SENDER: {
    message: 'The request did not come from the app window.',
    hint: 'Nothing was done. Restart the app if this keeps happening.',
  },
  IPC_FAILED: {
    message: 'The window could not reach the app: {{detail}}',
    hint: 'Restart the app; if it keeps failing, see the log file.',
  },
} as const

/** The menu bar (main/app/menu.ts) and Help > About. `{{appName}}` is gui.app.name. */
export const appMenu = {
  app: {
    label: '{{appName}}',
    about: 'About {{appName}}',
    services: 'Services',
    hide: 'Hide {{appName}}',
    hideOthers: 'Hide Others',
    unhide: 'Show All',
    quit: 'Quit {{appName}}',
  },
  file: {
    label: 'File',
    home: 'Home',
    close: 'Close Window',
    quit: 'Quit',
  },
  edit: {
    label: 'Edit',
    undo: 'Undo',
    redo: 'Redo',
    cut: 'Cut',
    copy: 'Copy',
    paste: 'Paste',
    selectAll: 'Select All',
  },
  view: {
    label: 'View',
    english: 'English',
    chinese: '简体中文',
    resetZoom: 'Actual Size',
    zoomIn: 'Zoom In',
    zoomOut: 'Zoom Out',
    devTools: 'Toggle Developer Tools',
  },
  help: {
    label: 'Help',
    openLogs: 'Open Log Folder',
    about: 'About {{appName}}',
  },
  about: {
    title: 'About {{appName}}',
    heading: '{{appName}} {{version}}',
    description:
      'Guided, verified setup of a private Docker registry with TLS that every Docker client trusts.',
    versions: 'Electron {{electron}} · Chromium {{chrome}} · Node.js {{node}}',
    license: 'By {{author}}. Released under the {{license}} license.',
    ok: 'OK',
    openLogs: 'Open Log Folder',
  },
} as const

/** What a request field allows, for the schemas' own rules (main/ipc/schemas.ts, main/plan/schema.ts). */
export const appInput = {
  allowed: {
    wholeNumber: 'a whole number from 1 to {{max}}',
    jobId: 'a job id of 1-64 letters, digits, - or _',
    user: 'a user name of 1-64 letters, digits, . _ or -',
    bundleId: 'the id of a bundle this app exported',
    driveId: 'the id of a listed drive',
    pushNeedsDocker: 'the push/pull round trip needs the planned Docker engine',
    port: 'a port from 1 to 65535',
    sshUrl: 'an ssh://user@host[:port] URL',
    tcpUrl: 'a tcp://host:port URL',
    dockerKind: 'an engine on this machine, over ssh:// or over tcp://',
  },
} as const
