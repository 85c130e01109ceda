import { contextBridge, ipcRenderer, webUtils } from 'electron'
import { buildApi } from './build-api'

// The one typed API the renderer sees, built from the contract. Never exposes ipcRenderer itself.
// A dropped file's path comes from webUtils here, in the preload: the page only hands over the File.
contextBridge.exposeInMainWorld(
  'registryWizard',
  buildApi(ipcRenderer, (file) => webUtils.getPathForFile(file as File)),
)
