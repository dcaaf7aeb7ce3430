/** True when a write failed on a primary or unique key already taken (MySQL/MariaDB 1062, SQLite constraint). */
export function isDuplicateKey(e: unknown): boolean {
  const err = e as { code?: string; errno?: number; driverError?: { code?: string; errno?: number } };
  const code = err.driverError?.code ?? err.code ?? '';
  const errno = err.driverError?.errno ?? err.errno;
  return code === 'ER_DUP_ENTRY' || errno === 1062 || code === 'SQLITE_CONSTRAINT_PRIMARYKEY' || code === 'SQLITE_CONSTRAINT_UNIQUE';
}
