import * as Tabs from '@radix-ui/react-tabs'
import { useTranslation } from 'react-i18next'
import { ErrorNotice } from '../../components/ErrorNotice'
import { JobProgress } from '../../components/ProgressBar'
import { routeError } from '../../lib/field-errors'
import { joinPath } from '../../lib/paths'
import { useAppStore } from '../../stores/app-store'
import { useCertsStore, type CaMode } from '../../stores/certs-store'
import { CreateCa, CREATE_CA_CONTROLS } from './CreateCa'
import { ImportCa, IMPORT_CA_CONTROLS } from './ImportCa'
import { OpenCa, OPEN_CA_CONTROLS } from './OpenCa'

const MODES: CaMode[] = ['create', 'import', 'open']
/** Per CA tab, the request fields its controls edit; an error for any other field is shown by the tab's button. */
const CONTROLS: Record<CaMode, readonly string[]> = {
  create: CREATE_CA_CONTROLS,
  import: IMPORT_CA_CONTROLS,
  open: OPEN_CA_CONTROLS,
}

/** No CA yet: create, import or open one, in tabs (WAI-ARIA tabs with arrow keys, from Radix). */
export function CaSetup(): React.JSX.Element {
  const { t } = useTranslation()
  const defaultDir = joinPath(
    useAppStore((s) => s.info?.defaultWorkDir ?? ''),
    'ca',
  )
  const { mode, setMode, busy, jobId } = useCertsStore()
  const caError = useCertsStore((s) => s.caError)
  return (
    <section className="card" aria-labelledby="ca-title">
      <h2 id="ca-title">{t('certs.ca.title')}</h2>
      <p className="muted">{t('certs.ca.help')}</p>
      <Tabs.Root value={mode} onValueChange={(m) => setMode(m as CaMode)}>
        <Tabs.List className="tabs" aria-label={t('certs.ca.title')}>
          {MODES.map((m) => (
            <Tabs.Trigger key={m} value={m} className={`tab${mode === m ? ' tab-on' : ''}`}>
              {t(`certs.ca.mode.${m}`)}
            </Tabs.Trigger>
          ))}
        </Tabs.List>
        <Tabs.Content value="create">
          <CreateCa defaultDir={defaultDir} />
        </Tabs.Content>
        <Tabs.Content value="import">
          <ImportCa defaultDir={defaultDir} />
        </Tabs.Content>
        <Tabs.Content value="open">
          <OpenCa defaultDir={defaultDir} />
        </Tabs.Content>
      </Tabs.Root>
      <JobProgress
        jobId={busy === 'ca' ? jobId : undefined}
        label={t('certs.ca.creating')}
        channel="createCa"
      />
      <ErrorNotice error={routeError(caError, CONTROLS[mode]).rest} />
    </section>
  )
}
