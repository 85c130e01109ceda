import { invalidInput } from '../errors'
import { message } from '../messages/index'

/** Docker's own rule for container (and volume) names: a letter or digit, then letters, digits, _ . -; at most 63. */
export const CONTAINER_NAME_RULE = /^[a-zA-Z0-9][a-zA-Z0-9_.-]{0,62}$/

/**
 * The registry container's name, checked before anything is asked of the engine (the CLI and the IPC handlers call
 * the same domain functions, which check it): invalid input naming `field` otherwise.
 */
export function checkContainerName(name: string, field = 'name'): string {
  if (!CONTAINER_NAME_RULE.test(name))
    throw invalidInput(field, name, message('docker.allowed.containerName'), 'INVALID_CONTAINER_NAME')
  return name
}
