import { useRef, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { TextField } from '../../components/Field'
import { routeError } from '../../lib/field-errors'
import { useFocusFirstInvalid } from '../../lib/focus'
import { useAppStore } from '../../stores/app-store'
import { useCertsStore } from '../../stores/certs-store'

/** The request field (OpenCaRequest) this form's control edits. */
export const OPEN_CA_CONTROLS = ['dir']

export function OpenCa({ defaultDir }: { defaultDir: string }): React.JSX.Element {
  const { t } = useTranslation()
  const { openCa, busy } = useCertsStore()
  const caError = useCertsStore((s) => s.caError)
  const formRef = useRef<HTMLFormElement>(null)
  useFocusFirstInvalid(formRef, caError)
  const known = useAppStore((s) => s.settings?.knownCas ?? [])
  const [dir, setDir] = useState(known[0]?.dir ?? defaultDir)
  return (
    <form ref={formRef} onSubmit={(e) => (e.preventDefault(), void openCa(dir))} noValidate>
      <TextField
        id="open-dir"
        label={t('certs.ca.dir')}
        value={dir}
        onChange={setDir}
        browse="folder"
        error={routeError(caError, OPEN_CA_CONTROLS).at('dir')}
      />
      {known.length > 0 && (
        <div className="offered">
          <span className="muted">{t('certs.ca.known')}</span>
          {known.map((k) => (
            <button type="button" key={k.dir} className="btn btn-chip" onClick={() => setDir(k.dir)}>
              {k.subject.replace(/^CN=/, '')}
            </button>
          ))}
        </div>
      )}
      <button type="submit" className="btn btn-primary" disabled={busy !== undefined}>
        {t('certs.ca.open')}
      </button>
    </form>
  )
}
