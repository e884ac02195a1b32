/**
 * How log-in attempts are throttled (docs/SECURITY.md). Every attempt is counted before its
 * password is checked, so parallel guesses cannot slip past a limit between check and count.
 *
 * - One account from one address: a strict limit, then a wait until the window ends.
 * - One address, any accounts (password spraying): a looser limit, for shared networks.
 * - One account from anywhere: no hard lock, which would let anyone lock the owner out by
 *   failing on purpose. Past a threshold each further attempt must wait a delay that doubles,
 *   up to a short cap; the owner, from their own address, waits at most that long.
 */
export const LOGIN_WINDOW_MS = 15 * 60 * 1000;

/** Attempts on one account from one address per window. */
export const LOGIN_ATTEMPTS_PER_ACCOUNT_AND_ADDRESS = 5;

/** Attempts from one address, whatever the accounts, per window. */
export const LOGIN_ATTEMPTS_PER_ADDRESS = 30;

/** Attempts on one account from any addresses per window before attempts are spaced out. */
export const LOGIN_ATTEMPTS_PER_ACCOUNT_BEFORE_DELAY = 10;

/** The longest wait between two attempts on one account. */
export const LOGIN_MAX_DELAY_SECONDS = 60;

/**
 * The wait before the next attempt on an account that has had `attempts` in the window: none
 * up to the threshold, then 2 s, 4 s, 8 s… up to the cap.
 */
export function accountDelaySeconds(attempts: number): number {
  const over = attempts - LOGIN_ATTEMPTS_PER_ACCOUNT_BEFORE_DELAY;
  if (over <= 0) return 0;
  return Math.min(LOGIN_MAX_DELAY_SECONDS, 2 ** Math.min(over, 16));
}

/** Sign-ups from one address per hour (a classroom behind one address signs up together). */
export const SIGNUPS_PER_ADDRESS_PER_HOUR = 30;
