import { contextBridge } from 'electron'

// The one typed API the renderer sees (grown by the wizard issue). Never exposes ipcRenderer itself.
contextBridge.exposeInMainWorld('registryWizard', { version: '0.1.0' })
