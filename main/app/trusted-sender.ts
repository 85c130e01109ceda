import { pathToFileURL } from 'node:url'

/**
 * Which frames may call IPC: our own renderer only. In production that is the built index.html (file://), in
 * development the electron-vite dev server's origin. Anything else (a navigated-away frame, an iframe) is refused.
 */
export function trustedSenderCheck(
  rendererIndexHtml: string,
  devServerUrl?: string,
): (url: string) => boolean {
  const fileUrl = pathToFileURL(rendererIndexHtml).href
  const devOrigin = devServerUrl ? new URL(devServerUrl).origin : undefined
  return (url: string) => {
    if (url === fileUrl || url.startsWith(`${fileUrl}#`) || url.startsWith(`${fileUrl}?`)) return true
    if (devOrigin === undefined) return false
    try {
      return new URL(url).origin === devOrigin
    } catch {
      return false
    }
  }
}
