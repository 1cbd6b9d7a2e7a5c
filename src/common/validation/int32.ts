/** The largest value of a PostgreSQL integer column: larger numbers are refused before it (400). */
export const MAX_INT32 = 2_147_483_647;
