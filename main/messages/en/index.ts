// The English catalogue: every text the app shows, one object assembled from this folder's section files.
import { assemble } from '../assemble'
import * as sections from './sections'

export const en = assemble(sections)
