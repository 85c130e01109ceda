import { useEffect, useRef } from 'react'
import { useTranslation } from 'react-i18next'
import { ErrorNotice } from '../components/ErrorNotice'
import { routeError } from '../lib/field-errors'
import { useFocusFirstInvalid } from '../lib/focus'
import { useAppStore } from '../stores/app-store'
import { usePlanStore } from '../stores/plan-store'
import { AddressesCard } from './plan/AddressesCard'
import { DockerCard } from './plan/DockerCard'

/** The request fields of the plan (Plan) the step's controls edit; any other goes by the Save button. */
export const PLAN_CONTROLS = ['addresses', 'port', 'docker.url']

/** Where the registry lives and how clients reach it: addresses and port, then the Docker engine. */
export function PlanStep(): React.JSX.Element {
  const { t } = useTranslation()
  const save = usePlanStore((s) => s.save)
  const busy = usePlanStore((s) => s.busy)
  const error = usePlanStore((s) => s.error)
  const go = useAppStore((s) => s.go)
  const loadMachine = usePlanStore((s) => s.loadMachine)
  const formRef = useRef<HTMLFormElement>(null)
  useFocusFirstInvalid(formRef, error)
  useEffect(() => {
    void loadMachine()
  }, [loadMachine])
  const next = async (): Promise<void> => {
    if (await save()) go('certificates')
  }
  const errors = routeError(error, PLAN_CONTROLS)
  return (
    <form ref={formRef} className="step" onSubmit={(e) => (e.preventDefault(), void next())} noValidate>
      <AddressesCard errors={errors} />
      <DockerCard errors={errors} />
      <ErrorNotice error={errors.rest} />
      <footer className="step-actions">
        <button type="submit" className="btn btn-primary" disabled={busy}>
          {t('plan.next')}
        </button>
      </footer>
    </form>
  )
}
