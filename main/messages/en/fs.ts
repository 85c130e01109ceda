// File-system failures (main/fs/errno.ts): one code per errno for every caller (CA folders, trust store files, the
// bundle's out folder). `action`, `at` and `undone` are messages from the `fs` namespace below.

const where = '{{field}}: cannot {{action}} {{path}}:'

export const fsErrors = {
  PATH_NOT_A_FOLDER: {
    message: `${where} a part of this path is a file, not a folder{{at}} [{{errno}}]`,
    hint: 'Choose a path whose parent folders are all folders. {{undone}}',
  },
  PATH_IS_A_FILE: {
    message: `${where} it exists and is a file, not a folder{{at}} [{{errno}}]`,
    hint: 'Give a folder (a new one is created when it does not exist), or move the file away. {{undone}}',
  },
  PATH_IS_A_FOLDER: {
    message: `${where} it is a folder, but a file was expected there{{at}} [{{errno}}]`,
    hint: 'Check the path: a file was expected there. {{undone}}',
  },
  PATH_TOO_LONG: {
    message: `${where} the path is too long (at most 255 bytes per name and 4095 bytes in all){{at}} [{{errno}}]`,
    hint: 'Choose a shorter folder or registry name. {{undone}}',
  },
  PATH_PERMISSION_DENIED: {
    message: `${where} permission denied: this user may not write there{{at}} [{{errno}}]`,
    hint: 'Choose a folder this user can write, or run as a user who may write there (e.g. root). {{undone}}',
  },
  PATH_NOT_PERMITTED: {
    message: `${where} the operation is not permitted there (an immutable or protected folder?){{at}} [{{errno}}]`,
    hint: 'Choose another folder (check `lsattr` for the immutable flag). {{undone}}',
  },
  PATH_READ_ONLY: {
    message: `${where} the file system is read-only{{at}} [{{errno}}]`,
    hint: 'Choose a folder on a writable file system. {{undone}}',
  },
  PATH_NO_SPACE: {
    message: `${where} the disk is full{{at}} [{{errno}}]`,
    hint: 'Free some space or choose another disk. {{undone}}',
  },
  PATH_QUOTA: {
    message: `${where} the disk quota is exceeded{{at}} [{{errno}}]`,
    hint: 'Free some space or choose another disk. {{undone}}',
  },
  PATH_NOT_FOUND: {
    message: `${where} no such folder, or the place cannot hold files{{at}} [{{errno}}]`,
    hint: 'Give an existing folder on a normal file system (not /proc, /sys or /dev). {{undone}}',
  },
  PATH_SYMLINK_LOOP: {
    message: `${where} the path has a loop of symbolic links{{at}} [{{errno}}]`,
    hint: 'Choose a path without a symlink loop. {{undone}}',
  },
  PATH_FAILED: {
    message: `${where} {{detail}}{{at}} [{{errno}}]`,
    hint: 'Check the path and its permissions. {{undone}}',
  },
} as const

/** The parts of those messages. */
export const fsTexts = {
  action: {
    use: 'use',
    write: 'write',
    remove: 'remove',
    replace: 'replace',
    createFolder: 'create the folder',
    createTempIn: 'create a temporary folder in',
    runFor: 'run a command for',
  },
  at: ' (at {{dir}})',
  undone: {
    nothing: 'Nothing was changed.',
    putBack: 'Nothing was changed (the files written before it were put back).',
    putBackRan: 'The files written before it were put back; already run: {{commands}}.',
    partial:
      'Some earlier changes could not be put back: run the uninstall, or check the paths a dry run lists.',
  },
} as const
