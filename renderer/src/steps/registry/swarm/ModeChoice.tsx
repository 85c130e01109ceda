import { useTranslation } from 'react-i18next'
import { RadioOption } from '../../../components/Field'

export type RegistryMode = 'container' | 'swarm'

/** "Single container" or "Docker Swarm service": offered only when the engine is a Swarm manager. */
export function ModeChoice(props: {
  mode: RegistryMode
  onChange: (m: RegistryMode) => void
}): React.JSX.Element {
  const { t } = useTranslation()
  const option = (value: RegistryMode, label: string): React.JSX.Element => (
    <RadioOption
      name="registry-mode"
      value={value}
      checked={props.mode === value}
      onSelect={props.onChange}
      label={label}
    />
  )
  return (
    <fieldset className="card" aria-describedby="registry-mode-hint">
      <legend>{t('swarm.mode')}</legend>
      {option('container', t('swarm.single'))}
      {option('swarm', t('swarm.swarm'))}
      <p id="registry-mode-hint" className="muted">
        {t('swarm.swarmHint')}
      </p>
    </fieldset>
  )
}
