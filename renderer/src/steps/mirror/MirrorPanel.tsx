import { useTranslation } from 'react-i18next'
import type { Plan } from '../../../../main/ipc/contract'
import { ErrorNotice } from '../../components/ErrorNotice'
import { translator } from '../../i18n'
import { MirrorStartForm } from './MirrorStartForm'
import { MirrorStatusCard } from './MirrorStatusCard'
import { useMirrorActions, useMirrorStatus } from './use-mirror'

/**
 * The Docker Hub pull-through mirror beside the registry (main/mirror through IPC): start it with an upstream,
 * its CA file and a password file; then its status, stop, restart and remove. It takes no pushes (said here).
 */
export function MirrorPanel({ plan, certDir }: { plan: Plan; certDir: string }): React.JSX.Element {
  const { t } = useTranslation()
  const { status, refresh } = useMirrorStatus(plan)
  const actions = useMirrorActions(refresh)
  return (
    <section className="card" aria-labelledby="mirror-title" data-panel="mirror">
      <h2 id="mirror-title">{t('mirror.title')}</h2>
      <p className="muted">{t('mirror.intro')}</p>
      {status ? (
        <MirrorStatusCard plan={plan} certDir={certDir} status={status} actions={actions} />
      ) : (
        <MirrorStartForm plan={plan} certDir={certDir} actions={actions} />
      )}
      <ErrorNotice error={actions.error} />
      {actions.done && (
        <p role="status" className="ok">
          {translator().render(actions.done)}
        </p>
      )}
      {actions.notices.map((n) => (
        <p key={n.key} className="notice" data-notice={n.key}>
          {translator().render(n)}
        </p>
      ))}
    </section>
  )
}
