/**
 * Compile-time checks that a domain constant lists exactly the values of a database enum (Prisma's
 * generated `$Enums`): `satisfies readonly $Enums.X[]` refuses a value the database lacks, and
 * `Same<…>` a database value the constant lacks. Types only: nothing here reaches the browser.
 */
export type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;

/** Fails to compile unless its argument is `true`. */
export type Assert<T extends true> = T;
