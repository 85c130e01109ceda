import { useEffect, type RefObject } from 'react'

/**
 * When a new error arrives, focus moves to the first control the form marks invalid (`aria-invalid="true"`), so a
 * keyboard or screen-reader user lands on what to fix; an error no control claims leaves focus by its button.
 */
export function useFocusFirstInvalid(form: RefObject<HTMLElement | null>, error: unknown): void {
  useEffect(() => {
    if (error === undefined) return
    form.current?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus()
  }, [error, form])
}
