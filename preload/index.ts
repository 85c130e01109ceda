import { contextBridge, ipcRenderer } from 'electron'
import { buildApi } from './build-api'

// The one typed API the renderer sees, built from the contract. Never exposes ipcRenderer itself.
contextBridge.exposeInMainWorld('registryWizard', buildApi(ipcRenderer))
