export {
  listRemovableDrives,
  pickRemovableDrives,
  parentDisk,
  type DriveSource,
  type RemovableDrive,
} from './list-drives'
export {
  copyBundleToMount,
  describeReadBack,
  driveError,
  verifyFailedError,
  type CopiedBundle,
  type CopyBundleOptions,
} from './copy-bundle'
export { readBack, type ReadBackMethod, type ReadBackOptions } from './read-back'
export { DRIVE_ID, driveId } from './drive-id'
export { checkDriveRoom, readBackSha256 } from './destination'
