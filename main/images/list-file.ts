// STUB (lead): helper B replaces the body. A list of images, one reference per line (like k3s-images.txt).

/** The references of a list file: blank lines and `#` comments skipped; a bad line is an input error naming it. */
export function readImageList(path: string): Promise<string[]> {
  void path
  return Promise.reject(new Error('readImageList: not built yet'))
}
