/**
 * How log-in attempts are throttled (docs/SECURITY.md). Every attempt is counted before its
 * password is checked, so parallel guesses cannot slip past a limit between check and count.
 *
 * - One account from one address: a strict limit, then a wait until the window ends.
 * - One address, any accounts (password spraying): a looser limit, for shared networks.
 * - One account from anywhere: no hard lock, which would let anyone lock the owner out by
 *   failing on purpose. Past a threshold attempts take turns, one per delay that doubles up to
 *   a short cap; an attempt refused for its turn gives back the tries it took from its account
 *   and address, so waiting costs the owner nothing.
 * Addresses are counted per IPv6 /64 (what one subscriber is given), IPv4 addresses whole.
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

/** The address a throttle counts: an IPv6 address by its /64, anything else as it is. */
export function throttledAddress(address: string): string {
  const ip = address.replace(/%.*$/, "").toLowerCase();
  if (!ip.includes(":") || /^::ffff:\d+\.\d+\.\d+\.\d+$/.test(ip)) return ip.replace(/^::ffff:/, "");
  const [head = "", tail] = ip.split("::");
  const headGroups = head ? head.split(":") : [];
  const tailGroups = tail ? tail.split(":") : [];
  const groups = tail === undefined ? headGroups : [...headGroups, ...Array<string>(Math.max(0, 8 - headGroups.length - tailGroups.length)).fill("0"), ...tailGroups];
  return `${groups
    .slice(0, 4)
    .map((group) => (/^[0-9a-f]{1,4}$/.test(group) ? parseInt(group, 16).toString(16) : group))
    .join(":")}::/64`;
}
