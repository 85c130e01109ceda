import { useMemo } from 'react'
import { useTranslation } from 'react-i18next'
import type { ImagesRegistryRef } from '../../../main/ipc/contract'
import { useImagesStore } from '../stores/images-store'
import { ArchivePicker } from './images/ArchivePicker'
import { ArchiveTables } from './images/ArchiveTable'
import { ExportPanel } from './images/ExportPanel'
import { LoginFields } from './images/LoginFields'
import { PushedListing } from './images/PushedListing'
import { PushPanel } from './images/PushPanel'
import { useTransferEvents } from './images/TransferBars'
import { NeedCertificate } from './NeedCertificate'
import { useTarget } from './use-target'

/** Images across the air gap: pick archives, see what they hold, push them, see them in the registry, export. */
export function ImagesStep(): React.JSX.Element {
  const target = useTarget()
  const host = target?.host
  const port = target?.port
  const caCertPath = target?.caCertPath
  const registry = useMemo<ImagesRegistryRef | undefined>(
    () => (host && port && caCertPath ? { host, port, caCertPath } : undefined),
    [host, port, caCertPath],
  )
  useTransferEvents()
  if (!registry) return <NeedCertificate />
  return <ImagesPanels target={registry} />
}

function ImagesPanels({ target }: { target: ImagesRegistryRef }): React.JSX.Element {
  const { t } = useTranslation()
  const busy = useImagesStore((s) => s.importJob !== undefined)
  return (
    <div className="step">
      <p className="muted mono">
        {t('images.target', {
          target: `${target.host.includes(':') ? `[${target.host}]` : target.host}:${target.port}`,
        })}
      </p>
      <LoginFields />
      <ArchivePicker busy={busy} />
      <ArchiveTables />
      <PushPanel target={target} />
      <PushedListing target={target} />
      <ExportPanel target={target} />
    </div>
  )
}
