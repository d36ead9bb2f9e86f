// Exit codes shared by every command (see the CLI contract): scripts and CI branch on them.
export const EXIT_OK = 0;
/** Invalid input or a failed check. */
export const EXIT_ERROR = 1;
/** Something is pending: the plan has changes, or signatures are still missing. */
export const EXIT_PENDING = 2;
